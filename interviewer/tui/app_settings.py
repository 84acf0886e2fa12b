"""The app's settings: read in a thread after Home's first paint (pydantic-settings is slow
to import), what Home opens its form with before then, and the user's keys and theme
applied once they are in. A part of InterviewerApp (tui/app.py)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interviewer.settings import ConfigError, load_settings
from interviewer.tui import bindings

if TYPE_CHECKING:
    from interviewer.settings_model import Settings


class AppSettings:
    """The settings, read once; Home's choices replace them."""

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

    def use_settings(self, settings: Settings) -> None:
        """Home's choices (backend, model, URL) become the app's settings."""
        self.settings = settings
