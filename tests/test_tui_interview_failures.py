"""When the interviewer model fails: one message, not two (the inline status stays; no toast
covers it and the answer box), the whole message readable at 80x24 and 110 columns, and the
follow-up asked instead still on screen."""

import pytest
from tui_helpers import DECK, paste, screen_text, settle, use_fixture_deck

from interviewer.domain import SessionConfig
from interviewer.engine.interview import FollowUpFellBack
from interviewer.settings import load_settings
from interviewer.tui.app import make_app
from interviewer.tui.screens.feedback import FeedbackScreen
from interviewer.tui.screens.interview import InterviewScreen

#: As long as the OpenAI backend's own message for a stream cut mid-reply.
FAILURE = ("openai: the connection to http://127.0.0.1:8080/v1 dropped mid-reply (peer closed "
           "connection without sending complete message body (incomplete chunked read)); the "
           "cut-off reply was discarded")


class DroppingInterviewer:
    """Starts a follow-up, then the connection drops."""

    name = "openai"

    async def follow_up(self, request):
        yield "So what happens "
        raise RuntimeError(FAILURE)

    async def hint(self, request):
        yield "Think about devices."


def failure_toasts(app) -> list[str]:
    return [n.message for n in app._notifications if "model failed" in (n.title + n.message)]


@pytest.mark.parametrize("size", [(80, 24), (110, 36)])
async def test_a_failed_follow_up_is_told_once_inline_and_fits(monkeypatch, size):
    use_fixture_deck(monkeypatch)
    app = make_app(load_settings(), start_config=SessionConfig(deck=DECK, count=1, seed=3))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        screen.engine.interviewer = DroppingInterviewer()
        await paste(pilot, "A tensor is an array.")
        await pilot.press("ctrl+j")
        await settle(pilot)
        asked = screen.engine.current_turns()[-1]
        assert asked.kind == "follow_up"  # the rubric's own follow-up, asked instead
        assert not failure_toasts(app)
        text = " ".join(screen_text(app).split())
        assert f"The interviewer model failed: {FAILURE}" in text
        assert "Your answer is saved; a built-in follow-up was asked instead." in text
        assert text.count("press ctrl+l to go offline for this session.") == 1  # not cut off
        assert " ".join(asked.text.split()) in text  # the follow-up is still in view


async def test_no_follow_up_to_fall_back_on_is_told_in_a_short_toast(monkeypatch):
    """With no built-in follow-up the answer goes straight to grading and then to feedback,
    which would replace an inline status at once: a toast says it instead."""
    use_fixture_deck(monkeypatch)
    app = make_app(load_settings(), start_config=SessionConfig(deck=DECK, count=1, seed=3))
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        engine = screen.engine

        async def no_fallback(plan):
            raise FollowUpFellBack(None, RuntimeError(FAILURE))
            yield  # an async generator, as the engine's

        engine.stream_follow_up = no_fallback
        await paste(pilot, "A tensor is an array.")
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert isinstance(app.screen, FeedbackScreen)  # graded as it stood
        (toast,) = failure_toasts(app)
        assert toast.endswith("Your answer went straight to grading.") and len(toast) < 170
