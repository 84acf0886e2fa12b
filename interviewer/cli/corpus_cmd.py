"""`interviewer corpus list|stats|lint|import`.

The catalog and the domain models are imported by the commands, not here: building the
parser (`interviewer --help`, the app's start) must not load pydantic."""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from interviewer.cli import exit_codes
from interviewer.cli.common import err, out, print_json
from interviewer.corpus.problems import errors

if TYPE_CHECKING:
    from interviewer.corpus.catalog import Catalog


def register(subparsers: argparse._SubParsersAction) -> None:
    corpus = subparsers.add_parser(
        "corpus", help="list, lint and import question decks; draft and review rubrics")
    sub = corpus.add_subparsers(dest="corpus_command", metavar="ACTION")

    p = sub.add_parser("list", help="list the questions of every deck (or one)")
    p.add_argument("--deck", help="only this deck")
    p.add_argument("--topic", help="only this topic")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("stats", help="count questions by deck, topic and difficulty")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser(
        "lint",
        help="check decks and rubrics: schema, ids, coverage, and that each rubric's "
        "model answer passes its own rubric",
    )
    p.add_argument("path", nargs="?", type=Path,
                   help="a deck or rubric file, or a folder with corpus/ and rubrics/ "
                   "(default: the shipped data and your data folder)")
    p.set_defaults(func=cmd_lint)

    p = sub.add_parser(
        "import",
        help="import Markdown Q&A documents into a deck you can practise",
        description="Reads Markdown Q&A documents in any common layout ('## 1. Question' "
        "headings, '1. **Question**' lines, '**1)** Task', bold questions, 'Q:' lines, "
        "'- **Answer**:' lists, <summary> sections), merges near-duplicates, flags blank and "
        "placeholder answers, and writes a deck into your data folder, where `practice` finds it.",
    )
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--deck", required=True, help="deck name (a slug, e.g. my-notes)")
    p.add_argument("--out", type=Path,
                   help="output path (default: <data folder>/corpus/<deck>.yaml, where practice "
                   "looks)")
    p.add_argument("--force", action="store_true",
                   help="overwrite an existing output file, or use the name of a shipped deck")
    p.add_argument("--explain", action="store_true",
                   help="print each document's layout and which lines became questions (and "
                   "which did not, and why)")
    p.add_argument("--dry-run", action="store_true", help="report what would be imported; "
                   "write nothing")
    p.set_defaults(func=cmd_import)

    from interviewer.cli.rubric_draft_cmd import register_draft, register_review

    register_draft(sub)
    register_review(sub)


def _catalog(args: argparse.Namespace) -> Catalog:
    from interviewer.corpus.catalog import load_default_catalog
    from interviewer.settings import load_settings

    catalog = load_default_catalog(load_settings().user_data_dir)
    catalog.raise_for_errors()
    if getattr(args, "deck", None):
        catalog.deck(args.deck)  # raises with the list of decks if unknown
    return catalog


def cmd_list(args: argparse.Namespace) -> int:
    catalog = _catalog(args)
    rows = [
        {
            "id": q.id,
            "deck": deck,
            "question": q.question,
            "topic": q.topic,
            "difficulty": q.difficulty,
            "reference_answer": q.reference_answer,
            "sources": [s.model_dump(exclude_none=True) for s in q.sources],
            "aliases": q.aliases,
            "has_rubric": catalog.rubric(deck, q.id) is not None,
        }
        for deck, q in catalog.questions(args.deck)
        if args.topic is None or q.topic == args.topic
    ]
    if args.json:
        print_json(rows)
        return exit_codes.OK
    width = max((len(r["id"]) for r in rows), default=10)
    for r in rows:
        # an imported deck's text is untrusted: `out` cleans it for the terminal
        out(f"{r['deck']}/{r['id']:<{width}}  {r['topic']:<13} {r['difficulty']:<6}  {r['question']}")
    err(f"{len(rows)} questions")
    return exit_codes.OK


def cmd_stats(args: argparse.Namespace) -> int:
    from interviewer.domain import DIFFICULTIES, TOPICS

    catalog = _catalog(args)
    stats = {}
    for name, deck in sorted(catalog.decks.items()):
        topics = Counter(q.topic for q in deck.questions)
        levels = Counter(q.difficulty for q in deck.questions)
        stats[name] = {
            "title": deck.deck.title,
            "questions": len(deck.questions),
            "rubrics": len(catalog.rubrics.get(name, {})),
            "by_topic": {t: topics[t] for t in (deck.deck.topics or TOPICS) if topics[t]},
            "by_difficulty": {d: levels[d] for d in DIFFICULTIES if levels[d]},
            "sources": sum(1 for q in deck.questions for src in q.sources if src.doc),
            "pages": sum(1 for q in deck.questions for src in q.sources if src.url),
        }
    if args.json:
        print_json(stats)
        return exit_codes.OK
    for name, s in stats.items():
        pages = f", {s['pages']} documentation pages cited" if s["pages"] else ""
        out(f"{name}: {s['title']} — {s['questions']} questions, {s['rubrics']} rubrics, "
            f"{s['sources']} source questions{pages}")
        for label, counts in (("topic", s["by_topic"]), ("difficulty", s["by_difficulty"])):
            out(f"  by {label}:")
            for key, n in counts.items():
                out(f"    {key:<14} {n:>3}  {'█' * n}")
    return exit_codes.OK


def cmd_lint(args: argparse.Namespace) -> int:
    from interviewer.corpus.lint import lint_path, lint_roots
    from interviewer.grading.rubric_selfcheck import check_model_answers
    from interviewer.settings import load_settings

    checks = [check_model_answers]
    if args.path is None:
        from interviewer.corpus.catalog import default_roots

        problems, summary = lint_roots(default_roots(load_settings().user_data_dir), checks)
    else:
        problems, summary = lint_path(args.path, checks)
    for problem in problems:
        err(str(problem))
    n_err = len(errors(problems))
    n_warn = len(problems) - n_err
    err(f"{summary}: {n_err} error(s), {n_warn} warning(s)")
    return exit_codes.PROBLEMS if n_err else exit_codes.OK


def cmd_import(args: argparse.Namespace) -> int:
    from interviewer.cli.import_report import import_and_write

    return import_and_write(args)
