"""Untrusted text (answers, model output, imported names) made safe to show in a terminal, an
export or a log: no escape sequences, no control characters, no bidirectional overrides, and
only valid Unicode (a lone surrogate cannot be encoded, so printing one would crash)."""

import re

# CSI, OSC (ended by BEL or ST), DCS/SOS/PM/APC strings (ended by ST), then any other
# two-byte escape. What is left of a cut-off sequence is plain text once its ESC is gone.
_ANSI = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]"
    r"|\][^\x07\x1b]*(?:\x07|\x1b\\)"
    r"|[PX^_][^\x1b]*\x1b\\"
    r"|[@-Z\\-_])"
)
# Any remaining C0/C1 control character except \n and \t (C1 includes the one-byte CSI \x9b).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidirectional overrides, embeddings, isolates and marks can make text read differently
# from what it is.
_BIDI = re.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
#: Half of a UTF-16 pair on its own: what undecodable bytes and bad `\ud800` escapes become.
LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def valid_unicode(text: str) -> str:
    """`text` with every lone surrogate replaced by U+FFFD (visible, and encodable)."""
    return LONE_SURROGATE.sub(REPLACEMENT, text)


def plain(text: str) -> str:
    """`text` without escape sequences, control characters (newlines and tabs are kept) or
    bidi overrides, and with lone surrogates shown as U+FFFD; Windows and old-Mac line
    breaks become \\n."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return valid_unicode(_BIDI.sub("", _CONTROL.sub("", _ANSI.sub("", text))))


def one_line(text: str, limit: int = 80) -> str:
    """A single-line preview of `text` (cleaned, whitespace collapsed, shortened): for names
    in tables, where a newline would forge a row."""
    line = " ".join(plain(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


#: Characters a Markdown renderer would read as formatting, links, images or HTML.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}#+!~<>|-])")
#: What GitHub-flavoured Markdown turns into a link by itself: `http://…`, `www.…`, `a@b.c`.
_AUTOLINK = re.compile(r"(?<=[A-Za-z])(:)(?=//)|(?<=\bwww)(\.)|(@)", re.IGNORECASE)


def markdown_text(text: str) -> str:
    """Untrusted text for a Markdown document (an export, or a turn the app renders as
    Markdown), shown exactly as written: cleaned like terminal text, then every character that
    could format, link, embed an image or open an HTML tag is backslash-escaped, and bare URLs
    are kept from becoming links (`__init__` stays `__init__`)."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", plain(text))
    return _AUTOLINK.sub(lambda m: "\\" + m.group(), escaped)


def valid_unicode_tree(data, where: tuple = ()) -> tuple[object, list[tuple]]:
    """JSON-like `data` with lone surrogates replaced in every string (keys included), and the
    locations (tuples of keys and indexes) where that happened, so the caller can name them."""
    found: list[tuple] = []

    def walk(value, loc: tuple):
        if isinstance(value, str):
            if LONE_SURROGATE.search(value):
                found.append(loc)
                return valid_unicode(value)
            return value
        if isinstance(value, dict):
            return {walk(k, loc): walk(v, (*loc, valid_unicode(str(k)))) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, (*loc, n)) for n, v in enumerate(value)]
        return value

    return walk(data, where), found
