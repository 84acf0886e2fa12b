"""Home: choose a deck, topics, difficulty, count, mode and backend; resume; open history."""

import asyncio
from collections import Counter
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import (
    Button, Checkbox, Footer, Input, Label, OptionList, Select, SelectionList, Static,
)
from textual.widgets.option_list import Option

# not interviewer.domain's copy: Home's first paint does not wait for the pydantic models
from interviewer.taxonomy import DIFFICULTIES
from interviewer.tui import bindings
from interviewer.tui.readiness import BUILT_IN_CHOICES, backend_choices, check_backend
from interviewer.tui.safe_text import one_line

COUNTS = (3, 5, 8, 10, 15, 20)
DEFAULT_COUNT = 8
TIME_LIMITS = ((0, "untimed"), (120, "2 min"), (180, "3 min"), (300, "5 min"), (600, "10 min"))
DEFAULT_TIME_LIMIT = 180


def _row(label: str, widget, *, row_id: str | None = None) -> Horizontal:
    return Horizontal(Label(label, classes="field-label"), widget, classes="field", id=row_id)


class HomeScreen(Screen):
    """The first screen. Every choice is reachable with tab / shift+tab and arrow keys."""

    BINDINGS = bindings.HOME
    AUTO_FOCUS = "#start"
    # Classes for app.tcss: below 40 rows the form's rows lose their gaps (so every choice
    # shows at once), below 30 (80x24) the buttons take one row; a wide terminal gives the
    # labels room for "Time per question" on one line.
    VERTICAL_BREAKPOINTS: ClassVar = [(0, "-short"), (30, "-medium"), (40, "-tall")]
    HORIZONTAL_BREAKPOINTS: ClassVar = [(0, "-narrow"), (100, "-wide")]
    #: True once the settings are read and every choice is on screen.
    form_ready = False
    #: The error shown is about the current choices ("Cannot start on openai: …"): it goes
    #: once any choice changes.
    _choice_error = False

    def compose(self) -> ComposeResult:
        yield Static(Text.assemble(("interviewer", "bold"), "  practise technical interviews"),
                     id="home-title")
        with Horizontal(id="home-main"):
            with Vertical(id="new-session", classes="panel"):
                yield Label("New session", classes="section-title")
                # Only the choices scroll: readiness, errors and Start stay in view however
                # small the terminal is.
                with VerticalScroll(id="form-scroll"):
                    yield Vertical(id="form")
                yield Static(id="readiness")
                yield Static(id="home-error")
                yield Button("Start session  ctrl+s", id="start", variant="primary")
            with Vertical(id="home-side", classes="panel"):
                yield Label("Resume", classes="section-title")
                yield OptionList(id="unfinished")
                yield Label("Recent topic scores", classes="section-title")
                yield Static(id="progress")
                yield Button("History  ctrl+o", id="history")
        yield Footer()

    def _form_rows(self) -> list:
        settings = self.app.settings
        names = list(BUILT_IN_CHOICES)
        if settings.backend not in names:
            names.append(settings.backend)
        self._backend_names = names
        return [
            _row("Deck", Select([], prompt="Loading decks…", id="deck", compact=True,
                                allow_blank=True)),
            _row("Topics", SelectionList[str](id="topics", compact=True)),
            Label("space ticks; none ticked = all", classes="hint-text"),
            _row("Difficulty", Select([("any", "any"), *[(d, d) for d in DIFFICULTIES]],
                                      value="any", allow_blank=False, id="difficulty",
                                      compact=True)),
            _row("Questions", Select([(str(n), n) for n in COUNTS], value=DEFAULT_COUNT,
                                     allow_blank=False, id="count", compact=True)),
            _row("Mode", Select([("practice — feedback after each question, hints", "practice"),
                                 ("interview — timed, feedback at the end", "interview")],
                                value="practice", allow_blank=False, id="mode", compact=True)),
            _row("Time per question", Select([(label, secs) for secs, label in TIME_LIMITS],
                                             value=DEFAULT_TIME_LIMIT, allow_blank=False,
                                             id="time-limit", compact=True, disabled=True)),
            _row("Weak topics", Checkbox("favour topics I score low on", id="favour-weak",
                                         compact=True)),
            _row("Backend", Select([(n, n) for n in names], value=settings.backend,
                                   allow_blank=False, id="backend", compact=True)),
            _row("Model", Input(settings.model or "", placeholder="backend default", id="model",
                                compact=True), row_id="model-row"),
            _row("Base URL", Input(settings.base_url or "",
                                   placeholder="e.g. http://localhost:11434/v1", id="base-url",
                                   compact=True), row_id="url-row"),
        ]

    def on_mount(self) -> None:
        self.form_ready = False
        # Home is painted first (title, start, resume); the settings, the form, the store, the
        # decks and the plugin scan follow right after, so the screen appears as soon as
        # possible.
        self.call_after_refresh(self._build_form)

    async def _build_form(self) -> None:
        self.app.after_first_paint()
        if await self.app.ready_settings() is None:
            return  # the config file is broken: the app closes and the CLI says why
        await self.query_one("#form").mount_all(self._form_rows())
        if self.app.is_headless:  # a blinking cursor makes screenshots flaky
            for widget in self.query(Input):
                widget.cursor_blink = False
        self.form_ready = True
        self._update_readiness()
        self._load_after_paint()

    @work(group="home-load")
    async def _load_after_paint(self) -> None:
        await self._refresh_unfinished()
        await self._load_decks()
        names = await asyncio.to_thread(backend_choices)  # reads every package's entry points
        self._show_backend_names(names, self.query_one("#backend", Select).value)
        self.app.freeze_heap()

    def on_screen_resume(self) -> None:
        # Back from another screen. (Not on the first showing: the first load, after the
        # first paint, lists the sessions; opening the store before would delay that paint.)
        if self.is_mounted and self.form_ready:
            self.refresh_unfinished()

    # ------------------------------------------------------------------ data
    async def _load_decks(self) -> None:
        try:
            catalog = await self.app.catalog()
        except Exception as exc:  # broken data files: show every problem, file and line
            from interviewer.tui.app import describe_error

            self._error(f"The question decks could not be loaded:\n{describe_error(exc)}")
            return
        deck_select = self.query_one("#deck", Select)
        options = [(f"{d.deck.title} ({len(d.questions)} questions)", name)
                   for name, d in sorted(catalog.decks.items())]
        deck_select.prompt = "Choose a deck"
        deck_select.set_options(options)
        if options:
            preferred = "pytorch" if "pytorch" in catalog.decks else options[0][1]
            deck_select.value = preferred
            self._fill_topics(preferred)
        else:
            self._error("No question decks found. Add one under <data_dir>/corpus/.")

    def _fill_topics(self, deck_name: str) -> None:
        catalog = self.app.loaded_catalog
        topics = self.query_one("#topics", SelectionList)
        topics.clear_options()
        if catalog is None or deck_name not in catalog.decks:
            return
        counts = Counter(q.topic for q in catalog.decks[deck_name].questions)
        topics.add_options([(f"{t} ({n})", t) for t, n in sorted(counts.items())])

    @work(exclusive=True, group="home-unfinished")
    async def refresh_unfinished(self) -> None:
        await self._refresh_unfinished()

    async def _refresh_unfinished(self) -> None:
        """The sessions that can be resumed, most recent first, and topic scores."""
        def read(store):
            from interviewer.store.progress import topic_scores  # in the thread: imports the models

            # not an interview-mode session still running: its grades are shown at its end
            return store.unfinished(), topic_scores(store, revealed_only=True)

        try:
            store = await self.app.open_store()
            sessions, scores = await asyncio.to_thread(read, store)
        except Exception as exc:
            self._error(f"The session store cannot be opened: {exc}")
            return
        if store.read_only is not None:  # history still opens; nothing new can be saved
            self._error(f"Read-only: {store.read_only}")
        self._show_progress(scores)
        listing = self.query_one("#unfinished", OptionList)
        listing.clear_options()
        if not sessions:
            listing.add_option(Option(Text("No unfinished sessions.", style="italic"),
                                      disabled=True))
            return
        for s in sessions[:20]:
            when = s.updated_at.astimezone().strftime("%d %b %H:%M")
            label = Text.assemble((f"{when}  ", "dim"), f"{one_line(s.deck, 20)} · {s.mode} · ",
                                  f"{s.n_answered}/{s.n_questions} answered")
            listing.add_option(Option(label, id=s.id))

    def _show_progress(self, scores: dict[str, float]) -> None:
        """Each practised topic's current score, weakest first."""
        from interviewer.tui.widgets.topic_chart import score_style

        text = Text()
        for topic, score in sorted(scores.items(), key=lambda item: (item[1], item[0]))[:8]:
            if text:
                text.append("\n")
            text.append(f"{score:>3.0f}  ", style=f"bold {score_style(score)}")
            text.append(one_line(topic, 40))  # a stored (imported) name
        self.query_one("#progress", Static).update(
            text if scores else Text("No graded answers yet.", style="italic"))

    # ------------------------------------------------------------------ choices
    @on(Select.Changed, "#deck")
    def _deck_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self._fill_topics(event.value)

    @on(Select.Changed, "#mode")
    def _mode_changed(self, event: Select.Changed) -> None:
        self.query_one("#time-limit", Select).disabled = event.value != "interview"

    @on(Select.Changed, "#backend")
    @on(Input.Changed, "#model")
    @on(Input.Changed, "#base-url")
    def _backend_changed(self) -> None:
        self._update_readiness()

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
        return SessionConfig(
            deck=deck if isinstance(deck, str) else "pytorch",
            topics=list(self.query_one("#topics", SelectionList).selected),
            difficulties=[] if difficulty == "any" else [difficulty],
            count=self.query_one("#count", Select).value,
            mode=mode,
            time_limit_s=(limit or None) if mode == "interview" else None,
            favour_weak=self.query_one("#favour-weak", Checkbox).value,
            follow_up_budget=settings.follow_up_budget,
            backend=settings.backend,
            model=settings.model,
        )

    def _update_readiness(self) -> None:
        readiness = check_backend(self.chosen_settings())
        mark, style = ("✔ ready", "green") if readiness.ready else ("✘ not ready", "red")
        self.query_one("#readiness", Static).update(
            Text.assemble((mark, f"bold {style}"), "  ", readiness.message))
        self.query_one("#readiness").set_class(not readiness.ready, "-not-ready")
        if self.form_ready:
            offline = self.query_one("#backend", Select).value == "offline"
            self.query_one("#model-row").display = not offline
            self.query_one("#url-row").display = not offline

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
        error.update(Text(message, style="bold red"))
        error.display = bool(message)  # an empty line would cost a row at 80x24

    # ------------------------------------------------------------------ actions
    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.action_start()
        elif event.button.id == "history":
            self.action_history()

    def action_start(self) -> None:
        if not self.form_ready or self.query_one("#deck", Select).value is Select.BLANK:
            self.notify("The decks are still loading, or none was found.", severity="warning")
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
        self._start(self.chosen_config(), settings)

    @work(exclusive=True, group="home-open")
    async def _start(self, config, settings) -> None:
        await self._open(settings, config=config)

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
        await self._open(self.chosen_settings(), resume_id=session_id)

    def action_history(self) -> None:
        self.app.action_history()
