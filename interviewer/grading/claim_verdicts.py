"""A criterion's verdict from the claims that state its concepts.

A concept is stated where a claim of the answer states it (see `concept_matcher` and
`stance`). A criterion that needs several concepts is met when they are stated together: in
one claim, or in a claim and the one that continues it. Concepts stated only far apart (a
word here, another three paragraphs later) show the terms without the connection the
criterion asks for: the verdict is `partial` and marked unsure, and the interviewer's next
follow-up probes exactly that criterion.
"""

from dataclasses import dataclass

from interviewer.domain import Criterion, CriterionResult, Evidence, Rubric
from interviewer.domain.grade import Verdict
from interviewer.grading.concept_matcher import ConceptMatch
from interviewer.grading.evidence import quoted
from interviewer.grading.scoring import result_for

#: Concepts stated within this many characters of each other are stated together (about two
#: or three sentences: a claim and the ones that continue it, or one list of items).
WINDOW_CHARS = 400


@dataclass(frozen=True)
class Stated:
    """Where each concept of one criterion is stated: concept index -> {claim: match}."""

    units: dict[int, dict[int, ConceptMatch]]


def criterion_verdict(criterion: Criterion, stated: Stated) -> tuple[Verdict, bool, list[ConceptMatch]]:
    """(verdict, unsure, the matches that earned it)."""
    found = {c: u for c, u in stated.units.items() if u}
    needed = criterion.needed
    if not found:
        return "missed", False, []
    if len(found) < needed:
        return "partial", False, [min(u.values(), key=_order) for u in found.values()]
    together = _together(found, needed)
    if together is not None:
        return "met", False, together
    return "partial", True, [min(u.values(), key=_order) for u in found.values()]


def _order(match: ConceptMatch) -> tuple[bool, int]:
    return (not match.exact, match.start)


def _together(found: dict[int, dict[int, ConceptMatch]], needed: int) -> list[ConceptMatch] | None:
    """Matches of `needed` distinct concepts within WINDOW_CHARS of each other, if any (the
    tightest such group)."""
    if needed <= 1:
        return [min((m for u in found.values() for m in u.values()), key=_order)]
    matches = sorted((m for u in found.values() for m in u.values()), key=lambda m: m.start)
    best: list[ConceptMatch] | None = None
    lo = 0
    for hi, last in enumerate(matches):
        while last.end - matches[lo].start > WINDOW_CHARS:
            lo += 1
        group: dict[int, ConceptMatch] = {}
        for m in matches[lo:hi + 1]:
            if m.concept not in group or _order(m) < _order(group[m.concept]):
                group[m.concept] = m
        if len(group) >= needed:
            picked = list(group.values())
            span = max(m.end for m in picked) - min(m.start for m in picked)
            if best is None or span < max(m.end for m in best) - min(m.start for m in best):
                best = picked
    return best


def criterion_result(rubric: Rubric, criterion: Criterion, stated: Stated, names: list[str],
                     answer: str, *, salad: bool = False) -> CriterionResult:
    """The verdict, its evidence (exact quotes of the answer) and why, in the answer's words."""
    verdict, unsure, matches = criterion_verdict(criterion, stated)
    missing = [names[c] for c, units in stated.units.items() if not units]
    rationale = rationale_for(verdict, unsure, matches, missing, criterion.needed, answer)
    if verdict == "met" and salad:
        verdict = "partial"
        rationale += " (only as a list of terms, not explained: capped at partial)"
    matches = sorted(matches, key=lambda m: m.start)
    return result_for(
        rubric, criterion, verdict,
        evidence=[evidence_for(m, answer) for m in matches],
        rationale=rationale,
        matched_concepts=[m.name for m in matches],
        unsure=unsure,
    )


def evidence_for(match: ConceptMatch, answer: str) -> Evidence:
    """The quote of the answer where a concept was found."""
    return quoted(answer, match.start, match.end)


def rationale_for(verdict: Verdict, unsure: bool, matches: list[ConceptMatch], missing: list[str],
                  needed: int, answer: str) -> str:
    """Why a criterion got its verdict. What the answer stated is quoted in its own words;
    what it still needs is named by the rubric's key ideas."""
    said = _joined([f"“{answer[m.start:m.end]}”" for m in sorted(matches, key=lambda m: m.start)],
                   "and")
    short = needed - len({m.concept for m in matches})
    names = [f"'{n}'" for n in missing]
    if short >= len(missing):
        wanted = _joined(names, "and")
    elif short <= 1:
        wanted = _joined(names, "or")
    else:
        wanted = f"{short} of " + _joined(names, "and")
    if verdict == "met":
        return f"stated {said}"
    if unsure:
        return (f"stated {said}, but not together in one claim: say how they connect "
                "(held at partial)")
    if verdict == "partial":
        return f"stated {said}; still needs {wanted}" if wanted else f"stated {said}"
    return f"no claim states it; it needs {wanted}" if wanted else "no claim states it"


def _joined(items: list[str], joiner: str) -> str:
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {joiner} " + items[-1]
