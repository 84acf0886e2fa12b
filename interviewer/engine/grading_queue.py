"""Grading in the background, so the interview never waits for a model's grade.

The answer is already in the store when a grade is queued. Each grade runs as its own task on
the running event loop; when it lands the engine stores it (and a screen showing a
provisional grade replaces it). A grader that fails gives the offline grade with a `fallback`
flag that says why. Grades queued where no event loop runs (a session resumed in a worker
thread) start on the first `start_deferred()` or `wait()`.

Nothing here imports Textual: the TUI and the line-mode runner both listen through
`listeners`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from interviewer.domain import Flag, Grade
from interviewer.grading.fallback import fallback_grade
from interviewer.grading.offline_grader import OfflineGrader
from interviewer.grading.protocols import Grader, GradeRequest
from interviewer.redaction import redact

log = logging.getLogger(__name__)

#: Called with (question id, grade) when a grade lands.
GradeListener = Callable[[str, Grade], None]
#: Called with (done, total) while `wait()` waits.
Progress = Callable[[int, int], None]


async def grade_with_fallback(grader: Grader, offline: OfflineGrader, request: GradeRequest) -> Grade:
    """`grader`'s grade, or the offline one flagged `fallback` with the reason when the
    grader fails in any way (in a session a failed grade never loses the answer)."""
    try:
        return await grader.grade(request)
    except Exception as exc:  # noqa: BLE001 - the offline grade is always available
        # said on the grade (its fallback flag); a log line on stderr would only repeat it
        name = getattr(grader, "name", None)
        log.info("grader %s failed: %s", name or "?", redact(str(exc)))
        return fallback_grade(offline.grade_sync(request), exc,
                              f"the {name} grader" if name else "the model grader")


def provisional(grade: Grade) -> Grade:
    """An offline grade shown at once while the model's is on its way."""
    flag = Flag(code="provisional", detail="offline verdicts, shown until the model's grade arrives")
    return grade.model_copy(update={"flags": [*grade.flags, flag]})


def is_provisional(grade: Grade | None) -> bool:
    return grade is not None and grade.has_flag("provisional")


@dataclass
class _Job:
    question_id: str
    request: GradeRequest
    grader: Grader
    finish: Callable[[Grade], Grade]     # adds the flags known when the answer was finished


@dataclass
class GradingQueue:
    """Grades answers as background tasks; `store` keeps each grade when it lands."""

    store: Callable[[str, Grade], object]
    #: the fallback when a grader fails: the session's, built with the deck catalog
    offline: OfflineGrader
    listeners: list[GradeListener] = field(default_factory=list)
    _tasks: dict[str, asyncio.Task] = field(default_factory=dict)
    _deferred: list[_Job] = field(default_factory=list)

    @property
    def pending(self) -> list[str]:
        """Question ids whose grade is queued or in flight."""
        return [*(q for q, t in self._tasks.items() if not t.done()),
                *(j.question_id for j in self._deferred)]

    def submit(self, question_id: str, request: GradeRequest, grader: Grader,
               finish: Callable[[Grade], Grade] = lambda g: g) -> None:
        """Grade `request` in the background (now, or once a loop runs)."""
        job = _Job(question_id, request, grader, finish)
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            self._deferred.append(job)
            return
        self._start(job)

    def start_deferred(self) -> None:
        """Start the grades queued while no event loop was running (call from the loop)."""
        jobs, self._deferred = self._deferred, []
        for job in jobs:
            self._start(job)

    def _start(self, job: _Job) -> None:
        self._tasks[job.question_id] = asyncio.get_running_loop().create_task(
            self._run(job), name=f"grade {job.question_id}")

    async def _run(self, job: _Job) -> None:
        grade = job.finish(await grade_with_fallback(job.grader, self.offline, job.request))
        self.store(job.question_id, grade)
        for listener in list(self.listeners):
            try:
                listener(job.question_id, grade)
            except Exception:  # noqa: BLE001 - a screen gone away must not lose the grade
                log.exception("grade listener failed")

    async def wait(self, progress: Progress | None = None) -> None:
        """Return when every queued grade has landed, calling `progress(done, total)` at the
        start and after each one."""
        self.start_deferred()
        waiting = [t for t in self._tasks.values() if not t.done()]
        total = len(waiting)
        if progress is not None:
            progress(0, total)
        done = 0
        for next_done in asyncio.as_completed(waiting):
            await _quietly(next_done)
            done += 1
            if progress is not None:
                progress(done, total)

    async def wait_for(self, question_id: str) -> None:
        """Return when the grade of `question_id` has landed (at once if none is queued)."""
        self.start_deferred()
        task = self._tasks.get(question_id)
        if task is not None:
            await _quietly(task)

    def cancel(self) -> None:
        """Stop the grades in flight (the app is closing): their answers stay ungraded in the
        store and are queued again when the session is resumed."""
        for task in self._tasks.values():
            task.cancel()
        self._deferred.clear()


async def _quietly(awaitable: Awaitable[None]) -> None:
    try:
        await awaitable
    except asyncio.CancelledError:
        raise
    except Exception:  # noqa: BLE001 - logged by the task; the answer stays queued for resume
        log.exception("background grade failed")
