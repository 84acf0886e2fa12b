"""Grades: per-criterion verdicts with evidence quoted from the candidate's own words."""

from datetime import UTC, datetime
from typing import Literal

from pydantic import Field

from interviewer.domain.base import StrictModel
from interviewer.domain.limits import MAX_ITEMS, ItemId, LongText, Name

#: `contradicted`: the answer states the opposite of what the criterion needs, or a
#: misconception that contradicts it; it earns nothing, whatever else the answer mentions.
Verdict = Literal["met", "partial", "missed", "contradicted"]
Confidence = Literal["normal", "low"]


def utcnow() -> datetime:
    return datetime.now(UTC)


class Evidence(StrictModel):
    """A span quoted from the candidate's answer."""

    quote: LongText
    start: int | None = Field(default=None, description="Offset in the answer text, if located.")
    end: int | None = None
    verified: bool = Field(
        default=False, description="True when the quote was found in the candidate's answer."
    )


class CriterionResult(StrictModel):
    """The verdict on one rubric criterion."""

    id: ItemId
    verdict: Verdict
    points: float = Field(ge=0)
    max_points: float = Field(ge=0)
    evidence: list[Evidence] = Field(default_factory=list, max_length=MAX_ITEMS)
    verified: bool = Field(
        default=True,
        description="False when the verdict's evidence could not be found in the answer: "
        "such a verdict earns no points.",
    )
    rationale: LongText = ""
    matched_concepts: list[LongText] = Field(default_factory=list, max_length=MAX_ITEMS)
    unsure: bool = Field(
        default=False,
        description="The grader could not settle this credit (the terms stand near each other "
        "rather than in one stated claim): held at partial, and worth a follow-up.",
    )
    contradicted_by: list[ItemId] = Field(
        default_factory=list, max_length=MAX_ITEMS,
        description="Ids of the misconception hits that voided this criterion.",
    )


class MisconceptionHit(StrictModel):
    """A wrong claim detected in the answer."""

    id: ItemId
    claim: LongText
    correction: LongText
    penalty: float = Field(ge=0)
    evidence: list[Evidence] = Field(default_factory=list, max_length=MAX_ITEMS)
    contradicts: list[ItemId] = Field(
        default_factory=list, max_length=MAX_ITEMS,
        description="Criterion ids whose credit this wrong claim voids.",
    )


class Flag(StrictModel):
    """Something the grader noticed about the answer itself (empty, injection, ...)."""

    code: Name = Field(
        description="empty | punctuation-only | too-short | parroting | injection | "
        "keyword-salad | low-precision | off-topic | unreadable | reference-only | draft-rubric | "
        "low-confidence | fallback | provisional | forged-marker | truncated | unknown-question"
    )
    detail: LongText = ""
    reason: Name | None = Field(
        default=None,
        description="Machine-readable cause, for `fallback`: why the requested backend did not "
        "grade (timeout, rate-limit, server-error, cut-stream, schema, refusal, empty-reply, "
        "bad-request, auth, unknown-model, ...).",
    )


class Grade(StrictModel):
    """The grade of one question's exchange. `score` is computed in code, never by a model."""

    question_id: ItemId
    score: float = Field(ge=0, le=100)
    criteria: list[CriterionResult] = Field(default_factory=list, max_length=MAX_ITEMS)
    misconceptions: list[MisconceptionHit] = Field(default_factory=list, max_length=MAX_ITEMS)
    flags: list[Flag] = Field(default_factory=list, max_length=MAX_ITEMS)
    feedback: LongText = ""
    confidence: Confidence = "normal"
    backend: Name = "offline"
    model: Name | None = None
    prompt_version: Name | None = None
    rubric_version: int | None = Field(default=None, description="None in reference-only mode.")
    rubric_hash: Name | None = None
    offline_score: float | None = Field(
        default=None, description="The offline grader's score, kept beside an LLM grade."
    )
    attempt: int = Field(default=1, ge=1, description="The attempt at the question this grades.")
    hint_penalty: float = Field(
        default=0, ge=0, le=100,
        description="Points taken for hints used (practice mode, when hints cost points); "
        "`score` already has them taken off.",
    )
    graded_at: datetime = Field(default_factory=utcnow)

    def has_flag(self, code: str) -> bool:
        return any(f.code == code for f in self.flags)
