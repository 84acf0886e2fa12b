"""The app around the interview: Home's backend readiness, the answer box while a reply
streams, untrusted text, remappable keys in the footer, the command palette and help."""

import asyncio

import yaml
from tui_helpers import DECK, paste, screen_text, settle, type_text, use_fixture_deck

from interviewer.domain import SessionConfig
from interviewer.settings import config_path, load_settings
from interviewer.tui.app import make_app
from interviewer.tui.screens.help import HelpScreen
from interviewer.tui.screens.home import HomeScreen
from interviewer.tui.screens.interview import InterviewScreen
from interviewer.tui.widgets.transcript import TurnView


class GatedInterviewer:
    """Streams a follow-up in pieces; each piece waits for the test to release it."""

    name = "scripted"

    def __init__(self, pieces):
        self.pieces = pieces
        self.gate = asyncio.Queue()
        self.sent = 0

    async def follow_up(self, request):
        for piece in self.pieces:
            await self.gate.get()
            self.sent += 1
            yield piece

    async def hint(self, request):
        yield "Think about devices."


async def start(pilot) -> InterviewScreen:
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, InterviewScreen)
    return screen


async def test_home_shows_whether_the_backend_is_ready_and_how_to_fix_it(monkeypatch):
    use_fixture_deck(monkeypatch)
    app = make_app(load_settings())
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        home = app.screen
        assert "✔ ready  offline" in screen_text(app)
        home.query_one("#backend").value = "openai"
        await pilot.pause()
        readiness = home.query_one("#readiness").content.plain
        assert readiness.startswith("✘ not ready  missing key: export OPENAI_API_KEY=...")
        assert readiness.endswith("or choose offline")
        assert "✘ not ready" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)  # refused, with the reason on screen
        assert "Cannot start on openai" in screen_text(app)
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-real")
        home.query_one("#model").value = "gpt-4o-mini"
        await pilot.pause()
        readiness = home.query_one("#readiness").content.plain
        assert readiness == "✔ ready  openai: gpt-4o-mini at api.openai.com, key from OPENAI_API_KEY"
        home.query_one("#backend").value = "litellm"
        home.query_one("#model").value = ""
        await pilot.pause()
        assert "litellm needs a model" in home.query_one("#readiness").content.plain


async def test_the_answer_box_stays_usable_while_a_reply_streams(monkeypatch):
    use_fixture_deck(monkeypatch)
    app = make_app(load_settings(), start_config=SessionConfig(deck=DECK, count=1, seed=3))
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await start(pilot)
        fake = GatedInterviewer(["Which ", "device ", "[red]does[/red] ", "\x1b[2Jit use?"])
        screen.engine.interviewer = fake
        await paste(pilot, "A tensor is an array.")
        await pilot.press("ctrl+j")
        fake.gate.put_nowait(None)  # release the first piece only
        while fake.sent < 1:
            await pilot.pause()
        await pilot.pause()
        # mid-stream: the first words are on screen at once, and the box takes typing
        assert screen.busy
        assert "Which" in screen_text(app) and "use?" not in screen_text(app)
        await type_text(pilot, "next answer")
        assert screen.box.text == "next answer"
        await pilot.press("ctrl+j")  # refused politely while the interviewer is replying
        assert screen.box.text == "next answer"
        for _ in range(3):
            fake.gate.put_nowait(None)
        await settle(pilot)
        assert not screen.busy
        shown = screen_text(app)
        assert "Which device [red]does[/red] it use?" in shown  # markup literal
        assert "\x1b" not in shown
        last = screen.transcript.query(TurnView).last()
        assert last.kind == "follow_up"
        assert screen.engine.current_turns()[-1].kind == "follow_up"


async def test_candidate_markup_and_escapes_are_shown_as_typed(monkeypatch):
    use_fixture_deck(monkeypatch)
    app = make_app(load_settings(), start_config=SessionConfig(deck=DECK, count=1, seed=3))
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await start(pilot)
        hostile = "[bold]A tensor[/bold] [link=https://evil.example]click[/link] \x1b[31mred\x1b[0m"
        await paste(pilot, hostile)
        await pilot.press("ctrl+j")
        await settle(pilot)
        candidate = [v for v in screen.transcript.query(TurnView) if v.kind == "answer"]
        said = candidate[0].query_one(".said").content
        assert said.plain == "[bold]A tensor[/bold] [link=https://evil.example]click[/link] red"
        assert not said.spans  # no bold, no link
        shown = screen_text(app)
        assert "[bold]A tensor[/bold] [link=https://evil.example]click[/link] red" in shown
        assert screen.engine.current_turns()[1].text == hostile  # stored as typed


async def test_remapped_keys_work_and_show_in_the_footer(monkeypatch, isolated_home):
    use_fixture_deck(monkeypatch)
    config_path().write_text(yaml.safe_dump({"keys": {
        "interview.submit": "f5", "interview.hint": "f2", "no.such": "f9"}}))
    app = make_app(load_settings(), start_config=SessionConfig(deck=DECK, count=1, seed=3))
    async with app.run_test(size=(110, 34)) as pilot:
        screen = await start(pilot)
        footer = screen_text(app).splitlines()[-1]
        assert "f5 Submit" in footer and "f2 Hint" in footer and "^j" not in footer
        assert any("unknown binding id 'no.such'" in n.message for n in app._notifications)
        await pilot.press("f2")
        await settle(pilot)
        assert screen.engine.current_turns()[-1].kind == "hint"
        await paste(pilot, "A tensor is an n-dimensional array.")
        await pilot.press("f5")
        await settle(pilot)
        assert any(t.kind == "answer" for t in screen.engine.session.turns)


async def test_help_lists_every_key_with_its_id(monkeypatch):
    use_fixture_deck(monkeypatch)
    app = make_app(load_settings())
    async with app.run_test(size=(110, 50)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        shown = screen_text(app)
        for needle in ("interview.submit", "ctrl+j,alt+enter", "report.export", "keys:"):
            assert needle in shown
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_command_palette_switches_backend_and_theme(monkeypatch):
    use_fixture_deck(monkeypatch)
    app = make_app(load_settings())
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        theme = app.theme
        await pilot.press("ctrl+p")
        await type_text(pilot, "toggle theme")
        await pilot.press("enter")
        await settle(pilot)
        assert app.theme != theme
        await pilot.press("ctrl+p")
        await type_text(pilot, "switch backend to openai")
        await pilot.press("enter")
        await settle(pilot)
        assert app.settings.backend == "openai"
        assert app.screen.query_one("#backend").value == "openai"
        assert "missing key" in screen_text(app)


def test_alt_enter_from_a_legacy_terminal_is_recognised():
    import interviewer.tui.app  # noqa: F401 - installs the mapping
    from textual._xterm_parser import XTermParser

    parser = XTermParser()
    keys = [event.key for event in parser.feed("\x1b\r") if hasattr(event, "key")]
    keys += [event.key for event in parser.feed("") if hasattr(event, "key")]
    assert keys == ["alt+enter"]


def test_homes_difficulty_choices_match_the_domain():
    from interviewer.domain import DIFFICULTIES
    from interviewer.tui.screens import home

    assert home.DIFFICULTIES == DIFFICULTIES
