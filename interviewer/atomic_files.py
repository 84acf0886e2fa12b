"""Writing a file so that a reader, a crash, a full disk or Ctrl-C never leaves half of it:
the text goes to a temporary file beside the target, which then replaces it in one step.

Every file the app writes whole goes through it: exports (app and CLI), decks, rubrics and
the settings.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def atomic_write_text(path: Path | str, text: str, *, mode: int | None = None) -> None:
    """Write `text` (UTF-8, "\\n" line ends) to `path`: the old file or the new one, never half
    of one. The folder must exist. The new file gets `mode` when given, else the usual
    permissions for a new file (the umask's), as a plain write would. Raises OSError (and
    UnicodeEncodeError for text that is not valid Unicode); the temporary file is removed."""
    path = Path(path)
    partial = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.part")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(partial, mode)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
