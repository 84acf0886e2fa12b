"""Home: usable at 80x24 (Start on screen, every choice and title readable), focus and ticked
topics clearly visible in the dark and the light theme, no stale error once the choice that
caused it changes, and topic scores that do not give away a running interview's grades."""

import math
from datetime import UTC, datetime

import pytest
from textual.widgets._select import SelectCurrent
from tui_helpers import finished_session, screen_text, settle, use_fixture_deck

from interviewer.settings import load_settings
from interviewer.store.session_store import SessionStore
from interviewer.tui.app import DARK_THEME, LIGHT_THEME, make_app
from interviewer.tui.screens.home import HomeScreen
from interviewer.tui.screens.interview import InterviewScreen


def distance(a, b) -> float:
    """How far apart two colours are (RGB, 0-441): Textual's own focus tint is ~17."""
    return math.dist(tuple(a)[:3], tuple(b)[:3])


def shown(widget) -> bool:
    """The whole widget is inside the screen, above the footer."""
    screen = widget.screen.region
    region = widget.region
    return region.height > 0 and region.y >= 0 and region.bottom <= screen.height - 1


async def test_at_80x24_start_and_every_choice_are_on_screen(monkeypatch):
    use_fixture_deck(monkeypatch)
    app = make_app(load_settings())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        home = app.screen
        text = screen_text(app)
        assert shown(home.query_one("#start")) and "Start session  ctrl+s" in text
        assert "^s Start" in text.splitlines()[-1]
        for choice in ("#deck", "#topics", "#difficulty", "#count", "#pick", "#mode",
                       "#hints-cost", "#favour-weak", "#backend"):
            assert shown(home.query_one(choice)), choice
        assert "Topic scores, last 5" in text  # the side panel's titles fit
        # the time limit is for interview mode (and the cost of hints for practice mode)
        assert "Time per" not in text and "each hint costs 5 points" in text
        home.query_one("#mode").value = "interview"
        await pilot.pause()
        text = screen_text(app)
        assert shown(home.query_one("#time-limit")) and "Time per" in text and "question" in text
        assert "each hint costs" not in text
        home.query_one("#mode").value = "practice"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen)


async def test_the_time_limit_says_it_is_per_question(monkeypatch):
    use_fixture_deck(monkeypatch)
    app = make_app(load_settings())
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        app.screen.query_one("#mode").value = "interview"
        await pilot.pause()
        assert "Time per question  3 min" in screen_text(app)


@pytest.mark.parametrize("theme", [DARK_THEME, LIGHT_THEME])
async def test_focus_and_ticked_topics_are_clearly_visible(monkeypatch, theme):
    use_fixture_deck(monkeypatch)
    app = make_app(load_settings())
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        app.theme = theme
        home = app.screen
        home.query_one("#difficulty").focus()
        await pilot.pause()
        focused = home.query_one("#difficulty").query_one(SelectCurrent).background_colors[1]
        other = home.query_one("#count").query_one(SelectCurrent).background_colors[1]
        assert distance(focused, other) > 50
        label = home.query_one("#difficulty").parent.query_one(".field-label")
        assert label.styles.text_style.bold  # the focused row's label stands out too

        topics = home.query_one("#topics")
        ticked = topics.get_component_rich_style("selection-list--button-selected")
        unticked = topics.get_component_rich_style("selection-list--button")
        assert distance(ticked.bgcolor.triplet, unticked.bgcolor.triplet) > 100
        assert unticked.color == unticked.bgcolor  # an empty box: no "X" to compare colours of
        assert distance(ticked.color.triplet, ticked.bgcolor.triplet) > 100  # a visible "X"


async def test_an_error_about_the_backend_goes_when_the_backend_changes(monkeypatch):
    use_fixture_deck(monkeypatch)
    app = make_app(load_settings())
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        home = app.screen
        home.query_one("#backend").value = "openai"  # no OPENAI_API_KEY
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "Cannot start on openai" in screen_text(app)
        assert app.focused is home.query_one("#backend")
        home.query_one("#backend").value = "offline"
        await pilot.pause()
        text = screen_text(app)
        assert "✔ ready" in text and "Cannot start" not in text
        # the same for a model or URL edit (e.g. pointing openai at a local server)
        home.query_one("#backend").value = "openai"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Cannot start on openai" in screen_text(app)
        home.query_one("#base-url").value = "http://localhost:11434/v1"
        await pilot.pause()
        assert "Cannot start" not in screen_text(app)


@pytest.fixture
def practice_and_running_interview(monkeypatch):
    """A finished practice session on tensors, and an interview-mode session on autograd
    still running (its grades are stored but shown only at its end)."""
    use_fixture_deck(monkeypatch)
    when = datetime(2026, 11, 2, 18, 30, tzinfo=UTC)
    practice = finished_session("20261102-183000-aaaaaa", when, seed=1, count=2,
                                topics=["tensors"])
    interview = finished_session("20261102-190000-bbbbbb", when, seed=2, count=2,
                                 mode="interview", topics=["autograd"])
    running = interview.model_copy(update={"status": "active"})
    with SessionStore.open(load_settings()) as store:
        store.create(practice)
        store.create(running)
    return running


async def test_topic_scores_leave_out_a_running_interview_mode_session(
        practice_and_running_interview):
    app = make_app(load_settings())
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        scores = app.screen.query_one("#progress").content.plain
        assert "tensors" in scores and "autograd" not in scores
        resume = screen_text(app)
        assert "interview" in resume  # it is still there to resume
