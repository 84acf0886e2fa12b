"""Evidence: exact quotes of the candidate's answer, and checking a model's quotes against it.

A model grader must cite the candidate's own words. Each quote is normalised (case, Unicode
forms, punctuation, white space) and looked up in the normalised answer with a fuzzy
partial match; at or above the threshold the quote is verified and located (offsets into the
original answer). A quote with an ellipsis is checked piece by piece.
"""

from __future__ import annotations

import re
import unicodedata

from interviewer.domain import Evidence

def quoted(answer: str, start: int, end: int) -> Evidence:
    """An exact quote of the candidate's answer (offsets index the original text)."""
    return Evidence(quote=answer[start:end], start=start, end=end, verified=True)


#: Minimum rapidfuzz partial-ratio (0-100) for a quote to count as found.
MATCH_THRESHOLD = 90.0
#: A piece shorter than this (normalised characters) proves nothing on its own.
MIN_QUOTE_CHARS = 3
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.+|…|\[\.\.\.\]|\[…\])\s*")
_QUOTE_MARKS = "\"'“”‘’«»`"


_ASCII_WORD = re.compile(r"[A-Za-z0-9]+")


def normalise_with_map(text: str) -> tuple[str, list[int]]:
    """Case-folded NFKC text with punctuation as spaces and runs of spaces collapsed, and for
    each character of it the offset of the original character it came from."""
    if text.isascii():  # the common case, ~20x faster than the general loop below
        words: list[str] = []
        where: list[int] = []
        for m in _ASCII_WORD.finditer(text):
            if words:
                words.append(" ")
                where.append(m.start() - 1)
            words.append(m.group().lower())
            where.extend(range(m.start(), m.end()))
        return "".join(words), where
    out: list[str] = []
    where = []
    for i, ch in enumerate(text):
        folded = unicodedata.normalize("NFKC", ch).casefold() if not ch.isascii() else ch.lower()
        for c in folded:
            if not c.isalnum():
                c = " "
            if c == " " and (not out or out[-1] == " "):
                continue
            out.append(c)
            where.append(i)
    while out and out[-1] == " ":
        out.pop()
        where.pop()
    return "".join(out), where


def normalise(text: str) -> str:
    """`normalise_with_map` without the offsets."""
    return normalise_with_map(text)[0]


def locate_quote(quote: str, answer: str, *, threshold: float = MATCH_THRESHOLD,
                 _answer_norm: tuple[str, list[int]] | None = None) -> Evidence:
    """An Evidence for `quote`: verified (with offsets into `answer`) when every piece of it
    is found in the answer at or above `threshold`, else unverified."""
    from rapidfuzz import fuzz

    answer_norm, where = _answer_norm or normalise_with_map(answer)
    shown = quote.strip().strip(_QUOTE_MARKS).strip()
    pieces = [normalise(p) for p in _ELLIPSIS.split(shown)]
    pieces = [p for p in pieces if p]
    if not pieces or not answer_norm or sum(len(p) for p in pieces) < MIN_QUOTE_CHARS:
        return Evidence(quote=shown, verified=False)
    spans = []
    for piece in pieces:
        if len(piece) > len(answer_norm) + 2:  # longer than the whole answer: cannot be in it
            return Evidence(quote=shown, verified=False)
        if piece in answer_norm:
            start = answer_norm.index(piece)
            spans.append((start, start + len(piece)))
            continue
        found = fuzz.partial_ratio_alignment(piece, answer_norm, score_cutoff=threshold)
        if found is None or found.score < threshold:
            return Evidence(quote=shown, verified=False)
        spans.append((found.dest_start, found.dest_end))
    start = where[min(s for s, _ in spans)]
    end = where[max(e for _, e in spans) - 1] + 1
    return Evidence(quote=shown, start=start, end=end, verified=True)


def verify_quotes(quotes: list[str], answer: str, *, limit: int = 4,
                  answer_norm: tuple[str, list[int]] | None = None) -> list[Evidence]:
    """Each of the first `limit` non-blank quotes, located in `answer` (or unverified).
    Pass `answer_norm` (from normalise_with_map) when checking many lists against one answer."""
    answer_norm = answer_norm or normalise_with_map(answer)
    return [locate_quote(q, answer, _answer_norm=answer_norm) for q in quotes[:limit] if q.strip()]
