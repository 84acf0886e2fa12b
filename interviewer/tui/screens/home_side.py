"""Home's side panel: the unfinished sessions to resume and the topic scores, kept fresh from
the store, and resuming one of them. A part of HomeScreen (tui/screens/home.py)."""

import asyncio
from datetime import UTC, datetime

from rich.text import Text
from textual import on, work
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from interviewer.tui.safe_text import one_line
from interviewer.tui.screens.home_loading import while_on_screen


def session_options(listing) -> list[Option]:
    """The resumable sessions, newest first (at most 20)."""
    if not listing.sessions:
        return [Option(Text("No unfinished sessions.", style="italic"), disabled=True)]
    options = []
    for s in listing.sessions[:20]:
        # the start date, as History and the report show it
        when = s.created_at.astimezone().strftime("%d %b %H:%M")
        label = Text.assemble(f"{one_line(s.deck, 20)} · {s.mode}\n",
                              f"{s.n_answered}/{s.n_questions} answered",
                              (f" · started {when}", "dim"))
        options.append(Option(label, id=s.id))
    return options


def progress_text(scores: dict[str, float]) -> Text:
    """Each practised topic's current score, weakest first."""
    from interviewer.tui.widgets.topic_chart import score_style

    if not scores:
        return Text("No graded answers yet.", style="italic")
    text = Text()
    for topic, score in sorted(scores.items(), key=lambda item: (item[1], item[0]))[:8]:
        if text:
            text.append("\n")
        text.append(f"{score:>3.0f}  ", style=f"bold {score_style(score)}")
        text.append(one_line(topic, 40))  # a stored (imported) name
    return text


class ResumePanel(Screen):
    """The resume list and topic scores. A Screen only so that its `@on` handler is
    registered (Textual collects those per Screen class)."""

    @work(exclusive=True, group="home-unfinished")
    @while_on_screen
    async def refresh_unfinished(self) -> None:
        await self._refresh_unfinished()

    async def _refresh_unfinished(self) -> None:
        """The sessions that can be resumed, topic scores and what is due, from the store."""
        def read(store):
            from interviewer.store.home_listing import store_home_listing

            return store_home_listing(store, datetime.now(UTC))

        try:
            store = await self.app.open_store()
            listing = await asyncio.to_thread(read, store)
        except Exception as exc:
            self._error(f"The session store cannot be opened: {exc}")
            return
        if store.read_only is not None:  # history still opens; nothing new can be saved
            self._error(f"Read-only: {store.read_only}")
        self._show_listing(listing)
        if self._decks:
            self._show_decks(self._decks)  # the due counts may have changed

    def _show_listing(self, listing) -> None:
        self._due = dict(listing.due_today)
        self.query_one("#progress", Static).update(progress_text(listing.topic_scores))
        options = self.query_one("#unfinished", OptionList)
        options.clear_options()
        options.add_options(session_options(listing))

    @on(OptionList.OptionSelected, "#unfinished")
    def _resume_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self._resume(event.option.id)

    def action_resume(self) -> None:
        listing = self.query_one("#unfinished", OptionList)
        first = next((o for o in listing.options if o.id), None)
        if first is None:
            self.notify("There is no unfinished session to resume.")
            return
        self._resume(first.id)

    @work(exclusive=True, group="home-open")
    async def _resume(self, session_id: str) -> None:
        await self._loaded.wait()
        await self._open(self.chosen_settings(), resume_id=session_id)
