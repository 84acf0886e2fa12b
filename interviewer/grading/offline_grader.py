"""The offline grader: deterministic, rubric-driven, no network, pure CPU.

Per criterion, the verdict follows from how many of its concepts the answer states (not
negated, not merely repeating the question): all it needs -> met, at least one -> partial,
none -> missed. Evidence is the exact span of the answer that stated each concept.
Misconception patterns cost their penalty. Points and the total come from
`interviewer.grading.scoring` only.
"""

from interviewer.domain import (
    Criterion,
    CriterionResult,
    Evidence,
    Flag,
    Grade,
    MisconceptionHit,
    Rubric,
)
from interviewer.domain.grade import Verdict
from interviewer.grading.concept_matcher import AnswerView, ConceptMatch
from interviewer.grading.prechecks import PrecheckResult, run_prechecks
from interviewer.grading.protocols import GradeRequest
from interviewer.grading.rubric_compiler import CompiledRubric, compile_rubric
from interviewer.grading.scoring import result_for, total_score

#: Flags that explain a zero without grading, in the words feedback uses.
_BLOCK_REASONS = {
    "empty": "The answer is empty.",
    "punctuation-only": "The answer has no words.",
    "too-short": "The answer is too short to grade.",
    "parroting": "The answer only repeats the question.",
    "injection": "The answer only addresses the grader; that text is ignored.",
}


class OfflineGrader:
    """Grades against the rubric's concepts (or, without a rubric, the reference answer)."""

    name = "offline"

    async def grade(self, request: GradeRequest) -> Grade:
        """Same as `grade_sync`: the work is CPU-only and takes well under a millisecond."""
        return self.grade_sync(request)

    def grade_sync(self, request: GradeRequest) -> Grade:
        """Grade one answer."""
        if request.rubric is None:
            from interviewer.grading.reference_only import grade_reference_only

            return grade_reference_only(request)
        return grade_with_rubric(request.rubric, request)


def grade_with_rubric(rubric: Rubric, request: GradeRequest,
                      checks: PrecheckResult | None = None) -> Grade:
    """Grade `request.answer` against `rubric` (`checks`: pre-checks already run on it, so a
    caller that needs them too, such as the LLM grader, does not run them twice)."""
    compiled = compile_rubric(rubric, request.question)
    if checks is None:
        checks = run_prechecks(request.question, request.answer, reference=rubric.model_answer)
    if checks.blocked or checks.text is None:
        return blocked_grade(request, compiled, checks)
    view = compiled.matcher.view(checks.text)
    results = [
        _criterion_result(compiled, view, criterion, span, checks, request.answer)
        for criterion, span in zip(rubric.criteria, compiled.criterion_slices, strict=True)
    ]
    hits = _misconception_hits(compiled, view, request.answer)
    hits += _opposite_hits(compiled, view, request.answer)
    results = void_contradicted(rubric, results, hits)
    return Grade(
        question_id=request.question.id,
        score=total_score(rubric, results, hits),
        criteria=results,
        misconceptions=hits,
        flags=[*checks.flags, *rubric_flags(rubric)],
        feedback=feedback(rubric, results, hits, checks),
        backend="offline",
        rubric_version=rubric.version,
        rubric_hash=compiled.rubric_hash,
    )


def rubric_flags(rubric: Rubric) -> list[Flag]:
    """A `draft-rubric` flag when the rubric was drafted by a model and not yet reviewed."""
    if rubric.status != "draft":
        return []
    return [Flag(code="draft-rubric",
                 detail="draft rubric: written by a model, not yet reviewed by a person")]


def blocked_grade(request: GradeRequest, compiled: CompiledRubric, checks: PrecheckResult) -> Grade:
    """Score 0, every criterion missed, with the pre-check flags saying why."""
    rubric = compiled.rubric
    reason = next((_BLOCK_REASONS[f.code] for f in checks.flags if f.code in _BLOCK_REASONS),
                  "The answer could not be graded.")
    results = [result_for(rubric, c, "missed", rationale=reason) for c in rubric.criteria]
    return Grade(
        question_id=request.question.id,
        score=total_score(rubric, results, []),
        criteria=results,
        flags=[*checks.flags, *rubric_flags(rubric)],
        feedback=f"{reason} Score 0.\n"
        + _section("A strong answer:", [c.description for c in rubric.criteria]),
        backend="offline",
        rubric_version=rubric.version,
        rubric_hash=compiled.rubric_hash,
    )


def evidence_for(match: ConceptMatch, answer: str) -> Evidence:
    """An exact quote from the candidate's answer (offsets index the original text)."""
    return Evidence(quote=answer[match.start:match.end], start=match.start, end=match.end,
                    verified=True)


def _criterion_result(
    compiled: CompiledRubric, view: AnswerView, criterion: Criterion, span: tuple[int, int],
    checks: PrecheckResult, answer: str,
) -> CriterionResult:
    matches = [m for m in (compiled.matcher.find(view, n) for n in range(*span)) if m is not None]
    verdict: Verdict = (
        "met" if len(matches) >= criterion.needed else "partial" if matches else "missed"
    )
    found = {m.concept for m in matches}
    unstated = [compiled.matcher.names[n] for n in range(*span) if n not in found]
    rationale = concept_rationale([m.name for m in matches], unstated, criterion.needed)
    if verdict == "met" and checks.keyword_salad:
        verdict = "partial"
        rationale += " (only as a list of terms, not explained: capped at partial)"
    matches.sort(key=lambda m: m.start)
    return result_for(
        compiled.rubric, criterion, verdict,
        evidence=[evidence_for(m, answer) for m in matches],
        rationale=rationale,
        matched_concepts=[m.name for m in matches],
    )


def _misconception_hits(compiled: CompiledRubric, view: AnswerView, answer: str) -> list[MisconceptionHit]:
    hits = []
    for misconception, (lo, hi) in zip(compiled.rubric.misconceptions,
                                       compiled.misconception_slices, strict=True):
        found = next((m for m in (compiled.matcher.find(view, n) for n in range(lo, hi)) if m), None)
        if found is not None:
            hits.append(MisconceptionHit(
                id=misconception.id, claim=misconception.claim,
                correction=misconception.correction, penalty=misconception.penalty,
                evidence=[evidence_for(found, answer)], contradicts=list(misconception.contradicts),
            ))
    return hits


def _opposite_hits(compiled: CompiledRubric, view: AnswerView, answer: str) -> list[MisconceptionHit]:
    """A wrong claim per concept whose opposite the answer states: it contradicts the
    concept's criterion."""
    rubric = compiled.rubric
    hits = []
    for n, k, lo, hi in compiled.opposite_slices:
        found = next((m for m in (compiled.matcher.find(view, i) for i in range(lo, hi)) if m), None)
        if found is None:
            continue
        criterion = rubric.criteria[n]
        concept = criterion.concepts[k]
        hits.append(MisconceptionHit(
            id=f"{criterion.id}-opposite-{k + 1}",
            claim=f"Says the opposite of '{concept.name}': \"{answer[found.start:found.end]}\"",
            correction=criterion.levels.full, penalty=rubric.opposite_penalty,
            evidence=[evidence_for(found, answer)], contradicts=[criterion.id],
        ))
    return hits


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
                            rationale=f"contradicted by a wrong claim ({', '.join(ids)})",
                            matched_concepts=result.matched_concepts)
        out.append(voided.model_copy(update={"contradicted_by": ids}))
    return out


def concept_rationale(stated: list[str], unstated: list[str], needed: int) -> str:
    """Why a criterion got its verdict, in terms of its key ideas: which were stated, how
    many it needs, and (short of met) which were not stated."""
    total = len(stated) + len(unstated)
    said = _names(stated, "and")
    if len(stated) >= needed:
        if unstated:
            return f"stated {len(stated)} of its {total} key ideas ({needed} needed): {said}"
        if total == 1:
            return f"stated its key idea {said}"
        return f"stated {'both' if total == 2 else f'all {total}'} key ideas: {said}"
    short = needed - len(stated)
    if short == len(unstated):
        wanted = _names(unstated, "and")
    elif short == 1:
        wanted = _names(unstated, "or")
    else:
        wanted = f"{short} of {_names(unstated, 'and')}"
    if not stated:
        return f"no key idea stated; it needs {wanted}"
    return (f"stated {said} ({len(stated)} of the {needed} key ideas needed); "
            f"still needs {wanted}")


def _names(names: list[str], joiner: str) -> str:
    """'a', 'b' and 'c' (or 'a', 'b' or 'c')."""
    quoted = [f"'{n}'" for n in names]
    if len(quoted) < 2:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + f" {joiner} " + quoted[-1]


def feedback(rubric: Rubric, results: list[CriterionResult], hits: list[MisconceptionHit],
             checks: PrecheckResult) -> str:
    """Short feedback, one item per line (rubric texts often hold ';' themselves): what was
    covered, what a full answer adds where the answer was partial or silent (the criterion's
    full level), and each wrong claim with its correction."""
    by_id = {c.id: c for c in rubric.criteria}
    met = [by_id[r.id].description for r in results if r.verdict == "met"]
    partial = [by_id[r.id].levels.full for r in results if r.verdict == "partial"]
    contradicted = [by_id[r.id].description for r in results if r.verdict == "contradicted"]
    missed = [by_id[r.id].levels.full for r in results if r.verdict == "missed"]
    sections = []
    if met:
        sections.append(_section("Covered:", met))
    if partial:
        sections.append(_section("Partly covered; a full answer says:", partial))
    if missed:
        sections.append(_section("Missing:", missed))
    if contradicted:
        sections.append(_section("Contradicted by a wrong claim (no credit):", contradicted))
    if hits:
        wrong = [f"{_sentence(h.claim)} In fact: {_sentence(h.correction)}" for h in hits]
        sections.append(_section("Not right:", wrong))
    notes = []
    if checks.keyword_salad:
        notes.append("Explain the terms in sentences: a list of keywords earns at most partial credit.")
    if checks.has("injection"):
        notes.append("Text addressed to the grader was ignored.")
    if checks.truncated:
        notes.append("Only the start of a very long answer was graded.")
    return "\n".join(sections + notes)


def _section(title: str, items: list[str]) -> str:
    return "\n".join([title, *(f"- {_sentence(item)}" for item in items)])


def _sentence(text: str) -> str:
    """The text with exactly one closing full stop (or its own ! or ?)."""
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?")) else text + "."
