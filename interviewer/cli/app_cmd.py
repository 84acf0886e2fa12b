"""`interviewer` with no command: the full-screen app, opening on Home."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interviewer.domain import SessionConfig
    from interviewer.settings_model import Settings


def run_app(args: argparse.Namespace, *, settings: Settings | None = None,
            config: SessionConfig | None = None, resume_id: str | None = None) -> int:
    """Run the app until the user quits; its exit code. Settings come from the environment
    and config file (`make run` sets INTERVIEWER_BACKEND=offline), plus any backend flags;
    without `settings`, the app reads them after its first paint, and a broken config file
    is raised here (ConfigError) once the app has closed."""
    import gc

    # Start-up creates ~100k objects that live as long as the app (Textual's modules and
    # classes); collecting garbage among them before the first paint finds none and costs
    # ~40 ms. The app turns collection back on once Home is on screen.
    gc.disable()
    try:
        from interviewer.cli.common import setting_overrides
        from interviewer.tui.app import make_app  # textual is imported only on this path

        app = make_app(settings, overrides=setting_overrides(args), start_config=config,
                       resume_id=resume_id)
        app.run()
    finally:
        gc.enable()  # in case the app closed before its first paint
    if app.startup_error is not None:
        raise app.startup_error
    return app.return_code or 0
