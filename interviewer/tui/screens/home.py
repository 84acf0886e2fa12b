"""Home: choose a deck, topics, difficulty, count, which questions (due for review first, or
not), mode and backend; resume; open history. The last choices come back next time.

Start-up order (bench/startup.py): Home paints; right after, the form appears with the
remembered choices, the decks (from a small cache when the deck files have not changed) and
the resumable sessions and topic scores (read from the store file with sqlite3 alone) — Home
is ready. Then, in threads, the validated settings (Start works from then on), the store, the
full catalog (which refreshes the deck list and its cache) and the backend plugins.

The screen is in parts: the form's choices (home_choices.py), the loading after the first
paint (home_loading.py) and the side panel to resume from (home_side.py)."""

import asyncio
from datetime import UTC, datetime
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Footer, Label, OptionList, Select, Static

from interviewer.tui import bindings
from interviewer.tui.readiness import check_backend
from interviewer.tui.safe_text import literal
from interviewer.tui.screens.home_choices import HomeChoices
from interviewer.tui.screens.home_form import (  # noqa: F401 - DIFFICULTIES: Home's choices
    DIFFICULTIES, backend_names, deck_preview, first_backend, remembered,
)
from interviewer.tui.screens.home_loading import HomeLoading
from interviewer.tui.screens.home_side import ResumePanel, progress_text, session_options


class HomeScreen(HomeLoading, HomeChoices, ResumePanel):
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

    def on_screen_resume(self) -> None:
        # Back from another screen. (Not on the first showing: the first listing comes after
        # the first paint.)
        if self.is_mounted and self.form_ready:
            self.refresh_unfinished()

    # ------------------------------------------------------------------ errors
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
        from interviewer.tui.app_services import describe_error

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

    def action_history(self) -> None:
        self.app.action_history()
