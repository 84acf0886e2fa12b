"""Background grading meets the learning loop: a model grade that lands later still gets its
attempt number, its hint penalty and the question's spaced-repetition review; a question is
tried again only once its model grade has landed; a resumed practice question shows the
offline verdicts again until the model's land; and the feedback screen offers neither a
dispute nor a retry for a provisional grade, then both once the model's grade replaces it."""

import asyncio

import pytest
from schedule_helpers import FakeClock, fixture_catalog
from test_background_grading import GatedGrader
from tui_helpers import DECK, paste, screen_text, settle, use_fixture_deck

from interviewer.domain import SessionConfig
from interviewer.engine.interview import InterviewError, InterviewSession
from interviewer.engine.offline_interviewer import OfflineInterviewer
from interviewer.engine.session_factory import repetition_for
from interviewer.settings import load_settings
from interviewer.store.session_store import SessionStore


@pytest.fixture
def store():
    with SessionStore.open(load_settings()) as store:
        yield store


def practice(grader, store, clock, **config) -> InterviewSession:
    config = {"seed": 1, "count": 1, "topics": ["cnn"], "hint_penalty": 5.0, **config}
    return InterviewSession.start(
        SessionConfig(deck=DECK, mode="practice", **config), fixture_catalog(), grader,
        OfflineInterviewer(), store, clock=clock, repetition=repetition_for(store, clock))


async def test_a_late_model_grade_gets_its_attempt_hint_penalty_and_review(store):
    clock, grader = FakeClock(), GatedGrader()
    engine = practice(grader, store, clock)
    _ = [c async for c in engine.stream_hint()]
    engine.submit_answer(engine.rubric.model_answer)
    shown = await engine.finish_question()
    # the offline verdicts at once, already less the hint's points
    assert shown.has_flag("provisional") and shown.hint_penalty == 5.0 and shown.attempt == 1
    assert store.schedule.cards(DECK) == {}  # no review before the model's grade
    with pytest.raises(InterviewError, match="still on its way"):
        engine.retry()
    grader.gate.set()
    await engine.grading.wait()
    landed = engine.record.grade
    assert landed.backend == "slow-model" and not landed.has_flag("provisional")
    assert (landed.attempt, landed.hint_penalty) == (1, 5.0)
    assert engine.record.status == "graded"
    assert list(store.schedule.cards(DECK)) == ["cnn"]  # reviewed
    stored = store.load(engine.session.id).records[0].grades
    assert [(g.backend, g.attempt) for g in stored] == [("slow-model", 1)]
    engine.retry()  # allowed now
    assert engine.attempt == 2


async def test_a_resumed_practice_question_shows_the_offline_verdicts_until_the_models(store):
    clock = FakeClock()
    engine = practice(GatedGrader(), store, clock)
    engine.submit_answer(engine.rubric.model_answer)
    await engine.finish_question()
    engine.grading.cancel()  # the app is closed with the grade in flight
    await asyncio.sleep(0)
    stored = store.load(engine.session.id)
    assert stored.records[0].status == "answered" and stored.records[0].grade is None
    grader = GatedGrader()
    resumed = InterviewSession.resume(stored, fixture_catalog(), grader, OfflineInterviewer(),
                                      store, clock=clock, repetition=repetition_for(store, clock))
    assert resumed.awaiting_next and resumed.record.grade.has_flag("provisional")
    grader.gate.set()
    await resumed.grading.wait()
    assert resumed.record.grade.backend == "slow-model"
    assert [g.backend for g in resumed.record.grades] == ["slow-model"]


async def test_the_feedback_screen_waits_for_the_model_grade_before_dispute_and_retry(monkeypatch):
    from interviewer.tui.app import make_app
    from interviewer.tui.screens.feedback import FeedbackScreen

    use_fixture_deck(monkeypatch)
    grader = GatedGrader()
    monkeypatch.setattr("interviewer.engine.session_factory.make_grader",
                        lambda settings, catalog=None: grader)
    config = SessionConfig(deck=DECK, count=1, seed=1, topics=["cnn"], mode="practice",
                           follow_up_budget=0)
    app = make_app(load_settings(), start_config=config)
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        engine = app.screen.engine
        await paste(pilot, "A convolution slides a filter.")
        await pilot.press("ctrl+j")
        for _ in range(5):
            await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FeedbackScreen) and screen.provisional
        assert "provisional" in screen_text(app)
        assert not screen.check_action("dispute", ()) and not screen.check_action("retry", ())
        grader.gate.set()
        await engine.grading.wait()
        await settle(pilot)
        assert app.screen is screen and not screen.provisional
        assert screen.question.grade.backend == "slow-model"
        assert "provisional" not in screen_text(app)
        # the learning loop's verdict display stays: criteria with their verdicts
        assert "missed" in screen_text(app) or "partial" in screen_text(app)
        assert screen.check_action("dispute", ()) and screen.check_action("retry", ())
