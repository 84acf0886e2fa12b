"""A whole interview-mode session chosen on Home with the keyboard (timed, no hints, feedback
at the end), leaving and quitting (both ask first), and resuming with the draft intact."""

from tui_helpers import DECK, paste, screen_text, settle, type_text, use_fixture_deck

from interviewer.domain import SessionConfig
from interviewer.settings import load_settings
from interviewer.store.session_store import SessionStore
from interviewer.tui.app import make_app
from interviewer.tui.screens.confirm import ConfirmScreen
from interviewer.tui.screens.feedback import FeedbackScreen
from interviewer.tui.screens.home import HomeScreen
from interviewer.tui.screens.interview import InterviewScreen
from interviewer.tui.screens.report import ReportScreen
from interviewer.tui.widgets.evidence_answer import EvidenceAnswer


async def focus_by_shift_tab(pilot, widget_id: str) -> None:
    for _ in range(15):
        if pilot.app.focused is not None and pilot.app.focused.id == widget_id:
            return
        await pilot.press("shift+tab")
    raise AssertionError(f"#{widget_id} never got focus")


async def test_whole_interview_session_chosen_on_home(monkeypatch):
    use_fixture_deck(monkeypatch)
    app = make_app(load_settings())
    async with app.run_test(size=(110, 60)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await focus_by_shift_tab(pilot, "mode")
        await pilot.press("enter", "down", "enter")  # practice -> interview
        assert app.screen.query_one("#mode").value == "interview"
        assert not app.screen.query_one("#time-limit").disabled
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        assert screen.engine.config.mode == "interview" and screen.engine.config.time_limit_s == 180
        answers = {}
        for n in range(1, 9):
            shown = screen_text(app)
            assert f"Question {n} of 8" in shown and "left" in shown  # the timer
            assert "Hint" not in shown  # no hints in interview mode
            engine = screen.engine
            question_id = engine.record.question_id
            await pilot.press("ctrl+t")  # does nothing here
            assert not any(t.kind == "hint" for t in engine.current_turns())
            if n == 5:
                await pilot.press("ctrl+g")
            else:
                answers[question_id] = engine.rubric.model_answer
                await paste(pilot, answers[question_id])
                await pilot.press("ctrl+j")
            await settle(pilot)
            while app.screen is screen and engine.current_turns()[-1].kind == "follow_up":
                await paste(pilot, "That is all I know about it.")
                await pilot.press("ctrl+j")
                await settle(pilot)
            # no feedback between questions in interview mode
            assert not isinstance(app.screen, FeedbackScreen)
        assert isinstance(app.screen, ReportScreen)
        report = screen_text(app)
        assert "interview mode" in report and "Overall" in report
        session = app.screen.session
        assert session.status == "finished"
        # Feedback at the end: open the first question from the report (the page has focus,
        # so PageDown scrolls it; tab moves to the questions)
        await pilot.press("tab", "enter")
        await settle(pilot)
        feedback = app.screen
        assert isinstance(feedback, FeedbackScreen)
        first = session.records[0]
        highlighted = feedback.query_one(EvidenceAnswer).content
        quotes = [e.quote for r in first.grade.criteria if r.verified for e in r.evidence]
        assert quotes and highlighted.spans  # the candidate's words that earned points are marked
        marked = [highlighted.plain[s.start:s.end].lower() for s in highlighted.spans]
        assert any(q.lower() in marked or q.lower() in " ".join(marked) for q in quotes)
        await pilot.press("escape")
        assert isinstance(app.screen, ReportScreen)
        for key, ext in (("j", "json"), ("h", "html")):
            await pilot.press("e", key)
            await settle(pilot)
            assert app.screen.last_export.endswith(f".{ext}")
        await pilot.press("escape")  # back to Home
        assert isinstance(app.screen, HomeScreen)
    with SessionStore.open(load_settings()) as store:
        (summary,) = store.list_sessions()
    assert summary.mode == "interview" and summary.status == "finished" and summary.deck == DECK


async def test_leave_asks_first_and_the_session_resumes_with_its_draft(monkeypatch):
    use_fixture_deck(monkeypatch)
    config = SessionConfig(deck=DECK, count=3, seed=7)
    app = make_app(load_settings(), start_config=config)
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        await pilot.press("ctrl+n", "enter")  # skip question 1, close its feedback
        await settle(pilot)
        question_id = screen.engine.record.question_id
        await type_text(pilot, "half a thought")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen) and "Leave this interview?" in screen_text(app)
        await pilot.press("n")
        assert app.screen is screen and screen.box.text == "half a thought"
        await pilot.press("escape", "y")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        home = screen_text(app)
        assert "1/3 answered" in home or "0/3 answered" in home
        session_id = screen.engine.session.id
        await pilot.press("ctrl+q")
    # after a restart, Home resumes it at the same question with the draft in the box
    app = make_app(load_settings())
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        assert screen.engine.session.id == session_id
        assert screen.engine.record.question_id == question_id
        assert "Question 2 of 3" in screen_text(app)
        assert screen.box.text == "half a thought"


async def test_quit_during_an_interview_asks_first_and_keeps_the_session(monkeypatch):
    use_fixture_deck(monkeypatch)
    app = make_app(load_settings(), start_config=SessionConfig(deck=DECK, count=2, seed=1))
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        await type_text(pilot, "draft")
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ConfirmScreen) and "Quit interviewer?" in screen_text(app)
        await pilot.press("n")
        assert isinstance(app.screen, InterviewScreen)
        await pilot.press("ctrl+q", "y")
        await settle(pilot)
    assert app.return_code == 0
    with SessionStore.open(load_settings()) as store:
        (summary,) = store.unfinished()
        session = store.load(summary.id)
        assert store.draft(session.id, session.records[0].question_id) == "draft"


async def test_a_failure_after_the_answer_is_saved_offers_retry(monkeypatch):
    use_fixture_deck(monkeypatch)
    app = make_app(load_settings(), start_config=SessionConfig(deck=DECK, count=1, seed=3))
    async with app.run_test(size=(110, 34)) as pilot:
        await settle(pilot)
        screen = app.screen
        engine = screen.engine
        real = engine.continue_after_answer
        calls = []

        def broken_once():
            calls.append(1)
            if len(calls) == 1:
                raise RuntimeError("rubric matcher exploded")
            return real()

        engine.continue_after_answer = broken_once
        await paste(pilot, "A tensor is an n-dimensional array.")
        await pilot.press("ctrl+j")
        await settle(pilot)
        shown = screen_text(app)
        assert "rubric matcher exploded" in shown and "Press ctrl+r to retry" in shown
        assert "^r Retry" in shown  # offered in the footer
        assert engine.answer_pending and screen.box.text == ""  # saved, so not put back
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert len(calls) == 2 and not engine.answer_pending
        assert "Retry" not in screen_text(app).splitlines()[-1]


async def test_an_answer_saved_before_a_crash_is_picked_up_on_resume(monkeypatch):
    use_fixture_deck(monkeypatch)
    settings = load_settings()
    from interviewer.engine.session_factory import start_session

    with SessionStore.open(settings) as store:
        engine = start_session(settings, SessionConfig(deck=DECK, count=2, seed=3), store)
        engine.submit_answer("A tensor is an n-dimensional array.")  # then the app "died"
        session_id = engine.session.id
    app = make_app(settings, resume_id=session_id)
    async with app.run_test(size=(110, 34)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        assert not screen.engine.answer_pending  # the interviewer carried on from the answer
        assert screen.engine.current_turns()[-1].kind == "follow_up" or \
            isinstance(app.screen, FeedbackScreen)


async def test_the_interview_timer_counts_down_and_says_when_time_is_up(monkeypatch):
    from datetime import UTC, datetime, timedelta

    use_fixture_deck(monkeypatch)
    config = SessionConfig(deck=DECK, count=1, seed=3, mode="interview", time_limit_s=120)
    app = make_app(load_settings(), start_config=config)
    async with app.run_test(size=(110, 34)) as pilot:
        await settle(pilot)
        screen = app.screen
        record = screen.engine.record
        record.started_at = datetime.now(UTC) - timedelta(seconds=100)
        screen._tick()
        timer = screen.query_one("#timer")
        assert str(timer.content).startswith("⏱ 0:2") and timer.has_class("-warning")
        record.started_at = datetime.now(UTC) - timedelta(seconds=200)
        screen._tick()
        assert "time is up" in str(timer.content) and timer.has_class("-over")


async def test_an_answer_that_cannot_be_saved_is_put_back_in_the_box(monkeypatch):
    from interviewer.store.db import StoreError

    use_fixture_deck(monkeypatch)
    app = make_app(load_settings(), start_config=SessionConfig(deck=DECK, count=1, seed=3))
    async with app.run_test(size=(110, 34)) as pilot:
        await settle(pilot)
        screen = app.screen
        store = screen.engine.store
        real = store.append_turn

        def full_disk(session_id, turn):
            raise StoreError("database or disk is full")

        store.append_turn = full_disk
        await paste(pilot, "A tensor is an n-dimensional array.")
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert screen.box.text == "A tensor is an n-dimensional array."
        shown = screen_text(app)
        assert "Your answer could not be saved: database or disk is full" in shown
        assert "press ctrl+j again" in shown
        store.append_turn = real
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert screen.engine.session.answer_text(screen.engine.session.records[0].question_id) \
            == "A tensor is an n-dimensional array."


async def test_keys_typed_in_a_burst_before_submit_all_reach_the_answer(monkeypatch):
    """A fast typist (or a terminal delivering a paste as keys) followed at once by ctrl+j:
    submit is a priority binding, so it must not read the box before the queued keys land."""
    from textual import events
    from textual.keys import _character_to_key

    use_fixture_deck(monkeypatch)
    settings = load_settings()
    text = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron END"
    app = make_app(settings, start_config=SessionConfig(deck=DECK, count=2, seed=3))
    async with app.run_test(size=(110, 34)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        for ch in text:  # posted without waiting in between, as a terminal burst arrives
            app.post_message(events.Key(_character_to_key(ch), ch))
        app.post_message(events.Key("ctrl+j", None))
        await settle(pilot)
        answers = [t.text for t in screen.engine.session.turns if t.kind == "answer"]
        assert answers == [text]
        assert screen.box.text == ""


async def test_a_typist_who_never_pauses_still_has_drafts_saved(monkeypatch):
    """The draft is saved after a pause, and at least every DRAFT_MAX_WAIT_S while typing."""
    import interviewer.tui.widgets.answer_box as answer_box

    use_fixture_deck(monkeypatch)
    clock = [1000.0]
    monkeypatch.setattr(answer_box, "monotonic", lambda: clock[0])
    settings = load_settings()
    app = make_app(settings, start_config=SessionConfig(deck=DECK, count=2, seed=3))
    async with app.run_test(size=(110, 34)) as pilot:
        await settle(pilot)
        screen = app.screen
        for ch in "steadytyping":
            clock[0] += 0.3  # a key every 0.3 s: the 0.5 s pause never comes
            await pilot.press(ch)
        await pilot.pause()
        assert screen.engine.draft().startswith("stead"), repr(screen.engine.draft())
