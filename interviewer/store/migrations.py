"""Ordered, recorded schema migrations.

Each migration runs once, in its own transaction, and is recorded in `schema_migrations`
with the time it was applied. A store recorded at a version newer than this code knows is
refused (never migrated down). Add a migration by appending to MIGRATIONS; never edit one
that has shipped.
"""

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from interviewer.store.db import (
    NEWER_SCHEMA,
    StoreError,
    StoreUnusable,
    not_a_store_error,
    translate_errors,
)


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "sessions, question records, turns, grades per criterion, drafts", (
        """CREATE TABLE sessions (
            id          TEXT PRIMARY KEY,
            created_at  TEXT NOT NULL,
            updated_at  TEXT NOT NULL,
            status      TEXT NOT NULL,
            current     INTEGER NOT NULL,
            deck        TEXT NOT NULL,
            mode        TEXT NOT NULL,
            backend     TEXT NOT NULL,
            model       TEXT,
            config      TEXT NOT NULL          -- SessionConfig as JSON
        )""",
        "CREATE INDEX sessions_by_update ON sessions (updated_at)",
        "CREATE INDEX sessions_by_status ON sessions (status, updated_at)",
        """CREATE TABLE records (
            session_id        TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            position          INTEGER NOT NULL,
            question_id       TEXT NOT NULL,
            topic             TEXT,
            status            TEXT NOT NULL,
            follow_ups_asked  INTEGER NOT NULL,
            hints_used        INTEGER NOT NULL,
            started_at        TEXT,
            finished_at       TEXT,
            PRIMARY KEY (session_id, position),
            UNIQUE (session_id, question_id)
        )""",
        """CREATE TABLE turns (
            session_id   TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            seq          INTEGER NOT NULL,
            question_id  TEXT NOT NULL,
            role         TEXT NOT NULL,
            kind         TEXT NOT NULL,
            text         TEXT NOT NULL,
            targets      TEXT NOT NULL,        -- JSON list of criterion ids
            created_at   TEXT NOT NULL,
            PRIMARY KEY (session_id, seq)
        )""",
        """CREATE INDEX turns_answers ON turns (session_id, question_id)
            WHERE role = 'candidate' AND kind = 'answer'""",
        """CREATE TABLE grades (
            id              INTEGER PRIMARY KEY AUTOINCREMENT,
            session_id      TEXT NOT NULL,
            question_id     TEXT NOT NULL,
            score           REAL NOT NULL,
            feedback        TEXT NOT NULL,
            confidence      TEXT NOT NULL,
            backend         TEXT NOT NULL,
            model           TEXT,
            prompt_version  TEXT,
            rubric_version  INTEGER,
            rubric_hash     TEXT,
            offline_score   REAL,
            misconceptions  TEXT NOT NULL,     -- JSON list of MisconceptionHit
            flags           TEXT NOT NULL,     -- JSON list of Flag
            graded_at       TEXT NOT NULL,
            FOREIGN KEY (session_id, question_id)
                REFERENCES records (session_id, question_id) ON DELETE CASCADE
        )""",
        "CREATE INDEX grades_by_question ON grades (session_id, question_id, id)",
        """CREATE TABLE criterion_results (
            grade_id          INTEGER NOT NULL REFERENCES grades (id) ON DELETE CASCADE,
            position          INTEGER NOT NULL,
            criterion_id      TEXT NOT NULL,
            verdict           TEXT NOT NULL,
            points            REAL NOT NULL,
            max_points        REAL NOT NULL,
            verified          INTEGER NOT NULL,
            evidence          TEXT NOT NULL,   -- JSON list of Evidence
            rationale         TEXT NOT NULL,
            matched_concepts  TEXT NOT NULL,   -- JSON list of strings
            PRIMARY KEY (grade_id, position)
        )""",
        """CREATE TABLE drafts (
            session_id   TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            question_id  TEXT NOT NULL,
            text         TEXT NOT NULL,
            updated_at   TEXT NOT NULL,
            PRIMARY KEY (session_id, question_id)
        )""",
    )),
    Migration(2, "criterion verdicts the grader was unsure of, and the wrong claims that voided them", (
        "ALTER TABLE criterion_results ADD COLUMN unsure INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE criterion_results ADD COLUMN contradicted_by TEXT NOT NULL DEFAULT '[]'",
    )),
    Migration(3, "attempts (retry), hint penalties, spaced-repetition cards and reviews, disputes", (
        "ALTER TABLE records ADD COLUMN attempts INTEGER NOT NULL DEFAULT 1",
        "ALTER TABLE turns ADD COLUMN attempt INTEGER NOT NULL DEFAULT 1",
        "ALTER TABLE grades ADD COLUMN attempt INTEGER NOT NULL DEFAULT 1",
        "ALTER TABLE grades ADD COLUMN hint_penalty REAL NOT NULL DEFAULT 0",
        # One review per question per session: the rating its last graded attempt earned (a
        # retry replaces it). Kept when a session is deleted: the schedule is the learner's,
        # and a review holds no text.
        """CREATE TABLE reviews (
            session_id   TEXT NOT NULL,
            question_id  TEXT NOT NULL,
            deck         TEXT NOT NULL,
            attempt      INTEGER NOT NULL,
            rating       INTEGER NOT NULL,     -- FSRS: 1 again, 2 hard, 3 good, 4 easy
            score        REAL NOT NULL,
            hints        INTEGER NOT NULL,
            reviewed_at  TEXT NOT NULL,
            PRIMARY KEY (session_id, question_id)
        )""",
        "CREATE INDEX reviews_by_card ON reviews (deck, question_id, reviewed_at)",
        # Each card's FSRS state, replayed from its reviews (a cache: `due` makes "what is due
        # today" one indexed query).
        """CREATE TABLE cards (
            deck         TEXT NOT NULL,
            question_id  TEXT NOT NULL,
            card         TEXT NOT NULL,        -- fsrs Card.to_dict() as JSON
            due          TEXT NOT NULL,
            last_review  TEXT NOT NULL,
            reviews      INTEGER NOT NULL,
            last_rating  INTEGER NOT NULL,
            PRIMARY KEY (deck, question_id)
        )""",
        "CREATE INDEX cards_by_due ON cards (deck, due)",
        """CREATE TABLE disputes (
            session_id      TEXT NOT NULL,
            question_id     TEXT NOT NULL,
            attempt         INTEGER NOT NULL,
            criterion_id    TEXT NOT NULL,
            verdict         TEXT NOT NULL,
            reason          TEXT NOT NULL,
            backend         TEXT NOT NULL,
            model           TEXT,
            rubric_version  INTEGER,
            rubric_hash     TEXT,
            created_at      TEXT NOT NULL,
            PRIMARY KEY (session_id, question_id, attempt, criterion_id),
            FOREIGN KEY (session_id, question_id)
                REFERENCES records (session_id, question_id) ON DELETE CASCADE
        )""",
    )),
    Migration(4, "draft lines saved one by one, session locks, text typed in a taken-over window", (
        # A line typed in plain mode is appended here (O(length of the line)); `drafts`
        # keeps the text the app's answer box saves whole. The draft is both, in order.
        """CREATE TABLE draft_lines (
            session_id   TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            question_id  TEXT NOT NULL,
            seq          INTEGER NOT NULL,
            text         TEXT NOT NULL,
            PRIMARY KEY (session_id, question_id, seq)
        )""",
        # The process that has a session open: a second one is told, and may take over.
        """CREATE TABLE session_locks (
            session_id    TEXT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
            owner         TEXT NOT NULL,      -- a random token per open session
            pid           INTEGER NOT NULL,
            host          TEXT NOT NULL,
            acquired_at   TEXT NOT NULL,
            heartbeat_at  TEXT NOT NULL
        )""",
        # What was typed in a window whose session was taken over: kept for the new owner.
        """CREATE TABLE displaced_texts (
            id           INTEGER PRIMARY KEY AUTOINCREMENT,
            session_id   TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            question_id  TEXT NOT NULL,
            text         TEXT NOT NULL,
            pid          INTEGER NOT NULL,
            saved_at     TEXT NOT NULL
        )""",
    )),
)


def latest_version() -> int:
    return MIGRATIONS[-1].version if MIGRATIONS else 0


def recorded_version(conn: sqlite3.Connection) -> int | None:
    """The newest applied version, or None when the file has no migrations table."""
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
    ).fetchone()
    if not has_table:
        return None
    return conn.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()[0]


def check_version(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a store from a newer interviewer, or a database that is not a store at all.
    Read-only: runs before the file is touched."""
    with translate_errors(path):
        version = recorded_version(conn)
        if version is None:
            tables = conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
            ).fetchone()[0]
            if tables:
                raise not_a_store_error(path, "an SQLite database with other tables and no "
                                        "schema_migrations")
            return
    if version > latest_version():
        raise StoreUnusable(NEWER_SCHEMA, (
            f"{path} was created by a newer interviewer (store schema version {version}; "
            f"this version knows up to {latest_version()}). Upgrade interviewer to open it; "
            "the file was left untouched."
        ))


def migrate(conn: sqlite3.Connection, path: Path, migrations: tuple[Migration, ...] | None = None) -> list[int]:
    """Apply every migration not yet recorded, each in its own transaction. Safe when two
    processes start at once: the version is re-read under the write lock. Returns the
    versions applied now."""
    migrations = MIGRATIONS if migrations is None else migrations
    versions = [m.version for m in migrations]
    if versions != list(range(1, len(versions) + 1)):
        raise StoreError(f"internal error: migrations must be numbered 1..N in order, got {versions}")
    applied: list[int] = []
    with translate_errors(path):
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        for migration in migrations:
            conn.execute("BEGIN IMMEDIATE")
            try:
                done = conn.execute(
                    "SELECT 1 FROM schema_migrations WHERE version = ?", (migration.version,)
                ).fetchone()
                if not done:
                    for statement in migration.statements:
                        conn.execute(statement)
                    conn.execute(
                        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                        (migration.version, migration.name, datetime.now(UTC).isoformat()),
                    )
                    applied.append(migration.version)
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
    return applied
