"""Reference-only grading: for a question with no rubric (a freshly imported deck), derive
the key words from the question's reference answer and grade how much of them an answer
covers. Such grades are flagged `reference-only` with confidence "low".

How the key words are derived (generic knowledge only; nothing is learned from answers):
- every distinct word stem of the reference is a concept, except grammar words;
- weights by kind of word: content words 1.0, "weak" general words 0.5, other function
  words 0.3 ("once", "before", "least"), words the question already uses 0.2 (and those
  count only when the answer also states something the question does not);
- a concept stated negatively in the reference ("no constructor is given") matches only a
  negated statement in the answer;
- a word sharing a stem prefix with the reference word ("reuse" / "reusability") earns half;
- an acronym matches the words it abbreviates ("FIFO" / "first in, first out").
The reference's sentences become the criteria (at most six); each criterion's points come
from `scoring.coverage_result` (a concave curve of its weighted coverage).
"""

from interviewer.domain import Evidence, Flag, Grade
from interviewer.grading.concept_matcher import AnswerView
from interviewer.grading.evidence import quoted
from interviewer.grading.precision import Precision, precision, precision_flag, precision_note
from interviewer.grading.prechecks import PrecheckResult, run_prechecks
from interviewer.grading.protocols import GradeRequest
from interviewer.grading.reference_model import (
    WEIGHT_CONTENT,
    ReferenceModel,
    clip_sentence,
    reference_model,
)
from interviewer.grading.scoring import coverage_result, result_for, total_score

#: Credit for a word that only shares a stem prefix with the reference word.
DERIVED_CREDIT = 0.5
_MIN_PREFIX = 4
_SALAD_COVERAGE_CAP = 0.04   # keyword salad: at most a fifth of each criterion's points
#: An answer claim that shares this much of a reference sentence's key words (by weight) is
#: about that sentence; if it negates one of them (or affirms one the reference negates), it
#: contradicts it.
_ALIGNED = 0.8


def grade_reference_only(request: GradeRequest) -> Grade:
    """Grade an answer against the question's reference answer (no rubric)."""
    question = request.question
    model = reference_model(question)
    flag = Flag(code="reference-only", detail=(
        "no rubric for this question: graded by coverage of the reference answer's key words"))
    if model is None:
        return Grade(
            question_id=question.id, score=0.0, flags=[flag, Flag(
                code="low-confidence", detail="the question has no reference answer to grade against")],
            feedback="This question has no rubric and no reference answer, so it cannot be graded.",
            confidence="low", backend="offline",
        )
    checks = run_prechecks(question, request.answer, reference=question.reference_answer)
    if checks.blocked or checks.text is None:
        results = [coverage_result(model.rubric, c, 0.0, rationale="not graded")
                   for c in model.rubric.criteria]
        reason = checks.flags[-1].detail if checks.flags else "the answer could not be graded"
        reference = clip_sentence(question.reference_answer, 400)
        return _grade(request, model, checks, results, flag,
                      f"Score 0: {reason}. Reference answer: {reference}")
    credits, evidence, view = _credits(model, checks, request.answer)
    contradicted = _contradicted(model, view, request.answer)
    results = []
    for n, criterion in enumerate(model.rubric.criteria):
        if n in contradicted:
            results.append(result_for(
                model.rubric, criterion, "contradicted", evidence=[contradicted[n]],
                rationale="a claim of the answer says the opposite of this part of the reference"))
            continue
        members = [i for i, c in enumerate(model.concepts) if c.criterion == n]
        total = sum(model.concepts[i].weight for i in members)
        earned = sum(model.concepts[i].weight * credits[i] for i in members)
        coverage = earned / total if total else 0.0
        if checks.keyword_salad:
            coverage = min(coverage, _SALAD_COVERAGE_CAP)
        matched = [model.concepts[i].name for i in members if credits[i] > 0]
        results.append(coverage_result(
            model.rubric, criterion, coverage,
            evidence=sorted((evidence[i] for i in members if i in evidence),
                            key=lambda e: e.start or 0),
            rationale=f"covers {coverage:.0%} of this part's key words (by weight)",
            matched_concepts=matched,
        ))
    missing = [c.name for i, c in enumerate(model.concepts)
               if credits[i] == 0 and c.weight >= WEIGHT_CONTENT]
    lines = ["Graded against the reference answer only (no rubric yet), so treat the score as rough."]
    covered = [c.name for i, c in enumerate(model.concepts) if credits[i] > 0 and not c.from_question]
    if covered:
        lines.append("Key words you covered: " + ", ".join(covered[:12]) + ".")
    if missing:
        lines.append("Key words of the reference you did not use: " + ", ".join(missing[:12]) + ".")
    measured: Precision | None = precision(checks.text.tokens, view.muted,
                                           _on_topic_units(model, view))
    if not measured.binds(total_score(model.rubric, results, [])):
        measured = None
    if measured is not None:
        lines.append(precision_note(measured))
    if contradicted:
        lines.append("Some claims say the opposite of the reference answer: those parts earn nothing.")
    return _grade(request, model, checks, results, flag, "\n".join(lines), measured)


def _contradicted(model: ReferenceModel, view: AnswerView, answer: str) -> dict[int, Evidence]:
    """Criteria an answer claim contradicts: the claim shares most of the key words of one
    reference sentence but negates one the reference states. Evidence: the contradicting
    claim."""
    tokens = view.text.tokens
    by_unit: dict[int, list[int]] = {}
    for i, tok in enumerate(tokens):
        if not view.muted[i] and not tok.code:
            by_unit.setdefault(tok.sentence, []).append(i)
    out: dict[int, Evidence] = {}
    units = list(by_unit.values())
    # each claim's stems, built once on first use (they do not depend on the reference claim)
    stems_of: list[set[str] | None] = [None] * len(units)
    for claim in model.claims:
        total = sum(claim.weights.values())
        if not total or claim.criterion in out:
            continue
        for u, idx in enumerate(units):
            stems = stems_of[u]
            if stems is None:
                stems = stems_of[u] = {view.stems[i] for i in idx}
            if sum(w for st, w in claim.weights.items() if st in stems) < _ALIGNED * total:
                continue
            # Only the answer negating what the reference states: the other way round is
            # too often a rephrasing ("not connected to the negative terminal" = "connected
            # to the positive terminal").
            flipped = any(
                view.stems[i] in claim.weights and view.stems[i] not in claim.negated
                and view.negated[i] and tokens[view.negated_by[i]].norm in ("not", "t", "never")
                for i in idx)
            if flipped:
                start, end = tokens[idx[0]].start, tokens[idx[-1]].end
                out[claim.criterion] = quoted(answer, start, end)
                break
    # One negated sentence in a natural answer is usually a rephrasing or a side remark; the
    # reference's claims negated one after another is a contradiction.
    return out if len(out) >= 2 else {}


def _on_topic_units(model: ReferenceModel, view: AnswerView) -> set[int]:
    """Claims that state (not negated) a key word of the reference other than the question's."""
    wanted = {c.stem for c in model.concepts if not c.from_question and not c.negated}
    tokens = view.text.tokens
    return {tokens[i].sentence for i, st in enumerate(view.stems)
            if st in wanted and not view.negated[i] and not view.muted[i]}


def _credits(model: ReferenceModel, checks: PrecheckResult, answer: str
             ) -> tuple[list[float], dict[int, Evidence], AnswerView]:
    """Per concept: 1 (stated), 0.5 (a word sharing its stem prefix), 0; with evidence."""
    assert checks.text is not None
    view = model.matcher.view(checks.text)
    tokens = checks.text.tokens
    credits = [0.0] * len(model.concepts)
    evidence: dict[int, Evidence] = {}

    def quote(i: int, start: int, end: int) -> None:
        evidence.setdefault(i, quoted(answer, start, end))

    muted = view.muted or [False] * len(tokens)

    def says(j: int, negated: bool = False) -> bool:
        """Whether token j is stated, with the wanted polarity (as the matcher's matches are)."""
        return not muted[j] and view.negated[j] == negated

    for i in range(len(model.concepts)):
        found = model.matcher.find(view, i)
        if found is not None:
            credits[i] = 1.0
            quote(i, found.start, found.end)
    # Acronyms, both ways.
    for j, tok in enumerate(tokens):
        members = model.acronyms.get(tok.norm) if 2 <= len(tok.norm) <= 5 else None
        if members and says(j):
            for i in members:
                if credits[i] < 1.0:
                    credits[i] = 1.0
                    quote(i, tok.start, tok.end)
    if model.spelled:
        initials = [t.norm[:1] for t in tokens]   # (a word's norm is never empty)
        for j in range(len(tokens)):
            for n in range(2, 6):
                if j + n > len(tokens):
                    break
                i = model.spelled.get("".join(initials[j:j + n]))
                if i is not None and credits[i] < 1.0 and all(says(k) for k in range(j, j + n)):
                    credits[i] = 1.0
                    quote(i, tokens[j].start, tokens[j + n - 1].end)
    # Derived forms: "reuse" for "reusability" (a shared stem prefix), for half credit.
    by_prefix: dict[str, list[int]] = {}
    for j, st in enumerate(view.stems):
        if len(st) >= _MIN_PREFIX and st.isalpha():
            by_prefix.setdefault(st[:_MIN_PREFIX], []).append(j)
    for i, concept in enumerate(model.concepts):
        if credits[i] or len(concept.stem) < _MIN_PREFIX:
            continue
        for j in by_prefix.get(concept.stem[:_MIN_PREFIX], ()):
            st = view.stems[j]
            if (st.startswith(concept.stem) or concept.stem.startswith(st)) \
                    and says(j, concept.negated):
                credits[i] = DERIVED_CREDIT
                quote(i, tokens[j].start, tokens[j].end)
                break
    # Words that only repeat the question count for nothing on their own.
    if not any(credits[i] for i, c in enumerate(model.concepts) if not c.from_question):
        for i, concept in enumerate(model.concepts):
            if concept.from_question:
                credits[i] = 0.0
                evidence.pop(i, None)
    return credits, evidence, view


def _grade(request: GradeRequest, model: ReferenceModel, checks: PrecheckResult,
           results: list, flag: Flag, feedback: str, measured: Precision | None = None) -> Grade:
    flags = [*checks.flags, flag]
    cap = 100.0
    if measured is not None:
        cap = measured.cap
        flags.append(precision_flag(measured, "reference"))
    return Grade(
        question_id=request.question.id,
        score=total_score(model.rubric, results, [], cap=cap),
        criteria=results,
        flags=flags,
        feedback=feedback,
        confidence="low",
        backend="offline",
        rubric_version=None,
        rubric_hash=model.rubric_hash,
    )
