"""A fake clock and a day of practice through the real engine, store and schedule (no UI)."""

from datetime import UTC, datetime, timedelta

from tui_helpers import DECK, FIXTURE_ROOT

from interviewer.corpus.catalog import load_catalog
from interviewer.domain import SessionConfig
from interviewer.engine.interview import InterviewSession
from interviewer.engine.offline_interviewer import OfflineInterviewer
from interviewer.engine.session_factory import repetition_for
from interviewer.grading.offline_grader import OfflineGrader

DAY1 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


class FakeClock:
    """Time stands still unless a test moves it: `clock.advance(days=1)`."""

    def __init__(self, now: datetime = DAY1):
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


def fixture_catalog():
    return load_catalog([FIXTURE_ROOT]).raise_for_errors()


def start(store, clock, catalog=None, **config) -> InterviewSession:
    catalog = catalog or fixture_catalog()
    return InterviewSession.start(
        SessionConfig(deck=DECK, **{"seed": 1, **config}), catalog, OfflineGrader(),
        OfflineInterviewer(), store, clock=clock, repetition=repetition_for(store, clock))


async def answer(engine: InterviewSession, how: str) -> float | None:
    """Answer the current question: 'model' (its model answer), 'weak' (its first words),
    'idk' ("I don't know") or 'skip'; then move on. The score (None when skipped)."""
    score = None
    if how == "skip":
        engine.skip()
    else:
        if how == "idk":
            engine.dont_know()
        else:
            text = engine.rubric.model_answer
            engine.submit_answer(text if how == "model" else " ".join(text.split()[:8]))
        score = (await engine.finish_question()).score
    if not engine.finished and engine.awaiting_next:
        engine.advance()
    return score
