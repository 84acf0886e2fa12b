"""The app on the OpenAI backend, mocked at the HTTP layer (respx): a follow-up streamed into
the transcript as it arrives (model output shown literally), a stream that drops mid-way
(the user is told what happened and what to do, nothing typed is lost), switching to the
offline backend, and an LLM grade whose quotes are shown in the feedback."""

import json

import httpx
import pytest
import respx
from tui_helpers import DECK, first_sentence, paste, screen_text, settle, use_fixture_deck

from interviewer.domain import SessionConfig
from interviewer.settings import load_settings
from interviewer.store.session_store import SessionStore
from interviewer.tui.app import make_app
from interviewer.tui.screens.feedback import FeedbackScreen
from interviewer.tui.screens.interview import InterviewScreen
from tests.support.llm_helpers import (
    BASE_URL, CHAT_URL, DroppingStream, chat_body, grading_reply, sse_events, sse_response,
)

FOLLOW_UP_PIECES = ["You said it records ", "operations. How does [bold]backward()[/bold] ",
                    "\x1b[3", "1mwalk\x1b[0m that graph?"]
FOLLOW_UP_SHOWN = "You said it records operations. How does [bold]backward()[/bold] walk that graph?"


@pytest.fixture
def settings(monkeypatch):
    use_fixture_deck(monkeypatch)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-real")
    return load_settings(backend="openai", base_url=BASE_URL, model="m", max_retries=0)


@pytest.fixture
def router():
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as mock:
        yield mock


class FakeServer:
    """Replies in order: streamed follow-ups from `streams`, grades from `grade`."""

    def __init__(self, streams, grade=None):
        self.streams = list(streams)
        self.grade = grade
        self.requests: list[dict] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        self.requests.append(body)
        if body.get("stream"):
            return self.streams.pop(0)()
        return httpx.Response(200, json=chat_body(self.grade(body)))


def streamed(pieces):
    return lambda: sse_response(pieces)


def dropped(pieces):
    events = sse_events(pieces)[: len(pieces)]  # the content events, then the connection drops
    return lambda: httpx.Response(200, stream=DroppingStream(events),
                                  headers={"content-type": "text/event-stream"})


async def test_streamed_follow_up_then_a_stream_cut_mid_way(settings, router):
    # the second follow-up is cut twice (the first cut is asked again): then the probe
    server = FakeServer([streamed(FOLLOW_UP_PIECES), dropped(["So what about ", "the gra"]),
                         dropped(["So what about ", "the gra"])])
    router.post(CHAT_URL).mock(side_effect=server)
    app = make_app(settings, start_config=SessionConfig(deck=DECK, count=1, seed=2))
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        engine = screen.engine
        assert engine.interviewer.name == "openai"
        first = first_sentence(engine.rubric.model_answer)
        await paste(pilot, first)
        await pilot.press("ctrl+j")
        await settle(pilot)
        shown = screen_text(app)
        assert FOLLOW_UP_SHOWN in shown.replace("\n", " ")  # markup literal, escapes gone
        assert "\x1b" not in shown
        assert engine.current_turns()[-1].kind == "follow_up"
        assert server.requests[0]["stream"] is True

        await paste(pilot, "It goes through the graph backwards.")
        await pilot.press("ctrl+j")
        await settle(pilot)
        # the stream dropped: the answer is saved, the user is told what happened and what to do
        status = screen_text(app)
        assert "The interviewer model failed" in status
        assert "dropped mid-reply" in status and "ctrl+l" in status
        assert "^l Use offline" in status  # the footer offers the switch
        with SessionStore.open(settings) as store:
            stored = store.load(engine.session.id)
        answers = [t.text for t in stored.turns if t.kind == "answer"]
        assert answers == [first, "It goes through the graph backwards."]
        assert "So what about the gra" not in screen_text(app)  # no half follow-up left behind

        await pilot.press("ctrl+l")  # the rest of the session offline
        await settle(pilot)
        assert engine.interviewer.name == "offline" and engine.grader.name == "offline"
        assert "Use offline" not in screen_text(app)
        calls = len(router.calls)
        if isinstance(app.screen, InterviewScreen):
            await paste(pilot, "No more to add.")
            await pilot.press("ctrl+j")
            await settle(pilot)
            while isinstance(app.screen, InterviewScreen):
                await pilot.press("ctrl+g")
                await settle(pilot)
        assert isinstance(app.screen, FeedbackScreen)
        assert len(router.calls) == calls  # offline from now on: no more requests


async def test_an_llm_grade_shows_its_quotes_from_the_answer(settings, router):
    app_holder = {}

    def grade(body):
        # the grade is asked for in the background: the feedback screen may be on show
        engine = app_holder["engine"]
        answer = engine.answer_so_far()
        quote = " ".join(answer.split()[:6])
        first = engine.rubric.criteria[0].id
        return grading_reply(engine.rubric, {first: ("met", [quote])})

    server = FakeServer([], grade=grade)
    router.post(CHAT_URL).mock(side_effect=server)
    app = app_holder["app"] = make_app(settings, start_config=SessionConfig(deck=DECK, count=1, seed=5))
    async with app.run_test(size=(110, 60)) as pilot:
        await settle(pilot)
        engine = app_holder["engine"] = app.screen.engine
        await pilot.press("ctrl+g")  # "I don't know" first would leave nothing to quote
        await settle(pilot)
        assert isinstance(app.screen, FeedbackScreen)
        assert not server.requests  # an empty answer never reaches the model
        await pilot.press("enter")
        await settle(pilot)

    app = app_holder["app"] = make_app(settings, start_config=SessionConfig(deck=DECK, count=1, seed=5))
    async with app.run_test(size=(110, 60)) as pilot:
        await settle(pilot)
        engine = app_holder["engine"] = app.screen.engine
        answer = engine.rubric.model_answer
        await paste(pilot, answer)
        await pilot.press("ctrl+j")
        await settle(pilot)
        while isinstance(app.screen, InterviewScreen):
            await pilot.press("ctrl+g")
            await settle(pilot)
        feedback = app.screen
        assert isinstance(feedback, FeedbackScreen)
        # the offline verdicts at once, marked provisional; the model's replace them
        await engine.grading.wait()
        await settle(pilot)
        grade = feedback.question.grade
        assert grade.backend == "openai" and not grade.has_flag("provisional")
        assert "provisional" not in screen_text(app)
        quote = " ".join(answer.split()[:6])
        shown = screen_text(app).replace("\n", " ")
        assert f"“{quote}”" in shown and "✔ met" in shown
        assert any(not r.get("stream") for r in server.requests)
        await pilot.press("enter")  # the screen that swapped grades still moves on
        await settle(pilot)
        from interviewer.tui.screens.report import ReportScreen

        assert isinstance(app.screen, ReportScreen)


async def test_a_cut_follow_up_is_asked_again_and_only_the_whole_one_is_shown(settings, router):
    again = ["What does backward() ", "leave in .grad?"]
    server = FakeServer([dropped(["So what about ", "the gra"]), streamed(again)])
    router.post(CHAT_URL).mock(side_effect=server)
    app = make_app(settings, start_config=SessionConfig(deck=DECK, count=1, seed=2))
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        engine = app.screen.engine
        await paste(pilot, first_sentence(engine.rubric.model_answer))
        await pilot.press("ctrl+j")
        await settle(pilot)
        shown = screen_text(app).replace("\n", " ")
        assert "What does backward() leave in .grad?" in shown
        assert "So what about" not in shown and "The interviewer model failed" not in shown
        follow_ups = [t.text for t in engine.current_turns() if t.kind == "follow_up"]
        assert follow_ups == ["What does backward() leave in .grad?"]
        assert len(server.requests) == 2
