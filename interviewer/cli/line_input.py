"""Lines typed (or pasted) in plain mode, read so that nothing typed is lost or garbled:

- bytes that are not UTF-8 are shown as U+FFFD (never a traceback that loses the answer),
  and the line is flagged so the runner can say so;
- `waiting()` tells whether another whole line has already arrived (a paste): the runner
  then saves the lines it holds in one transaction before it waits for more input, instead
  of one transaction (and one fsync) per line.

A real file descriptor (a terminal, a pipe) is read with os.read and select; any other
stream (a StringIO in tests) line by line, with every line saved as it comes.
"""

from __future__ import annotations

import os
import select
import sys
from typing import IO

from interviewer.text_safety import valid_unicode

_CHUNK = 1 << 16


class LineInput:
    """`readline()` gives the next line without its newline (None at the end of input)."""

    def __init__(self, stream: IO | None = None):
        stream = sys.stdin if stream is None else stream
        self._stream = stream
        self._fd = _fd_of(stream)
        self._buf = b""
        self._eof = False
        #: True when the last line read had bytes that are not UTF-8 (shown as U+FFFD).
        self.last_was_repaired = False

    def readline(self) -> str | None:
        if self._fd is None:
            return self._readline_text()
        while b"\n" not in self._buf and not self._eof:
            self._fill(block=True)
        if not self._buf and self._eof:
            return None
        raw, sep, rest = self._buf.partition(b"\n")
        self._buf = rest
        return self._decode(raw.removesuffix(b"\r"))

    def ready(self) -> bool:
        """Whether `readline()` returns at once: a whole line (or the end of input) is
        already read from the terminal or pipe."""
        return self._fd is not None and (b"\n" in self._buf or self._eof)

    def waiting(self) -> bool:
        """Whether a whole further line can be read without waiting for the user."""
        if self._fd is None:
            return False
        if b"\n" in self._buf:
            return True
        if not self._eof and _readable(self._fd):
            self._fill(block=False)
        return b"\n" in self._buf

    def _fill(self, *, block: bool) -> None:
        try:
            chunk = os.read(self._fd, _CHUNK)
        except BlockingIOError:  # pragma: no cover - a non-blocking descriptor
            if not block:
                return
            select.select([self._fd], [], [])
            chunk = os.read(self._fd, _CHUNK)
        if not chunk:
            self._eof = True
        self._buf += chunk

    def _decode(self, raw: bytes) -> str:
        try:
            text = raw.decode("utf-8")
            self.last_was_repaired = False
        except UnicodeDecodeError:
            text = raw.decode("utf-8", "replace")
            self.last_was_repaired = True
        return text

    def _readline_text(self) -> str | None:
        line = self._stream.readline()
        if line == "":
            return None
        if isinstance(line, bytes):
            return self._decode(line.rstrip(b"\n").removesuffix(b"\r"))
        line = line.rstrip("\n").removesuffix("\r")
        # a text stream decoded with surrogateescape (the C locale) hands over lone surrogates
        repaired = valid_unicode(line)
        self.last_was_repaired = repaired != line
        return repaired


def _fd_of(stream) -> int | None:
    """The descriptor to read directly, when select works on it (not on Windows). Plain mode
    owns standard input: nothing reads it through Python's buffer before or beside us."""
    if os.name == "nt":
        return None
    try:
        return stream.fileno()
    except (AttributeError, OSError, ValueError):
        return None


def _readable(fd: int) -> bool:
    try:
        ready, _, _ = select.select([fd], [], [], 0)
    except (OSError, ValueError):
        return False
    return bool(ready)
