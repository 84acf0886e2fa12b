"""A cheap necessary condition for a regex to match: the literal text it cannot match without.

Rubric patterns are often long alternations with look-behinds, and running a few hundred of
them over every answer is most of the offline grader's time. Most answers do not contain the
words a pattern needs, and a substring test says so in well under a microsecond.

`required_text(pattern)` reads the parsed pattern and returns a condition: a lower-case
string (must occur), ("and", [...]), ("or", [...]), or None (no condition known). It is a
necessary condition only: when it holds, the regex itself still decides.
"""

import re._constants as _c  # the regex parser's own reading of a pattern
import re._parser as _parser
from collections.abc import Callable
from typing import Union

Condition = Union[str, tuple[str, list["Condition"]], None]

#: The parser's codes for a repeated item (x*, x*?, x*+).
REPEATS = frozenset((_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT))
_ATOMIC = _c.ATOMIC_GROUP


def required_text(pattern: str) -> Condition:
    """The condition for `pattern` (a regex source), or None if none can be derived."""
    try:
        return _condition(_parser.parse(pattern))
    except Exception:  # an unusual construct: no shortcut, the regex always runs
        return None


def _condition(seq) -> Condition:
    parts: list[Condition] = []
    run: list[str] = []

    def flush() -> None:
        text = "".join(run)
        # Only ASCII literals: case-insensitive matching of other scripts has exceptions
        # (e.g. the long s matching "s") that a lower-case substring test would miss.
        if len(text) >= 2 and text.isascii():
            parts.append(text.lower())
        run.clear()

    for op, av in seq:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        flush()
        if op is _c.SUBPATTERN:
            parts.append(_condition(av[-1]))
        elif op is _c.BRANCH:
            alternatives = [_condition(branch) for branch in av[1]]
            if all(a is not None for a in alternatives):
                parts.append(("or", alternatives))
        elif op in REPEATS:
            low, _high, body = av
            if low >= 1:
                parts.append(_condition(body))
        elif op is _ATOMIC:
            parts.append(_condition(av))
        # anything else (classes, anchors, look-arounds, back-references) requires nothing
    flush()
    parts = [p for p in parts if p is not None]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else ("and", parts)


def holds(condition: Condition, lowered: str) -> bool:
    """Whether the lower-cased ASCII text meets the condition (True when there is none). The
    matcher builds the test once per alias (`compile_condition`); this is the same test."""
    return compile_condition(condition)(lowered)


def compile_condition(condition: Condition) -> Callable[[str], bool]:
    """The condition as one function of the lower-cased text, built once per pattern, so no
    answer re-reads the condition's tree. A run of alternative substrings is one
    loop over them (a regex alternation would be slower than the C substring test)."""
    if condition is None:
        return _always
    if isinstance(condition, str):
        return _contains(condition)
    kind, parts = condition
    if all(isinstance(p, str) for p in parts):
        return _all_in(tuple(parts)) if kind == "and" else _any_in(tuple(parts))
    tests = tuple(compile_condition(p) for p in parts)
    if kind == "and":
        return _all_of(tests)
    return _any_of(tests)


def _always(lowered: str) -> bool:
    return True


def _contains(needle: str) -> Callable[[str], bool]:
    def test(lowered: str) -> bool:
        return needle in lowered
    return test


def _all_in(needles: tuple[str, ...]) -> Callable[[str], bool]:
    def test(lowered: str) -> bool:
        for needle in needles:
            if needle not in lowered:
                return False
        return True
    return test


def _any_in(needles: tuple[str, ...]) -> Callable[[str], bool]:
    def test(lowered: str) -> bool:
        for needle in needles:
            if needle in lowered:
                return True
        return False
    return test


def _all_of(tests: tuple[Callable[[str], bool], ...]) -> Callable[[str], bool]:
    def test(lowered: str) -> bool:
        for part in tests:
            if not part(lowered):
                return False
        return True
    return test


def _any_of(tests: tuple[Callable[[str], bool], ...]) -> Callable[[str], bool]:
    def test(lowered: str) -> bool:
        for part in tests:
            if part(lowered):
                return True
        return False
    return test
