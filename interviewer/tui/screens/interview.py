"""The interview: the conversation, the answer box, progress, timer, and the keys that move
the interview (only these keys do: nothing typed in the answer box is a command).

All model I/O runs in one exclusive async worker; the answer box stays usable meanwhile.
"""

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from interviewer.engine.follow_up_stream import is_restart
from interviewer.engine.interview import FollowUpFellBack, InterviewSession, NoMoreHints
from interviewer.tui import bindings
from interviewer.store.session_locks import SessionTakenOver
from interviewer.tui.screens.interview_feedback import PracticeFeedback
from interviewer.tui.screens.interview_failures import (
    backend_failure_message,
    error_text,
    not_saved_message,
    step_failed_message,
    stored_answer_count,
    straight_to_grading_message,
)
from interviewer.tui.safe_text import literal
from interviewer.tui.widgets.answer_box import AnswerBox
from interviewer.tui.widgets.question_timer import QuestionTimer
from interviewer.tui.widgets.transcript import Transcript


class InterviewScreen(PracticeFeedback, Screen):
    """One session, question by question."""

    BINDINGS = bindings.INTERVIEW
    AUTO_FOCUS = "AnswerBox"

    def __init__(self, engine: InterviewSession) -> None:
        from interviewer.tui.screens.interview_lock import LockWatch

        super().__init__()
        self.engine = engine
        self.busy = False
        self.retry_possible = False
        #: The session lock: heartbeat, take-over by another window, text kept for us.
        self.lock = LockWatch(self)
        #: What the store holds as this question's draft (what another window would read).
        self.saved_draft = ""

    def compose(self) -> ComposeResult:
        with Horizontal(id="progress-row"):
            yield Label(id="progress")
            yield Label(id="meta")
            yield QuestionTimer(id="timer")
        yield Transcript(id="transcript")
        yield Static(id="status")
        yield AnswerBox(id="answer")
        yield Footer()

    async def on_mount(self) -> None:
        self.lock.start()
        self.engine.grading.start_deferred()  # a resumed session's grades still to come
        if self.engine.finished:  # resumed after the last answer, before its grades landed
            self.call_later(self._next)
            return
        await self.show_question()
        if self.engine.config.mode == "interview":
            self.set_interval(1.0, self._tick)
        self._tick()
        if self.engine.awaiting_next:        # resumed after grading, before moving on
            if self.engine.config.mode == "practice":
                self._after_grade_in_practice()
            else:
                self.call_later(self._advance_and_next)
        elif self.engine.answer_pending:     # resumed after the app stopped mid-answer
            self.set_status("Picking up where you left off…")
            self._continue()

    def on_unmount(self) -> None:
        self.save_draft_now()
        release = getattr(self.engine.store, "release", None)
        if release is not None and self.lock.lost_to is None:
            try:
                release(self.engine.session.id)  # another window may open it now
            except Exception:  # noqa: BLE001 - the lock goes stale by itself
                pass

    # ------------------------------------------------------------------ display
    @property
    def box(self) -> AnswerBox:
        return self.query_one(AnswerBox)

    @property
    def transcript(self) -> Transcript:
        return self.query_one(Transcript)

    async def show_question(self) -> None:
        """Show the current question's exchange, progress and any saved draft."""
        engine = self.engine
        number, total = engine.position
        self.query_one("#progress", Label).update(Text(f"Question {number} of {total}", style="bold"))
        self.show_meta()
        await self.transcript.show(engine.current_turns())
        self.lock.merge_kept_text(into_box=False)  # into the draft read just below
        self.saved_draft = engine.draft()
        self.box.set_text(self.saved_draft)
        self.set_status("")
        self.box.focus()

    def show_meta(self) -> None:
        """Topic, difficulty, mode, the attempt (after a retry) and the backend in use now."""
        engine = self.engine
        question = engine.question
        if question is None:
            return
        backend = getattr(engine.interviewer, "name", "offline")
        attempt = f" · attempt {engine.attempt}" if engine.attempt > 1 else ""
        self.query_one("#meta", Label).update(literal(  # a plugin's name is not markup
            f"{question.topic} · {question.difficulty} · {engine.config.mode} mode{attempt} · "
            f"{backend}"))

    def _tick(self) -> None:
        self.query_one(QuestionTimer).show(self.engine)

    def set_status(self, message: str, *, error: bool = False) -> None:
        status = self.query_one("#status", Static)
        transcript = self.transcript
        at_end = transcript.scroll_y >= transcript.max_scroll_y
        status.update(literal(message))  # errors quote names and backend replies
        status.set_class(error, "-error")
        status.display = bool(message)
        if at_end:  # the status takes rows from the transcript: keep the newest turn in view
            transcript.scroll_end(animate=False)  # after the next layout

    def _set_busy(self, message: str | None) -> None:
        # No refresh_bindings() here: the footer looks the same busy or not, and rebuilding
        # it costs tens of milliseconds just as a reply starts streaming.
        self.busy = message is not None
        if message is not None:
            self.set_status(message)

    # ------------------------------------------------------------------ drafts
    @on(AnswerBox.DraftReady)
    def _draft_ready(self, event: AnswerBox.DraftReady) -> None:
        self._save_draft(event.text)

    def save_draft_now(self) -> None:
        """Save what is in the box now (leaving, quitting)."""
        try:
            self._save_draft(self.box.text)
        except Exception:  # the screen is already being torn down
            pass

    def _save_draft(self, text: str) -> None:
        if self.lock.lost_to is not None:
            return
        try:
            self.engine.save_draft(text)
            self.saved_draft = text
        except SessionTakenOver as lost:
            self.lock.lost(lost, text)
        except Exception as exc:  # a full disk must not take the screen down with it
            self.notify(f"Could not save your draft: {exc}", severity="warning")

    # ------------------------------------------------------------------ bindings
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.lock.allows(action):
            return False  # taken over by another window: only leaving is left
        if action == "hint":
            return self.engine.config.mode == "practice"
        if action == "retry":
            return self.retry_possible and not self.busy
        if action == "switch_offline":
            return getattr(self.engine.interviewer, "name", "offline") != "offline" or \
                getattr(self.engine.grader, "name", "offline") != "offline"
        return True

    def _refuse_if_busy(self) -> bool:
        if self.busy:
            self.notify("The interviewer is still replying. Keep typing; submit when it is done.",
                        timeout=4)
        return self.busy

    # ------------------------------------------------------------------ candidate actions
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

    def _key(self, binding_id: str) -> str:
        """The keys for a binding as the user has them (config `keys:` remaps them)."""
        binding = next(b for b in bindings.INTERVIEW if b.id == binding_id)
        return bindings.effective_keys(binding, getattr(self.app, "user_keymap", {})).split(",")[0]

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

    def action_retry(self) -> None:
        if self.retry_possible and not self.busy and self.engine.answer_pending:
            self.retry_possible = False
            self.refresh_bindings()
            self.set_status("")
            self._continue()

    def action_switch_offline(self) -> None:
        self.app.switch_backend("offline")

    def use_backend(self, settings) -> None:
        """Continue this session on another backend (e.g. offline after a failure)."""
        from interviewer.engine.backends import make_interviewer
        from interviewer.grading.factory import make_grader

        self.engine.grader = make_grader(settings, self.engine.catalog)
        self.engine.interviewer = make_interviewer(settings)
        self.show_meta()  # the header names the backend in use now
        self.refresh_bindings()
        if not self.busy:
            self.set_status(f"Using the {settings.backend} backend from now on.")

    def action_leave(self) -> None:
        from interviewer.tui.screens.confirm import ConfirmScreen

        def done(yes: bool | None) -> None:
            if yes:
                self.save_draft_now()
                self.app.pop_screen()

        self.app.push_screen(ConfirmScreen(
            "Leave this interview?",
            "Everything so far is saved, including the text in the answer box. "
            "Resume it from Home.", yes="Leave", no="Stay"), done)

    # ------------------------------------------------------------------ moving on
    def _asking(self) -> bool:
        record = self.engine.record
        return record is not None and record.status == "asking" and not self.engine.finished

    async def _grade(self) -> None:
        self._set_busy("Grading your answer…")
        practice = self.engine.config.mode == "practice"
        await self.engine.finish_question()
        self._set_busy(None)
        if practice:
            self._after_grade_in_practice()
        else:
            await self._next()

    @work(exclusive=True, group="finish")
    async def _finish_grading(self) -> None:
        """Wait for the grades in flight, showing how many have landed, then the report."""
        def progress(done: int, total: int) -> None:
            self.set_status(f"Finishing the grades: {done} of {total} done…")

        self._set_busy("Finishing the grades…")
        self.box.display = False  # every question is answered: nothing more to type
        await self.engine.grading.wait(progress)
        self._set_busy(None)
        await self._next()

    async def _advance_and_next(self) -> None:
        self.engine.advance()
        await self._next()

    async def _next(self) -> None:
        """The next question, or the report when the session is over (once the grades still
        in flight have landed)."""
        if self.engine.finished:
            if self.engine.grading.pending:
                self._finish_grading()
                return
            from interviewer.tui.screens.report import ReportScreen

            self.app.switch_screen(ReportScreen(self.engine.session))
            return
        await self.show_question()
        self._tick()
