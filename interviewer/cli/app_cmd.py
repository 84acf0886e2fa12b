"""`interviewer` with no command: the full-screen app, opening on Home."""

import argparse


def run_app(args: argparse.Namespace, *, config=None, resume_id: str | None = None) -> int:
    """Run the app until the user quits; its exit code. Settings come from the environment
    and config file (`make run` sets INTERVIEWER_BACKEND=offline), plus any backend flags."""
    from interviewer.cli.common import settings_from_args
    from interviewer.tui.app import make_app  # textual is imported only on this path

    app = make_app(settings_from_args(args), start_config=config, resume_id=resume_id)
    app.run()
    return app.return_code or 0
