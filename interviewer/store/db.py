"""Opening the SQLite file safely: WAL, foreign keys, a busy timeout for a second app
instance, and refusal (never repair, never recreate) when the file is not a sound store."""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: How long a writer waits for another process's write transaction before giving up.
BUSY_TIMEOUT_MS = 15_000
_HEADER_MAGIC = b"SQLite format 3\x00"


class StoreError(Exception):
    """The store cannot do what was asked; the message says why and what to do."""


def broken_file_error(path: Path, reason: str) -> StoreError:
    """The message for a file that is not a usable store: it is kept exactly as it was."""
    reason = " ".join(reason.replace("*** in database main ***", "").split())  # one line
    return StoreError(
        f"{path} is not a usable interviewer database ({reason}). It was left untouched. "
        f"Move it aside to start a fresh store (e.g. `mv '{path}' '{path}.broken'`), "
        f"or restore it from a backup."
    )


def check_file(path: Path) -> None:
    """Refuse a file that is not an SQLite database or is visibly truncated, before SQLite
    gets a chance to write anything into it."""
    if not path.exists():
        return
    if path.is_dir():
        raise StoreError(f"{path} is a folder; the store must be a file")
    size = path.stat().st_size
    if size == 0:
        return  # nothing to lose: SQLite initialises an empty file as a new database
    with path.open("rb") as handle:
        header = handle.read(100)
    if len(header) < 100 or not header.startswith(_HEADER_MAGIC):
        raise broken_file_error(path, "not an SQLite database file")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise broken_file_error(path, "its header is damaged")
    if size % page_size:
        raise broken_file_error(path, f"truncated: {size:,} bytes is not a whole number of pages")
    wal = path.with_name(path.name + "-wal")
    pages = int.from_bytes(header[28:32], "big")
    header_valid = header[24:28] == header[92:96]
    # With a non-empty WAL the main file may legitimately lag behind (an interrupted
    # checkpoint); SQLite recovers from the WAL then, so only judge the size without one.
    if header_valid and pages and size < pages * page_size and not _non_empty(wal):
        raise broken_file_error(
            path, f"truncated: {size:,} bytes where its header says {pages * page_size:,}"
        )


def _non_empty(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def connect(path: Path) -> sqlite3.Connection:
    """Open (or create) the store file. Checks run before anything is written to it."""
    check_file(path)
    try:
        conn = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot be opened: {exc}") from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # Read-only checks first: reading the schema and a quick check never write.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        result = conn.execute("PRAGMA quick_check(1)").fetchone()
        if not result or result[0] != "ok":
            raise broken_file_error(path, f"SQLite integrity check: {result[0] if result else '?'}")
    except sqlite3.DatabaseError as exc:
        conn.close()
        if isinstance(exc, sqlite3.OperationalError):
            if "locked" in str(exc):
                raise StoreError(f"{path} is locked by another program; try again") from None
            if "unable to open" in str(exc):
                raise StoreError(f"{path} cannot be opened ({exc}); check that its folder "
                                 "exists and is writable") from None
        raise broken_file_error(path, str(exc)) from None
    except StoreError:
        conn.close()
        raise
    return conn


def configure(conn: sqlite3.Connection, path: Path) -> None:
    """WAL (readers never block the writer; two app instances can share the file), foreign
    keys, and an fsync on every commit: an answer is the user's work, worth a millisecond."""
    with translate_errors(path):
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StoreError(f"{path}: cannot switch to WAL mode (got {mode}); is the folder "
                             "on a network drive?")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = FULL")
        # A deleted session's text is overwritten in the file, not left in free pages.
        conn.execute("PRAGMA secure_delete = ON")


@contextmanager
def translate_errors(path: Path) -> Iterator[None]:
    """Turn SQLite errors into StoreError messages that name the file and the fix."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        text = str(exc)
        if "locked" in text or "busy" in text:
            raise StoreError(
                f"{path} is busy: another interviewer kept it locked for more than "
                f"{BUSY_TIMEOUT_MS // 1000} s; try again"
            ) from None
        if "readonly" in text or "read-only" in text:
            raise StoreError(f"{path} is read-only; check the file's permissions") from None
        if "disk" in text and "full" in text:
            raise StoreError(f"{path}: the disk is full; nothing more can be saved") from None
        if "malformed" in text or "not a database" in text:
            raise broken_file_error(path, text) from None
        raise StoreError(f"{path}: {text}") from None
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.IntegrityError):
            raise
        raise broken_file_error(path, str(exc)) from None
