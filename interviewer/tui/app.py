"""The Textual app and its one factory, `make_app`, used by the CLI and by the tests.

Start-up cost matters (bench/startup.py): the settings (pydantic-settings), the domain
models, the engine, the store and the backend registry are loaded after Home's first paint,
not before."""

from __future__ import annotations

import asyncio
import gc
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.screen import Screen

from interviewer.settings import ConfigError, configured_theme, load_settings
from interviewer.tui import bindings
from interviewer.tui.commands import InterviewerCommands

if TYPE_CHECKING:
    from interviewer.corpus.catalog import Catalog
    from interviewer.domain import SessionConfig
    from interviewer.engine.interview import InterviewSession
    from interviewer.settings_model import Settings
    from interviewer.store.session_store import SessionStore

def _recognise_legacy_alt_enter() -> None:
    """Terminals without the kitty keyboard protocol (tmux, many defaults) send ESC CR for
    alt+enter, which Textual 8 reports as a plain enter (it drops the alt for keys in its
    sequence table). Map ESC CR to alt+enter so the submit key works there too."""
    try:
        from textual import _ansi_sequences
    except ImportError:  # pragma: no cover - a Textual without the table: nothing to fix
        return

    class AltEnter:
        value = "alt+enter"

    _ansi_sequences.ANSI_SEQUENCES_KEYS.setdefault("\x1b\r", (AltEnter,))


_recognise_legacy_alt_enter()

#: The two themes "toggle theme" switches between.
DARK_THEME, LIGHT_THEME = "textual-dark", "textual-light"


class InterviewerApp(App[int]):
    """Home, interview, feedback, report and history screens over one store and catalog."""

    CSS_PATH = "app.tcss"
    TITLE = "interviewer"
    SUB_TITLE = "practise technical interviews"
    BINDINGS = bindings.APP
    COMMANDS = App.COMMANDS | {InterviewerCommands}

    def __init__(self, settings: Settings | None = None, *,
                 overrides: Mapping[str, Any] | None = None,
                 start_config: SessionConfig | None = None,
                 resume_id: str | None = None) -> None:
        super().__init__()
        self._settings = settings
        self._setting_overrides = dict(overrides or {})
        self._settings_mutex = threading.Lock()
        self._settings_applied = False
        #: Set when the settings cannot be read after the first paint; the app then exits
        #: (code 2) and `run_app` raises it for the CLI to print.
        self.startup_error: ConfigError | None = None
        self.start_config = start_config
        self.resume_id = resume_id
        self._store: SessionStore | None = None
        self._catalog: Catalog | None = None
        self._catalog_lock = asyncio.Lock()
        self.user_keymap: dict[str, str] = {}

    # ------------------------------------------------------------------ settings
    @property
    def settings(self) -> Settings:
        """The settings (read now if they have not been: see `ready_settings`)."""
        if self._settings is None:
            return self._read_settings()
        return self._settings

    @settings.setter
    def settings(self, settings: Settings) -> None:
        self._settings = settings

    def _read_settings(self) -> Settings:
        # The loading thread and the event loop may both ask first: read the file once.
        with self._settings_mutex:
            if self._settings is None:
                self._settings = load_settings(**self._setting_overrides)
            return self._settings

    async def ready_settings(self) -> Settings | None:
        """The settings with the user's keys and theme applied. When the app was made without
        them (`interviewer`), they are read here, in a thread, after Home's first paint:
        pydantic-settings alone takes ~100 ms to import. A broken config file closes the app
        (exit code 2) and `run_app` raises the error for the CLI to print, as before the app
        opened; None is returned then."""
        if self._settings is None:
            try:
                await asyncio.to_thread(self._read_settings)
            except ConfigError as exc:
                self.startup_error = exc
                self.exit(return_code=2)
                return None
        self._apply_settings()
        return self._settings

    def provisional_settings(self) -> dict[str, Any]:
        """What Home opens its form with before the validated settings are in (see
        `interviewer.settings.provisional_settings`); the settings themselves when given."""
        import os

        if self._settings is None:
            from interviewer.settings import provisional_settings

            return provisional_settings(self._setting_overrides)
        s = self._settings
        return {"backend": s.backend, "model": s.model, "base_url": s.base_url,
                "data_dir": s.data_dir, "hint_cost": s.hint_cost,
                "state": s.state.model_dump(exclude_none=True),
                "backend_fixed": "backend" in self._setting_overrides
                or bool(os.environ.get("INTERVIEWER_BACKEND"))}

    def provisional_paths(self, provisional: dict[str, Any] | None) -> tuple[Path, list[Path], Path]:
        """(home folder, deck roots, store file) for Home's first listing: from the validated
        settings when they are in, else from `provisional` (no pydantic needed)."""
        from interviewer.data_paths import shipped_root
        from interviewer.settings import default_home

        if self._settings is not None or provisional is None:
            home, data_dir = Path(self.settings.home), self.settings.data_dir
        else:
            home, data_dir = default_home(), provisional.get("data_dir")
        roots = [shipped_root()] + ([Path(data_dir)] if data_dir else [])
        return home, roots, home / "interviewer.db"

    def _apply_settings(self) -> None:
        """The user's key bindings and theme (once), with a warning per unusable entry."""
        if self._settings_applied:
            return
        self._settings_applied = True
        settings = self.settings
        keymap, problems = bindings.checked_keymap(settings.keys)
        self.user_keymap = keymap
        self.set_keymap(keymap)
        for problem in problems:
            self.notify(problem, severity="warning", timeout=12)
        if settings.theme:
            if settings.theme in self.available_themes:
                self.theme = settings.theme
            else:
                self.notify(f"config theme: unknown theme {settings.theme!r}",
                            severity="warning")

    # ------------------------------------------------------------------ lifecycle
    def get_default_screen(self) -> Screen:
        from interviewer.tui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        if self._settings is not None:  # given (tests, `interviewer practice`): apply them now
            self._apply_settings()
        else:  # read after the first paint; paint that in the user's theme already
            theme = configured_theme()
            if theme in self.available_themes:
                self.theme = theme
        if self.start_config is not None or self.resume_id is not None:
            self.run_worker(self._open_from_command_line(), exclusive=True, group="open")

    async def _open_from_command_line(self) -> None:
        try:
            await self.open_session(self.start_config, self.resume_id)
        except Exception as exc:  # shown on Home, where the user can fix the choice
            self.notify(describe_error(exc), title="Could not start the session",
                        severity="error", timeout=20)

    def on_unmount(self) -> None:
        if self._store is not None:
            self._store.close()

    # ------------------------------------------------------------------ shared services
    @property
    def store(self) -> "SessionStore":
        """The session store, opened on first use (StoreError says what to do). A healthy
        store that cannot be written (disk full, read-only folder) is opened read-only, so
        History and the reports still open; Home says so, and a write says why it failed."""
        if self._store is None:
            from interviewer.store.session_store import SessionStore

            self._store = SessionStore.open(self.settings, read_only_fallback=True)
        return self._store

    async def catalog(self) -> "Catalog":
        """Every deck and rubric, parsed once in a thread so the screen never stalls."""
        async with self._catalog_lock:
            if self._catalog is None:
                self._catalog = await asyncio.to_thread(_load_catalog, self.settings)
                # then, in the background, what the first answer would otherwise wait for
                self.run_worker(asyncio.to_thread(_warm_up, self._catalog), group="warm-up")
            return self._catalog

    async def open_store(self) -> SessionStore:
        """The store, opened in a thread the first time (it imports the domain models)."""
        if self._store is None:
            await asyncio.to_thread(lambda: self.store)
        return self.store

    @property
    def loaded_catalog(self) -> "Catalog | None":
        """The catalog if it has been loaded already (else None)."""
        return self._catalog

    def after_first_paint(self) -> None:
        """Home is on screen: garbage collection, paused by the CLI during start-up (see
        `run_app`), resumes; what start-up created stays out of its full passes."""
        if not gc.isenabled():
            gc.freeze()
            gc.enable()

    def freeze_heap(self) -> None:
        """Exempt everything alive now (modules, decks, widgets) from the garbage collector's
        full passes. Without it a full pass over the app's ~130k objects stalls the screen for
        ~90 ms every second or two while a reply streams (bench/stream_latency.py)."""
        gc.freeze()

    def use_settings(self, settings: Settings) -> None:
        """Home's choices (backend, model, URL) become the app's settings."""
        self.settings = settings

    async def open_session(self, config: SessionConfig | None = None,
                           resume_id: str | None = None) -> None:
        """Start (or resume) a session and show it. Raises with a message to show the user."""
        from interviewer.domain import SessionConfig
        from interviewer.engine.session_factory import resume_session, start_session

        catalog = await self.catalog()
        store = self.store
        settings = self.settings
        # In a thread: building an LLM backend imports its SDK (openai ~1.5 s). The store is
        # safe to use from another thread (one locked connection).
        if resume_id is not None:
            from interviewer.store.session_locks import SessionInUse

            try:
                engine = await asyncio.to_thread(resume_session, settings, resume_id, store,
                                                 catalog)
            except SessionInUse as busy:
                if not await self._take_over_chosen(busy):
                    return
                engine = await asyncio.to_thread(resume_session, settings, resume_id, store,
                                                 catalog, take_over=True)
        else:
            engine = await asyncio.to_thread(
                start_session, settings, config or SessionConfig(), store, catalog)
        await self.show_session(engine)
        if engine.selection_note:  # fewer questions than asked for: say so, and why
            self.notify(engine.selection_note, title="Fewer questions", severity="warning",
                        timeout=12)

    async def _take_over_chosen(self, busy) -> bool:
        """The session is open in another interviewer: True to take it over; otherwise its
        report so far is shown read-only (nothing is changed) and False is returned."""
        from interviewer.tui.screens.confirm import ConfirmScreen
        from interviewer.tui.screens.report import ReportScreen

        take_over = await self.push_screen_wait(ConfirmScreen(
            "This session is open in another interviewer.",
            f"{busy.holder.describe()}.\n\nTake it over: the other window can no longer change "
            "it, and what it was typing is kept for you here. Or view it read-only.",
            yes="Take over", no="View read-only"))
        if take_over:
            return True
        await self.push_screen(ReportScreen(self.store.load(busy.session_id)))
        return False

    async def show_session(self, engine: "InterviewSession") -> None:
        from interviewer.tui.screens.interview import InterviewScreen
        from interviewer.tui.screens.report import ReportScreen

        if engine.finished and not engine.grading.pending:
            await self.push_screen(ReportScreen(engine.session))
        else:
            await self.push_screen(InterviewScreen(engine))
        self.freeze_heap()

    def notify(self, message: str, *, title: str = "", severity="information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Every notification is plain text: messages quote session ids, file names, model
        errors and deck names, which must never be read as markup (`[@click=...]` would be
        an action). Escapes are removed too. `markup` is accepted and ignored."""
        from interviewer.tui.safe_text import clean

        super().notify(clean(message), title=clean(title), severity=severity, timeout=timeout,
                       markup=False)

    # ------------------------------------------------------------------ actions
    def action_help(self) -> None:
        from interviewer.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        """Textual's own "Quit" (e.g. from the command palette) asks first too."""
        self.action_request_quit()

    def action_request_quit(self) -> None:
        """Quit; during an interview, ask first (the session stays resumable)."""
        from interviewer.tui.screens.confirm import ConfirmScreen
        from interviewer.tui.screens.interview import InterviewScreen

        screen = self.screen
        if isinstance(screen, ConfirmScreen):
            return
        if isinstance(screen, InterviewScreen):
            def done(yes: bool | None) -> None:
                if yes:
                    screen.save_draft_now()
                    self.exit(0)

            self.push_screen(ConfirmScreen(
                "Quit interviewer?",
                "Your answers so far are saved. Resume this session from Home next time."), done)
        else:
            self.exit(0)

    def action_new_session(self) -> None:
        """Back to Home (a running interview is saved and stays resumable)."""
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def action_history(self) -> None:
        from interviewer.tui.screens.history import HistoryScreen

        if not isinstance(self.screen, HistoryScreen):
            self.push_screen(HistoryScreen())

    def deliver_screenshot(self, filename: str | None = None, path: str | None = None,
                           time_format: str | None = None) -> str | None:
        """The palette's "Screenshot": into the Downloads folder when there is one, else into
        `<home>/screenshots/` (created), instead of failing."""
        if path is None:
            path = str(screenshot_folder(self.settings))
        return super().deliver_screenshot(filename, path, time_format)

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT_THEME if self.theme == DARK_THEME else DARK_THEME

    def switch_backend(self, name: str) -> None:
        """Use backend `name` from now on (and in a running interview, for what is left)."""
        from interviewer.tui.screens.home import HomeScreen
        from interviewer.tui.screens.interview import InterviewScreen

        settings = self.settings.model_copy(update={"backend": name})
        for screen in self.screen_stack:
            if isinstance(screen, InterviewScreen):
                screen.use_backend(settings)
            elif isinstance(screen, HomeScreen):
                screen.show_backend(name)
        self.settings = settings
        self.notify(f"Backend: {name}")


def _load_catalog(settings: Settings) -> Catalog:
    # Imported here, in the loading thread: the engine and the YAML parsing are the slow part
    # of start-up, and Home is already on screen.
    from interviewer.engine.session_factory import load_catalog_for

    return load_catalog_for(settings)


def _warm_up(catalog: Catalog) -> None:
    _warm_up_grader(catalog)
    _warm_up_highlighting()


def _warm_up_grader(catalog: Catalog) -> None:
    """Grade one throw-away answer now, in the loading thread: the offline grader builds its
    word tables on first use (~200-400 ms), which would otherwise freeze the screen when the
    first answer is sent (the follow-up decision grades it on the event loop)."""
    from interviewer.grading.offline_grader import OfflineGrader
    from interviewer.grading.protocols import GradeRequest

    for deck, question in catalog.questions():
        rubric = catalog.rubric(deck, question.id)
        if rubric is not None:
            # with the catalog: the deck's topicality index is built here too
            OfflineGrader(catalog).grade_sync(GradeRequest(question=question, rubric=rubric,
                                                           answer="warming up"))
            return


def _warm_up_highlighting() -> None:
    """Load pygments and its Python lexer now, in the loading thread: done lazily, it stalls
    the screen ~100 ms the first time a reply contains a code block."""
    from rich.syntax import Syntax

    Syntax("x = 1", "python").highlight("x = 1")


def screenshot_folder(settings: Settings) -> Path:
    """The Downloads folder if it exists, else `<home>/screenshots` (created)."""
    from platformdirs import user_downloads_path

    downloads = user_downloads_path()
    if downloads.is_dir():
        return downloads
    folder = Path(settings.home) / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def describe_error(exc: BaseException) -> str:
    """One message a user can act on, for the errors opening a session can raise."""
    from interviewer.corpus.problems import CorpusError

    if isinstance(exc, CorpusError):
        return "\n".join(str(p) for p in exc.problems[:5])
    text = str(exc) or type(exc).__name__
    return text


def make_app(settings: Settings | None = None, *, overrides: Mapping[str, Any] | None = None,
             start_config: SessionConfig | None = None,
             resume_id: str | None = None) -> InterviewerApp:
    """The app. Without `settings`, it reads them (with `overrides`, the command line's flags,
    on top) after Home's first paint. `start_config` starts a session at once
    (`interviewer practice`); `resume_id` resumes a stored one."""
    return InterviewerApp(settings, overrides=overrides, start_config=start_config,
                          resume_id=resume_id)
