"""The learning loop in the app, driven from the keyboard: try a question again, dispute a
verdict, hints that end, what is due today and due-first sessions, Home remembering the last
choices, and the rough edges of the walkthrough (the newest follow-up at 80x24, the header
after switching offline, escape on the feedback screen, PageDown on the report, the
palette's screenshot without ~/Downloads, fewer questions than asked for)."""

from datetime import UTC, datetime, timedelta

import pytest
from schedule_helpers import FakeClock, answer, start
from tui_helpers import DECK, finished_session, paste, screen_text, settle, use_fixture_deck

from interviewer.domain import SessionConfig
from interviewer.engine.llm_interviewer import LLMInterviewer
from interviewer.settings import config_path, load_settings
from interviewer.store.session_store import SessionStore
from interviewer.tui.app import make_app
from interviewer.tui.screens.dispute import DisputeScreen
from interviewer.tui.screens.feedback import FeedbackScreen
from interviewer.tui.screens.home import HomeScreen
from interviewer.tui.screens.interview import InterviewScreen
from interviewer.tui.screens.report import ReportScreen
from tests.support.scripted_backend import ScriptedBackend

WEAK_CNN = "A CNN slides a small kernel over the image."
LONG_FOLLOW_UP = (
    "You mentioned memory. Suppose nvidia-smi shows 10 GB used by your process but "
    "torch.cuda.memory_allocated() reports only 4 GB: where does the rest go, and what would "
    "you check first to bring it down without changing the batch size?")


async def to_feedback(pilot, screen: InterviewScreen, text: str) -> None:
    """Answer, then answer every follow-up briefly, until the feedback shows."""
    await paste(pilot, text)
    await pilot.press("ctrl+j")
    await settle(pilot)
    while pilot.app.screen is screen and screen.engine.current_turns()[-1].kind == "follow_up":
        await paste(pilot, "Nothing more to add.")
        await pilot.press("ctrl+j")
        await settle(pilot)
    assert isinstance(pilot.app.screen, FeedbackScreen)


async def test_try_again_and_dispute_from_the_feedback_screen(monkeypatch):
    use_fixture_deck(monkeypatch)
    app = make_app(load_settings(), start_config=SessionConfig(deck=DECK, count=1, topics=["cnn"]))
    async with app.run_test(size=(110, 60)) as pilot:
        await settle(pilot)
        screen = app.screen
        await to_feedback(pilot, screen, WEAK_CNN)
        first = screen.engine.record.grade
        assert "r Try again" in screen_text(app) and "d Dispute a verdict" in screen_text(app)

        # dispute the first criterion's verdict, with a reason
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DisputeScreen)
        await pilot.press("enter")              # the highlighted (first) criterion
        await paste(pilot, "I said it slides a kernel: that is the filter.")
        await pilot.press("enter")
        await settle(pilot)
        feedback = app.screen
        assert isinstance(feedback, FeedbackScreen)
        assert "⚑ you disputed this verdict: I said it slides a kernel" in screen_text(app)
        with SessionStore.open(load_settings()) as store:
            stored = store.load(screen.engine.session.id)
        (dispute,) = stored.disputes
        assert dispute.criterion_id == first.criteria[0].id
        assert stored.records[0].grade.score == first.score  # the score is the grader's

        # try again: a second attempt at the same question, with a clean transcript
        await pilot.press("r")
        await settle(pilot)
        assert app.screen is screen
        shown = screen_text(app)
        assert "attempt 2" in shown and WEAK_CNN not in shown
        await to_feedback(pilot, screen, screen.engine.rubric.model_answer)
        second = screen.engine.record.grade
        assert second.attempt == 2 and second.score > first.score
        assert f"attempt 2: {first.score:.0f} → {second.score:.0f}" in screen_text(app)
        assert "comes back in 2 days" in screen_text(app)  # a retry is at most Good

        await pilot.press("enter")              # the last question: the report
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen)
        report = screen_text(app)
        assert f"{first.score:.0f}→{second.score:.0f}" in report and "back in 2 days" in report
        assert "Verdicts you disputed" in report and "I said it slides a kernel" in report


async def test_escape_on_practice_feedback_leaves_for_home_and_resumes_there(monkeypatch):
    use_fixture_deck(monkeypatch)
    app = make_app(load_settings(), start_config=SessionConfig(deck=DECK, count=2, seed=1))
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+g")             # "I don't know": feedback at once
        await settle(pilot)
        assert isinstance(app.screen, FeedbackScreen)
        assert "esc Leave" in screen_text(app)  # what Help lists is what escape does
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("ctrl+r")             # resume: the same feedback again
        await settle(pilot)
        assert isinstance(app.screen, FeedbackScreen)
        assert "You said you don't know" in screen_text(app)


async def test_hints_end_with_no_more_hints(monkeypatch):
    use_fixture_deck(monkeypatch)
    app = make_app(load_settings(),
                   start_config=SessionConfig(deck=DECK, count=1, topics=["losses"]))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        given = 0
        while "No more hints" not in screen_text(app) and given < 30:
            await pilot.press("ctrl+t")
            await settle(pilot)
            given += 1
        hints = [t.text for t in screen.engine.current_turns() if t.kind == "hint"]
        assert len(hints) == len(set(hints)) == given - 1 >= 3
        assert "No more hints for this question" in screen_text(app)


async def past_reviews(when: datetime) -> list[str]:
    """Two questions answered with "I don't know" on `when` (due the next day)."""
    with SessionStore.open(load_settings()) as store:
        engine = start(store, FakeClock(when), count=2, pick="all", seed=5)
        asked = [r.question_id for r in engine.session.records]
        while not engine.finished:
            await answer(engine, "idk")
    return asked


async def test_home_shows_what_is_due_today_and_asks_it_first(monkeypatch):
    use_fixture_deck(monkeypatch)
    due = await past_reviews(datetime.now(UTC) - timedelta(days=3))
    app = make_app(load_settings())
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        assert "TUI test deck (9 questions · 2 due today)" in screen_text(app)
        home = app.screen
        home.query_one("#pick").value = "due"
        home.query_one("#count").value = 3
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        records = app.screen.engine.session.records
        assert sorted(r.question_id for r in records[:2]) == sorted(due)
        assert records[2].question_id not in due


async def test_home_remembers_the_last_choices_in_the_config_file(monkeypatch):
    use_fixture_deck(monkeypatch)
    config_path().write_text("# my settings\ntheme: textual-light\nfollow_up_budget: 1\n",
                             encoding="utf-8")
    app = make_app(load_settings())
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        home = app.screen
        home.query_one("#count").value = 3
        home.query_one("#mode").value = "interview"
        home.query_one("#time-limit").value = 300
        home.query_one("#topics").select("cnn")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen)
    text = config_path().read_text(encoding="utf-8")
    assert text.startswith("# my settings\ntheme: textual-light\nfollow_up_budget: 1\n")
    assert "state:" in text and "mode: interview" in text
    assert load_settings().state.count == 3  # valid settings, not only text

    app = make_app(load_settings())
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        home = app.screen
        assert home.query_one("#count").value == 3
        assert home.query_one("#mode").value == "interview"
        assert home.query_one("#time-limit").value == 300
        assert home.query_one("#topics").selected == ["cnn"]
        assert "Time per question  5 min" in screen_text(app)


async def test_the_newest_follow_up_is_never_cut_off_at_80x24(monkeypatch):
    use_fixture_deck(monkeypatch)
    app = make_app(load_settings(), start_config=SessionConfig(deck=DECK, count=8, seed=4))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.engine.interviewer = LLMInterviewer(ScriptedBackend(replies=[LONG_FOLLOW_UP]))
        # long enough that the transcript starts to scroll as the follow-up arrives (the
        # scrollbar then re-wraps every line one column narrower)
        await paste(pilot, "It holds n-dimensional data, like a NumPy array. " * 7)
        await pilot.press("ctrl+j")
        await settle(pilot)
        shown = " ".join(screen_text(app).split())
        assert "without changing the batch size?" in shown
        transcript = screen.transcript
        assert transcript.max_scroll_y > 0 and transcript.scroll_y == transcript.max_scroll_y


async def test_the_header_names_the_backend_in_use_after_switching_offline(monkeypatch):
    use_fixture_deck(monkeypatch)
    app = make_app(load_settings(), start_config=SessionConfig(deck=DECK, count=2, seed=4))
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.engine.interviewer = LLMInterviewer(ScriptedBackend())
        screen.show_meta()
        screen.refresh_bindings()
        await pilot.pause()
        assert "practice mode · scripted" in screen_text(app)
        assert "^l Use offline" in screen_text(app)  # not ctrl+b: tmux's prefix key
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert "practice mode · offline" in screen_text(app)


@pytest.fixture
def finished_and_one_of_eight(monkeypatch):
    use_fixture_deck(monkeypatch)
    when = datetime(2026, 11, 2, 18, 30, tzinfo=UTC)
    finished = finished_session("20261102-183000-aaaaaa", when, seed=11, count=8)
    one_of_eight = finished_session("20261102-190000-bbbbbb", when, seed=3, count=8,
                                    answer_with_model_answer=1)
    one_of_eight.status = "active"
    for record in one_of_eight.records[1:]:
        record.grades.clear()
        record.status = "pending"
    with SessionStore.open(load_settings()) as store:
        store.create(finished)
        store.create(one_of_eight)
    return finished


async def test_the_report_scrolls_with_page_down_and_waits_for_a_verdict(
        finished_and_one_of_eight):
    finished = finished_and_one_of_eight
    app = make_app(load_settings())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        await pilot.press("down", "enter")       # the finished one (the active one is newer)
        await settle(pilot)
        report = app.screen
        assert isinstance(report, ReportScreen) and report.session.id == finished.id
        page = report.query_one("#report")
        assert app.focused is page and page.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert page.scroll_y > 0
        await pilot.press("escape", "up", "enter", "n")  # the 1-of-8 one: its report so far
        await settle(pilot)
        text = screen_text(app)
        assert isinstance(app.screen, ReportScreen) and "interview-ready" not in text
        assert "Not finished: no verdict yet (1 of 8 graded)" in text


async def test_a_screenshot_is_saved_without_a_downloads_folder(monkeypatch, isolated_home):
    use_fixture_deck(monkeypatch)
    app = make_app(load_settings())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.deliver_screenshot()
        for _ in range(50):
            await pilot.pause(0.02)
            saved = list((isolated_home / "screenshots").glob("*.svg"))
            if saved:
                break
        assert len(saved) == 1 and "<svg" in saved[0].read_text(encoding="utf-8")


async def test_fewer_questions_than_asked_for_is_said(monkeypatch):
    use_fixture_deck(monkeypatch)
    app = make_app(load_settings(),
                   start_config=SessionConfig(deck=DECK, count=8, topics=["autograd"]))
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        assert "Question 1 of 2" in screen_text(app)
        notes = [n.message for n in app._notifications]
        assert "Only 2 of the 8 questions asked for: only 2 questions match topics=autograd." in notes
