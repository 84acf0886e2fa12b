"""Home's loading, after its first paint: the rest of the form, then (in threads) the
validated settings, the store's listing, the deck catalog and the backend plugins; and the
deck choice with its topics, refreshed as each arrives. A part of HomeScreen
(tui/screens/home.py)."""

import asyncio
import functools

from rich.text import Text
from textual import work
from textual.css.query import NoMatches
from textual.widgets import Checkbox, Input, OptionList, Select, SelectionList

from interviewer.tui.readiness import backend_choices
from interviewer.tui.safe_text import literal_line
from interviewer.tui.screens.home_form import deck_label, deck_row, hint_points, later_rows


def while_on_screen(method):
    """For Home's loading workers: when the app closes while one is still loading (a quick
    quit, a test ending), the widgets it would fill are gone; it stops quietly then, and
    only then."""
    @functools.wraps(method)
    async def guarded(self, *args, **kwargs):
        try:
            return await method(self, *args, **kwargs)
        except NoMatches:
            if self.is_attached and self.is_running:  # still on show: a real bug
                raise
    return guarded


class HomeLoading:
    """Fills Home's form once it is on screen, and keeps the deck choice up to date."""

    async def _build_form(self) -> None:
        """Home is on screen: the other choices, then (in threads) what takes longer."""
        self.app.after_first_paint()
        form = self.query_one("#form")
        await self.query_one("#deck-row").remove()
        await form.mount(deck_row(self._deck_options(), self._deck_choice(None)))
        for later in later_rows(self._provisional):  # one at a time: keys typed meanwhile
            await form.mount(later)                   # are not held up
        if self.app.is_headless:  # a blinking cursor makes screenshots flaky
            for widget in self.query(Input):
                widget.cursor_blink = False
        self._show_mode(self._memory.get("mode", "practice"))
        self._show_backend_rows()
        deck = self.query_one("#deck", Select).value
        if isinstance(deck, str):
            self._fill_topics(deck)
        self._after_paint()
        if not self._decks:  # a first start: no deck cache yet
            self._list_raw_decks()

    @work(group="home-raw-decks")
    @while_on_screen
    async def _list_raw_decks(self) -> None:
        """The deck list from the deck files as plain YAML, before the validated catalog."""
        from interviewer.corpus.deck_listing import raw_summaries

        _, roots, _ = self.app.provisional_paths(self._provisional)
        decks = await asyncio.to_thread(raw_summaries, roots)
        if decks and not self._decks:  # the catalog may have been quicker
            self._show_decks(decks)
            self.listed = self.query_one("#unfinished", OptionList).option_count > 0

    @work(group="home-load")
    @while_on_screen
    async def _after_paint(self) -> None:
        try:
            settings = await self.app.ready_settings()
            if settings is None:
                return  # the config file is broken: the app closes and the CLI says why
            self._use_validated(settings)
            self.form_ready = True
            self._update_readiness()
            await self._refresh_unfinished()
            await self._load_decks()
            self.listed = True
        finally:
            self._loaded.set()
        names = await asyncio.to_thread(backend_choices)  # reads every package's entry points
        self._show_backend_names(names, self.query_one("#backend", Select).value)
        self.app.freeze_heap()

    def _use_validated(self, settings) -> None:
        """The validated settings win over what the form opened with, except where the user
        already changed a choice."""
        backend, model, base_url = self._first_backend
        memory = self._memory
        want = (memory["backend"], memory.get("model") or "", memory.get("base_url") or "") \
            if "backend" in memory else (settings.backend, settings.model or "",
                                         settings.base_url or "")
        select = self.query_one("#backend", Select)
        if select.value == backend and want[0] != backend:
            self._show_backend_names(list(self._backend_names), want[0])
        for widget_id, first, value in (("#model", model, want[1]), ("#base-url", base_url, want[2])):
            box = self.query_one(widget_id, Input)
            if box.value == first and value != first:
                box.value = value
        self.query_one("#hints-cost", Checkbox).label = \
            f"each hint costs {hint_points({'hint_cost': settings.hint_cost}):g} points"

    # ------------------------------------------------------------------ decks
    async def _load_decks(self) -> None:
        from interviewer.corpus.deck_listing import summaries, write_cache

        try:
            catalog = await self.app.catalog()
        except Exception as exc:  # broken data files: show every problem, file and line
            from interviewer.tui.app_services import describe_error

            self._error(f"The question decks could not be loaded:\n{describe_error(exc)}")
            return
        decks = summaries(catalog)
        self._show_decks(decks)
        if not decks:
            self._error("No question decks found. Add one under <data_dir>/corpus/.")
        home, roots, _ = self.app.provisional_paths(None)
        await asyncio.to_thread(write_cache, home, roots, catalog)

    def _deck_options(self) -> list[tuple[Text, str]]:
        # a deck's title and topics may come from an imported document: never markup
        return [(literal_line(deck_label(d.title, d.questions, self._due.get(d.name, 0)), 120),
                 d.name)
                for d in self._decks]

    def _deck_choice(self, current: str | None) -> str | None:
        """The deck to show chosen: the one chosen now, else the remembered one, else pytorch,
        else the first."""
        names = [d.name for d in self._decks]
        for choice in (current, self._memory.get("deck"), "pytorch", names[0] if names else None):
            if choice in names:
                return choice
        return None

    def _show_decks(self, decks: list) -> None:
        """The deck choice (with what is due today); the chosen deck stays chosen."""
        self._decks = decks
        select = self.query_one("#deck", Select)
        if not select.children:  # just mounted, its drop-down not yet: once it is
            self.call_after_refresh(self._show_decks, decks)
            return
        current = select.value if isinstance(select.value, str) else None
        select.prompt = "Choose a deck"
        select.set_options(self._deck_options())
        choice = self._deck_choice(current)
        if choice is not None:
            select.value = choice
            self._fill_topics(choice)

    def _fill_topics(self, deck_name: str) -> None:
        """The deck's topics; ticked: those ticked before, else the remembered ones."""
        if not self.query("#topics"):
            return  # not mounted yet (the first paint): filled once it is
        topics = self.query_one("#topics", SelectionList)
        ticked = set(topics.selected)
        if not ticked and deck_name == self._memory.get("deck"):
            ticked = set(self._memory.get("topics", []))
            self._memory["topics"] = []  # restored once
        topics.clear_options()
        deck = next((d for d in self._decks if d.name == deck_name), None)
        if deck is None:
            return
        topics.add_options([(literal_line(f"{t} ({n})", 120), t, t in ticked)
                            for t, n in deck.topics.items()])
