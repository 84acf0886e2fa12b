"""SessionStore: sessions, their turns, drafts and every grade, in one SQLite file.

Every write is its own committed transaction (`BEGIN IMMEDIATE` … `COMMIT`, fsync'd), so
when a method returns the data survives a crash, a kill or a power cut. Two app instances
can share the file: WAL lets readers run beside a writer, and a writer waits (busy timeout)
for the other's transaction instead of failing.

Text is passed through a Redactor before it is written: API keys and machine paths never
reach the file (see sanitize.py).

This module opens the file (read-only when it cannot be written) and runs the transactions
every method shares; the methods live by what they do: session_writes.py, session_reads.py
(one session), session_queries.py (many sessions), drafts.py and session_locks.py.
"""

import os
import secrets
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from interviewer.store.db import (
    READABLE_REASONS,
    StoreError,
    StoreUnusable,
    configure,
    connect,
    connect_read_only,
    os_error,
    translate_errors,
)
from interviewer.store.drafts import DisplacedText, DraftsMixin
from interviewer.store.migrations import check_version, latest_version, migrate, recorded_version
from interviewer.store.sanitize import Redactor
from interviewer.store.session_locks import LockHolder, LocksMixin, SessionInUse, SessionTakenOver
from interviewer.store.session_queries import (
    DamagedRow,
    ScoreRow,
    SessionListing,
    SessionQueriesMixin,
    SessionSummary,
)
from interviewer.store.session_reads import SessionReadsMixin
from interviewer.store.session_writes import SessionWritesMixin

if TYPE_CHECKING:
    from interviewer.store.schedule_store import ScheduleStore

__all__ = ["DamagedRow", "DisplacedText", "LockHolder", "ScoreRow", "SessionInUse",
           "SessionListing", "SessionStore", "SessionSummary", "SessionTakenOver", "new_session_id"]


def new_session_id() -> str:
    """Sortable and unique: UTC creation time plus 24 random bits ('20261104-153012-a3f9c1')."""
    return datetime.now(UTC).strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(3)


class SessionStore(SessionWritesMixin, SessionReadsMixin, SessionQueriesMixin, DraftsMixin,
                   LocksMixin):
    """The app's history. Open with `SessionStore.open(settings)`; close when done."""

    def __init__(self, path: Path, redactor: Redactor | None = None, *,
                 read_only: StoreUnusable | None = None):
        """Open the store at `path`. With `read_only` (why writing is impossible), the file
        is only read: every write raises that error again, and nothing on disk changes."""
        self.path = Path(path)
        self._redact = redactor or Redactor.from_environment(data_dirs=[self.path.parent])
        self._lock = threading.RLock()
        self._leases: dict[str, str] = {}
        #: Why the store is read-only (None when it can be written).
        self.read_only: StoreUnusable | None = read_only
        conn = connect_read_only(self.path) if read_only else connect(self.path)
        try:
            check_version(conn, self.path)   # read-only: refuse before touching the file
            if read_only is None:
                configure(conn, self.path)
                migrate(conn, self.path)
            else:
                self._check_current(conn, read_only)
        except BaseException:
            conn.close()
            raise
        self._conn = conn

    def _check_current(self, conn: sqlite3.Connection, why: StoreUnusable) -> None:
        """A read-only store must already have this version's schema (it cannot migrate)."""
        with translate_errors(self.path):
            version = recorded_version(conn) or 0
        if version < latest_version():
            raise StoreUnusable(why.reason, (
                f"{why} (The store also needs an upgrade from schema version {version} to "
                f"{latest_version()}, which needs writing, so it cannot be read until then.)"))

    @classmethod
    def open(cls, settings, *, read_only_fallback: bool = False) -> "SessionStore":
        """The store at `settings.db_path` (the home folder is created if needed).

        With `read_only_fallback`, a healthy store that cannot be written right now (disk
        full, read-only folder, locked) is opened read-only instead of refused: listing,
        showing and exporting still work. Check `store.read_only`."""
        home = Path(settings.home)
        extra = []
        if getattr(settings, "api_key", None) is not None:
            extra.append(settings.api_key.get_secret_value())
        if getattr(settings, "api_key_env", None):
            extra.append(os.environ.get(settings.api_key_env, ""))
        redactor = Redactor.from_environment(extra, data_dirs=[home])
        try:
            try:
                home.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise os_error(exc, f"create the data folder {home}") from None
            return cls(settings.db_path, redactor)
        except StoreUnusable as exc:
            if not read_only_fallback or exc.reason not in READABLE_REASONS:
                raise
            if not Path(settings.db_path).is_file():
                raise
            return cls(settings.db_path, redactor, read_only=exc)

    @property
    def schedule(self) -> "ScheduleStore":
        """The spaced-repetition reviews and cards (same file, same connection)."""
        from interviewer.store.schedule_store import ScheduleStore

        return ScheduleStore(self)

    def schema_versions(self) -> list[tuple[int, str, str]]:
        """(version, name, applied_at) of every applied migration."""
        with self._lock, translate_errors(self.path):
            return [tuple(r) for r in self._conn.execute(
                "SELECT version, name, applied_at FROM schema_migrations ORDER BY version")]

    def close(self) -> None:
        with self._lock:
            for session_id in list(self._leases):
                try:
                    self.release(session_id)
                except StoreError:  # e.g. the disk is full: the lock goes stale by itself
                    pass
            self._conn.close()

    def __enter__(self) -> "SessionStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ transactions
    @contextmanager
    def _write(self, session_id: str | None = None) -> Iterator[sqlite3.Connection]:
        """One committed write transaction; the write lock is taken up front so two
        processes queue instead of deadlocking on a lock upgrade. A write for `session_id`
        is refused (SessionTakenOver) when this store held it and another process took it."""
        if self.read_only is not None:
            raise StoreUnusable(self.read_only.reason, str(self.read_only))
        with self._lock, translate_errors(self.path):
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                self._check_lease(self._conn, session_id)
                yield self._conn
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """A consistent snapshot for multi-query reads."""
        with self._lock, translate_errors(self.path):
            self._conn.execute("BEGIN")
            try:
                yield self._conn
            finally:
                if self._conn.in_transaction:
                    self._conn.execute("COMMIT")

    # ------------------------------------------------------------------ helpers
    def _unknown(self, session_id: str) -> StoreError:
        return StoreError(f"no session {session_id!r} in the store (see `interviewer sessions list`)")
