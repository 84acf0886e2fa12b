"""Opening the SQLite file safely: WAL, foreign keys, a busy timeout for a second app
instance, and refusal (never repair, never recreate) when the file is not a sound store.

Every failure says which of these it is, because each has its own fix, and only a damaged
file is ever worth moving aside:
- the disk is full; the folder (or file) is not writable; another process keeps it locked:
  the store is healthy, and reading still works (`connect_read_only`);
- the file is not an interviewer database, or comes from a newer interviewer;
- the file is damaged (truncated, failed integrity check).
"""

import errno
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

#: How long a writer waits for another process's write transaction before giving up.
BUSY_TIMEOUT_MS = 15_000
_HEADER_MAGIC = b"SQLite format 3\x00"

# The reasons a store cannot be used (StoreUnusable.reason).
DISK_FULL = "disk-full"
NOT_WRITABLE = "not-writable"
LOCKED = "locked"
IO_ERROR = "io-error"
NOT_A_STORE = "not-a-store"
NEWER_SCHEMA = "newer-schema"
DAMAGED = "damaged"
#: The healthy-store cases: the data is intact and can still be read.
READABLE_REASONS = frozenset({DISK_FULL, NOT_WRITABLE, LOCKED, IO_ERROR})


class StoreError(Exception):
    """The store cannot do what was asked; the message says why and what to do."""


class StoreUnusable(StoreError):
    """The store file cannot be used (or not written) right now. `reason` is one of the
    constants above; the message names the file and the fix (exit code STORAGE)."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


def broken_file_error(path: Path, reason: str) -> StoreUnusable:
    """The message for a file that is damaged: it is kept exactly as it was."""
    reason = " ".join(reason.replace("*** in database main ***", "").split())  # one line
    return StoreUnusable(DAMAGED, (
        f"{path} is not a usable interviewer database ({reason}). It was left untouched. "
        f"Restore it from a backup, or move it aside to start a fresh store "
        f"(e.g. `mv '{path}' '{path}.broken'`)."
    ))


def not_a_store_error(path: Path, what: str) -> StoreUnusable:
    return StoreUnusable(NOT_A_STORE, (
        f"{path} is not an interviewer database ({what}); it was left untouched. If it is "
        "another program's file, point INTERVIEWER_HOME at another folder; if it was your "
        f"store, restore it from a backup, or move it aside (`mv '{path}' '{path}.old'`) to "
        "start a fresh one."
    ))


def storage_error(path: Path, reason: str, detail: str = "") -> StoreUnusable:
    """The message for a healthy store that cannot be written (or opened) right now."""
    folder = path.parent
    detail = f" ({detail})" if detail else ""
    messages = {
        DISK_FULL: f"the disk holding {path} is full{detail}, so nothing more can be saved. "
                   "Free some space and try again; what is stored is intact.",
        NOT_WRITABLE: f"{path} cannot be written{detail}: check that you may write to the "
                      f"folder {folder} and to the file (`ls -ld '{folder}' '{path}'`), or point "
                      "INTERVIEWER_HOME at a writable folder. The store itself is intact.",
        LOCKED: f"{path} is locked by another process (another interviewer, or a program "
                f"holding the file open) for more than {BUSY_TIMEOUT_MS // 1000} s{detail}. "
                "Close it and try again; nothing was changed.",
        IO_ERROR: f"the disk reported an error while using {path}{detail}: it may be full, "
                  f"failing or disconnected (check `df -h '{folder}'`). The store was not "
                  "changed.",
    }
    return StoreUnusable(reason, messages[reason])


def _primary_code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


# SQLite's primary result codes for the cases above.
_FULL, _READONLY, _BUSY, _LOCKED_CODE, _CANTOPEN, _IOERR, _PERM = 13, 8, 5, 6, 14, 10, 3
_CORRUPT, _NOTADB = 11, 26


def classify(exc: sqlite3.Error, path: Path) -> StoreError:
    """Our error for an SQLite error: which case it is, and its fix."""
    code, text = _primary_code(exc), str(exc)
    if code == _FULL or ("disk" in text and "full" in text):
        return storage_error(path, DISK_FULL)
    if code in (_READONLY, _PERM) or "readonly" in text or "read-only" in text:
        return storage_error(path, NOT_WRITABLE, "read-only")
    if code in (_BUSY, _LOCKED_CODE) or "locked" in text or "busy" in text:
        return storage_error(path, LOCKED)
    if code == _CANTOPEN or "unable to open" in text:
        return storage_error(path, NOT_WRITABLE, "it cannot be opened")
    if code == _IOERR or "disk I/O" in text:
        return storage_error(path, IO_ERROR, text)
    if code == _NOTADB or "not a database" in text:
        return not_a_store_error(path, "not an SQLite database file")
    if code == _CORRUPT or "malformed" in text or type(exc) is sqlite3.DatabaseError:
        return broken_file_error(path, text)
    return StoreError(f"{path}: {text}")


def os_error(exc: OSError, what: str) -> StoreError:
    """Our error for a failed file operation (`what`: "write exports/x.json")."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return StoreUnusable(DISK_FULL, f"cannot {what}: the disk is full. Free some space and "
                             "try again.")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StoreUnusable(NOT_WRITABLE, f"cannot {what}: {exc.strerror or 'not permitted'}; "
                             "check the folder's permissions or choose another one.")
    return StoreError(f"cannot {what}: {exc.strerror or exc}")


def check_file(path: Path) -> None:
    """Refuse a file that is not an SQLite database or is visibly truncated, before SQLite
    gets a chance to write anything into it."""
    if not path.exists():
        return
    if path.is_dir():
        raise StoreError(f"{path} is a folder; the store must be a file")
    try:
        size = path.stat().st_size
        if size == 0:
            return  # nothing to lose: SQLite initialises an empty file as a new database
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise StoreUnusable(NOT_WRITABLE, f"{path} cannot be read ({exc.strerror or exc}); "
                            "check its permissions. It was left untouched.") from None
    if len(header) < 100 or not header.startswith(_HEADER_MAGIC):
        raise not_a_store_error(path, "not an SQLite database file")
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
    if header_valid and pages and size < pages * page_size and not non_empty(wal):
        raise broken_file_error(
            path, f"truncated: {size:,} bytes where its header says {pages * page_size:,}"
        )


def non_empty(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


#: How the read-write connection opens the file (`rwc`: read, write, create). Tests set it
#: to "ro" to stand for a folder or disk that refuses every write.
OPEN_MODE = "rwc"


def _uri(path: Path, mode: str, immutable: bool = False) -> str:
    return f"file:{quote(str(path.absolute()))}?mode={mode}" + ("&immutable=1" if immutable else "")


def connect(path: Path) -> sqlite3.Connection:
    """Open (or create) the store file. Checks run before anything is written to it."""
    check_file(path)
    return _open(path, _uri(path, OPEN_MODE))


def connect_read_only(path: Path) -> sqlite3.Connection:
    """Open the store for reading only: for listing and exporting when it cannot be written
    (disk full, read-only folder). Never creates or changes a file."""
    if not path.exists():
        raise StoreError(f"there is no store at {path} yet")
    check_file(path)
    try:
        return _open(path, _uri(path, "ro"))
    except StoreUnusable as exc:
        # A WAL store needs its -shm file, which a read-only folder cannot hold. With no
        # un-checkpointed WAL content left, the main file is the whole store: read it as is.
        if exc.reason not in READABLE_REASONS or non_empty(path.with_name(path.name + "-wal")):
            raise
        return _open(path, _uri(path, "ro", immutable=True))


def _open(path: Path, uri: str) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                               isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise classify(exc, path) from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # Read-only checks first: reading the schema and a quick check never write.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        result = conn.execute("PRAGMA quick_check(1)").fetchone()
        if not result or result[0] != "ok":
            raise broken_file_error(path, f"SQLite integrity check: {result[0] if result else '?'}")
    except sqlite3.Error as exc:
        conn.close()
        raise classify(exc, path) from None
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
    except (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError):
        raise  # a constraint the caller handles, or a bug (keep its traceback)
    except sqlite3.Error as exc:
        raise classify(exc, path) from None
