"""`interviewer grade ANSWERS`: grade a file of answers headless (a cohort, a CI check).

ANSWERS is a YAML or JSON list of `{question_id, answer}` (or `{question, answer}` with the
question's text, matched to the deck). Unknown questions are reported on stderr and the
rest are still graded (exit code 1); a malformed file is reported line by line (exit 2).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interviewer.cli.common import add_backend_flags, err, print_json, settings_from_args
from interviewer.corpus.problems import CorpusError, Problem

if TYPE_CHECKING:  # the models load with the catalog, not when the parser is built
    from interviewer.domain import Deck, Grade, Question

#: Show progress on stderr for runs longer than this.
PROGRESS_OVER = 20


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "grade",
        help="grade a YAML/JSON file of answers against the deck's rubrics (headless)",
        description="Grade answers in batch. ANSWERS is a YAML or JSON list of "
        "{question_id, answer} items (or {question, answer} with the question's text); "
        "'-' reads standard input.",
    )
    p.add_argument("answers", metavar="ANSWERS", help="YAML or JSON file of answers, or -")
    p.add_argument("--deck", help="deck the questions come from (default: the only deck, or pytorch)")
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    p.add_argument("--concurrency", type=_positive_int, metavar="N",
                   help="answers graded at once (default: the concurrency setting, 4)")
    add_backend_flags(p)
    p.set_defaults(func=cmd_grade)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


@dataclass(frozen=True)
class AnswerItem:
    """One entry of the ANSWERS file."""

    index: int
    where: str          # "answers[3]" (and the line, when known) for messages
    question_ref: str   # the id or text the file gave
    by_text: bool
    answer: str


def cmd_grade(args: argparse.Namespace) -> int:
    import asyncio

    from interviewer.corpus.catalog import load_default_catalog
    from interviewer.grading.factory import make_grader

    settings = settings_from_args(args)
    items = read_answers(args.answers)
    catalog = load_default_catalog(settings.user_data_dir)
    catalog.raise_for_errors()
    deck_name = args.deck or _default_deck(catalog.decks)
    deck = catalog.deck(deck_name)

    jobs: list[tuple[AnswerItem, Question]] = []
    not_graded: list[dict[str, str]] = []
    for item in items:
        question = resolve_question(deck, item)
        if question is None:
            kind = "question text" if item.by_text else "question id"
            message = f"unknown {kind} {item.question_ref!r} in deck {deck_name!r}"
            not_graded.append({"question": item.question_ref, "where": item.where, "error": message})
            err(f"{item.where}: {message} (skipped; the other answers are still graded)")
            continue
        jobs.append((item, question))

    grader = make_grader(settings, catalog)
    grades = asyncio.run(_grade_all(grader, catalog, deck_name, jobs, settings.concurrency))

    if args.json:
        results = [grade_json(item, grade) for (item, _), grade in zip(jobs, grades, strict=True)]
        # answers that could not be graded are listed too, so a script sees every input
        print_json({"results": results, "not_graded": not_graded})
    else:
        _print_table(jobs, grades)
    if not_graded:
        err(f"{len(not_graded)} answer(s) not graded: unknown question (see above)")
    return 1 if not_graded else 0


def _default_deck(decks: dict[str, Deck]) -> str:
    if len(decks) == 1:
        return next(iter(decks))
    return "pytorch"


async def _grade_all(grader, catalog, deck_name: str, jobs: list[tuple[AnswerItem, Question]],
                     concurrency: int) -> list[Grade]:
    import asyncio

    from interviewer.cli.progress import ProgressBar
    from interviewer.grading.protocols import GradeRequest

    limit = asyncio.Semaphore(max(1, concurrency))
    if getattr(grader, "max_in_flight", None):
        # The LLM grader bounds its own model calls; gating whole grades here too would
        # keep its CPU-only work from overlapping the requests in flight.
        limit = contextlib.nullcontext()
    bar = ProgressBar(len(jobs), min_total=PROGRESS_OVER + 1)

    async def one(item: AnswerItem, question: Question) -> Grade:
        async with limit:
            grade = await grader.grade(GradeRequest(
                question=question, rubric=catalog.rubric(deck_name, question.id), answer=item.answer))
        bar.advance("fell back" if grade.has_flag("fallback") else None)
        return grade

    try:
        return list(await asyncio.gather(*(one(item, q) for item, q in jobs)))
    finally:
        bar.close()
        usage = getattr(grader, "usage", None)
        if usage is not None and usage.calls:
            err(f"{grader.name}: {usage.summary()}")
        closer = getattr(grader, "aclose", None)
        if closer is not None:
            await closer()


def grade_json(item: AnswerItem, grade: Grade) -> dict[str, Any]:
    """One result in the documented `--json` shape."""
    return {
        "index": item.index,
        "question_id": grade.question_id,
        "score": grade.score,
        "criteria": [
            {
                "id": r.id, "verdict": r.verdict, "points": r.points, "max_points": r.max_points,
                "evidence": [e.model_dump() for e in r.evidence], "verified": r.verified,
                "unsure": r.unsure, "contradicted_by": r.contradicted_by,
            }
            for r in grade.criteria
        ],
        "misconceptions": [m.model_dump() for m in grade.misconceptions],
        "flags": [f.model_dump() for f in grade.flags],
        "feedback": grade.feedback,
        "confidence": grade.confidence,
        "backend": grade.backend,
        "model": grade.model,
        "prompt_version": grade.prompt_version,
        "rubric_version": grade.rubric_version,
        "offline_score": grade.offline_score,
    }


def _print_table(jobs: list[tuple[AnswerItem, Question]], grades: list[Grade]) -> None:
    width = max((len(g.question_id) for g in grades), default=11)
    width = max(width, len("question_id"))
    print(f"{'#':>4}  {'question_id':<{width}}  {'score':>5}  flags")
    for (item, _), grade in zip(jobs, grades, strict=True):
        flags = ", ".join(f.code for f in grade.flags)
        print(f"{item.index:>4}  {grade.question_id:<{width}}  {grade.score:>5.1f}  {flags}")
    if grades:
        mean = sum(g.score for g in grades) / len(grades)
        print(f"{len(grades)} answer(s) graded, mean score {mean:.1f}", file=sys.stderr)


# -- reading the ANSWERS file -------------------------------------------------------------

def read_answers(source: str) -> list[AnswerItem]:
    """Parse and check the ANSWERS file; every problem is raised at once as a CorpusError."""
    from interviewer.corpus.yaml_io import line_of, read_text

    path = Path(source)
    if source == "-":
        text, problems = sys.stdin.read(), []
        path = Path("<stdin>")
    else:
        text, problems = read_text(path)
    if text is None:
        raise CorpusError(problems)
    data, node = _parse(path, text)
    if isinstance(data, dict) and "answers" in data:
        data = data["answers"]
        node = _child(node, "answers")
    if not isinstance(data, list):
        raise CorpusError([Problem(path, "must be a list of {question_id, answer} items "
                                   f"(got {type(data).__name__})", line=line_of(node, ()))])
    items, problems = [], []
    for n, entry in enumerate(data):
        where = f"answers[{n}]"
        line = line_of(node, (n,))
        if not isinstance(entry, dict):
            problems.append(Problem(path, "must be a mapping with question_id and answer", where, line))
            continue
        unknown = sorted(set(map(str, entry)) - {"question_id", "question", "answer"})
        if unknown:
            problems.append(Problem(path, f"unknown key(s) {', '.join(unknown)} (expected "
                                    "question_id or question, and answer)", where, line))
        ref, by_text = entry.get("question_id"), False
        if ref is None and entry.get("question") is not None:
            ref, by_text = entry.get("question"), True
        if ref is None or not str(ref).strip():
            problems.append(Problem(path, "needs question_id (or question)", where, line))
            continue
        if "answer" not in entry:
            problems.append(Problem(path, "needs an answer", where, line))
            continue
        answer = entry["answer"]
        if answer is None:
            answer = ""
        elif isinstance(answer, bool) or not isinstance(answer, str | int | float):
            problems.append(Problem(path, f"answer must be text (got {type(answer).__name__})",
                                    f"{where}.answer", line_of(node, (n, "answer"))))
            continue
        place = f"{path}:{line}: {where}" if line else f"{path}: {where}"
        items.append(AnswerItem(n, place, str(ref).strip(), by_text, str(answer)))
    if problems:
        raise CorpusError(problems)
    return items


def _parse(path: Path, text: str):
    """JSON for .json files (exact error positions), YAML (safe loader) otherwise."""
    import yaml

    if path.suffix.lower() == ".json" or (path.name == "<stdin>" and text.lstrip()[:1] in "[{"):
        try:
            return json.loads(text), None
        except json.JSONDecodeError as exc:
            raise CorpusError([Problem(path, f"invalid JSON: {exc.msg}", line=exc.lineno)]) from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        detail = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise CorpusError([Problem(path, f"invalid YAML: {detail}",
                                   line=mark.line + 1 if mark else None)]) from None
    if data is None:
        raise CorpusError([Problem(path, "is empty")])
    return data, node


def _child(node, key: str):
    import yaml

    if isinstance(node, yaml.MappingNode):
        return next((v for k, v in node.value if getattr(k, "value", None) == key), None)
    return None


# -- matching answers to questions --------------------------------------------------------

def _norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def resolve_question(deck: Deck, item: AnswerItem) -> Question | None:
    """The question an item refers to: by id; or by its text (exact after normalising, or
    one clearly closest phrasing, to forgive a typo or a changed word)."""
    if not item.by_text:
        return deck.get(item.question_ref)
    wanted = _norm(item.question_ref)
    texts: list[tuple[str, Question]] = []
    for question in deck.questions:
        for text in (question.question, *question.aliases):
            if _norm(text) == wanted:
                return question
            texts.append((_norm(text), question))
    from rapidfuzz import fuzz, process

    best = process.extract(wanted, [t for t, _ in texts], scorer=fuzz.ratio, limit=2,
                           score_cutoff=90)
    if not best:
        return None
    if len(best) == 2 and texts[best[0][2]][1] is not texts[best[1][2]][1] \
            and best[0][1] - best[1][1] < 3:
        return None  # two different questions fit about equally: do not guess
    return texts[best[0][2]][1]
