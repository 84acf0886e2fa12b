"""The interviewer seam: how the engine asks an interviewer (offline or LLM) to word a
follow-up or a hint. The grading seam is `interviewer.grading.protocols`."""

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Protocol

from interviewer.domain import Criterion, FollowUp, Question, Rubric, Turn
from interviewer.domain.session import Mode


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
    mentioned: tuple[str, ...] = ()  # rubric names of ideas stated but not connected (unsure)


class Interviewer(Protocol):
    """Words follow-ups (and hints in practice mode) as a stream of text chunks."""

    name: str

    def follow_up(self, request: FollowUpRequest) -> AsyncIterator[str]: ...

    def hint(self, request: FollowUpRequest) -> AsyncIterator[str]: ...
