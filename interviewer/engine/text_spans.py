"""Sentences around a span: what a hint quotes from the model answer, and what a follow-up
quotes back to the candidate when it challenges a wrong claim."""

import re

from interviewer.text_safety import markdown_text

#: A sentence ends at . ! or ? followed by white space and a capital, a quote or a bracket
#: (so `loss.backward()` and `e.g. SGD` stay whole), at a blank line, or before a list item.
#: A single line break is not an end: YAML model answers are wrapped mid-sentence.
_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(\[`])|\n\s*\n\s*|\n(?=\s*(?:[-*+]|\d+[.)])\s)")
#: A list item's marker ("- ", "* ", "2. "), not part of the sentence it starts.
_LIST_MARKER = re.compile(r"^(?:[-*+]|\d+[.)])\s+")
#: Longest sentence quoted whole; a longer one is cut around the span.
MAX_CHARS = 220


def sentence_around(text: str, start: int, end: int | None = None) -> str:
    """The sentence of `text` holding `text[start:end]`, trimmed (cut around the span, with
    "…", when it is longer than MAX_CHARS)."""
    end = start if end is None else end
    lo, hi = 0, len(text)
    for m in _BOUNDARY.finditer(text):
        if m.end() <= start:
            lo = m.end()
        elif m.start() >= end:
            hi = m.start()
            break
    sentence = text[lo:hi].strip()
    if len(sentence) > MAX_CHARS:
        offset = text.index(sentence, lo)
        a = max(offset, start - MAX_CHARS // 3)
        b = min(offset + len(sentence), max(end, a) + MAX_CHARS * 2 // 3)
        sentence = ("…" if a > offset else "") + text[a:b].strip() \
            + ("…" if b < offset + len(sentence) else "")
    return _LIST_MARKER.sub("", " ".join(sentence.split()))


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty sentence of `text` (line breaks inside one are kept:
    join its words to quote it)."""
    out, lo = [], 0
    for m in [*_BOUNDARY.finditer(text), None]:
        hi = m.start() if m else len(text)
        if text[lo:hi].strip():
            out.append((lo, hi))
        if m:
            lo = m.end()
    return out


def quoted_markdown(text: str) -> str:
    """Untrusted text quoted inside a Markdown turn: on one line, shown as typed."""
    return markdown_text(" ".join(text.split()))
