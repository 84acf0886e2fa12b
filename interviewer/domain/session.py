"""Sessions: what was asked, what the candidate typed, and how it was graded.

The engine mutates these; the store persists them. Everything here is serialisable.
"""

from datetime import datetime
from typing import Literal

from pydantic import Field

from interviewer.domain.base import StrictModel
from interviewer.domain.dispute import Dispute
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
#: `answered`: the answer is finished and stored, its model grade not landed yet (a resumed
#: session grades it again).
QuestionStatus = Literal["pending", "asking", "answered", "graded", "skipped"]
SessionStatus = Literal["active", "finished", "abandoned"]
#: Which questions a session asks, given the spaced-repetition schedule:
#: `random` leaves out questions not due yet; `due` asks the due ones first (most overdue
#: first), then new ones; `all` ignores the schedule (the user asked for it).
Pick = Literal["random", "due", "all"]

#: Prefixes in `Turn.targets` for what a turn aimed at besides a criterion: the wrong claim a
#: follow-up challenged (`misconception:<id>`), the step of the hint ladder (`hint-level:<n>`).
MISCONCEPTION_AIM = "misconception:"
HINT_LEVEL_AIM = "hint-level:"


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
    pick: Pick = Field(default="random", description="How the schedule shapes the choice.")
    hint_penalty: float = Field(
        default=0, ge=0, le=50, description="Points each hint costs (practice mode; 0: free)."
    )
    backend: Name = "offline"
    model: Name | None = None


class Turn(StrictModel):
    """One utterance in the transcript."""

    seq: int = Field(ge=0, description="Order within the session.")
    question_id: ItemId
    role: Role
    kind: TurnKind
    text: LongText
    #: `misconception:<id>` is longer than an id, so an entry may be as long as a name
    targets: list[Name] = Field(
        default_factory=list, max_length=MAX_ITEMS,
        description="Criterion ids a follow-up or hint aimed at, and `misconception:<id>` / "
        "`hint-level:<n>` for the wrong claim it challenged or the hint's step.",
    )
    attempt: int = Field(default=1, ge=1, description="Which attempt at the question (a retry is 2).")
    created_at: datetime = Field(default_factory=utcnow)

    @property
    def criteria(self) -> list[str]:
        """The criterion ids among `targets`."""
        return [t for t in self.targets if ":" not in t]

    def aim(self, prefix: str) -> str | None:
        """The value of the first `targets` entry with this prefix (e.g. HINT_LEVEL_AIM)."""
        return next((t[len(prefix):] for t in self.targets if t.startswith(prefix)), None)


def count_hints(turns: list[Turn]) -> int:
    """The hints among `turns` (one attempt's, usually: what its grade's hint penalty and
    rating count). `QuestionRecord.hints_used` counts every attempt's."""
    return sum(1 for t in turns if t.kind == "hint")


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
    attempts: int = Field(default=1, ge=1, description="Attempts so far (practice mode can retry).")
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
    disputes: list[Dispute] = Field(
        default_factory=list, max_length=MAX_ITEMS,
        description="Verdicts the candidate disputed, oldest first.",
    )

    def turns_for(self, question_id: str, attempt: int | None = None) -> list[Turn]:
        """The question's turns: every attempt's, or only those of `attempt`."""
        return [t for t in self.turns
                if t.question_id == question_id and (attempt is None or t.attempt == attempt)]

    def hints_for(self, question_id: str, attempt: int | None = None) -> int:
        """Hints given for one attempt at the question (every attempt's when None)."""
        return count_hints(self.turns_for(question_id, attempt))

    def latest_attempt(self, question_id: str) -> int:
        return max((t.attempt for t in self.turns if t.question_id == question_id), default=1)

    def answer_text(self, question_id: str, attempt: int | None = None) -> str:
        """Everything the candidate typed for one attempt at this question (default: the
        latest), in order: what gets graded."""
        attempt = attempt or self.latest_attempt(question_id)
        return "\n\n".join(
            t.text for t in self.turns_for(question_id, attempt)
            if t.role == "candidate" and t.kind == "answer"
        )

    def disputes_for(self, question_id: str, attempt: int | None = None) -> list[Dispute]:
        return [d for d in self.disputes
                if d.question_id == question_id and (attempt is None or d.attempt == attempt)]

    @property
    def current_record(self) -> QuestionRecord | None:
        return self.records[self.current] if self.current < len(self.records) else None
