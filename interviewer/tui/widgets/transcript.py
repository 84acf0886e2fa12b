"""The conversation so far: interviewer turns as Markdown (streamed as they arrive), the
candidate's turns as literal text.

Interviewer turns are one Static holding a Rich `Markdown` renderable, not Textual's
`Markdown` widget: that widget re-mounts a whole list or code block on every streamed append,
which measured 130+ ms pauses at 100 tokens/s (bench/stream_latency.py). Rich's Markdown
never interprets Rich markup, and hyperlinks are off, so model output cannot style itself or
plant clickable links."""

import time

from rich.markdown import Markdown as RichMarkdown
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Label, Static

from interviewer.domain import Turn
from interviewer.tui.safe_text import StreamCleaner, clean, literal

#: Label and CSS class for each kind of turn.
_WHO: dict[str, tuple[str, str]] = {
    "question": ("Interviewer", "interviewer"),
    "follow_up": ("Interviewer · follow-up", "interviewer"),
    "hint": ("Hint", "hint"),
    "answer": ("You", "candidate"),
    "dont_know": ("You", "candidate"),
    "skip": ("You", "candidate"),
    "note": ("Note", "note"),
}


def markdown(text: str) -> RichMarkdown:
    """Model or rubric text as Markdown: escapes removed, no hyperlinks."""
    return RichMarkdown(clean(text), hyperlinks=False)


class TurnView(Vertical):
    """One turn: who said it, then what was said."""

    def __init__(self, kind: str, text: str = "", *, streaming: bool = False) -> None:
        who, css_class = _WHO.get(kind, ("", "note"))
        super().__init__(classes=f"turn {css_class}")
        self.kind = kind
        self.who = who
        self.text = text
        self.streaming = streaming

    @property
    def is_literal(self) -> bool:
        """The candidate's words (and notes) are shown exactly as typed, not as Markdown."""
        return self.has_class("candidate") or self.has_class("note")

    def compose(self) -> ComposeResult:
        yield Label(self.who + (" …" if self.streaming else ""), classes="who")
        yield Static(self._body(self.text), classes="said")

    def _body(self, text: str):
        return literal(text) if self.is_literal else markdown(text)

    def show(self, text: str) -> None:
        """Replace what the turn says with `text` (one block)."""
        self.text = text
        for extra in self.query(".part"):
            extra.remove()
        self.query_one(".said", Static).update(self._body(text))

    def show_streaming(self, parts: list[str], tail: str) -> None:
        """While streaming: `parts` (complete paragraphs, each rendered once, when it
        completes) and `tail` (the paragraph still arriving, re-rendered on every update).
        Re-rendering only the tail keeps each update small however long the reply gets."""
        shown = list(self.query(".part"))
        for part in parts[len(shown):]:
            self.mount(Static(markdown(part), classes="said part"),
                       before=self.query_one(".said", Static))
        self.text = "\n\n".join([*parts, tail])
        self.query_one(".said", Static).update(markdown(tail))

    def mark_done(self) -> None:
        """The turn is complete (its label loses the "…")."""
        self.streaming = False
        self.query_one(".who", Label).update(self.who)


class Transcript(VerticalScroll):
    """The exchange for the current question, newest at the bottom.

    Anchored to the bottom: however the content grows (a streamed reply, a scrollbar that
    appears and re-wraps every line one column narrower), the newest line stays in view,
    until the user scrolls up to read; a new turn brings the view back down."""

    can_focus = True

    def on_mount(self) -> None:
        self.anchor()

    async def show(self, turns: list[Turn]) -> None:
        """Replace the transcript with `turns` (a new question, or a resumed session)."""
        await self.remove_children()
        await self.mount_all([TurnView(t.kind, t.text) for t in turns if t.kind != "skip"])
        self.anchor()

    async def add(self, kind: str, text: str) -> TurnView:
        view = TurnView(kind, text)
        await self.mount(view)
        self.anchor()
        return view

    async def start_stream(self, kind: str) -> "StreamingTurn":
        """A new interviewer turn that fills in as chunks arrive."""
        view = TurnView(kind, "", streaming=True)
        await self.mount(view)
        self.anchor()
        return StreamingTurn(self, view)


def split_paragraphs(text: str) -> tuple[list[str], str]:
    """(complete paragraphs, the paragraph still arriving): split at blank lines that are not
    inside a code fence."""
    parts: list[str] = []
    start = 0
    while True:
        cut = text.find("\n\n", start)
        while cut != -1 and text[:cut].count("```") % 2:
            cut = text.find("\n\n", cut + 2)
        if cut == -1:
            return parts, text[start:]
        if text[start:cut].strip():
            parts.append(text[start:cut])
        start = cut + 2


#: At most this many screen updates per second while streaming: each one re-renders the turn
#: and re-lays out the transcript, and a model can send a hundred tokens a second.
UPDATES_PER_S = 15


class StreamingTurn:
    """Shows a streamed reply as it arrives.

    A chunk is shown at once unless the last update was less than 1/UPDATES_PER_S ago; then
    it joins the next update, which a timer makes sure comes no later than that."""

    def __init__(self, transcript: Transcript, view: TurnView) -> None:
        self.transcript = transcript
        self.view = view
        self._cleaner = StreamCleaner()
        self._last_update = 0.0
        self._timer: Timer | None = None
        self._shown = ""
        self.text = ""

    def write(self, chunk: str) -> None:
        safe = self._cleaner.feed(chunk)
        if not safe:
            return
        self.text += safe
        wait = self._last_update + 1 / UPDATES_PER_S - time.monotonic()
        if wait <= 0:
            self._update()
        elif self._timer is None:
            self._timer = self.view.set_timer(wait, self._update)

    def _update(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.text == self._shown:
            return
        self._shown = self.text
        self._last_update = time.monotonic()
        self.view.show_streaming(*split_paragraphs(self.text))
        self.transcript.scroll_end(animate=False)

    def finish(self, final_text: str | None = None) -> None:
        """Stop streaming; show `final_text` (the recorded turn) if it differs from what came
        (e.g. the rubric's probe after a failure)."""
        self.text += self._cleaner.flush()
        if final_text is not None and clean(final_text).strip() != self.text.strip():
            if self._timer is not None:
                self._timer.stop()
                self._timer = None
            self.text = clean(final_text)
            self.view.show(self.text)
        else:
            self._update()  # what is left of the tail
        self.view.mark_done()
        self.transcript.scroll_end(animate=False)

    def restart(self) -> None:
        """The reply is being asked again (the first was cut off): clear what it showed."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._cleaner = StreamCleaner()
        self.text = self._shown = ""
        self.view.show("")

    async def discard(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        await self.view.remove()
