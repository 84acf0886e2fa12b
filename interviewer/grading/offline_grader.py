"""The offline grader: deterministic, rubric-driven, no network, pure CPU. It judges claims.

The answer is read as claims (`text_normalise`, `stance`); a concept counts only where a claim
states it. Per criterion, the verdict follows from how many of its concepts are stated, and
whether together (`claim_verdicts`): all it needs in one claim -> met; some, or all but far
apart -> partial (the latter marked unsure); none -> missed. A misconception or a concept's
opposite stated as a claim voids the criteria it contradicts and costs its penalty
(`contradictions`). An answer that is mostly off the rubric is capped (`precision`). Evidence
is the exact span of the answer that stated each concept. Points and the total come from
`interviewer.grading.scoring` only.
"""

from interviewer.domain import CriterionResult, Flag, Grade, MisconceptionHit, Question, Rubric
from interviewer.grading.claim_verdicts import Stated, criterion_result
from interviewer.grading.contradictions import void_contradicted, wrong_claims
from interviewer.grading.model_contrast import Contrast, model_clauses
from interviewer.grading.precision import Precision, precision, precision_flag, precision_note
from interviewer.grading.prechecks import PrecheckResult, run_prechecks
from interviewer.grading.protocols import GradeRequest
from interviewer.grading.topicality import (
    OFF_TOPIC_CAP,
    DeckIndex,
    OffTopic,
    deck_index,
    is_off_topic,
    off_topic_parts,
    worth_parts,
)
from interviewer.grading.readability import readability_flags, unreadable_note
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


_INDEXES: dict[int, tuple] = {}


class OfflineGrader:
    """Grades against the rubric's concepts (or, without a rubric, the reference answer).

    Given the catalog, it also checks that an answer answers its own question rather than
    another of the deck (`topicality`)."""

    name = "offline"

    def __init__(self, catalog=None) -> None:
        self._catalog = catalog

    def index_for(self, question: Question) -> DeckIndex | None:
        """The index of the deck that holds this question (built once per deck object)."""
        if self._catalog is None:
            return None
        for name, deck in sorted(self._catalog.decks.items()):
            found = deck.get(question.id)
            if found is not None and found.question == question.question:
                cached = _INDEXES.get(id(deck))
                if cached is None or cached[0] is not deck:
                    cached = (deck, deck_index(deck.questions, self._catalog.rubrics.get(name, {})))
                    _INDEXES[id(deck)] = cached   # the deck is kept alive with it: ids stay unique
                return cached[1]
        return None

    async def grade(self, request: GradeRequest) -> Grade:
        """Same as `grade_sync`: the work is CPU-only and takes well under a millisecond."""
        return self.grade_sync(request)

    def grade_sync(self, request: GradeRequest) -> Grade:
        """Grade one answer."""
        if request.rubric is None:
            from interviewer.grading.reference_only import grade_reference_only

            return grade_reference_only(request)
        return grade_with_rubric(request.rubric, request, index=self.index_for(request.question))


def grade_with_rubric(rubric: Rubric, request: GradeRequest,
                      checks: PrecheckResult | None = None, index: DeckIndex | None = None) -> Grade:
    """Grade `request.answer` against `rubric` (`checks`: pre-checks already run on it, so a
    caller that needs them too, such as the LLM grader, does not run them twice)."""
    compiled = compile_rubric(rubric, request.question)
    if checks is None:
        checks = run_prechecks(request.question, request.answer, reference=rubric.model_answer)
    if checks.blocked or checks.text is None:
        return blocked_grade(request, compiled, checks)
    matcher = compiled.matcher
    view = matcher.view(checks.text)
    results = []
    on_units: set[int] = set()
    against = Contrast.of(view, model_clauses(rubric.model_answer))
    for criterion, (lo, hi) in zip(rubric.criteria, compiled.criterion_slices, strict=True):
        stated = Stated({n - lo: against.keep(view, matcher.find_each(view, n), matcher.polarity[n])
                         for n in range(lo, hi)})
        for units in stated.units.values():
            on_units.update(units)
        results.append(criterion_result(rubric, criterion, stated, matcher.names[lo:hi],
                                        request.answer, salad=checks.keyword_salad))
    hits = wrong_claims(compiled, view, request.answer)
    for hit in hits:
        on_units.update(checks.text.tokens[view.token_at(e.start)].sentence
                        for e in hit.evidence if e.start is not None)
    results = void_contradicted(rubric, results, hits)
    elsewhere = None
    # Topicality can only lower a score above its cap: answers already at or below it (most
    # wrong, vague and gaming answers) skip the work.
    if index is not None and total_score(rubric, results, hits) > OFF_TOPIC_CAP:
        standing = index.standing(request.question.id, checks.text.tokens)
        if standing is not None and is_off_topic(standing):
            elsewhere = standing
        elif worth_parts(standing):
            # parts of the answer that answer other questions: off the rubric, and when they
            # are most of the answer, the answer as a whole is off topic
            off_units, off_share, biggest = off_topic_parts(
                index, request.question.id, checks.text.text, checks.text.tokens)
            on_units -= off_units
            if off_share >= 0.5:
                elsewhere = biggest
    measured = precision(checks.text.tokens, view.muted, on_units)
    flags = list(checks.flags)
    if not measured.binds(total_score(rubric, results, hits)):
        measured = None
    if measured is not None:
        flags.append(precision_flag(measured))
    cap = 100.0 if measured is None else measured.cap
    if elsewhere is not None:
        cap = min(cap, OFF_TOPIC_CAP)
        flags.append(Flag(code="off-topic", detail=(
            f"reads as an answer to another question ({elsewhere.question_id}): "
            f"capped at {OFF_TOPIC_CAP:g}")))
    score = total_score(rubric, results, hits, cap=cap)
    unreadable = readability_flags(checks.text, score)
    return Grade(
        question_id=request.question.id,
        score=score,
        criteria=results,
        misconceptions=hits,
        flags=[*flags, *unreadable, *rubric_flags(rubric)],
        feedback=feedback(rubric, results, hits, checks, measured, unreadable, elsewhere),
        confidence="low" if unreadable else "normal",
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


def feedback(rubric: Rubric, results: list[CriterionResult], hits: list[MisconceptionHit],
             checks: PrecheckResult, measured: Precision | None = None,
             unreadable: list[Flag] = (), elsewhere: OffTopic | None = None) -> str:
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
    if measured is not None:
        notes.append(precision_note(measured))
    notes += [unreadable_note(f.detail) for f in unreadable]
    if elsewhere is not None:
        notes.append(f"This reads more like an answer to another question (“{elsewhere.question}”) "
                     f"than to this one: the score is capped at {OFF_TOPIC_CAP:g}.")
    if any(r.unsure for r in results):
        notes.append("Some key terms were there but not connected in one claim: say how they "
                     "relate (those criteria are held at partial).")
    return "\n".join(sections + notes)


def _section(title: str, items: list[str]) -> str:
    return "\n".join([title, *(f"- {_sentence(item)}" for item in items)])


def _sentence(text: str) -> str:
    """The text with exactly one closing full stop (or its own ! or ?)."""
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?")) else text + "."
