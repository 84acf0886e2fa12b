"""Read-side queries over many sessions: the `sessions list` summaries and the score
history progress is computed from. Both are single SQL statements (no per-session loads;
the statements and the score rows are in listing_sql.py, which loads no pydantic).

Every row is validated (the same limits as a loaded session) before it is used: a row
damaged by hand-editing or an old bug is reported with its session id, and the rest still
lists. SessionStore runs them (SessionQueriesMixin)."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from interviewer.domain.limits import Name, SessionId
from interviewer.domain.session import Mode, SessionStatus
from interviewer.store.db import translate_errors
from interviewer.store.listing_sql import (
    SCORE_HISTORY_SQL,
    SUMMARY_SQL,
    ScoreRow,
    score_row,
)
from interviewer.text_safety import one_line


class SessionSummary(BaseModel):
    """One line of `sessions list`: enough to choose a session without loading it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: SessionId
    created_at: datetime
    updated_at: datetime
    deck: Name
    mode: Mode
    status: SessionStatus
    n_questions: int = Field(ge=0)
    n_answered: int = Field(ge=0)    # questions with at least one typed answer
    score: float | None              # as the report computes it; None before anything is graded
    backend: Name
    model: Name | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(), "deck": self.deck, "mode": self.mode,
            "status": self.status, "n_questions": self.n_questions, "n_answered": self.n_answered,
            "score": self.score, "backend": self.backend, "model": self.model,
        }


@dataclass(frozen=True)
class DamagedRow:
    """A stored session whose row cannot be read: which one, and what is wrong with it."""

    session_id: str          # as stored (may itself be the damaged part: show it cleaned)
    problem: str

    def __str__(self) -> str:
        return (f"session {one_line(repr(self.session_id), 90)} cannot be read ({self.problem}); "
                "was the file edited by hand? The other sessions are unaffected.")


class SessionListing(list):
    """The readable summaries (a list), and the rows that could not be read (`damaged`)."""

    def __init__(self, items=(), damaged=()):
        super().__init__(items)
        self.damaged: list[DamagedRow] = list(damaged)


def first_problem(exc: ValidationError) -> str:
    """'created_at: Input should be a valid datetime' (the first error, one line)."""
    first = exc.errors(include_url=False)[0]
    where = ".".join(str(p) for p in first["loc"])
    return one_line(f"{where}: {first['msg']}" if where else first["msg"], 160)


def summary_from_row(row: tuple) -> SessionSummary:
    """A SessionSummary from a SUMMARY_SQL row; ValidationError when the row is damaged."""
    (sid, created, updated, deck, mode, status, backend, model,
     n_questions, n_answered, score_sum, n_graded, n_skipped) = row
    counted = n_questions if status == "finished" else n_graded + n_skipped
    return SessionSummary(
        id=sid, created_at=created, updated_at=updated, deck=deck, mode=mode,
        status=status, n_questions=n_questions, n_answered=n_answered,
        score=round(score_sum / counted, 1) if counted else None, backend=backend, model=model,
    )


def summaries(rows) -> SessionListing:
    """Every readable row as a summary; the others as DamagedRow entries."""
    listing = SessionListing()
    for row in rows:
        try:
            listing.append(summary_from_row(row))
        except ValidationError as exc:
            listing.damaged.append(DamagedRow(str(row[0]), first_problem(exc)))
    return listing


class SessionQueriesMixin:
    """Many-session read methods of SessionStore (uses its connection and lock)."""

    def list_sessions(self, status: str | None = None, limit: int | None = None) -> SessionListing:
        """Sessions, most recently active first; rows that cannot be read are left out of the
        list and named in its `damaged` attribute."""
        sql, params = SUMMARY_SQL, []
        if status is not None:
            sql += " WHERE s.status = ?"
            params.append(status)
        sql += " ORDER BY s.updated_at DESC, s.id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        with self._lock, translate_errors(self.path):
            return summaries(self._conn.execute(sql, params).fetchall())

    def unfinished(self) -> list[SessionSummary]:
        """Sessions that can be resumed (status 'active'), most recent first."""
        return self.list_sessions(status="active")

    def score_history(self, deck: str | None = None, *,
                      revealed_only: bool = False) -> list[ScoreRow]:
        """The latest grade of every graded question of every session, oldest first.

        `revealed_only` leaves out the grades the user has not been shown yet: those of an
        interview-mode session still running (its feedback comes at the end)."""
        sql, where, params = SCORE_HISTORY_SQL, [], []
        if deck is not None:
            where.append("s.deck = ?")
            params.append(deck)
        if revealed_only:
            where.append("NOT (s.status = 'active' AND s.mode = 'interview')")
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY answered_at, s.id, r.position"
        with self._lock, translate_errors(self.path):
            fetched = self._conn.execute(sql, params).fetchall()
        out = []
        for row in fetched:
            try:
                out.append(score_row(row))
            except (ValueError, TypeError):  # a damaged row: `sessions list` names it
                continue
        return out
