"""The LLM grader: the model gives per-criterion verdicts with quotes; code does the rest.

Order of work for one answer:
1. the offline grader runs first (its pre-checks decide whether the answer is gradeable at
   all: an empty or injection-only answer never reaches the model) and its score is kept;
2. the model grades the cleaned answer against a schema generated from the rubric;
3. every quote is checked against the answer: a verdict whose evidence is not there earns
   nothing; misconceptions count only with a verified quote;
4. the score comes from interviewer.grading.scoring; a large gap to the offline score marks
   the grade low-confidence.
Output that fails validation is re-asked (bounded, in the backend); if it still fails, or
the server is unavailable, the offline grade is returned with a `fallback` flag whose
`reason` says why (timeout, rate-limit, schema, ...). A setting the user must fix (key, model,
base URL, credentials) is raised instead: a run stops rather than falling back answer after
answer.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from interviewer.domain import CriterionResult, Flag, Grade, MisconceptionHit, Rubric
from interviewer.grading.evidence import normalise_with_map, verify_quotes
from interviewer.grading.fallback import fallback_grade
from interviewer.grading.grading_prompt import (
    PROMPT_VERSION,
    build_grading_messages,
    grading_schema,
    new_nonce,
)
from interviewer.grading.contradictions import void_contradicted
from interviewer.grading.offline_grader import OfflineGrader, feedback, grade_with_rubric, rubric_flags
from interviewer.grading.prechecks import PrecheckResult, run_prechecks
from interviewer.grading.prompt_markers import find_markers, marker_flag_detail
from interviewer.grading.protocols import GradeRequest
from interviewer.grading.scoring import result_for, total_score
from interviewer.llm.errors import LLMError
from interviewer.llm.protocol import Backend
from interviewer.llm.usage import Usage

log = logging.getLogger(__name__)

#: |LLM score - offline score| above this marks the grade low-confidence.
LOW_CONFIDENCE_GAP = 35.0
#: Re-asks after output that fails validation (so at most three calls per answer).
MAX_REASKS = 2
#: Tokens one grade may spend, re-asks included; past it, no further re-ask.
TOKEN_BUDGET = 24_000
_RATIONALE_CHARS = 400


class LLMGrader:
    """Grades through a model backend, checked and backed by an OfflineGrader."""

    def __init__(self, backend: Backend, offline: OfflineGrader | None = None, *,
                 low_confidence_gap: float = LOW_CONFIDENCE_GAP, max_reasks: int = MAX_REASKS,
                 token_budget: int = TOKEN_BUDGET, max_in_flight: int | None = None):
        self.backend = backend
        #: Model calls allowed at once (None: unbounded). Only the call holds a slot: the
        #: CPU-only work before and after it (pre-checks, offline cross-check, quote checks)
        #: overlaps other answers' requests in a batch.
        self.max_in_flight = max_in_flight
        self._slots = asyncio.Semaphore(max_in_flight) if max_in_flight else None
        self.offline = offline or OfflineGrader()
        self.name = backend.name
        self.low_confidence_gap = low_confidence_gap
        self.max_reasks = max_reasks
        self.token_budget = token_budget

    @property
    def usage(self) -> Usage:
        """Requests, tokens and cost of every grading call so far: the backend's own count,
        so retries, re-asks and calls that ended in a fallback are all in it."""
        return self.backend.usage

    async def grade(self, request: GradeRequest) -> Grade:
        """Grade one answer. Raises only for a setting the user must fix (key, model)."""
        rubric = request.rubric
        if rubric is None:
            # Reference-only questions have no criteria to give verdicts on: the offline
            # comparison with the reference answer is the grade.
            return self.offline.grade_sync(request)
        checks = run_prechecks(request.question, request.answer, reference=rubric.model_answer)
        offline = grade_with_rubric(rubric, request, checks,
                                    index=self.offline.index_for(request.question))
        if checks.blocked or checks.text is None:
            return offline.model_copy(update={"offline_score": offline.score})
        nonce = new_nonce()
        messages = build_grading_messages(request.question, rubric, checks.clean_answer, nonce,
                                          request.transcript)
        markers = [checks.clean_answer[s:e] for s, e in find_markers(checks.clean_answer)]
        try:
            async with self._slots or contextlib.nullcontext():
                reply = await self.backend.structured(
                    messages, grading_schema(rubric), temperature=0.0,
                    max_tokens=400 + 350 * len(rubric.criteria), max_reasks=self.max_reasks,
                    token_budget=self.token_budget)
        except LLMError as exc:
            if exc.is_config:
                raise  # a setting to fix: never papered over by a fallback
            # Reported to the user through the grade's `fallback` flag; the log is for debugging.
            log.info("LLM grading of %s fell back to offline: %s", request.question.id, exc)
            return _with_marker_flag(self._fallback(offline, exc), markers)
        grade = self._grade_from_reply(request, rubric, checks, offline, reply.value)
        return _with_marker_flag(grade, markers)

    async def aclose(self) -> None:
        """Release the backend's connections (end of a batch)."""
        await self.backend.aclose()

    def _grade_from_reply(self, request: GradeRequest, rubric: Rubric, checks: PrecheckResult,
                          offline: Grade, value) -> Grade:
        answer = checks.clean_answer
        answer_norm = normalise_with_map(answer)
        results: list[CriterionResult] = []
        for criterion in rubric.criteria:
            judged = getattr(value.criteria, _field_for(value.criteria, criterion.id))
            verdict = judged.verdict
            evidence = (verify_quotes(judged.evidence, answer, answer_norm=answer_norm)
                        if verdict != "missed" else [])
            verified = verdict == "missed" or (bool(evidence) and all(e.verified for e in evidence))
            rationale = " ".join(judged.rationale.split())[:_RATIONALE_CHARS]
            if verdict == "met" and checks.keyword_salad:
                verdict = "partial"
                rationale += " (only as a list of terms, not explained: capped at partial)"
            if not verified:
                rationale += (" [unverified: no quote given]" if not evidence else
                              " [unverified: the quoted evidence is not in the answer]")
            results.append(result_for(rubric, criterion, verdict, verified=verified,
                                      evidence=evidence, rationale=rationale))
        hits: list[MisconceptionHit] = []
        checks_by_id = getattr(value, "misconceptions", None)
        for misconception in rubric.misconceptions:
            judged = getattr(checks_by_id, _field_for(checks_by_id, misconception.id))
            if not judged.present:
                continue
            evidence = verify_quotes(judged.evidence, answer, answer_norm=answer_norm)
            if evidence and all(e.verified for e in evidence):
                hits.append(MisconceptionHit(
                    id=misconception.id, claim=misconception.claim,
                    correction=misconception.correction, penalty=misconception.penalty,
                    evidence=evidence, contradicts=list(misconception.contradicts)))
        # contradiction beats mention, whoever judged the verdicts
        results = void_contradicted(rubric, results, hits)
        score = total_score(rubric, results, hits)
        flags = [*checks.flags, *rubric_flags(rubric)]
        unverified = [r.id for r in results if not r.verified]
        if unverified:
            flags.append(Flag(code="unverified-evidence", detail=(
                f"no points for {', '.join(unverified)}: the model's quotes are not in the answer")))
        confidence = "normal"
        gap = abs(score - offline.score)
        if gap > self.low_confidence_gap:
            confidence = "low"
            flags.append(Flag(code="low-confidence", detail=(
                f"the model's score ({score:g}) and the offline matcher's ({offline.score:g}) "
                f"differ by {gap:g} points")))
        return Grade(
            question_id=request.question.id,
            score=score,
            criteria=results,
            misconceptions=hits,
            flags=flags,
            feedback=feedback(rubric, results, hits, checks),
            confidence=confidence,
            backend=self.backend.name,
            model=self.backend.model,
            prompt_version=PROMPT_VERSION,
            rubric_version=rubric.version,
            rubric_hash=offline.rubric_hash or rubric.content_hash(),
            offline_score=offline.score,
        )

    def _fallback(self, offline: Grade, exc: LLMError) -> Grade:
        return fallback_grade(offline, exc,
                              f"the {self.backend.name} grader (model {self.backend.model})")


def _with_marker_flag(grade: Grade, found: list[str]) -> Grade:
    """Flag a grade whose answer held text shaped like the prompt's block markers (it was
    neutralised before the model saw it)."""
    if not found:
        return grade
    flag = Flag(code="forged-marker", detail=marker_flag_detail(found))
    return grade.model_copy(update={"flags": [*grade.flags, flag]})


def _field_for(model, alias: str) -> str:
    """The attribute name behind a criterion/misconception id (ids are schema aliases)."""
    for name, info in type(model).model_fields.items():
        if info.alias == alias:
            return name
    raise KeyError(alias)
