"""Sessions: what was asked, what the candidate typed, and how it was graded.

The engine mutates these; the store persists them. Everything here is serialisable.
"""

from datetime import datetime
from typing import Literal

from pydantic import Field

from interviewer.domain.base import StrictModel
from interviewer.domain.grade import Grade, utcnow
from interviewer.domain.limits import (
    MAX_ITEMS,
    MAX_RECORDS,
    MAX_TURNS,
    ItemId,
    LongText,
    Name,
    SessionId,
)
from interviewer.domain.question import Difficulty

Mode = Literal["practice", "interview"]
Role = Literal["interviewer", "candidate", "system"]
TurnKind = Literal[
    "question",    # interviewer asks the main question
    "follow_up",   # interviewer probes
    "hint",        # practice mode only; recorded
    "answer",      # candidate's typed text
    "dont_know",   # candidate says "I don't know" (by command)
    "skip",        # candidate skips the question (by command)
    "note",        # system notes (errors, fallbacks), shown but never graded
]
QuestionStatus = Literal["pending", "asking", "graded", "skipped"]
SessionStatus = Literal["active", "finished", "abandoned"]


class SessionConfig(StrictModel):
    """How a session was set up (also what `interviewer practice` flags set)."""

    deck: Name = "pytorch"
    topics: list[Name] = Field(default_factory=list, max_length=MAX_ITEMS,
                               description="Empty means every topic.")
    difficulties: list[Difficulty] = Field(default_factory=list, max_length=3)
    count: int = Field(default=5, ge=1, le=100)
    mode: Mode = "practice"
    seed: int | None = None
    follow_up_budget: int = Field(default=2, ge=0, le=5)
    time_limit_s: int | None = Field(
        default=None, description="Per-question time limit in interview mode (None: untimed)."
    )
    favour_weak: bool = Field(default=False, description="Prefer topics with low past scores.")
    backend: Name = "offline"
    model: Name | None = None


class Turn(StrictModel):
    """One utterance in the transcript."""

    seq: int = Field(ge=0, description="Order within the session.")
    question_id: ItemId
    role: Role
    kind: TurnKind
    text: LongText
    targets: list[ItemId] = Field(
        default_factory=list, max_length=MAX_ITEMS,
        description="Criterion ids a follow-up or hint aimed at.",
    )
    created_at: datetime = Field(default_factory=utcnow)


class QuestionRecord(StrictModel):
    """The exchange for one question of the session."""

    question_id: ItemId
    topic: Name | None = Field(
        default=None,
        description="The question's topic when the session was run (kept for progress, so "
        "history does not depend on the deck still holding the question).",
    )
    status: QuestionStatus = "pending"
    follow_ups_asked: int = Field(default=0, ge=0)
    hints_used: int = Field(default=0, ge=0)
    started_at: datetime | None = None
    finished_at: datetime | None = None
    grades: list[Grade] = Field(
        default_factory=list, max_length=MAX_ITEMS,
        description="Newest last; a re-grade appends beside the old one.",
    )

    @property
    def grade(self) -> Grade | None:
        return self.grades[-1] if self.grades else None


class Session(StrictModel):
    """A whole mock interview."""

    id: SessionId = Field(description="A slug (`20261104-153012-a3f9c1`): it is used in file names.")
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    config: SessionConfig
    status: SessionStatus = "active"
    current: int = Field(default=0, ge=0, description="Index into `records` of the open question.")
    records: list[QuestionRecord] = Field(default_factory=list, max_length=MAX_RECORDS)
    turns: list[Turn] = Field(default_factory=list, max_length=MAX_TURNS)

    def turns_for(self, question_id: str) -> list[Turn]:
        return [t for t in self.turns if t.question_id == question_id]

    def answer_text(self, question_id: str) -> str:
        """Everything the candidate typed for this question, in order (what gets graded)."""
        return "\n\n".join(
            t.text for t in self.turns_for(question_id) if t.role == "candidate" and t.kind == "answer"
        )

    @property
    def current_record(self) -> QuestionRecord | None:
        return self.records[self.current] if self.current < len(self.records) else None
