"""The multi-line answer box. It stays usable while the interviewer replies; what is typed is
reported (debounced) so the screen can save it as a draft."""

from time import monotonic

from textual.message import Message
from textual.timer import Timer
from textual.widgets import TextArea

#: Quiet time after the last keystroke before the draft is saved.
DRAFT_DELAY_S = 0.5
#: Longest time typed text goes unsaved while the typing never pauses.
DRAFT_MAX_WAIT_S = 2.0


class AnswerBox(TextArea):
    """Soft-wrapped plain text; tab moves focus (answers are prose, not code)."""

    class DraftReady(Message):
        """The text has not changed for DRAFT_DELAY_S: save it."""

        def __init__(self, box: "AnswerBox", text: str) -> None:
            super().__init__()
            self.box = box
            self.text = text

    def __init__(self, **kwargs) -> None:
        super().__init__(
            soft_wrap=True, tab_behavior="focus", show_line_numbers=False,
            placeholder="Type your answer…  (ctrl+j or alt+enter to submit)", **kwargs,
        )
        self._draft_timer: Timer | None = None
        self._unsaved_since: float | None = None

    def on_mount(self) -> None:
        # A blinking cursor makes headless screenshots (snapshot tests) flaky.
        if self.app.is_headless:
            self.cursor_blink = False

    def _on_text_area_changed(self, event: TextArea.Changed) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_DELAY_S, self._draft_ready)
        # A steady typist never pauses for DRAFT_DELAY_S: save at least every DRAFT_MAX_WAIT_S.
        now = monotonic()
        if self._unsaved_since is None:
            self._unsaved_since = now
        elif now - self._unsaved_since >= DRAFT_MAX_WAIT_S:
            self._draft_ready()

    def _draft_ready(self) -> None:
        self._unsaved_since = None
        self._draft_timer = None
        self.post_message(self.DraftReady(self, self.text))

    def take(self) -> str:
        """The text, and an empty box (no draft event for the clearing)."""
        text = self.text
        self.set_text("")
        return text

    def set_text(self, text: str) -> None:
        """Replace the text without it counting as typing (no draft save)."""
        with self.prevent(TextArea.Changed):
            self.load_text(text)
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        self._unsaved_since = None
        self.move_cursor(self.document.end)
