"""`interviewer` opens the app on Home and `interviewer practice` starts a session with the
same choices as Home (or hands over to the line-mode runner with --plain)."""

import subprocess
import sys

import pytest

from interviewer.cli.main import main
from interviewer.tui.app import InterviewerApp


@pytest.fixture
def launched(monkeypatch):
    """Record the app `interviewer` would run instead of taking over the terminal."""
    apps: list[InterviewerApp] = []

    def fake_run(self, *args, **kwargs):
        apps.append(self)

    monkeypatch.setattr(InterviewerApp, "run", fake_run)
    return apps


def test_practice_help_lists_homes_choices(capsys):
    with pytest.raises(SystemExit) as done:
        main(["practice", "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    for flag in ("--deck", "--topic", "--difficulty", "--count", "--mode", "--backend", "--model",
                 "--base-url", "--seed", "--favour-weak", "--resume", "--plain", "--time-limit"):
        assert flag in out


def test_no_command_opens_home_with_the_backend_from_the_environment(launched, monkeypatch):
    monkeypatch.setenv("INTERVIEWER_BACKEND", "offline")  # what `make run` sets
    assert main([]) == 0
    (app,) = launched
    assert app.settings.backend == "offline"
    assert app.start_config is None and app.resume_id is None


def test_practice_flags_become_the_session_config(launched):
    assert main(["practice", "--deck", "tui-demo", "--topic", "tensors", "--topic", "autograd",
                 "--difficulty", "easy", "--count", "3", "--mode", "interview", "--seed", "5",
                 "--favour-weak", "--time-limit", "90", "--backend", "openai", "--model", "m",
                 "--base-url", "http://127.0.0.1:9/v1"]) == 0
    (app,) = launched
    config = app.start_config
    assert (config.deck, config.topics, config.difficulties, config.count, config.mode) == (
        "tui-demo", ["tensors", "autograd"], ["easy"], 3, "interview")
    assert config.seed == 5 and config.favour_weak and config.time_limit_s == 90
    assert (app.settings.backend, app.settings.model, app.settings.base_url) == (
        "openai", "m", "http://127.0.0.1:9/v1")


def test_practice_resume_opens_that_session(launched):
    assert main(["practice", "--resume", "20261101-0900"]) == 0
    (app,) = launched
    assert app.resume_id == "20261101-0900" and app.start_config is None


def test_practice_rejects_bad_choices(capsys):
    with pytest.raises(SystemExit):
        main(["practice", "--count", "0"])
    assert "between 1 and 100" in capsys.readouterr().err
    assert main(["practice", "--topic", "astrology"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("--topic astrology: is not a topic of deck 'pytorch' (topics: ")


def test_plain_hands_over_to_the_line_mode_runner(monkeypatch, launched):
    calls = []
    monkeypatch.setattr("interviewer.cli.plain_runner.run_plain",
                        lambda settings, config, resume_id: calls.append((settings, config, resume_id)) or 0)
    assert main(["practice", "--plain", "--deck", "tui-demo", "--count", "2"]) == 0
    ((settings, config, resume_id),) = calls
    assert config.deck == "tui-demo" and config.count == 2 and resume_id is None
    assert not launched  # no full-screen app


HOME_THEN_MODULES = """
import asyncio, sys
from interviewer.tui.app import make_app

async def main():
    app = make_app()
    async with app.run_test() as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"

asyncio.run(main())
print(' '.join(sorted(sys.modules)))
"""


def test_home_on_the_offline_backend_imports_no_model_sdk():
    code = HOME_THEN_MODULES
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    mods = set(out.stdout.split())
    assert "textual" in mods and not {"openai", "litellm"} & mods
