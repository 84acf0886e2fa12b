"""Untrusted text (candidate answers, model output) for the terminal.

Rules, applied everywhere the app shows such text:
- ANSI escape sequences and control characters are removed (`clean`), also in a stream that
  may split an escape sequence across chunks (`StreamCleaner`);
- text is wrapped in rich `Text` objects (`literal`), never passed as a markup string, so
  `[bold]` or `[link=...]` is displayed as typed, not interpreted;
- Markdown rendering (interviewer turns) goes through `Markdown` with links not opened: the
  Markdown parser never reads Rich markup, and `clean` has already removed escapes.
"""

import re

from rich.text import Text

from interviewer.text_safety import one_line, plain  # noqa: F401 - one_line: the screens use it from here

# An escape sequence that may still be incomplete at the end of a stream chunk:
# ESC, or ESC [ params..., or ESC ] text... without its terminator yet.
_TAIL = re.compile(r"(?:\x1b(?:\[[0-?]*[ -/]*|\][^\x07\x1b]*|[PX^_][^\x1b]*)?|\x9b[0-?]*[ -/]*)$")
#: The longest tail held back waiting for the rest of an escape sequence.
_MAX_TAIL = 256


#: `text` without escape sequences, control characters or bidi overrides.
clean = plain


def literal(text: str, style: str = "") -> Text:
    """A rich Text that shows `text` exactly as typed (minus escapes): markup is not parsed."""
    return Text(clean(text), style=style)


class StreamCleaner:
    """Cleans a streamed reply chunk by chunk.

    An escape sequence split across two chunks (`"\\x1b["` then `"31m"`) would slip past a
    per-chunk `clean`, so a trailing incomplete sequence is held back until the next chunk."""

    def __init__(self) -> None:
        self._held = ""

    def feed(self, chunk: str) -> str:
        """The part of `held + chunk` that is safe to show now."""
        text = self._held + chunk
        match = _TAIL.search(text)
        if match and match.start() < len(text) and len(text) - match.start() <= _MAX_TAIL:
            self._held, text = text[match.start():], text[: match.start()]
        else:
            self._held = ""
        return clean(text)

    def flush(self) -> str:
        """Whatever is still held at the end of the stream, cleaned."""
        held, self._held = self._held, ""
        return clean(held)


