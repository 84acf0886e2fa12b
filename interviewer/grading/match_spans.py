"""Where a phrase alias is stated in a prepared answer (`concept_matcher.AnswerView`), as
token spans, and whether a span stands as a claim with the wanted polarity.

Each function returns a list rather than yielding: the matcher asks for every match of an
alias anyway, and a list costs less than a chain of generators per alias (the grader's
hottest loop).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from interviewer.grading.negation import is_negation

if TYPE_CHECKING:
    from interviewer.grading.concept_alias import Alias
    from interviewer.grading.concept_matcher import AnswerView

#: Answer words skipped inside a phrase ("compute the gradients" matches "compute gradients").
FILLERS = frozenset("a an the its their our your my this these those that all each every any".split())
MAX_FILLERS = 2


def phrase_spans(view: AnswerView, alias: Alias, want: bool, claim: bool) -> list[tuple[int, int, bool]]:
    """(first token, last token, exact) of each place the alias's words stand in order
    (up to MAX_FILLERS filler words between two of them); failing that, for a short phrase
    that is not a claim, its words close together in any order."""
    stems = alias.stems
    if not stems:
        return []
    out = []
    tokens = view.text.tokens
    view_stems = view.stems
    n_tok = len(tokens)
    rest = stems[1:]
    for i in view.positions.get(stems[0]) or ():
        j = i
        for next_stem in rest:
            k, skipped = j + 1, 0
            while (k < n_tok and view_stems[k] != next_stem and skipped < MAX_FILLERS
                   and tokens[k].norm in FILLERS):
                k, skipped = k + 1, skipped + 1
            if k >= n_tok or view_stems[k] != next_stem:
                break
            j = k
        else:
            if stands(view, i, j, want, claim, alias.owned):
                out.append((i, j, not any(view.typo[i:j + 1])))
    # A claim is matched with its words in order only: "the DataLoader shuffles the
    # dataset" does not say "dataset shuffles".
    if not out and 2 <= len(stems) <= 3 and not claim and alias.words_only:
        return unordered_spans(view, stems, want)
    return out


def unordered_spans(view: AnswerView, stems: tuple[str, ...], want: bool) -> list[tuple[int, int, bool]]:
    """All the phrase's words close together in one clause, in any order
    ("gradients are computed" for "compute gradients"), none of them negated ("the
    memory is not shared" does not say "shares memory")."""
    lists = [view.positions.get(s) for s in stems]
    if not all(lists) or len(set(stems)) < len(stems):
        return []
    out = []
    window = len(stems) + 3
    tokens = view.text.tokens
    anchor = min(lists, key=len)
    for a in anchor:
        clause = tokens[a].clause
        picked = []
        for plist in lists:
            near = [p for p in plist if abs(p - a) <= window and tokens[p].clause == clause]
            if not near:
                break
            picked.append(min(near, key=lambda p: abs(p - a)))
        else:
            lo, hi = min(picked), max(picked)
            if hi - lo >= window or view.negated[lo] != want or any(view.muted[lo:hi + 1]) \
                    or any(view.denied_subject[lo:hi + 1]):
                continue
            if any(-1 < view.denied_by[k] < lo and not not_only(view, view.denied_by[k])
                   for k in range(lo, hi + 1)):
                continue
            if want or no_foreign_negation(view, lo, hi, picked):
                out.append((lo, hi, False))
    return out


def not_only(view: AnswerView, cue: int) -> bool:
    """Whether a contrast cue still states what it names: "not only X" states X, and "unlike
    X, Y" names X to compare (a rubric may want that comparison); only a misconception's
    claim is cancelled by them ("not only for research")."""
    return view.text.tokens[cue].norm in ("not", "t", "unlike")


def stands(view: AnswerView, lo: int, hi: int, want: bool, claim: bool,
           owned: frozenset[str] = frozenset()) -> bool:
    """Whether tokens lo..hi (all part of the match) are stated as a claim with the wanted
    polarity: not in a claim that states nothing, no negation from before the match (or
    inside it, unless the alias spells that negation out itself: "does not copy") reaching
    into it, and no contrast or denial ("rather than", "it is a myth that") covering it
    ("not only X" states X, except for a misconception's claim: "not only for research")."""
    muted = view.muted
    tokens = view.text.tokens
    if muted and any(muted[lo:hi + 1]):
        return False
    # "X is not used" states no X; a wrong claim that spells the negation out still stands
    if view.denied_subject and any(view.denied_subject[lo:hi + 1]) and not (claim and owned):
        return False
    if want:
        return view.negated[lo]
    for k in range(lo, hi + 1):
        cue = view.negated_by[k]
        if cue != -1 and (cue < lo or tokens[cue].norm not in owned):
            return False
        denial = view.denied_by[k] if view.denied_by else -1
        if -1 < denial < lo and (claim or not not_only(view, denial)):
            return False
        if denial >= lo and tokens[denial].norm not in owned and claim:
            return False
        if k > lo and is_negation(tokens, k) and tokens[k].norm not in owned \
                and not tokens[k].code:
            return False
    return True


def no_foreign_negation(view: AnswerView, lo: int, hi: int, picked: list[int]) -> bool:
    """No word between lo and hi is negated, or is a negation, unless that negation is one
    of the matched words themselves (an alias such as "does not copy")."""
    tokens = view.text.tokens
    for k in range(lo, hi + 1):
        cue = view.negated_by[k]
        if cue != -1 and cue not in picked:
            return False
        if k not in picked and is_negation(tokens, k):
            return False
    return True
