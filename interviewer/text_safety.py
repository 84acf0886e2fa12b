"""Untrusted text (answers, model output) made safe to show: no ANSI, no control chars."""

import re

# CSI / OSC / other escape sequences, then any remaining C0/C1 control char except \n and \t.
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain(text: str) -> str:
    """Text with escape sequences and control characters removed (newlines/tabs kept)."""
    return _CONTROL.sub("", _ANSI.sub("", text.replace("\r\n", "\n")))
