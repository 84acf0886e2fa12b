"""Grading a stream of answers concurrently with bounded memory, writing each result as it is
finished, in input order.

At most `window` answers are in hand at once (being graded, or graded and waiting for an
earlier one to be written), so 100,000 answers take the memory of a few dozen. Ctrl-C (a
`stop` event) ends the run at once: what is finished is written, the rest is cancelled. A
backend set-up error (key, model) stops the run too (every later answer would fail the same
way); any other failure of one answer is recorded for that answer and the rest go on.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import Awaitable, Callable, Iterable
from typing import TYPE_CHECKING

from interviewer.cli.grade_output import BatchSummary, Output

if TYPE_CHECKING:
    from interviewer.cli.grade_input import AnswerItem
    from interviewer.domain import Grade, Question


def window_for(concurrency: int) -> int:
    """Answers held at once: enough to keep `concurrency` requests busy while an earlier,
    slower answer holds up the in-order output."""
    return max(32, 4 * concurrency)


def is_fatal(exc: BaseException) -> bool:
    """A failure that every later answer would repeat (a backend setting to fix: key, model,
    URL): stop instead of trying them all."""
    from interviewer.llm.errors import LLMError

    return isinstance(exc, LLMError) and exc.is_config


async def close_grader(grader) -> None:
    """The end of a batch: the grader's token use on stderr (when it made calls), then the
    grader closed."""
    from interviewer.cli.common import err

    usage = getattr(grader, "usage", None)
    if usage is not None and usage.calls:
        err(f"{grader.name}: {usage.summary()}")
    closer = getattr(grader, "aclose", None)
    if closer is not None:
        await closer()


def describe(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


async def grade_stream(
    jobs: Iterable[tuple[AnswerItem, Question | None]],
    grade_one: Callable[[AnswerItem, Question], Awaitable[Grade]],
    output: Output,
    summary: BatchSummary,
    *,
    window: int,
    stop: asyncio.Event,
    on_written: Callable[[AnswerItem, Grade | None, str | None], None] = lambda *_: None,
) -> None:
    """Grade every job (a None question: not graded, unknown question) and write each
    outcome to `output` in input order; `summary` is updated as they are written.
    `on_written(item, grade, problem)` follows each write (progress, stderr lines; the
    problem is None for a grade, for an unknown question (no task: told when the file was
    checked) and for the failure that stops the run, told once later)."""
    pending: deque[tuple[AnswerItem, asyncio.Task | None]] = deque()
    source = iter(jobs)
    exhausted = False
    stopper = asyncio.ensure_future(stop.wait())

    def write(item: AnswerItem, task: asyncio.Task | None) -> None:
        if task is None:
            message = f"unknown question {'text' if item.by_text else 'id'} {item.question_ref!r}"
            summary.not_graded += 1
            output.not_graded(item, message)
            on_written(item, None, None)  # told when the file was checked
            return
        exc = task.exception()
        if exc is not None:
            message = f"grading failed: {describe(exc)}"
            summary.errors += 1
            output.error(item, message)
            if is_fatal(exc):  # said once, at the end, as the reason the run stopped
                summary.stopped = summary.stopped or describe(exc)
                on_written(item, None, None)
            else:
                on_written(item, None, message)
            return
        grade = task.result()
        summary.add(grade)
        output.result(item, grade)
        on_written(item, grade, None)

    try:
        while True:
            while not exhausted and len(pending) < window and not stop.is_set() \
                    and summary.stopped is None:
                job = next(source, None)
                if job is None:
                    exhausted = True
                    break
                item, question = job
                task = None if question is None else asyncio.ensure_future(grade_one(item, question))
                pending.append((item, task))
            if not pending or stop.is_set() or summary.stopped is not None:
                break
            item, task = pending[0]
            if task is not None and not task.done():
                await asyncio.wait({task, stopper}, return_when=asyncio.FIRST_COMPLETED)
                continue
            pending.popleft()
            write(item, task)
    finally:
        stopper.cancel()
        # Stopped early (Ctrl-C, a set-up error, or an exception here): what is already
        # finished is still written, in order; the rest is cancelled.
        for item, task in pending:
            if task is None or task.done():
                if not task or not task.cancelled():
                    write(item, task)
            else:
                task.cancel()
        unfinished = [t for _, t in pending if t is not None and not t.done()]
        for task in unfinished:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
