"""The interviewer seam: how the engine asks an interviewer (offline or LLM) to word a
follow-up or a hint. The grading seam is `interviewer.grading.protocols`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from interviewer.domain import Criterion, FollowUp, Question, Rubric, Turn
from interviewer.domain.session import Mode

if TYPE_CHECKING:
    from interviewer.engine.follow_up_policy import Challenge
    from interviewer.engine.hint_ladder import HintStep


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
    #: A wrong claim to challenge instead of a gap (then `targets` are what it contradicts).
    challenge: Challenge | None = None
    #: For a hint: the step of the hint ladder to word (chosen by the engine).
    hint: HintStep | None = None


class Interviewer(Protocol):
    """Words follow-ups (and hints in practice mode) as a stream of text chunks."""

    name: str

    def follow_up(self, request: FollowUpRequest) -> AsyncIterator[str]: ...

    def hint(self, request: FollowUpRequest) -> AsyncIterator[str]: ...
