"""The model's replies streamed into the transcript as they arrive: the follow-up after an
answer, and a hint. A reply cut off and asked again starts over; a failed follow-up falls
back to the rubric's own one (or straight to grading). A part of InterviewScreen
(tui/screens/interview.py).
"""

from textual import work

from interviewer.engine.follow_up_stream import is_restart
from interviewer.engine.interview import FollowUpFellBack, NoMoreHints
from interviewer.store.session_locks import SessionTakenOver
from interviewer.tui.screens.interview_failures import (
    backend_failure_message,
    straight_to_grading_message,
)


class ReplyStreams:
    """Streams the interviewer's follow-ups and hints."""

    async def _stream_follow_up(self, plan) -> bool:
        """Stream the follow-up into the transcript. True if one was asked."""
        self._set_busy("The interviewer is typing…")
        streaming = await self.transcript.start_stream("follow_up")
        asked_before = self.engine.record.follow_ups_asked
        try:
            async for chunk in self.engine.stream_follow_up(plan):
                if is_restart(chunk):  # the reply was cut off and is asked again
                    streaming.restart()
                    self.set_status("The reply was cut off; asking again…")
                streaming.write(chunk)
        except FollowUpFellBack as fell:
            self._set_busy(None)
            if not fell.text:
                await streaming.discard()
                self.notify(straight_to_grading_message(fell.error),
                            title="The interviewer model failed", severity="warning", timeout=8)
                return False
            streaming.finish(fell.text)
            # Inline only, no toast as well: the status line stays until the next step, and
            # a toast would cover it and the answer box for seconds.
            self.set_status(backend_failure_message(fell.error, self._key("interview.offline")),
                            error=True)
            return True
        except BaseException:
            await streaming.discard()
            raise
        if self.engine.record.follow_ups_asked == asked_before:  # none kept (e.g. a repeat)
            await streaming.discard()
            return False
        streaming.finish(self.engine.current_turns()[-1].text)
        self._set_busy(None)
        self.set_status("")
        return True

    @work(exclusive=True, group="model")
    async def _hint(self) -> None:
        # what is in the answer box counts as said: a hint never points at it
        step = self.engine.plan_hint(draft=self.box.text)
        if step is None:
            message = str(NoMoreHints())
            self.set_status(message)
            self.notify(message, title="No more hints", timeout=6)
            return
        self._set_busy("Thinking of a hint…")
        streaming = await self.transcript.start_stream("hint")
        try:
            async for chunk in self.engine.stream_hint(step):
                if is_restart(chunk):  # the reply was cut off and is asked again
                    streaming.restart()
                streaming.write(chunk)
        except SessionTakenOver as lost:  # the hint was not stored: the other window has it
            await streaming.discard()
            self._set_busy(None)
            self.lock.lost(lost, self.box.text)
            return
        except BaseException:
            await streaming.discard()
            self._set_busy(None)
            raise
        hints = [t for t in self.engine.current_turns() if t.kind == "hint"]
        streaming.finish(hints[-1].text if hints else None)
        self._set_busy(None)
        self.set_status("")
