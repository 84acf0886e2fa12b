"""A whole practice session on the offline backend, driven from the keyboard: Home, eight
questions with follow-ups, a hint, "I don't know" and a skip, feedback that quotes the answer
after each question, the report, an export, and History after restarting the app."""

from tui_helpers import DECK, first_sentence, paste, screen_text, settle, type_text, use_fixture_deck

from interviewer.settings import load_settings
from interviewer.store.session_store import SessionStore
from interviewer.tui.app import make_app
from interviewer.tui.screens.feedback import FeedbackScreen
from interviewer.tui.screens.history import HistoryScreen
from interviewer.tui.screens.home import HomeScreen
from interviewer.tui.screens.interview import InterviewScreen
from interviewer.tui.screens.report import ReportScreen

SIZE = (110, 120)  # tall, so a whole feedback page is on screen at once


async def answer_follow_ups(pilot, screen: InterviewScreen) -> int:
    """Answer any follow-up with a short sentence; how many were asked."""
    asked = 0
    while pilot.app.screen is screen and screen.engine.current_turns()[-1].kind == "follow_up":
        asked += 1
        await paste(pilot, "I am not sure beyond what I said.")
        await pilot.press("ctrl+j")
        await settle(pilot)
    return asked


async def test_whole_practice_session_with_the_keyboard(monkeypatch):
    use_fixture_deck(monkeypatch)
    app = make_app(load_settings())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        home = screen_text(app)
        assert "TUI test deck (9 questions)" in home and "✔ ready" in home
        await pilot.press("ctrl+s")  # Home's defaults: 8 questions, practice, offline
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        follow_ups = 0
        for n in range(1, 9):
            assert app.screen is screen
            shown = screen_text(app)
            assert f"Question {n} of 8" in shown
            engine = screen.engine
            question = engine.question
            assert question.question.split("\n")[0][:40] in shown
            model_answer = engine.rubric.model_answer
            typed = None
            if n == 1:  # typed key by key, then a follow-up about what it left out
                typed = " ".join(first_sentence(model_answer).split()[:4])
                await type_text(pilot, typed)
                await pilot.press("ctrl+j")
            elif n == 2:  # a hint first (recorded), then the answer
                await pilot.press("ctrl+t")
                await settle(pilot)
                assert "Hint" in screen_text(app)
                assert any(t.kind == "hint" for t in engine.current_turns())
                typed = model_answer
                await paste(pilot, typed)
                await pilot.press("alt+enter")
            elif n == 3:
                await pilot.press("ctrl+g")
            elif n == 4:
                await pilot.press("ctrl+n")
            else:
                typed = model_answer
                await paste(pilot, typed)
                await pilot.press("ctrl+j")
            await settle(pilot)
            follow_ups += await answer_follow_ups(pilot, screen)
            # Practice mode: feedback after every question
            assert isinstance(app.screen, FeedbackScreen)
            feedback = screen_text(app)
            assert "Feedback" in feedback and "Model answer" in feedback
            if n == 4:
                assert "skipped" in feedback
            if n == 3:
                assert "You said you don't know" in feedback
            if typed and n != 1:
                grade = engine.record.grade
                met = [r for r in grade.criteria if r.verdict == "met" and r.evidence]
                assert met, "a model answer meets criteria"
                # the feedback quotes the candidate's own words as evidence
                assert any(f"“{e.quote}”" in feedback.replace("\n", " ") or e.quote[:30] in feedback
                           for r in met for e in r.evidence)
                assert "✔ met" in feedback
            await pilot.press("enter")
            await settle(pilot)
        assert follow_ups >= 1
        assert isinstance(app.screen, ReportScreen)
        report = screen_text(app)
        assert "Overall" in report and "Scores by topic" in report and "█" in report
        assert "Strengths" in report and "Study next" in report
        session_id = app.screen.session.id
        await pilot.press("e", "m")  # export as Markdown
        await settle(pilot)
        exported = app.screen.last_export
        assert exported and exported.endswith(".md")
        shown = app.screen.query_one("#export-path").content.plain
        assert shown == f"Exported: {exported}" and exported.endswith(f"session-{session_id}.md")
        assert "Exported:" in screen_text(app)
        await pilot.press("ctrl+q")
    text = open(exported, encoding="utf-8").read()
    assert "I am not sure beyond what I said." in text or "I don't know" in text

    # The session is in the store and in History after a restart.
    with SessionStore.open(load_settings()) as store:
        (summary,) = store.list_sessions()
    assert summary.id == session_id and summary.status == "finished" and summary.mode == "practice"
    app = make_app(load_settings())
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        history = screen_text(app)
        assert DECK in history and "practice" in history and "finished" in history
        assert f"{summary.score:.1f}" in history
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen)
        assert app.screen.session.id == session_id
        assert f"Overall {summary.score:.1f} / 100" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, HistoryScreen)
