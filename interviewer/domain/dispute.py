"""Disputes: the candidate disagrees with one criterion's verdict.

A dispute is stored beside the grade and never changes it: the score stays the grader's. It is
how rubric bugs get found (`interviewer disputes`), and `sessions regrade` says whether a new
rubric or backend agrees with it."""

from datetime import datetime

from pydantic import Field

from interviewer.domain.base import NonEmptyText, StrictModel
from interviewer.domain.grade import Verdict, utcnow
from interviewer.domain.limits import ItemId, Name

#: Longest reason kept (a dispute is a sentence or two, not an essay).
MAX_REASON = 2000


class Dispute(StrictModel):
    """One disputed verdict."""

    question_id: ItemId
    attempt: int = Field(default=1, ge=1)
    criterion_id: ItemId
    verdict: Verdict = Field(description="The verdict the grader gave (the one disputed).")
    reason: NonEmptyText = Field(max_length=MAX_REASON, description="Why, in the candidate's words.")
    backend: Name = Field(default="offline", description="Who gave the verdict.")
    model: Name | None = None
    rubric_version: int | None = None
    rubric_hash: Name | None = None
    created_at: datetime = Field(default_factory=utcnow)
