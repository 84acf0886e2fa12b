"""Follow-ups: deciding on one (engine/follow_up_policy.py) and streaming its wording from the
interviewer, with the built-in wording when the backend fails. A mixin of `InterviewSession`
(engine/interview.py)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

from interviewer.engine.follow_up_policy import FollowUpPlan, plan_follow_up
from interviewer.engine.follow_up_stream import collect, complete_stream, repeats
from interviewer.engine.protocols import FollowUpRequest

log = logging.getLogger(__name__)


class FollowUpFellBack(Exception):
    """The interviewer backend failed while wording a follow-up.

    The engine has already recorded what it did instead: `text` is the rubric probe it asked
    (None if there was none and it moved on to grading)."""

    def __init__(self, text: str | None, error: BaseException):
        self.text = text
        self.error = error
        super().__init__(str(error))


class FollowUpActions:
    """Follow-up decisions and their streamed wording. Uses the session state of
    InterviewSession."""

    def continue_after_answer(self) -> FollowUpPlan | None:
        """The follow-up decision for the answers recorded so far (app-owned, offline)."""
        self._require_asking()
        turns = self.current_turns()
        asked = [t for t in turns if t.kind == "follow_up"]
        return plan_follow_up(
            self.question,
            self.rubric,
            self.answer_so_far(),
            asked=len(asked),
            budget=self.config.follow_up_budget,
            asked_probes={t.text for t in asked},
            grader=self._offline,
            allow_unscripted=getattr(self.interviewer, "name", "offline") != "offline",
            earlier=turns,
        )

    async def stream_follow_up(self, plan: FollowUpPlan) -> AsyncIterator[str]:
        """Stream the follow-up's wording; record the whole follow-up when it is complete.

        A cut stream is asked once more (a RESTART chunk tells the UI to clear what it
        showed). On a backend failure the built-in wording (the rubric's probe, or the
        challenge) is asked instead (recorded), and FollowUpFellBack tells the UI what
        happened. A follow-up that repeats one already asked is replaced by the built-in
        wording, or dropped. Check `record.follow_ups_asked` to see whether one was
        recorded."""
        self._require_asking()
        request = self._follow_up_request(plan)
        chunks: list[str] = []
        try:
            async for chunk in complete_stream(lambda: self.interviewer.follow_up(request)):
                chunks.append(chunk)
                yield chunk
        except Exception as exc:  # noqa: BLE001 - any backend failure falls back the same way
            log.warning("follow-up failed: %s", exc)
            self._add_turn("system", "note", f"The interviewer backend failed ({exc}); "
                           "the built-in probe was used instead.")
            fallback = "".join([c async for c in self._fallback_interviewer.follow_up(request)])
            fallback = fallback if (plan.probe or plan.challenge) else None
            if fallback:
                self._record_follow_up(fallback, plan)
            raise FollowUpFellBack(fallback, exc) from exc
        text = collect(chunks)
        asked = [t.text for t in self.current_turns() if t.kind == "follow_up"]
        if (not text or repeats(text, asked)) and (plan.probe is not None or plan.challenge is not None):
            text = "".join([c async for c in self._fallback_interviewer.follow_up(request)])
        if text and not repeats(text, asked):
            self._record_follow_up(text, plan)

    def _follow_up_request(self, plan: FollowUpPlan) -> FollowUpRequest:
        return FollowUpRequest(
            question=self.question, rubric=self.rubric, answer_so_far=self.answer_so_far(),
            targets=plan.targets, probe=plan.probe, mode=self.config.mode,
            transcript=self.current_turns(), challenge=plan.challenge, mentioned=plan.mentioned,
        )

    def _record_follow_up(self, text: str, plan: FollowUpPlan) -> None:
        self.record.follow_ups_asked += 1
        self._add_turn("interviewer", "follow_up", text, targets=plan.aims)
        self._save_state()

