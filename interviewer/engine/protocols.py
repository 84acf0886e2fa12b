"""The two seams every interviewer/grader implementation plugs into (offline or LLM)."""

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Protocol

from interviewer.domain import Criterion, FollowUp, Grade, Question, Rubric, Turn
from interviewer.domain.session import Mode


@dataclass(frozen=True)
class GradeRequest:
    """Everything a grader may look at for one question."""

    question: Question
    rubric: Rubric | None          # None: reference-only grading from question.reference_answer
    answer: str                    # all the candidate's answer turns for this question, joined
    transcript: list[Turn] = field(default_factory=list)  # the exchange, for context only


@dataclass(frozen=True)
class FollowUpRequest:
    """The engine has decided a follow-up happens; the interviewer only words it."""

    question: Question
    rubric: Rubric | None
    answer_so_far: str
    targets: list[Criterion]       # the missed criteria the probe must aim at (chosen by the engine)
    probe: FollowUp | None         # the rubric's own probe for those targets, if any
    mode: Mode = "practice"
    transcript: list[Turn] = field(default_factory=list)


class Grader(Protocol):
    """Grades one question's exchange. Scores are computed in code from verdicts."""

    name: str

    async def grade(self, request: GradeRequest) -> Grade: ...


class Interviewer(Protocol):
    """Words follow-ups (and hints in practice mode) as a stream of text chunks."""

    name: str

    def follow_up(self, request: FollowUpRequest) -> AsyncIterator[str]: ...

    def hint(self, request: FollowUpRequest) -> AsyncIterator[str]: ...
