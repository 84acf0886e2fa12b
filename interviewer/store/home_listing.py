"""What Home lists: the resumable sessions, each topic's current score and how many questions
of each deck are due today. Read with sqlite3 and plain dataclasses only, so Home can list them
right after its first paint, before pydantic (the domain models) is loaded.

`read_home_listing(path)` opens the file read-only on its own; it returns None whenever the
file is not exactly what this version writes (missing tables, another schema version, any
error), and Home then waits for the full store, which says what is wrong."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from interviewer.local_days import end_of_day
from interviewer.store.progress import topic_scores_from_rows
from interviewer.store.session_queries import (
    SCORE_HISTORY_SQL,
    SUMMARY_SQL,
    SessionSummary,
    score_row,
    summary_from_row,
)
from interviewer.store.timestamps import ts


@dataclass(frozen=True)
class HomeListing:
    sessions: list[SessionSummary] = field(default_factory=list)  # resumable, newest first
    topic_scores: dict[str, float] = field(default_factory=dict)
    due_today: dict[str, int] = field(default_factory=dict)       # deck -> cards due


def listing(conn: sqlite3.Connection, now: datetime, limit: int = 20) -> HomeListing:
    """The listing from an open connection (the store's own, or a read-only one)."""
    sessions = [summary_from_row(r) for r in conn.execute(
        SUMMARY_SQL + " WHERE s.status = 'active' ORDER BY s.updated_at DESC, s.id DESC LIMIT ?",
        (limit,)).fetchall()]
    # not an interview-mode session still running: its grades are shown at its end
    rows = [score_row(r) for r in conn.execute(
        SCORE_HISTORY_SQL + " WHERE NOT (s.status = 'active' AND s.mode = 'interview')"
        " ORDER BY answered_at, s.id, r.position").fetchall()]
    due = dict(conn.execute("SELECT deck, count(*) FROM cards WHERE due <= ? GROUP BY deck",
                            (ts(end_of_day(now)),)).fetchall())
    return HomeListing(sessions, topic_scores_from_rows(rows), due)


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
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def store_home_listing(store, now: datetime) -> HomeListing:
    """The listing through an open SessionStore (its connection and lock)."""
    with store._read() as conn:
        return listing(conn, now)
