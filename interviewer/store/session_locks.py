"""Who has a session open: a lock row with the process id, the host and a heartbeat.

A process that opens a session to answer it takes the lock (`acquire`). A second process
that wants the same session is told who holds it (SessionInUse) and may view it read-only
or take it over. After a take-over, every write the first process tries for that session is
refused (SessionTakenOver) before it changes anything, so the two never interleave turns;
what it was typing is kept (`keep_displaced`) for the new owner.

A lock whose heartbeat is older than STALE_AFTER_S, or whose process is gone (same host), is
stale: the session is simply taken.
"""

import os
import secrets
import socket
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from interviewer.store.db import StoreError
from interviewer.store.session_rows import ts

#: How often a holder refreshes its heartbeat.
HEARTBEAT_S = 10
#: A heartbeat older than this means the holder is gone (crashed, killed, suspended).
STALE_AFTER_S = 45


@dataclass(frozen=True)
class LockHolder:
    """The process that has a session open."""

    pid: int
    host: str
    acquired_at: datetime
    heartbeat_at: datetime

    def describe(self, now: datetime | None = None) -> str:
        """'pid 4242 on laptop, active 3 s ago'."""
        now = now or datetime.now(UTC)
        ago = max(0, int((now - self.heartbeat_at).total_seconds()))
        where = "" if self.host == socket.gethostname() else f" on {self.host}"
        return f"pid {self.pid}{where}, active {ago} s ago"

    def alive(self, now: datetime | None = None) -> bool:
        now = now or datetime.now(UTC)
        if now - self.heartbeat_at > timedelta(seconds=STALE_AFTER_S):
            return False
        if self.host == socket.gethostname():
            return _pid_alive(self.pid)
        return True


class SessionInUse(StoreError):
    """The session is open in another live process (`holder`)."""

    def __init__(self, session_id: str, holder: LockHolder):
        self.session_id = session_id
        self.holder = holder
        super().__init__(f"session {session_id} is open in another interviewer "
                         f"({holder.describe()}); view it read-only, or take it over")


class SessionTakenOver(StoreError):
    """Another process took this session over: nothing more is written from here."""

    def __init__(self, session_id: str, holder: LockHolder | None):
        self.session_id = session_id
        self.holder = holder
        by = f"another interviewer ({holder.describe()})" if holder else "another interviewer"
        super().__init__(f"session {session_id} was taken over by {by}; this window can no "
                         "longer change it. What you typed here is kept and shown there.")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _holder(row) -> LockHolder:
    pid, host, acquired, beat = row
    return LockHolder(int(pid), str(host), datetime.fromisoformat(acquired),
                      datetime.fromisoformat(beat))


class LocksMixin:
    """Lock methods of SessionStore. `_leases` maps the sessions this store holds to their
    tokens; writes for those sessions check the token first (`_check_lease`)."""

    _leases: dict[str, str]

    def acquire(self, session_id: str, *, take_over: bool = False) -> None:
        """Hold the session for this process. SessionInUse when another live process holds
        it (unless `take_over`); a stale lock is taken silently."""
        token = secrets.token_hex(8)
        now = datetime.now(UTC)
        with self._write() as conn:
            row = conn.execute("SELECT owner, pid, host, acquired_at, heartbeat_at FROM "
                               "session_locks WHERE session_id = ?", (session_id,)).fetchone()
            if row is not None and row[0] != self._leases.get(session_id):
                holder = _safe_holder(row[1:])
                if holder is not None and holder.alive(now) and not take_over:
                    raise SessionInUse(session_id, holder)
            conn.execute(
                "INSERT INTO session_locks (session_id, owner, pid, host, acquired_at,"
                " heartbeat_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (session_id) DO UPDATE SET"
                " owner = excluded.owner, pid = excluded.pid, host = excluded.host,"
                " acquired_at = excluded.acquired_at, heartbeat_at = excluded.heartbeat_at",
                (session_id, token, os.getpid(), socket.gethostname(), ts(now), ts(now)))
        self._leases[session_id] = token

    def holder(self, session_id: str) -> LockHolder | None:
        """The live process holding the session, when it is not this store."""
        with self._read() as conn:
            row = conn.execute("SELECT owner, pid, host, acquired_at, heartbeat_at FROM "
                               "session_locks WHERE session_id = ?", (session_id,)).fetchone()
        if row is None or row[0] == self._leases.get(session_id):
            return None
        holder = _safe_holder(row[1:])
        return holder if holder is not None and holder.alive() else None

    def heartbeat(self, session_id: str) -> None:
        """Say this process still has the session open; SessionTakenOver if it lost it."""
        with self._write(session_id) as conn:
            conn.execute("UPDATE session_locks SET heartbeat_at = ? WHERE session_id = ?",
                         (ts(datetime.now(UTC)), session_id))

    def release(self, session_id: str) -> None:
        """Let the session go (leaving it, quitting). Nothing happens if it was taken over."""
        token = self._leases.pop(session_id, None)
        if token is None or self.read_only is not None:
            return
        with self._write() as conn:
            conn.execute("DELETE FROM session_locks WHERE session_id = ? AND owner = ?",
                         (session_id, token))

    def holds(self, session_id: str) -> bool:
        return session_id in self._leases

    def _check_lease(self, conn, session_id: str | None) -> None:
        """Inside a write: refuse it if this store held `session_id` and lost it."""
        token = self._leases.get(session_id) if session_id is not None else None
        if token is None:
            return
        row = conn.execute("SELECT owner, pid, host, acquired_at, heartbeat_at FROM "
                           "session_locks WHERE session_id = ?", (session_id,)).fetchone()
        if row is None or row[0] != token:
            raise SessionTakenOver(session_id, _safe_holder(row[1:]) if row else None)


def _safe_holder(row) -> LockHolder | None:
    """The holder, or None when the row is damaged (then the lock counts as stale)."""
    try:
        return _holder(row)
    except (TypeError, ValueError):
        return None
