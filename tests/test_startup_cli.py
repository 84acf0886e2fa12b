"""Start-up: `interviewer` with the backend flags opens the app with them, subcommands keep
their own flags, the parser's hard-coded choices match the domain, and the settings that the
app reads after its first paint behave as before (theme, flags, a broken config file)."""

import pytest
import yaml
from textual.app import App
from tui_helpers import screen_text, settle, use_fixture_deck

from interviewer.cli.main import build_parser, main, opens_the_app
from interviewer.settings import config_path
from interviewer.tui.app import InterviewerApp, make_app


@pytest.fixture
def launched(monkeypatch):
    """Record the app `interviewer` would run instead of taking over the terminal."""
    apps: list[InterviewerApp] = []
    monkeypatch.setattr(InterviewerApp, "run", lambda self, *args, **kwargs: apps.append(self))
    return apps


@pytest.fixture
def headless(monkeypatch):
    """Run the app for real, headless, until it has loaded everything; then note what the
    screen shows and quit (unless it has closed by itself). Returns the screens seen."""
    use_fixture_deck(monkeypatch)
    seen: list[str] = []

    async def settle_then_quit(pilot):
        await settle(pilot)
        if pilot.app.startup_error is None:
            seen.append(screen_text(pilot.app))
            pilot.app.exit(0)

    def run(self, *args, **kwargs):
        return App.run(self, headless=True, size=(110, 40), auto_pilot=settle_then_quit)

    monkeypatch.setattr(InterviewerApp, "run", run)
    return seen


def test_the_parsers_topic_and_difficulty_choices_are_the_domains():
    from interviewer import domain, taxonomy

    assert taxonomy.TOPICS == domain.TOPICS
    assert taxonomy.DIFFICULTIES == domain.DIFFICULTIES


def test_backend_flags_parse_before_and_after_a_command():
    parser = build_parser()
    args = parser.parse_args(["--backend", "offline"])
    assert args.backend == "offline" and args.command is None
    args = parser.parse_args(["practice", "--backend", "offline"])
    assert args.backend == "offline" and args.command == "practice"
    # a subcommand that is not given the flag keeps the one given before it
    args = parser.parse_args(["--backend", "openai", "--model", "m", "practice", "--count", "3"])
    assert (args.backend, args.model, args.count) == ("openai", "m", 3)
    args = parser.parse_args(["--backend", "openai", "grade", "a.yaml", "--backend", "offline"])
    assert args.backend == "offline"
    args = parser.parse_args(["doctor"])
    assert not hasattr(args, "backend")  # unset: the environment and config file decide


def test_the_app_without_a_command_parses_like_the_full_command_line():
    for argv in ([], ["--backend", "openai", "--model", "gpt-4o-mini"],
                 ["--backend=litellm", "--model=ollama/llama3.1", "--api-key-env", "K",
                  "--base-url", "http://localhost:11434/v1"]):
        assert opens_the_app(argv)
        fast = vars(build_parser(commands=False).parse_args(argv))
        full = vars(build_parser().parse_args(argv))
        assert full.pop("command") is None
        assert fast == full
    for argv in (["practice"], ["--help"], ["--backend"], ["--model", "--help"], ["--back", "x"]):
        assert not opens_the_app(argv)


def test_help_lists_the_commands_and_the_backend_flags(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    for word in ("practice", "grade", "sessions", "corpus", "doctor", "--backend", "--model",
                 "--base-url", "--api-key-env"):
        assert word in out


def test_version_without_a_command(capsys):
    from interviewer import __version__

    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"interviewer {__version__}"


def test_backend_flags_without_a_command_open_the_app_with_them(launched, monkeypatch):
    monkeypatch.setenv("INTERVIEWER_BACKEND", "litellm")  # the flags win over the environment
    assert main(["--backend", "openai", "--model", "gpt-4o-mini", "--base-url",
                 "http://localhost:11434/v1", "--api-key-env", "TEAM_KEY"]) == 0
    (app,) = launched
    settings = app.settings
    assert (settings.backend, settings.model, settings.base_url, settings.api_key_env) == (
        "openai", "gpt-4o-mini", "http://localhost:11434/v1", "TEAM_KEY")
    assert app.start_config is None and app.resume_id is None


def test_practice_keeps_its_own_backend_flags(launched, monkeypatch):
    monkeypatch.setenv("INTERVIEWER_BACKEND", "openai")
    assert main(["practice", "--backend", "offline", "--deck", "tui-demo"]) == 0
    assert main(["--backend", "offline", "practice", "--deck", "tui-demo"]) == 0
    assert [app.settings.backend for app in launched] == ["offline", "offline"]
    assert [app.start_config.backend for app in launched] == ["offline", "offline"]


def test_home_shows_the_backend_given_on_the_command_line(headless, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    assert main(["--backend", "openai", "--model", "gpt-4o-mini"]) == 0
    (shown,) = headless
    assert "✔ ready  openai: gpt-4o-mini at api.openai.com, key from" in shown
    assert "openai" in next(line for line in shown.splitlines() if "Backend" in line)
    assert "gpt-4o-mini" in next(line for line in shown.splitlines() if "Model" in line)


def test_a_broken_config_file_is_reported_and_the_app_closes(headless, capsys):
    config_path().write_text(yaml.safe_dump({"follow_up_budget": 99, "colour": "blue"}))
    assert main([]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {config_path()}: invalid settings: ")
    assert "follow_up_budget" in err and "colour" in err
    assert "Traceback" not in err
    assert not headless  # closed by itself, before the form was shown


async def test_the_configured_theme_is_on_the_first_paint(monkeypatch):
    use_fixture_deck(monkeypatch)
    config_path().write_text(yaml.safe_dump({"theme": "textual-light", "keys": {"home.start": "f6"}}))
    app = make_app()  # settings read after the first paint, as `interviewer` does
    async with app.run_test(size=(110, 40)) as pilot:
        assert app.theme == "textual-light"
        await settle(pilot)
        assert app.theme == "textual-light"
        assert app.settings.theme == "textual-light"
        assert "f6 Start" in screen_text(app).splitlines()[-1]  # the keymap applies too


async def test_an_unknown_configured_theme_is_still_reported(monkeypatch):
    use_fixture_deck(monkeypatch)
    config_path().write_text(yaml.safe_dump({"theme": "no-such-theme"}))
    app = make_app()
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        assert any("unknown theme 'no-such-theme'" in n.message for n in app._notifications)
        assert app.theme == "textual-dark"
