"""Read-side queries over many sessions: the `sessions list` summaries and the score
history progress is computed from. Both are single SQL statements (no per-session loads).

Every row is validated (the same limits as a loaded session) before it is used: a row
damaged by hand-editing or an old bug is reported with its session id, and the rest still
lists."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from interviewer.domain.limits import Name, SessionId
from interviewer.domain.session import Mode, SessionStatus
from interviewer.store.session_rows import dt
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
class ScoreRow:
    """The latest grade of one question in one session (the unit of progress)."""

    session_id: str
    deck: str
    question_id: str
    topic: str | None
    score: float
    answered_at: datetime    # when the question was finished (else when the session began)
    rubric_version: int | None
    backend: str


# The session score follows engine.report.build_report: a finished session counts every
# question (ungraded = 0); an active one counts graded and skipped questions only.
SUMMARY_SQL = """
WITH latest AS (
    SELECT g.session_id, g.question_id, g.score
    FROM grades g JOIN (SELECT max(id) AS id FROM grades GROUP BY session_id, question_id) m
         ON m.id = g.id
),
rec AS (
    SELECT r.session_id,
           count(*) AS n_questions,
           coalesce(sum(l.score), 0) AS score_sum,
           sum(l.score IS NOT NULL) AS n_graded,
           sum(l.score IS NULL AND r.status = 'skipped') AS n_skipped
    FROM records r LEFT JOIN latest l
         ON l.session_id = r.session_id AND l.question_id = r.question_id
    GROUP BY r.session_id
),
ans AS (
    SELECT session_id, count(DISTINCT question_id) AS n_answered
    FROM turns WHERE role = 'candidate' AND kind = 'answer' GROUP BY session_id
)
SELECT s.id, s.created_at, s.updated_at, s.deck, s.mode, s.status, s.backend, s.model,
       coalesce(rec.n_questions, 0), coalesce(ans.n_answered, 0),
       coalesce(rec.score_sum, 0), coalesce(rec.n_graded, 0), coalesce(rec.n_skipped, 0)
FROM sessions s
LEFT JOIN rec ON rec.session_id = s.id
LEFT JOIN ans ON ans.session_id = s.id
"""

SCORE_HISTORY_SQL = """
SELECT s.id, s.deck, r.question_id, r.topic, g.score,
       coalesce(r.finished_at, s.created_at) AS answered_at, g.rubric_version, g.backend
FROM grades g
JOIN (SELECT max(id) AS id FROM grades GROUP BY session_id, question_id) m ON m.id = g.id
JOIN records r ON r.session_id = g.session_id AND r.question_id = g.question_id
JOIN sessions s ON s.id = g.session_id
"""


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


def score_row(row: tuple) -> ScoreRow:
    """A ScoreRow from a SCORE_HISTORY_SQL row (ValueError or TypeError when it is damaged:
    such a row is left out of progress, and `sessions list` names its session)."""
    sid, deck, qid, topic, score, answered_at, rubric_version, backend = row
    return ScoreRow(session_id=sid, deck=deck, question_id=qid, topic=topic, score=score,
                    answered_at=dt(answered_at), rubric_version=rubric_version, backend=backend)
