"""`interviewer grade ANSWERS`: grade a file of answers headless (a cohort, a CI check).

ANSWERS is a YAML, JSON or JSON Lines list of `{question_id, answer}` (or `{question,
answer}` with the question's text, matched to the deck). The file is checked whole first: a
malformed one is reported line by line and nothing is graded (exit USAGE). Unknown questions
are reported on stderr and the rest are still graded (exit PROBLEMS). Answers the model did
not grade (a timeout, an outage, invalid output) get the offline grade, flagged `fallback` with
the reason; the summary on stderr counts them by reason (grade_summary.py) and the run exits
FELL_BACK.

The pieces: grade_input.py reads and checks the answers (streamed, with size limits),
grade_batch.py grades them with bounded memory, grade_output.py writes each result as it is
finished. Exit codes: interviewer/cli/exit_codes.py.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
from typing import TYPE_CHECKING

from interviewer.cli import exit_codes
from interviewer.cli.common import add_backend_flags, err, positive_int, settings_from_args

if TYPE_CHECKING:
    from interviewer.cli.grade_input import AnswerFile, AnswerItem
    from interviewer.cli.grade_output import BatchSummary, Output
    from interviewer.domain import Deck, Grade, Question

#: Show progress on stderr for runs longer than this.
PROGRESS_OVER = 20


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "grade",
        help="grade a YAML/JSON file of answers against the deck's rubrics (headless)",
        description="Grade answers in batch. ANSWERS is a YAML, JSON or JSON Lines (.jsonl) "
        "list of {question_id, answer} items (or {question, answer} with the question's "
        "text); '-' reads standard input. Files and standard input are limited to 256 MiB. "
        "Each result is written as soon as it is finished; Ctrl-C writes what is finished "
        "and exits 130.",
    )
    p.add_argument("answers", metavar="ANSWERS", help="YAML, JSON or JSONL file of answers, or -")
    p.add_argument("--deck", help="deck the questions come from (default: the only deck, or pytorch)")
    output = p.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true",
                        help="print one JSON document (always complete, even after Ctrl-C)")
    output.add_argument("--jsonl", action="store_true",
                        help="print one JSON object per line, each as soon as it is graded")
    p.add_argument("--concurrency", type=positive_int, metavar="N",
                   help="answers graded at once (default: the concurrency setting, 4)")
    add_backend_flags(p)
    p.set_defaults(func=cmd_grade)


def cmd_grade(args: argparse.Namespace) -> int:
    from interviewer.cli.grade_input import open_answers
    from interviewer.corpus.catalog import load_default_catalog

    settings = settings_from_args(args)
    with open_answers(args.answers) as answers:
        catalog = load_default_catalog(settings.user_data_dir)
        catalog.raise_for_errors()
        deck_name = args.deck or _default_deck(catalog.decks)
        deck = catalog.deck(deck_name)
        # Every problem at once, before anything is graded; unknown questions too (those
        # are not fatal: the other answers are graded). Each item's question is looked up
        # once, here, and kept by the item's index for grading.
        unknown: list[str] = []
        questions: dict[int, Question | None] = {}
        warnings = answers.check(on_item=lambda item: _check_question(deck, deck_name, item,
                                                                      questions, unknown))
        for message in [str(w) for w in warnings] + unknown:
            err(message)
        summary = _run(args, settings, catalog, deck_name, deck, answers, questions)
    if unknown:
        err(f"{len(unknown)} answer(s) not graded: unknown question (see above)")
    return exit_code(summary)


def exit_code(summary: BatchSummary) -> int:
    """The run's exit code (exit_codes.py)."""
    if summary.interrupted:
        return exit_codes.INTERRUPTED
    if summary.stopped is not None:
        return exit_codes.BACKEND_CONFIG
    if summary.not_graded or summary.errors:
        return exit_codes.PROBLEMS
    if summary.fell_back:  # every answer has a grade, but not all from the requested backend
        return exit_codes.FELL_BACK
    return exit_codes.OK


def _default_deck(decks: dict[str, Deck]) -> str:
    if len(decks) == 1:
        return next(iter(decks))
    return "pytorch"


def _check_question(deck: Deck, deck_name: str, item: AnswerItem,
                    questions: dict[int, Question | None], unknown: list[str]) -> None:
    """Keep the item's question in `questions` (None, with a message in `unknown`, when it
    is not in the deck)."""
    from interviewer.cli.grade_input import resolve_question

    questions[item.index] = question = resolve_question(deck, item)
    if question is None:
        kind = "question text" if item.by_text else "question id"
        unknown.append(f"{item.where}: unknown {kind} {item.question_ref!r} in deck "
                       f"{deck_name!r} (skipped; the other answers are still graded)")


def _make_output(args: argparse.Namespace, deck: Deck) -> Output:
    from interviewer.cli.grade_output import JsonDocumentOutput, JsonLinesOutput, TableOutput

    if args.json:
        return JsonDocumentOutput()
    if args.jsonl:
        return JsonLinesOutput()
    return TableOutput(max((len(q.id) for q in deck.questions), default=11))


def _run(args, settings, catalog, deck_name: str, deck: Deck, answers: AnswerFile,
         questions: dict[int, Question | None]) -> BatchSummary:
    """Grade every answer (`questions`: each item's question by index, from the check); the
    output is closed (and the summary printed) however it ends."""
    import asyncio

    from interviewer.cli.grade_output import BatchSummary
    from interviewer.cli.grade_summary import GradeSummary
    from interviewer.grading.factory import make_grader

    # The grader first: building it can fail (a missing key, an unknown model), and the
    # output must not have started (`--json` prints its opening at once) when it does.
    grader = make_grader(settings, catalog)
    model = getattr(getattr(grader, "backend", None), "model", None)
    summary = BatchSummary(answers=answers.count, by=GradeSummary(settings.backend, model))
    output = _make_output(args, deck)
    jobs = ((item, questions.get(item.index)) for item in answers.items())
    try:
        asyncio.run(grade_jobs(grader, catalog, deck_name, jobs, output, summary,
                               settings.concurrency))
    except KeyboardInterrupt:  # Ctrl-C outside the event loop's handler: finished work stays
        summary.interrupted = True
    finally:
        output.close(summary)
        _print_summary(summary)
    return summary


async def grade_jobs(grader, catalog, deck_name: str, jobs, output: Output,
                     summary: BatchSummary, concurrency: int) -> None:
    """Grade `jobs` ((AnswerItem, Question or None) pairs, `summary.answers` of them) into
    `output`, with progress and token use on stderr; Ctrl-C stops it with what is finished
    written. The grader is closed at the end."""
    import asyncio

    from interviewer.cli.grade_batch import close_grader, grade_stream, window_for
    from interviewer.cli.progress import ProgressBar
    from interviewer.grading.protocols import GradeRequest

    limit = asyncio.Semaphore(max(1, concurrency))
    if getattr(grader, "max_in_flight", None):
        # The LLM grader bounds its own model calls; gating whole grades here too would
        # keep its CPU-only work from overlapping the requests in flight.
        limit = contextlib.nullcontext()
    bar = ProgressBar(summary.answers, min_total=PROGRESS_OVER + 1)

    async def one(item: AnswerItem, question) -> Grade:
        async with limit:
            return await grader.grade(GradeRequest(
                question=question, rubric=catalog.rubric(deck_name, question.id), answer=item.answer))

    def written(item: AnswerItem, grade: Grade | None, problem: str | None) -> None:
        if problem is not None:
            err(f"{item.where}: {problem}")
        bar.advance("fell back" if grade is not None and grade.has_flag("fallback") else
                    ("not graded" if grade is None else None))

    stop = asyncio.Event()
    with _ctrl_c_sets(stop, summary):
        try:
            await grade_stream(jobs, one, output, summary, window=window_for(concurrency),
                               stop=stop, on_written=written)
        finally:
            bar.close()
            await close_grader(grader)


@contextlib.contextmanager
def _ctrl_c_sets(stop, summary: BatchSummary):
    """While grading, Ctrl-C sets `stop` (the finished results are written, the run ends)
    instead of raising KeyboardInterrupt somewhere in the middle of the output."""
    import asyncio

    loop = asyncio.get_running_loop()

    def interrupted() -> None:
        if not stop.is_set():
            summary.interrupted = True
            err("\ninterrupted: writing the finished results")
            stop.set()

    try:
        loop.add_signal_handler(signal.SIGINT, interrupted)
    except (NotImplementedError, RuntimeError, ValueError):  # not the main thread, or Windows
        yield
        return
    try:
        yield
    finally:
        loop.remove_signal_handler(signal.SIGINT)


def _print_summary(summary: BatchSummary) -> None:
    """One line on stderr: what was graded, and what was not (and why)."""
    parts = [f"{summary.graded} answer(s) graded"
             + (f", mean score {summary.score_total / summary.graded:.1f}" if summary.graded else "")]
    if summary.not_graded:
        parts.append(f"{summary.not_graded} not graded (unknown question)")
    if summary.errors:
        parts.append(f"{summary.errors} failed")
    if summary.not_reached:
        why = "interrupted" if summary.interrupted else "stopped"
        parts.append(f"{summary.not_reached} not reached ({why})")
    if summary.stopped is not None:
        err(f"error: {summary.stopped}")
    err(", ".join(parts))
    if summary.graded:  # who graded them, and why any fell back to the offline grader
        err(summary.by.line())

