"""What Home lists: the resumable sessions, each topic's current score and how many questions
of each deck are due today. Read with sqlite3 and plain dataclasses only, so Home can list them
right after its first paint, before pydantic (the domain models) is loaded.

`read_home_listing(path)` opens the file read-only on its own; it returns None whenever the
file is not exactly what this version writes (missing tables, another schema version, any
error, a row that does not pass the quick checks below), and Home then waits for the full
store, which says what is wrong. Through the store (`store_home_listing`) every session row is
validated like `sessions list` does (session_queries.py): a damaged one is left out."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from interviewer.local_days import end_of_day
from interviewer.store.listing_sql import SCORE_HISTORY_SQL, SUMMARY_SQL, score_row
from interviewer.store.progress import topic_scores_from_rows
from interviewer.store.timestamps import dt, ts

_RESUMABLE_SQL = (SUMMARY_SQL + " WHERE s.status = 'active'"
                  " ORDER BY s.updated_at DESC, s.id DESC LIMIT ?")
#: The quick checks' idea of a session id and a name: those of domain/limits.py (ID_PATTERN,
#: MAX_ID_CHARS, MAX_NAME_CHARS), which cannot be imported without the domain models.
_SESSION_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_MAX_ID, _MAX_NAME = 80, 200


@dataclass(frozen=True)
class ResumableSession:
    """What Home shows of a session it can resume (a SessionSummary's fields it uses)."""

    id: str
    created_at: datetime
    updated_at: datetime
    deck: str
    mode: str
    n_questions: int
    n_answered: int


@dataclass(frozen=True)
class HomeListing:
    sessions: list = field(default_factory=list)                  # resumable, newest first
    topic_scores: dict[str, float] = field(default_factory=dict)
    due_today: dict[str, int] = field(default_factory=dict)       # deck -> cards due


def quick_session(row: tuple) -> ResumableSession:
    """A SUMMARY_SQL row checked without pydantic; ValueError when anything about it is off
    (Home then waits for the store, which validates the rows and names a damaged one)."""
    sid, created, updated, deck, mode, _status, _backend, _model, n_questions, n_answered = row[:10]
    if not (isinstance(sid, str) and len(sid) <= _MAX_ID and _SESSION_ID.fullmatch(sid)):
        raise ValueError("not a session id")
    if not (isinstance(deck, str) and len(deck) <= _MAX_NAME) or mode not in ("practice", "interview"):
        raise ValueError("not a deck or mode")
    if not (isinstance(created, str) and isinstance(updated, str)):
        raise ValueError("no timestamps")
    return ResumableSession(sid, dt(created), dt(updated), deck, mode, int(n_questions),
                            int(n_answered))


def listing(conn: sqlite3.Connection, now: datetime, limit: int = 20,
            sessions: Callable[[list], list] | None = None) -> HomeListing:
    """The listing from an open connection (the store's own, or a read-only one).
    `sessions` turns the SUMMARY_SQL rows into what Home lists (default: the quick checks)."""
    rows = conn.execute(_RESUMABLE_SQL, (limit,)).fetchall()
    resumable = sessions(rows) if sessions is not None else [quick_session(r) for r in rows]
    # not an interview-mode session still running: its grades are shown at its end
    scores = []
    for row in conn.execute(
            SCORE_HISTORY_SQL + " WHERE NOT (s.status = 'active' AND s.mode = 'interview')"
            " ORDER BY answered_at, s.id, r.position").fetchall():
        try:
            scores.append(score_row(row))
        except (ValueError, TypeError):  # a damaged row: `sessions list` names it
            continue
    due = dict(conn.execute("SELECT deck, count(*) FROM cards WHERE due <= ? GROUP BY deck",
                            (ts(end_of_day(now)),)).fetchall())
    return HomeListing(resumable, topic_scores_from_rows(scores), due)


def read_home_listing(path: Path, now: datetime) -> HomeListing | None:
    """The listing read straight from the file, read-only (SQLite may add the empty -wal and
    -shm companions a WAL database has while open; the database itself is not touched)."""
    from interviewer.store.migrations import latest_version

    if not path.exists():
        return HomeListing()
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.2)
    except sqlite3.Error:
        return None
    try:
        version = conn.execute("SELECT max(version) FROM schema_migrations").fetchone()[0]
        if version != latest_version():
            return None
        return listing(conn, now)
    except (sqlite3.Error, ValueError, TypeError):
        return None
    finally:
        conn.close()


def store_home_listing(store, now: datetime) -> HomeListing:
    """The listing through an open SessionStore (its connection and lock); the session rows
    validated (a damaged one is left out: History and `sessions list` name it)."""
    from interviewer.store.session_queries import summaries

    with store._read() as conn:
        return listing(conn, now, sessions=summaries)
