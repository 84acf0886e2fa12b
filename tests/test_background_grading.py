"""The interview never waits for a model's grade: the next question comes while the answer is
graded in the background; the report waits only for grades still in flight and shows how
many have landed; a grade that was in flight when the app was killed is graded on resume."""

import asyncio

from tui_helpers import DECK, FIXTURE_ROOT, paste, screen_text, settle, use_fixture_deck

from interviewer.corpus.catalog import load_catalog
from interviewer.domain import SessionConfig
from interviewer.engine.interview import InterviewSession
from interviewer.engine.offline_interviewer import OfflineInterviewer
from interviewer.grading.offline_grader import OfflineGrader
from interviewer.settings import load_settings
from interviewer.store.session_store import SessionStore


class GatedGrader:
    """A model grader that answers only when `gate` is opened (as a slow model would)."""

    name = "slow-model"

    def __init__(self):
        self.gate = asyncio.Event()
        self.asked: list[str] = []
        self._offline = OfflineGrader()

    async def grade(self, request):
        self.asked.append(request.question.id)
        await self.gate.wait()
        grade = self._offline.grade_sync(request)
        return grade.model_copy(update={"backend": "slow-model", "model": "slow-1"})


def catalog():
    return load_catalog([FIXTURE_ROOT]).raise_for_errors()


def interview(grader, store=None, count=3):
    config = SessionConfig(deck=DECK, count=count, seed=4, mode="interview", follow_up_budget=0)
    return InterviewSession.start(config, catalog(), grader, OfflineInterviewer(), store)


async def test_the_next_question_is_asked_while_the_grade_is_in_flight():
    grader = GatedGrader()
    engine = interview(grader)
    first = engine.record.question_id
    engine.submit_answer(engine.rubric.model_answer)
    assert await engine.finish_question() is None       # no grade to wait for
    assert engine.record.question_id != first          # already on the next question
    assert engine.grading.pending == [first]
    await asyncio.sleep(0)
    assert grader.asked == [first]                     # being graded meanwhile
    grader.gate.set()
    await engine.grading.wait()
    record = engine.session.records[0]
    assert record.status == "graded" and record.grade.backend == "slow-model"


async def test_the_session_finishes_when_the_last_grade_lands():
    grader = GatedGrader()
    engine = interview(grader, count=2)
    for _ in range(2):
        engine.submit_answer(engine.rubric.model_answer)
        await engine.finish_question()
    assert engine.finished and engine.session.status == "active"  # asked all, grades pending
    progress = []
    grader.gate.set()
    await engine.grading.wait(lambda done, total: progress.append((done, total)))
    assert progress == [(0, 2), (1, 2), (2, 2)]
    assert engine.session.status == "finished"
    assert all(r.grade.backend == "slow-model" for r in engine.session.records)


async def test_grades_in_flight_at_a_kill_are_graded_on_resume():
    settings = load_settings()
    store = SessionStore.open(settings)
    try:
        engine = interview(GatedGrader(), store, count=2)
        engine.submit_answer(engine.rubric.model_answer)
        await engine.finish_question()
        session_id = engine.session.id
        engine.grading.cancel()  # the app is killed: the grade never lands
        await asyncio.sleep(0)
    finally:
        store.close()

    with SessionStore.open(settings) as store:
        stored = store.load(session_id)
        assert stored.records[0].status == "answered" and stored.records[0].grade is None
        assert stored.records[1].status == "asking"  # and the interview had moved on
        grader = GatedGrader()
        grader.gate.set()
        resumed = InterviewSession.resume(stored, catalog(), grader, OfflineInterviewer(), store)
        await resumed.grading.wait()
        assert grader.asked == [stored.records[0].question_id]
        again = store.load(session_id)
    assert again.records[0].status == "graded" and again.records[0].grade.backend == "slow-model"


async def test_the_app_asks_on_at_once_and_the_report_waits_for_the_grades(monkeypatch):
    from interviewer.tui.app import make_app
    from interviewer.tui.screens.interview import InterviewScreen
    from interviewer.tui.screens.report import ReportScreen

    use_fixture_deck(monkeypatch)
    grader = GatedGrader()
    monkeypatch.setattr("interviewer.engine.session_factory.make_grader",
                        lambda settings, catalog=None: grader)
    config = SessionConfig(deck=DECK, count=2, seed=4, mode="interview", follow_up_budget=0)
    app = make_app(load_settings(), start_config=config)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        engine = screen.engine
        assert "Question 1 of 2" in screen_text(app)
        await paste(pilot, engine.rubric.model_answer)
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert "Question 2 of 2" in screen_text(app)  # asked while the first is graded
        await paste(pilot, engine.rubric.model_answer)
        await pilot.press("ctrl+j")
        # not settle(): the report's worker waits for the gate; a loaded machine may need
        # more than a few pauses before the waiting line is drawn
        for _ in range(200):
            await pilot.pause()
            if "Finishing the grades" in screen_text(app):
                break
        # every question asked, no grade yet: the report waits and says how far it is
        assert isinstance(app.screen, InterviewScreen)
        assert "Finishing the grades: 0 of 2 done" in screen_text(app)
        grader.gate.set()
        await engine.grading.wait()
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen)
        assert "2 of 2 questions (2 graded)" in screen_text(app)  # both grades landed


async def test_i_dont_know_is_graded_at_once_with_nothing_sent_to_the_model():
    grader = GatedGrader()
    engine = interview(grader, count=2)
    engine.dont_know()
    await engine.finish_question()
    assert engine.session.records[0].status == "graded" and not engine.grading.pending
    assert grader.asked == []


class _LandedGrader:
    """A model grader that takes a moment (on the event loop) and says when it has graded."""

    name = "slow-model"

    def __init__(self):
        import threading

        self.landed = threading.Event()
        self._offline = OfflineGrader()

    async def grade(self, request):
        await asyncio.sleep(0.05)
        grade = self._offline.grade_sync(request)
        self.landed.set()
        return grade.model_copy(update={"backend": "slow-model", "model": "slow-1"})


class _ReaderWaitingForTheGrade:
    """Plain mode's input: the first answer, then a user who types nothing until the first
    answer's grade has landed (or gives up after a while and quits)."""

    last_was_repaired = False

    def __init__(self, answer: str, landed):
        self.lines = iter([answer, "."])
        self.landed = landed
        self.landed_while_waiting: bool | None = None

    def waiting(self) -> bool:
        return False

    def ready(self) -> bool:
        return False

    def readline(self):
        line = next(self.lines, None)
        if line is not None:
            return line
        self.landed_while_waiting = self.landed.wait(timeout=3)  # blocks, as a terminal does
        return ":quit"


async def test_plain_mode_lands_background_grades_while_it_waits_for_input():
    from interviewer.cli.plain_runner import _interview, _Typed

    grader = _LandedGrader()
    engine = interview(grader, count=2)
    reader = _ReaderWaitingForTheGrade(engine.rubric.model_answer, grader.landed)
    said: list[str] = []
    await _interview(engine, reader, said.append, _Typed())
    assert reader.landed_while_waiting is True  # the loop ran while the reader blocked
    first = engine.session.records[0]
    assert first.status == "graded" and first.grade.backend == "slow-model"
    assert any("Stopped. Resume with" in line for line in said)
