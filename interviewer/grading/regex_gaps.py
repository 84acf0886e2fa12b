"""How far apart a regex lets the words of its claim be: its widest free-text gap.

A misconception pattern shaped `subject[^.]{0,60}claim` matches sentences that put the
subject and the claim in different clauses, with a negation or a contrast in between. The
matcher cancels a hit whose span holds a negation, but such patterns still deserve a second
look, so lint warns about them. A gap is a repetition of a class that matches both a letter
and a space (`.`, `[^.]`, `[a-z ]`, `[\\w\\s]`), i.e. one that can run across words.
"""

import re._constants as _c  # the regex parser's own reading of a pattern
import re._parser as _parser
from dataclasses import dataclass

from interviewer.grading.regex_prefilter import REPEATS

_CATEGORIES = {
    _c.CATEGORY_SPACE: str.isspace,
    _c.CATEGORY_NOT_SPACE: lambda ch: not ch.isspace(),
    _c.CATEGORY_WORD: lambda ch: ch.isalnum() or ch == "_",
    _c.CATEGORY_NOT_WORD: lambda ch: not (ch.isalnum() or ch == "_"),
    _c.CATEGORY_DIGIT: str.isdigit,
    _c.CATEGORY_NOT_DIGIT: lambda ch: not ch.isdigit(),
}


@dataclass(frozen=True)
class Gap:
    """The widest gap of a pattern."""

    width: int | None          # most characters it spans; None when unbounded
    crosses_sentences: bool    # the gap may also swallow a full stop


def widest_gap(pattern: str) -> Gap | None:
    """The pattern's widest cross-word gap, or None when it has none (or does not parse)."""
    try:
        parsed = _parser.parse(pattern)
    except Exception:  # lint reports patterns that do not compile elsewhere
        return None
    gaps: list[Gap] = []
    _collect(parsed, gaps)
    if not gaps:
        return None
    return max(gaps, key=lambda g: (g.width is None, g.width or 0, g.crosses_sentences))


def _collect(seq, gaps: list[Gap]) -> None:
    for op, av in seq:
        if op in REPEATS:
            _low, high, body = av
            if _spans_words(body):
                width = None if high is _c.MAXREPEAT else int(high)
                gaps.append(Gap(width, _matches_item(body, ".")))
            _collect(body, gaps)
        elif op is _c.SUBPATTERN:
            _collect(av[-1], gaps)
        elif op is _c.BRANCH:
            for branch in av[1]:
                _collect(branch, gaps)


def _spans_words(body) -> bool:
    return _matches_item(body, " ") and _matches_item(body, "a")


def _matches_item(seq, ch: str) -> bool:
    """Whether some single-character item of the sequence (recursing into groups) matches ch."""
    for op, av in seq:
        if op is _c.ANY:
            if ch != "\n":
                return True
        elif op is _c.IN:
            if _in_set(av, ch):
                return True
        elif op is _c.NOT_LITERAL:  # a one-character negated class such as [^.]
            if chr(av) != ch:
                return True
        elif op is _c.SUBPATTERN:
            if _matches_item(av[-1], ch):
                return True
    return False


def _in_set(items, ch: str) -> bool:
    negate, hit = False, False
    for op, av in items:
        if op is _c.NEGATE:
            negate = True
        elif op is _c.LITERAL:
            hit = hit or chr(av) == ch
        elif op is _c.RANGE:
            hit = hit or av[0] <= ord(ch) <= av[1]
        elif op is _c.CATEGORY and av in _CATEGORIES:
            hit = hit or _CATEGORIES[av](ch)
    return hit != negate
