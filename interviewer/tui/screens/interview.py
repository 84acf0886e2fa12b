"""The interview: the conversation, the answer box, progress, timer, and the keys that move
the interview (only these keys do: nothing typed in the answer box is a command).

All model I/O runs in one exclusive async worker; the answer box stays usable meanwhile.
The screen is in parts: the candidate's keys (interview_actions.py), the model's replies
streamed into the transcript (interview_streams.py), practice mode's feedback
(interview_feedback.py) and the session lock (interview_lock.py).
"""

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from interviewer.engine.interview import InterviewSession
from interviewer.store.session_locks import SessionTakenOver
from interviewer.tui import bindings
from interviewer.tui.safe_text import literal
from interviewer.tui.screens.interview_actions import CandidateActions
from interviewer.tui.screens.interview_feedback import PracticeFeedback
from interviewer.tui.screens.interview_streams import ReplyStreams
from interviewer.tui.widgets.answer_box import AnswerBox
from interviewer.tui.widgets.question_timer import QuestionTimer
from interviewer.tui.widgets.transcript import Transcript


class InterviewScreen(CandidateActions, ReplyStreams, PracticeFeedback, Screen):
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

    def _key(self, binding_id: str) -> str:
        """The keys for a binding as the user has them (config `keys:` remaps them)."""
        binding = next(b for b in bindings.INTERVIEW if b.id == binding_id)
        return bindings.effective_keys(binding, getattr(self.app, "user_keymap", {})).split(",")[0]

    # ------------------------------------------------------------------ backend, leaving
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
