"""The Textual app and its one factory, `make_app`, used by the CLI and by the tests.

Start-up cost matters (bench/startup.py): the settings (pydantic-settings), the domain
models, the engine, the store and the backend registry are loaded after Home's first paint,
not before. The app is in parts: its settings (app_settings.py) and its shared services, the
store, the catalog and the sessions opened over them (app_services.py)."""

from __future__ import annotations

import asyncio
import gc
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.screen import Screen

from interviewer.settings import ConfigError, configured_theme
from interviewer.tui import bindings
from interviewer.tui.app_services import AppServices, describe_error
from interviewer.tui.app_settings import AppSettings
from interviewer.tui.commands import InterviewerCommands

if TYPE_CHECKING:
    from interviewer.corpus.catalog import Catalog
    from interviewer.domain import SessionConfig
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


class InterviewerApp(AppSettings, AppServices, App[int]):
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


def screenshot_folder(settings: Settings) -> Path:
    """The Downloads folder if it exists, else `<home>/screenshots` (created)."""
    from platformdirs import user_downloads_path

    downloads = user_downloads_path()
    if downloads.is_dir():
        return downloads
    folder = Path(settings.home) / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def make_app(settings: Settings | None = None, *, overrides: Mapping[str, Any] | None = None,
             start_config: SessionConfig | None = None,
             resume_id: str | None = None) -> InterviewerApp:
    """The app. Without `settings`, it reads them (with `overrides`, the command line's flags,
    on top) after Home's first paint. `start_config` starts a session at once
    (`interviewer practice`); `resume_id` resumes a stored one."""
    return InterviewerApp(settings, overrides=overrides, start_config=start_config,
                          resume_id=resume_id)
