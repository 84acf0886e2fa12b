"""Home: choose a deck, topics, difficulty, count, which questions (due for review first, or
not), mode and backend; resume; open history. The last choices come back next time.

Start-up order (bench/startup.py): Home paints; right after, the form appears with the
remembered choices, the decks (from a small cache when the deck files have not changed) and
the resumable sessions and topic scores (read from the store file with sqlite3 alone) — Home
is ready. Then, in threads, the validated settings (Start works from then on), the store, the
full catalog (which refreshes the deck list and its cache) and the backend plugins."""

import asyncio
import functools
from datetime import UTC, datetime
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import (
    Button, Checkbox, Footer, Input, Label, OptionList, Select, SelectionList, Static,
)
from textual.widgets.option_list import Option

from interviewer.tui import bindings
from interviewer.tui.readiness import backend_choices, check_backend
from interviewer.tui.safe_text import literal, literal_line, one_line
from interviewer.tui.screens.home_form import (  # noqa: F401 - DIFFICULTIES: Home's choices
    DIFFICULTIES, backend_names, deck_label, deck_preview, deck_row, first_backend, hint_points,
    later_rows, remembered,
)


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


class HomeScreen(Screen):
    """The first screen. Every choice is reachable with tab / shift+tab and arrow keys."""

    BINDINGS = bindings.HOME
    AUTO_FOCUS = "#start"
    # Classes for app.tcss: below 40 rows the form's rows lose their gaps (so every choice
    # shows at once), below 30 (80x24) the buttons take one row; a wide terminal gives the
    # labels room for "Time per question" on one line.
    VERTICAL_BREAKPOINTS: ClassVar = [(0, "-short"), (30, "-medium"), (40, "-tall")]
    HORIZONTAL_BREAKPOINTS: ClassVar = [(0, "-narrow"), (100, "-wide")]
    #: True once the decks and the resumable sessions are on screen (Home is ready).
    listed = False
    #: True once the settings are read: Start works.
    form_ready = False
    #: The error shown is about the current choices ("Cannot start on openai: …"): it goes
    #: once any choice changes.
    _choice_error = False

    def compose(self) -> ComposeResult:
        from interviewer.corpus.deck_listing import cached_decks
        from interviewer.store.home_listing import read_home_listing

        # The first paint holds the deck choice (the decks from their cache) and the
        # resumable sessions and topic scores (read from the store file with sqlite3): a few
        # milliseconds, no pydantic, and built with their content so that no second layout
        # follows. The other choices are mounted right after it, with the values they can
        # have before the validated settings are in (flags, variables, the config file read
        # as plain YAML); all of them in the first paint would double its time.
        provisional = self.app.provisional_settings()
        self._provisional = provisional
        self._memory = remembered(provisional)
        self._backend_names = backend_names(provisional)
        self._first_backend = first_backend(provisional)
        self.form_ready = False
        self._decks: list = []          # DeckSummary: name, title, questions, topics
        self._due: dict[str, int] = {}
        self._loaded = asyncio.Event()  # settings read and the catalog tried
        home, roots, db_path = self.app.provisional_paths(provisional)
        cached = cached_decks(home, roots) or []
        listing = read_home_listing(db_path, datetime.now(UTC))
        self.listed = listing is not None and bool(cached)
        if listing is not None:
            self._due = dict(listing.due_today)
        self._decks = cached
        yield Static(Text.assemble(("interviewer", "bold"), "  practise technical interviews"),
                     id="home-title")
        with Horizontal(id="home-main"):
            with Vertical(id="new-session", classes="panel"):
                yield Label("New session", classes="section-title")
                # Only the choices scroll: readiness, errors and Start stay in view however
                # small the terminal is.
                with VerticalScroll(id="form-scroll"):
                    yield Vertical(deck_preview(self._deck_options(), self._deck_choice(None)),
                                   id="form")
                yield Static(Text("Reading the settings…", style="dim"), id="readiness")
                yield Static(id="home-error")
                yield Button("Start session  ctrl+s", id="start", variant="primary")
            with Vertical(id="home-side", classes="panel"):
                yield Label("Resume", classes="section-title")
                yield OptionList(*(session_options(listing) if listing else []), id="unfinished")
                yield Label("Topic scores, last 5", classes="section-title")
                yield Static(progress_text(listing.topic_scores) if listing else "",
                             id="progress")
                yield Button("History  ctrl+o", id="history")
        yield Footer()

    def on_mount(self) -> None:
        self.call_after_refresh(self._build_form)

    # ------------------------------------------------------------------ start-up
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

    def on_screen_resume(self) -> None:
        # Back from another screen. (Not on the first showing: the first listing comes after
        # the first paint.)
        if self.is_mounted and self.form_ready:
            self.refresh_unfinished()

    # ------------------------------------------------------------------ data
    async def _load_decks(self) -> None:
        from interviewer.corpus.deck_listing import summaries, write_cache

        try:
            catalog = await self.app.catalog()
        except Exception as exc:  # broken data files: show every problem, file and line
            from interviewer.tui.app import describe_error

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

    # ------------------------------------------------------------------ choices
    @on(Select.Changed, "#deck")
    def _deck_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self._fill_topics(event.value)

    @on(Select.Changed, "#mode")
    def _mode_changed(self, event: Select.Changed) -> None:
        self._show_mode(event.value)

    def _show_mode(self, mode) -> None:
        """The time limit is for interview mode, the cost of hints for practice mode."""
        self.query_one("#time-row").display = mode == "interview"
        self.query_one("#hints-row").display = mode != "interview"

    @on(Select.Changed, "#backend")
    @on(Input.Changed, "#model")
    @on(Input.Changed, "#base-url")
    def _backend_changed(self) -> None:
        self._show_backend_rows()
        self._update_readiness()

    def _show_backend_rows(self) -> None:
        offline = self.query_one("#backend", Select).value == "offline"
        self.query_one("#model-row").display = not offline
        self.query_one("#url-row").display = not offline

    @on(Select.Changed)
    @on(Input.Changed)
    @on(Checkbox.Changed)
    @on(SelectionList.SelectedChanged)
    def _choice_changed(self) -> None:
        if self._choice_error:  # it was about the choice before: the readiness line has news
            self._error("")

    def chosen_settings(self):
        """The app's settings with the backend, model and URL chosen here."""
        if not self.form_ready:
            return self.app.settings
        backend = self.query_one("#backend", Select).value
        model = self.query_one("#model", Input).value.strip() or None
        base_url = self.query_one("#base-url", Input).value.strip() or None
        return self.app.settings.model_copy(update={
            "backend": backend, "model": model, "base_url": base_url})

    def chosen_config(self):
        """A SessionConfig from the choices on screen."""
        from interviewer.domain import SessionConfig

        deck = self.query_one("#deck", Select).value
        difficulty = self.query_one("#difficulty", Select).value
        mode = self.query_one("#mode", Select).value
        limit = self.query_one("#time-limit", Select).value
        settings = self.chosen_settings()
        hints_cost = self.query_one("#hints-cost", Checkbox).value and mode == "practice"
        return SessionConfig(
            deck=deck if isinstance(deck, str) else "pytorch",
            topics=list(self.query_one("#topics", SelectionList).selected),
            difficulties=[] if difficulty == "any" else [difficulty],
            count=self.query_one("#count", Select).value,
            mode=mode,
            time_limit_s=(limit or None) if mode == "interview" else None,
            favour_weak=self.query_one("#favour-weak", Checkbox).value,
            pick=self.query_one("#pick", Select).value,
            hint_penalty=hint_points({"hint_cost": settings.hint_cost}) if hints_cost else 0,
            follow_up_budget=settings.follow_up_budget,
            backend=settings.backend,
            model=settings.model,
        )

    def chosen_state(self) -> dict:
        """The choices to remember (the config file's `state:`)."""
        deck = self.query_one("#deck", Select).value
        return {
            "deck": deck if isinstance(deck, str) else None,
            "topics": list(self.query_one("#topics", SelectionList).selected),
            "difficulty": self.query_one("#difficulty", Select).value,
            "count": self.query_one("#count", Select).value,
            "mode": self.query_one("#mode", Select).value,
            "time_limit_s": self.query_one("#time-limit", Select).value,
            "favour_weak": self.query_one("#favour-weak", Checkbox).value,
            "pick": self.query_one("#pick", Select).value,
            "hints_cost": self.query_one("#hints-cost", Checkbox).value,
            "backend": self.query_one("#backend", Select).value,
            "model": self.query_one("#model", Input).value.strip() or None,
            "base_url": self.query_one("#base-url", Input).value.strip() or None,
        }

    def _update_readiness(self) -> None:
        if not self.form_ready:
            return
        readiness = check_backend(self.chosen_settings())
        mark, style = ("✔ ready", "green") if readiness.ready else ("✘ not ready", "red")
        self.query_one("#readiness", Static).update(
            Text.assemble((mark, f"bold {style}"), "  ", literal(readiness.message)))
        self.query_one("#readiness").set_class(not readiness.ready, "-not-ready")

    def show_backend(self, name: str) -> None:
        """Reflect a backend switched from the command palette."""
        if self.form_ready:  # else the form, still to come, shows the app's settings
            self._show_backend_names(backend_choices(), name)

    def _show_backend_names(self, names: list[str], name: str) -> None:
        select = self.query_one("#backend", Select)
        if name not in names:
            names.append(name)
        if names != self._backend_names:
            self._backend_names = names
            select.set_options([(n, n) for n in names])
        if select.value != name:
            select.value = name

    def _error(self, message: str, *, about_choice: bool = False) -> None:
        """Show an error above Start ("" clears it); `about_choice` ones go when a choice
        changes."""
        self._choice_error = about_choice and bool(message)
        error = self.query_one("#home-error", Static)
        error.update(literal(message, style="bold red"))  # quotes names and errors
        error.display = bool(message)  # an empty line would cost a row at 80x24

    # ------------------------------------------------------------------ actions
    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.action_start()
        elif event.button.id == "history":
            self.action_history()

    def action_start(self) -> None:
        if not (self.form_ready and self._loaded.is_set()):
            self._start_when_loaded()  # a fast ctrl+s: start as soon as the settings are in
            return
        if self.query_one("#deck", Select).value is Select.BLANK:
            self.notify("No question deck was found.", severity="warning")
            return
        settings = self.chosen_settings()
        readiness = check_backend(settings)
        if not readiness.ready:
            # the readiness line just above says why and how to fix it
            self._error(f"Cannot start on {settings.backend}: it is not ready (see above).",
                        about_choice=True)
            backend = self.query_one("#backend", Select)
            backend.focus()
            # again once the error has taken its rows from the scrolling form
            self.call_after_refresh(backend.scroll_visible, animate=False)
            return
        self._start(self.chosen_config(), settings, self.chosen_state())

    @work(exclusive=True, group="home-wait")
    async def _start_when_loaded(self) -> None:
        self.query_one("#readiness", Static).update(Text("Starting as soon as the decks are "
                                                         "loaded…", style="dim"))
        await self._loaded.wait()
        if self.form_ready:
            self.action_start()

    @work(exclusive=True, group="home-open")
    async def _start(self, config, settings, state) -> None:
        await self._remember(state)
        await self._open(settings, config=config)

    async def _remember(self, state: dict) -> None:
        """Keep the choices for next time; a config file that cannot be written only costs
        a warning."""
        from interviewer.settings_state import save_home_state

        try:
            await asyncio.to_thread(save_home_state, state)
        except OSError as exc:
            self.notify(f"Could not remember these choices in the config file: "
                        f"{exc.strerror or exc}", severity="warning", timeout=8)

    async def _open(self, settings, *, config=None,
                    resume_id: str | None = None) -> None:
        from interviewer.tui.app import describe_error

        start = self.query_one("#start", Button)
        start.disabled = True
        self._error("")
        self.app.use_settings(settings)
        try:
            await self.app.open_session(config, resume_id)
        except Exception as exc:
            self._error(f"Could not start the session: {describe_error(exc)}", about_choice=True)
        finally:
            start.disabled = False

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

    def action_history(self) -> None:
        self.app.action_history()
