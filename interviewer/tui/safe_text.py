"""Untrusted text (candidate answers, model output, and every name from the store: deck,
model, backend, session ids) for Textual widgets: the one way the app shows such text.

Rules, applied everywhere the app shows such text:
- ANSI escape sequences and control characters are removed (`clean`), also in a stream that
  may split an escape sequence across chunks (`StreamCleaner`);
- text is wrapped in rich `Text` objects (`literal`, `literal_line`), never passed as a
  markup string (a `str` given to Static, Label or a DataTable cell is parsed as markup), so
  `[bold]`, `[/x]` or `[@click=app.quit]` is displayed as typed, not interpreted;
- notifications are never markup either (`InterviewerApp.notify` forces it);
- Markdown rendering (interviewer turns) goes through `Markdown` with links not opened: the
  Markdown parser never reads Rich markup, and `clean` has already removed escapes.
"""

import re

from rich.text import Text

from interviewer.text_safety import one_line, plain

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


def literal_line(text: str, limit: int = 80, style: str = "") -> Text:
    """A name or preview for one table cell or list row: one line, shortened, never markup."""
    return Text(one_line(text, limit), style=style)


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


__all__ = ["StreamCleaner", "clean", "literal", "literal_line", "one_line"]
