"""`interviewer corpus draft-rubrics` and `interviewer corpus review`: rubrics drafted by a
model for a deck that has none, then read and accepted by a person.

Drafts are written next to the deck (`rubrics/<deck>/<id>.yaml`, `status: draft`) and are
used for grading at once, marked "draft rubric" in feedback and exports until reviewed."""

from __future__ import annotations

import argparse
import shutil
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from interviewer.cli.common import add_backend_flags, err, out, positive_int, settings_from_args
from interviewer.cli.exit_codes import OK, PROBLEMS, USAGE
from interviewer.corpus.problems import CorpusError, Problem
from interviewer.text_safety import one_line

if TYPE_CHECKING:
    from interviewer.corpus.catalog import Catalog


def register_draft(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "draft-rubrics",
        help="ask a model to draft a rubric for each question that has none (status: draft)",
        description="Drafts a rubric per question with the configured model, checks it like "
        "`corpus lint` (its own model answer must pass it), and writes it with status: draft "
        "next to the deck. Questions that already have a rubric are skipped, so an "
        "interrupted run resumes. Review drafts with `interviewer corpus review`.",
    )
    p.add_argument("--deck", required=True, help="the deck to draft rubrics for")
    p.add_argument("--question", action="append", dest="questions", metavar="ID",
                   help="only this question (repeat for several)")
    p.add_argument("--concurrency", type=positive_int, metavar="N",
                   help="questions drafted at once (default: the concurrency setting, 4)")
    add_backend_flags(p)
    p.set_defaults(func=cmd_draft)


def register_review(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "review",
        help="list draft rubrics, show one beside its reference answer, mark it reviewed",
        description="Without ids: list the deck's draft rubrics. With ids: show each draft "
        "beside the question's reference answer. With --accept: mark them reviewed "
        "(status: reviewed), after you have read and fixed them.",
    )
    p.add_argument("ids", nargs="*", metavar="ID", help="question ids to show (or accept)")
    p.add_argument("--deck", required=True, help="the deck whose drafts to review")
    p.add_argument("--accept", action="store_true",
                   help="mark the given drafts reviewed (status: reviewed)")
    p.set_defaults(func=cmd_review)


def _catalog(deck: str, settings) -> Catalog:
    from interviewer.corpus.catalog import load_default_catalog

    catalog = load_default_catalog(settings.user_data_dir)
    catalog.raise_for_errors()
    catalog.deck(deck)
    return catalog


def cmd_draft(args: argparse.Namespace) -> int:
    import asyncio

    from interviewer.authoring.rubric_drafter import DraftingStopped, draft_all, pending_questions
    from interviewer.cli.progress import ProgressBar
    from interviewer.llm.registry import backend_from_settings

    settings = settings_from_args(args)  # with --concurrency
    if settings.backend == "offline":
        err("error: drafting rubrics needs a model: pass --backend openai --model NAME (or "
            "litellm, or a plugin); see `interviewer doctor --help`")
        return USAGE
    catalog = _catalog(args.deck, settings)
    deck = catalog.deck(args.deck)
    unknown = [q for q in args.questions or [] if deck.get(q) is None]
    if unknown:
        raise CorpusError([Problem(Path(args.deck), f"has no question {q!r}") for q in unknown])
    rubric_dir = catalog.deck_paths[args.deck].parent.parent / "rubrics" / args.deck
    todo = pending_questions(deck, rubric_dir, args.questions)
    skipped = (len(args.questions) if args.questions else len(deck.questions)) - len(todo)
    if skipped:
        err(f"{skipped} question(s) already have a rubric: skipped")
    if not todo:
        err("nothing to draft")
        return OK
    backend = backend_from_settings(settings)
    bar = ProgressBar(len(todo), label="drafted")
    failed: list = []

    def on_done(outcome) -> None:
        bar.advance(None if outcome.rubric else "failed lint")
        if outcome.rubric is None:
            failed.append(outcome)

    async def run():
        try:
            return await draft_all(backend, deck, todo, rubric_dir,
                                   concurrency=settings.concurrency, on_done=on_done)
        finally:
            await backend.aclose()

    stopped = None
    try:
        outcomes = asyncio.run(run())
    except DraftingStopped as exc:
        stopped, outcomes = exc, exc.done
    finally:
        bar.close()
        if backend.usage.calls:
            err(f"{backend.name} {backend.model}: {backend.usage.summary()}")
    written = [o for o in outcomes if o.rubric is not None]
    for outcome in failed:
        err(f"not drafted: {outcome.question_id}: " + "; ".join(outcome.problems[:3]))
    err(f"wrote {len(written)} draft rubric(s) to {rubric_dir}"
        + (f"; {len(failed)} failed the checks (run again to retry them)" if failed else ""))
    if stopped is not None:
        err(f"error: {stopped.cause}")
        err(f"stopped: {len(todo) - len(outcomes)} question(s) not drafted; run the same "
            "command again to resume")
        return PROBLEMS
    if written:
        err(f"review them: interviewer corpus review --deck {args.deck}")
    return PROBLEMS if failed else OK


def cmd_review(args: argparse.Namespace) -> int:
    from interviewer.settings import load_settings

    catalog = _catalog(args.deck, load_settings())
    rubrics = catalog.rubrics.get(args.deck, {})
    drafts = {qid: r for qid, r in rubrics.items() if r.status == "draft"}
    if not args.ids:
        if args.accept:
            err("error: name the drafts to accept (ids from `corpus review --deck "
                f"{args.deck}`); read each one first")
            return USAGE
        deck = catalog.deck(args.deck)
        for question in deck.questions:
            if question.id in drafts:
                rubric = drafts[question.id]
                out(f"{question.id:<40} {len(rubric.criteria)} criteria  "
                    f"{one_line(question.question, 200)}")
        err(f"{len(drafts)} draft rubric(s) of {len(rubrics)} in deck {args.deck}; show one "
            f"with `interviewer corpus review --deck {args.deck} ID`")
        return OK
    missing = [i for i in args.ids if i not in rubrics]
    if missing:
        raise CorpusError([Problem(Path(args.deck), f"has no rubric for {i!r}") for i in missing])
    if args.accept:
        from interviewer.authoring.rubric_files import mark_reviewed

        code = OK
        for qid in args.ids:
            problems = mark_reviewed(catalog.rubric_paths[(args.deck, qid)])
            for problem in problems:
                err(str(problem))
                code = PROBLEMS if problem.severity == "error" else code
            if not problems:
                err(f"{qid}: marked reviewed")
        return code
    for qid in args.ids:
        _show(catalog, args.deck, qid)
    return OK


def _show(catalog: Catalog, deck: str, qid: str) -> None:
    """The draft beside the reference answer (one below the other on a narrow terminal)."""
    question = catalog.question(deck, qid)
    rubric = catalog.rubric(deck, qid)
    path = catalog.rubric_paths[(deck, qid)]
    left = ["REFERENCE ANSWER (from the deck)", ""]
    left += (question.reference_answer or "(blank)").splitlines()
    right = [f"{rubric.status.upper()} RUBRIC  {path}", ""]
    for c in rubric.criteria:
        essential = ", essential" if c.essential else ""
        right.append(f"[{c.id}] weight {c.weight:g}{essential}: {c.description}")
        for concept in c.concepts:
            opposite = f"  (opposite: {', '.join(concept.opposites)})" if concept.opposites else ""
            right.append(f"  - {', '.join(concept.aliases)}{opposite}")
    for m in rubric.misconceptions:
        right.append(f"misconception [{m.id}] -{m.penalty:g}: {m.claim}")
    for f in rubric.follow_ups:
        right.append(f"follow-up ({', '.join(f.targets)}): {f.question}")
    right += ["", "MODEL ANSWER", *rubric.model_answer.splitlines()]
    # the deck may be imported and the draft is a model's output: every line cleaned
    out(f"{qid}: {question.question}\n")
    width = shutil.get_terminal_size((100, 24)).columns
    if width < 100:
        out("\n".join(left + [""] + right))
    else:
        half = (width - 3) // 2
        l_lines = [w for line in left for w in (textwrap.wrap(line, half) or [""])]
        r_lines = [w for line in right for w in (textwrap.wrap(line, half) or [""])]
        for n in range(max(len(l_lines), len(r_lines))):
            a = l_lines[n] if n < len(l_lines) else ""
            b = r_lines[n] if n < len(r_lines) else ""
            out(f"{a:<{half}} │ {b}".rstrip())
    out(f"\naccept it: interviewer corpus review --deck {deck} --accept {qid}  "
          f"(edit {path} first if anything is wrong)\n")
