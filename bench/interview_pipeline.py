"""Does an interview wait for a model's grade?

Runs the app headless (100x30) through a 20-question interview-mode session on the shipped
deck with a grader that takes 3 s per answer (the offline grader behind a 3 s sleep, as a
model on a busy server), answering each question with its model answer, no follow-ups. It
measures, as a user would see it:

- submit -> next question: from the submit key to the next question's number on screen
  (median and worst of the 20 submits; the last one counts as "submit -> report screen");
- report ready: from the last submit until the report is on screen.

The same run is done twice: grades in the background (the app's behaviour) and graded inline
(each answer waits for its grade, as before). Targets: background median <= 100 ms, report
ready <= 3.5 s after the last answer.

Run: .venv/bin/python bench/interview_pipeline.py [--questions N] [--grade-seconds S]
"""

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["INTERVIEWER_HOME"] = tempfile.mkdtemp(prefix="interviewer-bench-")
os.environ["INTERVIEWER_BACKEND"] = "offline"

from textual import events  # noqa: E402

from interviewer.domain import SessionConfig  # noqa: E402
from interviewer.engine import session_factory  # noqa: E402
from interviewer.grading.offline_grader import OfflineGrader  # noqa: E402
from interviewer.settings import load_settings  # noqa: E402
from interviewer.tui.app import make_app  # noqa: E402
from interviewer.tui.screens.interview import InterviewScreen  # noqa: E402
from interviewer.tui.screens.report import ReportScreen  # noqa: E402

TARGET_NEXT_MS = 100
TARGET_REPORT_S = 3.5


class SlowGrader:
    """A model grader stand-in: the offline grade after `seconds` of waiting."""

    name = "slow-model"

    def __init__(self, seconds: float, catalog=None):
        self.seconds = seconds
        self.offline = OfflineGrader(catalog)  # as the app grades: with the deck

    async def grade(self, request):
        await asyncio.sleep(self.seconds)
        return self.offline.grade_sync(request).model_copy(update={"backend": "slow-model"})


def _plain(content) -> str:
    return getattr(content, "plain", None) or str(content)


async def wait_until(condition, timeout: float = 600.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the screen never got there")
        await asyncio.sleep(0.001)


async def run(questions: int, seconds: float, background: bool) -> tuple[list[float], float]:
    """(seconds from each submit to the next question, seconds from the last submit to the
    report)."""
    session_factory.make_grader = lambda settings, catalog=None: SlowGrader(seconds, catalog)
    config = SessionConfig(deck="pytorch", count=questions, seed=11, mode="interview",
                           follow_up_budget=0)
    app = make_app(load_settings(), start_config=config)
    waits: list[float] = []
    report_after = 0.0
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(lambda: isinstance(app.screen, InterviewScreen))
        screen = app.screen
        engine = screen.engine
        engine.background_grading = background
        for n in range(1, questions + 1):
            # the question is on screen and the screen is done with it (the answer box is
            # cleared when a question is shown: type only after that)
            await wait_until(lambda: engine.position[0] == n and not screen.busy
                             and not any(w.is_running and w.group == "model" for w in app.workers))
            await pilot.pause()
            app.post_message(events.Paste(engine.rubric.model_answer))
            await pilot.pause()
            start = time.perf_counter()
            # the key as the terminal driver delivers it (Pilot.press also waits for the screen
            # to go idle, which would be counted)
            app.post_message(events.Key("ctrl+j", None))
            if n < questions:
                label = f"Question {n + 1} of {questions}"
                await wait_until(lambda: label in _plain(screen.query_one("#progress").content))
                waits.append(time.perf_counter() - start)
            else:
                await wait_until(lambda: isinstance(app.screen, ReportScreen))
                report_after = time.perf_counter() - start
                await pilot.pause()  # let the report finish mounting before the app closes
        graded = sum(1 for r in engine.session.records if r.grade is not None)
        assert graded == questions, f"only {graded} of {questions} graded"
    return waits, report_after


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions", type=int, default=20)
    parser.add_argument("--grade-seconds", type=float, default=3.0)
    args = parser.parse_args()
    print(f"interview mode, {args.questions} questions, a grader taking {args.grade_seconds:g} s "
          f"per answer, headless app at 100x30")
    results = {}
    for label, background in (("background (the app)", True), ("graded inline (before)", False)):
        waits, report = asyncio.run(run(args.questions, args.grade_seconds, background))
        results[label] = (waits, report)
        print(f"  {label:<24} submit -> next question: median {statistics.median(waits) * 1000:7.1f} ms, "
              f"worst {max(waits) * 1000:7.1f} ms   last answer -> report: {report:5.2f} s")
    waits, report = results["background (the app)"]
    median_ms = statistics.median(waits) * 1000
    print(f"target: median <= {TARGET_NEXT_MS} ms ({'met' if median_ms <= TARGET_NEXT_MS else 'NOT met'}), "
          f"report <= {TARGET_REPORT_S} s after the last answer "
          f"({'met' if report <= TARGET_REPORT_S else 'NOT met'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
