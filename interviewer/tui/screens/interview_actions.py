"""The candidate's keys in the interview: submit, "I don't know", skip, hint and retry, and
the model step each one starts (the answer is stored first; a step that fails after that
offers a retry). A part of InterviewScreen (tui/screens/interview.py).
"""

from textual import work

from interviewer.store.session_locks import SessionTakenOver
from interviewer.tui.screens.interview_failures import (
    error_text,
    not_saved_message,
    step_failed_message,
    stored_answer_count,
)


class CandidateActions:
    """What the candidate's keys do."""

    def action_submit(self) -> None:
        # Submit is a priority binding: it runs before keys already queued for the answer box
        # (a fast typist, or a paste followed at once by ctrl+j), so the box would be read
        # with its last characters still in flight. Read it from the box's own queue instead.
        self.box.call_later(self._submit_now)

    async def _submit_now(self) -> None:
        if self._refuse_if_busy() or not self._asking():
            return
        text = self.box.text
        if not text.strip():
            self.notify(f"Type an answer first — or {self._key('interview.dont_know')} for "
                        f"\"I don't know\", {self._key('interview.skip')} to skip.", timeout=5)
            return
        self.box.set_text("")
        self._answer(text.rstrip())  # trailing blank lines are not part of the answer

    @work(exclusive=True, group="model")
    async def _answer(self, text: str) -> None:
        self._set_busy("Sending your answer…")
        view = await self.transcript.add("answer", text)
        # what the store holds now (memory and store agree until a write fails)
        stored_before = sum(1 for t in self.engine.current_turns() if t.kind == "answer")
        try:
            plan = self.engine.submit_answer(text)
        except SessionTakenOver as lost:  # not stored here: kept for the other window
            self._set_busy(None)
            await view.remove()
            self.box.set_text(text)
            self.lock.lost(lost, text)
            return
        except Exception as exc:
            what = error_text(exc)
            self._set_busy(None)
            stored_after = stored_answer_count(self.engine)
            if stored_after is not None and stored_after > stored_before:
                self._offer_retry(what)  # saved; a later step failed
                return
            # Not saved (e.g. the disk is full): give the text back. The engine only keeps a
            # turn in memory once the store has it, so a resubmission is not counted twice.
            await view.remove()
            self.box.set_text(text)
            self.set_status(not_saved_message(what, self._key("interview.submit")), error=True)
            return
        self.saved_draft = ""  # the store cleared the draft with the answer
        await self._after_answer(plan)

    def _offer_retry(self, what: str) -> None:
        self.retry_possible = self.engine.answer_pending
        self.refresh_bindings()  # show "Retry"
        offline = (self._key("interview.offline") if self.check_action("switch_offline", ())
                   else None)
        self.set_status(step_failed_message(what, self._key("interview.retry"), offline),
                        error=True)

    @work(exclusive=True, group="model")
    async def _continue(self) -> None:
        """After a stored answer that nothing followed yet (a crash, a failed step)."""
        self._set_busy("The interviewer is reading your answer…")
        await self._after_answer(self.engine.continue_after_answer())

    async def _after_answer(self, plan) -> None:
        self.retry_possible = False
        try:
            if plan is not None and await self._stream_follow_up(plan):
                return
            await self._grade()
        except Exception as exc:  # the answer is stored: offer to retry this step
            self._set_busy(None)
            self._offer_retry(error_text(exc))

    async def action_dont_know(self) -> None:
        if self._refuse_if_busy() or not self._asking():
            return
        self._dont_know()

    @work(exclusive=True, group="model")
    async def _dont_know(self) -> None:
        self.engine.dont_know()
        await self.transcript.add("dont_know", "I don't know.")
        await self._after_answer(None)

    @work(exclusive=True, group="model")
    async def _grade_as_it_stands(self) -> None:
        await self._after_answer(None)

    async def action_skip(self) -> None:
        if self._refuse_if_busy() or not self._asking():
            return
        self.save_draft_now()
        practice = self.engine.config.mode == "practice"
        if self.engine.skip():  # only the follow-up is skipped: grade what was answered
            self.notify("Follow-up skipped: your answer is graded as it stands.", timeout=3)
            self._grade_as_it_stands()
            return
        self.notify("Question skipped (it counts as 0 in the report).", timeout=3)
        if practice:
            self._after_grade_in_practice()
        else:
            await self._next()

    async def action_hint(self) -> None:
        if self.engine.config.mode != "practice" or self._refuse_if_busy() or not self._asking():
            return
        self._hint()

    def action_retry(self) -> None:
        if self.retry_possible and not self.busy and self.engine.answer_pending:
            self.retry_possible = False
            self.refresh_bindings()
            self.set_status("")
            self._continue()
