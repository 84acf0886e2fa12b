"""The conversation so far: interviewer turns as Markdown (streamed as they arrive), the
candidate's turns as literal text."""

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, Markdown, Static
from textual.widgets.markdown import MarkdownStream

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


class TurnView(Vertical):
    """One turn: who said it, then what was said."""

    def __init__(self, kind: str, text: str = "", *, streaming: bool = False) -> None:
        who, css_class = _WHO.get(kind, ("", "note"))
        super().__init__(classes=f"turn {css_class}")
        self.kind = kind
        self.who = who
        self.text = text
        self.streaming = streaming

    def compose(self) -> ComposeResult:
        yield Label(self.who + (" …" if self.streaming else ""), classes="who")
        if self.has_class("candidate") or self.has_class("note"):
            yield Static(literal(self.text), classes="said")
        else:
            # Model output as Markdown: escapes already removed; Markdown never parses Rich
            # markup, and links are not opened.
            yield Markdown(clean(self.text), open_links=False, classes="said")

    @property
    def markdown(self) -> Markdown:
        return self.query_one(Markdown)

    async def set_text(self, text: str) -> None:
        """Replace what the turn says (e.g. the whole follow-up once it is recorded)."""
        self.text = text
        self.streaming = False
        self.query_one(".who", Label).update(self.who)
        if self.has_class("candidate") or self.has_class("note"):
            self.query_one(".said", Static).update(literal(text))
        else:
            await self.markdown.update(clean(text))


class Transcript(VerticalScroll):
    """The exchange for the current question, newest at the bottom."""

    can_focus = True

    async def show(self, turns: list[Turn]) -> None:
        """Replace the transcript with `turns` (a new question, or a resumed session)."""
        await self.remove_children()
        await self.mount_all([TurnView(t.kind, t.text) for t in turns if t.kind != "skip"])
        self.scroll_end(animate=False)

    async def add(self, kind: str, text: str) -> TurnView:
        view = TurnView(kind, text)
        await self.mount(view)
        self.scroll_end(animate=False)
        return view

    async def start_stream(self, kind: str) -> "StreamingTurn":
        """A new interviewer turn that fills in as chunks arrive."""
        view = TurnView(kind, "", streaming=True)
        await self.mount(view)
        self.scroll_end(animate=False)
        return StreamingTurn(self, view)


class StreamingTurn:
    """Feeds streamed chunks into a turn's Markdown through `Markdown.get_stream`, which
    batches appends so a fast model never floods the event loop."""

    def __init__(self, transcript: Transcript, view: TurnView) -> None:
        self.transcript = transcript
        self.view = view
        self._cleaner = StreamCleaner()
        self._stream: MarkdownStream = Markdown.get_stream(view.markdown)
        self.text = ""

    async def write(self, chunk: str) -> None:
        safe = self._cleaner.feed(chunk)
        if safe:
            self.text += safe
            await self._stream.write(safe)
            self.transcript.scroll_end(animate=False)

    async def finish(self, final_text: str | None = None) -> None:
        """Stop streaming; show `final_text` (the recorded turn) if given, else what came."""
        rest = self._cleaner.flush()
        if rest:
            await self._stream.write(rest)
            self.text += rest
        await self._stream.stop()
        await self.view.set_text(final_text if final_text is not None else self.text)
        self.transcript.scroll_end(animate=False)

    async def discard(self) -> None:
        await self._stream.stop()
        await self.view.remove()
