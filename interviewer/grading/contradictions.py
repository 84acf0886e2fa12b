"""Wrong claims: misconceptions and stated opposites, and the criteria they void.

Contradiction beats mention. A misconception hit costs its penalty and voids the criteria it
`contradicts`; a claim stating a concept's opposite costs the rubric's `opposite_penalty`
and voids that concept's criterion. A voided criterion is `contradicted`: it earns nothing,
whatever the answer says for it elsewhere, as a human grader would mark it.
"""

from interviewer.domain import CriterionResult, MisconceptionHit, Rubric
from interviewer.grading.claim_verdicts import evidence_for
from interviewer.grading.concept_matcher import AnswerView
from interviewer.grading.conditions import in_antecedent
from interviewer.grading.rubric_compiler import CompiledRubric
from interviewer.grading.scoring import result_for


def wrong_claims(compiled: CompiledRubric, view: AnswerView, answer: str) -> list[MisconceptionHit]:
    """Every misconception the answer claims, and every concept whose opposite it claims."""
    rubric = compiled.rubric
    matcher = compiled.matcher
    hits = []
    hypothetical = in_antecedent(view.text.tokens, view.text.text)
    for misconception, (lo, hi) in zip(rubric.misconceptions, compiled.misconception_slices,
                                       strict=True):
        found = _first(matcher, view, lo, hi, hypothetical)
        if found is not None:
            hits.append(MisconceptionHit(
                id=misconception.id, claim=misconception.claim,
                correction=misconception.correction, penalty=misconception.penalty,
                evidence=[evidence_for(found, answer)], contradicts=list(misconception.contradicts),
            ))
    for n, k, lo, hi in compiled.opposite_slices:
        found = _first(matcher, view, lo, hi, hypothetical)
        if found is None:
            continue
        criterion = rubric.criteria[n]
        concept = criterion.concepts[k]
        same = next((h for h in hits if _overlaps(h, found.start, found.end)), None)
        if same is not None:
            # one wrong claim costs once: the misconception already named it; it also voids
            # this concept's criterion
            if criterion.id not in same.contradicts:
                same.contradicts.append(criterion.id)
            continue
        hits.append(MisconceptionHit(
            id=f"{criterion.id}-opposite-{k + 1}",
            claim=f"Says the opposite of '{concept.name}': “{answer[found.start:found.end]}”.",
            correction=criterion.levels.full, penalty=rubric.opposite_penalty,
            evidence=[evidence_for(found, answer)], contradicts=[criterion.id],
        ))
    return hits


def _overlaps(hit: MisconceptionHit, start: int, end: int) -> bool:
    return any(e.start is not None and e.end is not None and e.start < end and start < e.end
               for e in hit.evidence)


def _first(matcher, view: AnswerView, lo: int, hi: int, hypothetical: list[bool]):
    """A place where one of the patterns lo..hi is claimed (the first pattern found), not
    wholly inside the antecedent of a condition (one that runs on into what follows states
    the implication: "if is_available() returns True, the training is on the GPU")."""
    for i in range(lo, hi):
        for found in matcher.matches(view, i):
            if not (hypothetical[view.token_at(found.start)]
                    and hypothetical[view.token_at(found.end - 1)]):
                return found
    return None


def void_contradicted(rubric: Rubric, results: list[CriterionResult],
                      hits: list[MisconceptionHit]) -> list[CriterionResult]:
    """Contradiction beats mention: a criterion that a wrong claim contradicts earns nothing,
    whatever the answer says for it elsewhere."""
    by_criterion: dict[str, list[str]] = {}
    for hit in hits:
        for criterion_id in hit.contradicts:
            by_criterion.setdefault(criterion_id, []).append(hit.id)
    if not by_criterion:
        return results
    out = []
    for result in results:
        ids = by_criterion.get(result.id)
        criterion = rubric.criterion(result.id)
        if not ids or criterion is None:
            out.append(result)
            continue
        voided = result_for(rubric, criterion, "contradicted", evidence=result.evidence,
                            rationale="contradicted by a wrong claim in the answer",
                            matched_concepts=result.matched_concepts)
        out.append(voided.model_copy(update={"contradicted_by": ids}))
    return out
