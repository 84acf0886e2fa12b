"""Untrusted text (answers, model output) made safe to show in a terminal, an export or a
log: no escape sequences, no control characters, no bidirectional overrides."""

import re

# CSI / OSC / other escape sequences, then any remaining C0/C1 control char except \n and \t.
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidirectional overrides/isolates can make text read differently from what it is.
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")


def plain(text: str) -> str:
    """`text` without escape sequences, control characters (newlines and tabs are kept) or
    bidi overrides; Windows and old-Mac line breaks become \\n."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _BIDI.sub("", _CONTROL.sub("", _ANSI.sub("", text)))


#: Characters that would make a Markdown renderer format (or link) text instead of showing it.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}#+!~>-])")


def markdown_literal(text: str) -> str:
    """Untrusted text inside Markdown, backslash-escaped so a renderer shows it as typed
    (`__init__` stays `__init__`; no emphasis, links or code of the writer's)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def one_line(text: str, limit: int = 80) -> str:
    """A single-line preview of `text` (cleaned, whitespace collapsed, shortened)."""
    line = " ".join(plain(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
