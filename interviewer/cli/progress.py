"""A progress bar for long headless runs, on stderr (stdout stays clean for results).

On a terminal it redraws one line in place; when stderr is a file or pipe it prints a plain
line every 5 % instead, so logs stay readable.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class ProgressBar:
    """`bar.advance(note=...)` after each item; `bar.close()` at the end."""

    def __init__(self, total: int, label: str = "graded", *, stream: TextIO | None = None,
                 width: int = 28, min_total: int = 2):
        self.total = total
        self.label = label
        self.stream = stream or sys.stderr
        self.width = width
        self.done = 0
        self.notes: dict[str, int] = {}
        self.enabled = total >= min_total
        self.live = self.enabled and getattr(self.stream, "isatty", lambda: False)()
        self._start = time.perf_counter()
        self._step = max(1, total // 20)

    def advance(self, note: str | None = None) -> None:
        """One more item done; `note` (e.g. "fell back") is counted and shown."""
        self.done += 1
        if note:
            self.notes[note] = self.notes.get(note, 0) + 1
        if not self.enabled:
            return
        if self.live:
            self._draw()
        elif self.done % self._step == 0 or self.done == self.total:
            print(self._text(), file=self.stream, flush=True)

    def _text(self) -> str:
        elapsed = time.perf_counter() - self._start
        notes = "".join(f" · {n} {what}" for what, n in sorted(self.notes.items()))
        return f"{self.label} {self.done}/{self.total}{notes} · {elapsed:.1f} s"

    def _draw(self) -> None:
        filled = int(self.width * self.done / max(1, self.total))
        bar = "█" * filled + "░" * (self.width - filled)
        self.stream.write(f"\r{bar} {self._text()}\x1b[K")
        self.stream.flush()

    def close(self) -> None:
        if self.live:
            self.stream.write("\n")
            self.stream.flush()
