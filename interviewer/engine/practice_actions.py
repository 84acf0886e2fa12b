"""What practice mode adds to the interview: hints from the hint ladder, and trying a
question again after its feedback. A mixin of `InterviewSession` (engine/interview.py), kept
apart so each file stays about one thing."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

from interviewer.engine.follow_up_stream import RESTART, collect, complete_stream
from interviewer.engine.hint_ladder import NO_MORE_HINTS, HintStep, next_hint
from interviewer.engine.protocols import FollowUpRequest

log = logging.getLogger(__name__)

__all__ = ["InterviewError", "NoMoreHints", "PracticeActions"]


class InterviewError(Exception):
    """An action that the interview's current state does not allow."""


class NoMoreHints(InterviewError):
    """Every hint for this attempt has been given; the message says so and what to do."""

    def __init__(self) -> None:
        super().__init__(NO_MORE_HINTS)


class PracticeActions:
    """Hints and retries (practice mode only). Uses the session state of InterviewSession."""

    def plan_hint(self, draft: str = "") -> HintStep | None:
        """Practice mode only: the next step of the hint ladder for this attempt, or None when
        every hint has been given. `draft` (the unsent text in the answer box) counts as
        said: a hint never points at what the candidate has already written."""
        self._require_asking()
        if self.config.mode != "practice":
            raise InterviewError("hints are only available in practice mode")
        said = "\n\n".join(t for t in (self.answer_so_far(), draft) if t.strip())
        return next_hint(self.question, self.rubric, said, self.current_turns(), self._offline)

    async def stream_hint(self, step: HintStep | None = None, draft: str = "") -> AsyncIterator[str]:
        """Practice mode only: stream the next hint (`step`, or the ladder's next) and record
        it. Raises NoMoreHints when every hint has been given. A cut stream is asked once
        more (a RESTART chunk tells the UI to clear what it showed); a failed one gives the
        offline wording instead, after a RESTART."""
        step = step or self.plan_hint(draft)
        if step is None:
            raise NoMoreHints()
        request = FollowUpRequest(
            question=self.question, rubric=self.rubric, answer_so_far=self.answer_so_far(),
            targets=[step.criterion] if step.criterion else [], probe=None,
            mode=self.config.mode, transcript=self.current_turns(), hint=step,
        )
        chunks: list[str] = []
        try:
            async for chunk in complete_stream(lambda: self.interviewer.hint(request)):
                chunks.append(chunk)
                yield chunk
        except Exception as exc:  # noqa: BLE001
            log.warning("hint failed: %s", exc)
            chunks = [c async for c in self._fallback_interviewer.hint(request)]
            yield RESTART  # what came of the failed hint is not kept
            yield "".join(chunks)
        self.record.hints_used += 1
        self._add_turn("interviewer", "hint", collect(chunks) or step.text, targets=step.aims)
        self._save_state()

    def retry(self) -> None:
        """Practice mode, after the feedback: ask the same question again as a new attempt.
        The earlier attempt and its grade are kept; the retry's grade is the one that updates
        the question's card."""
        record = self.record
        if self.config.mode != "practice":
            raise InterviewError("trying a question again is for practice mode")
        if record is not None and record.status == "answered":
            raise InterviewError("the model's grade of this answer is still on its way: try "
                                 "again once it has landed")
        if self.finished or record is None or record.status not in ("graded", "skipped"):
            raise InterviewError("a question can be tried again once its feedback is shown")
        record.attempts += 1
        record.status = "asking"
        record.started_at = self.clock()
        record.finished_at = None
        self._save_state()
        self._add_turn("interviewer", "question", self.question.question)

