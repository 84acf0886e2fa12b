"""`interviewer sessions list|show|export|import|delete|regrade`: the history, headless."""

import argparse
import sys
from pathlib import Path

from interviewer.cli import exit_codes
from interviewer.cli.common import (
    add_backend_flags,
    err,
    open_store,
    out,
    print_json,
    settings_from_args,
)

FORMATS = {"md": "md", "json": "json", "html": "html"}


def register(subparsers: argparse._SubParsersAction) -> None:
    sessions = subparsers.add_parser("sessions", help="list, show, export, import, delete and "
                                     "re-grade stored sessions")
    sub = sessions.add_subparsers(dest="sessions_command", metavar="ACTION")

    p = sub.add_parser("list", help="list stored sessions, most recent first")
    p.add_argument("--status", choices=("active", "finished", "abandoned"),
                   help="only sessions with this status (active = can be resumed)")
    p.add_argument("--limit", type=int, help="at most this many")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", help="a session's scores and transcript, as plain text")
    p.add_argument("id", metavar="ID", help="session id (or a unique prefix of one)")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("export", help="export a session as Markdown, JSON or one HTML file")
    p.add_argument("id", metavar="ID", help="session id (or a unique prefix of one)")
    p.add_argument("--format", "-f", choices=tuple(FORMATS), default="md")
    p.add_argument("-o", "--output", type=Path, metavar="PATH",
                   help="file (or folder) to write; default: standard output")
    p.add_argument("--force", action="store_true", help="overwrite PATH if it exists")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("import", help="import a session from a JSON export")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--new-id", action="store_true",
                   help="store it as a copy under a new id if its id is already stored")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("delete", help="delete a session and everything in it")
    p.add_argument("id", metavar="ID", help="session id (or a unique prefix of one)")
    p.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")
    p.set_defaults(func=cmd_delete)

    p = sub.add_parser(
        "regrade",
        help="grade a stored session again (another backend, or the current rubrics) and "
        "show the difference; the new grades are stored beside the old ones",
    )
    p.add_argument("id", metavar="ID", help="session id (or a unique prefix of one)")
    p.add_argument("--question", action="append", metavar="QUESTION_ID",
                   help="only this question (repeatable)")
    add_backend_flags(p)
    p.set_defaults(func=cmd_regrade)


_LOADED_DECKS: dict = {}


def _deck_catalog(deck: str, rubrics: dict):
    """The one deck `_lookups` read, as a catalog (for the grader's topicality check)."""
    from interviewer.corpus.catalog import Catalog

    found = _LOADED_DECKS.get(deck)
    return Catalog(decks={deck: found}, rubrics={deck: rubrics}) if found is not None else None


def _lookups(deck: str, data_dir) -> tuple[dict, dict]:
    """Question and rubric lookups for one deck (empty when the deck is gone). Only that
    deck's files are read (a later root overrides, as in the catalog), and a broken file
    does not stop an export."""
    from interviewer.corpus.catalog import default_roots, load_deck_file, load_rubric_file
    from interviewer.corpus.problems import errors

    questions: dict = {}
    rubrics: dict = {}
    for root in default_roots(data_dir):
        for path in sorted((root / "corpus").glob(f"{deck}.y*ml")):
            found, problems = load_deck_file(path)
            if found is not None and not errors(problems):
                questions, rubrics = {q.id: q for q in found.questions}, {}
                _LOADED_DECKS[deck] = found
        for path in sorted((root / "rubrics" / deck).glob("*.y*ml")):
            rubric, problems = load_rubric_file(path)
            if rubric is not None and not errors(problems) and rubric.question_id in questions:
                rubrics[rubric.question_id] = rubric
    return questions, rubrics


# ---------------------------------------------------------------------- list / show
def cmd_list(args: argparse.Namespace) -> int:
    from interviewer.store.export_view import fmt_score
    from interviewer.text_safety import one_line

    with open_store(reading=True) as store:
        rows = store.list_sessions(status=args.status, limit=args.limit)
    for damaged in rows.damaged:
        err(f"warning: {damaged}")
    code = exit_codes.PROBLEMS if rows.damaged else exit_codes.OK
    if args.json:
        print_json([r.to_json() for r in rows])
        return code
    if not rows:
        if not rows.damaged:
            err("no sessions stored yet (start one with `interviewer`)")
        return code
    out(f"{'ID':<22}  {'STARTED':<16}  {'DECK':<12} {'MODE':<9} {'STATUS':<9} "
        f"{'ANSWERED':>8}  {'SCORE':>5}  BACKEND")
    for r in rows:
        # names come from the store (an import can set them): one clean line each
        backend = one_line(r.backend + (f" {r.model}" if r.model else ""), 60)
        out(f"{r.id:<22}  {r.created_at:%Y-%m-%d %H:%M}  {one_line(r.deck, 40):<12} "
            f"{r.mode:<9} {r.status:<9} {f'{r.n_answered}/{r.n_questions}':>8}  "
            f"{fmt_score(r.score):>5}  {backend}")
    return code


def cmd_show(args: argparse.Namespace) -> int:
    from interviewer.cli.sessions_text import render_text
    from interviewer.store.export_view import build_view

    with open_store(reading=True) as store:
        session = store.load(args.id)
    sys.stdout.write(render_text(build_view(session)))
    return exit_codes.OK


# ---------------------------------------------------------------------- export / import
def cmd_export(args: argparse.Namespace) -> int:
    from interviewer.settings import load_settings

    from interviewer.store.safe_paths import file_in_folder

    settings = load_settings()
    with open_store(settings, reading=True) as store:
        session = store.load(args.id)
    if args.output is None and args.format == "html" and sys.stdout.isatty():
        err("error: an HTML export goes to a file: give -o PATH (or redirect the output)")
        return exit_codes.USAGE
    target = None
    if args.output is not None:
        # A name built from the session's id must stay in the folder given (an id from an
        # old import could hold "../"); a file name the user typed is theirs to choose.
        target = file_in_folder(args.output, f"session-{session.id}.{FORMATS[args.format]}") \
            if args.output.is_dir() else args.output
        if target.exists() and not args.force:
            err(f"error: {target} exists; pass --force to overwrite it")
            return exit_codes.USAGE
    questions, rubrics = _lookups(session.config.deck, settings.user_data_dir)
    text = _render(args.format, session, questions, rubrics)
    if target is None:
        sys.stdout.write(text)
        return exit_codes.OK
    from interviewer.atomic_files import atomic_write_text
    from interviewer.store.db import os_error

    try:
        atomic_write_text(target, text)  # a crash never leaves half a file
    except OSError as exc:
        raise os_error(exc, f"write {target}") from None
    err(f"wrote {target}")
    return exit_codes.OK


def _render(fmt: str, session, questions, rubrics) -> str:
    if fmt == "json":
        from interviewer.store.export_json import export_json

        return export_json(session, questions, rubrics)
    if fmt == "html":
        from interviewer.store.export_html import export_html

        return export_html(session, questions, rubrics)
    from interviewer.store.export_markdown import export_markdown

    return export_markdown(session, questions, rubrics)


def cmd_import(args: argparse.Namespace) -> int:
    from interviewer.store.export_json import import_session

    warnings: list = []
    with open_store() as store:
        session = import_session(args.file, store, new_id=args.new_id, warnings=warnings)
    for warning in warnings:
        err(str(warning))
    print(session.id)
    err(f"imported session {session.id} ({len(session.records)} questions, "
        f"{len(session.turns)} turns)")
    return exit_codes.OK


# ---------------------------------------------------------------------- delete
def cmd_delete(args: argparse.Namespace) -> int:
    with open_store() as store:
        session_id = store.resolve_id(args.id)
        if not args.yes:
            if not sys.stdin.isatty():
                err(f"error: deleting {session_id} needs confirmation: pass --yes")
                return exit_codes.USAGE
            summary = next((s for s in store.list_sessions() if s.id == session_id), None)
            detail = f" ({summary.n_answered}/{summary.n_questions} answered, {summary.status})" \
                if summary else ""
            reply = input(f"Delete session {session_id}{detail}? This cannot be undone. [y/N] ")
            if reply.strip().lower() not in ("y", "yes"):
                err("not deleted")
                return exit_codes.PROBLEMS
        store.delete(session_id)
    err(f"deleted session {session_id}")
    return exit_codes.OK


# ---------------------------------------------------------------------- regrade
def cmd_regrade(args: argparse.Namespace) -> int:
    import asyncio

    from interviewer.grading.factory import make_grader
    from interviewer.grading.protocols import GradeRequest
    from interviewer.store.export_view import build_view

    settings = settings_from_args(args)
    with open_store(settings) as store:
        before = store.load(args.id)
        deck = before.config.deck
        questions, rubrics = _lookups(deck, settings.user_data_dir)
        wanted = set(args.question or [])
        requests: dict[str, GradeRequest] = {}
        problems = 0
        for record in before.records:
            if wanted and record.question_id not in wanted:
                continue
            if not record.grades:
                continue  # never graded (skipped or unfinished): nothing to re-grade
            question = questions.get(record.question_id)
            if question is None:
                err(f"{record.question_id}: not in deck {deck!r} any more; not re-graded")
                problems += 1
                continue
            attempt = record.grade.attempt  # the graded attempt (the retry, if any)
            requests[record.question_id] = GradeRequest(
                question=question, rubric=rubrics.get(record.question_id),
                answer=before.answer_text(record.question_id, attempt),
                transcript=before.turns_for(record.question_id, attempt),
            )
        unknown = wanted - {r.question_id for r in before.records}
        if unknown:
            err(f"error: not in session {before.id}: {', '.join(sorted(unknown))}")
            return exit_codes.USAGE
        if not requests:
            err(f"session {before.id} has no graded questions to re-grade")
            return exit_codes.PROBLEMS if problems else exit_codes.OK
        grader = make_grader(settings, _deck_catalog(deck, rubrics))
        err(f"re-grading {len(requests)} question(s) of {before.id} with {settings.backend}"
            + (f" {settings.model}" if settings.model else ""))
        failures = asyncio.run(_regrade_all(store, before, grader, requests, settings.concurrency))
        after = store.load(before.id)
    _print_diff(before, after, requests)
    _print_disputes(after, requests)
    old, new = build_view(before).overall, build_view(after).overall
    if old is not None and new is not None:
        out(f"overall: {old:.1f} -> {new:.1f} ({_signed(new - old)})")
    return exit_codes.PROBLEMS if failures or problems else exit_codes.OK


async def _regrade_all(store, session, grader, requests: dict, concurrency: int) -> int:
    """Grade concurrently (bounded); each grade is stored as soon as it arrives, so a
    provider failure half-way keeps the grades already made. A new grade belongs to the same
    attempt as the old one, with the same answer flags ("I don't know", over time), and
    costs the same points for hints. A backend setting to fix (key, model) stops the run
    and is raised (main reports it once, exit BACKEND_CONFIG); the grader's token use is
    printed and the grader closed however it ends."""
    import asyncio

    from interviewer.cli.grade_batch import close_grader, is_fatal
    from interviewer.engine.grade_finish import grade_finisher

    session_id = session.id
    records = {r.question_id: r for r in session.records}

    limit = asyncio.Semaphore(max(1, concurrency))
    failures = 0

    async def one(question_id: str, request) -> None:
        nonlocal failures
        async with limit:
            try:
                grade = await grader.grade(request)
            except Exception as exc:  # noqa: BLE001 - one failed question must not stop the rest
                if is_fatal(exc):  # ... but a bad key or model would fail every one of them
                    raise
                err(f"{question_id}: not re-graded: {exc}")
                failures += 1
                return
        record = records[question_id]
        # as the session finished it: same attempt, answer flags, hint penalty
        finish = grade_finisher(record, request, session.config,
                                now=record.finished_at or record.started_at,
                                attempt=record.grade.attempt)
        store.add_grade(session_id, question_id, finish(grade))

    tasks = [asyncio.ensure_future(one(qid, req)) for qid, req in requests.items()]
    try:
        await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
        for task in tasks:
            if task.done() and task.exception() is not None:
                raise task.exception()
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await close_grader(grader)
    return failures


def _print_diff(before, after, requests: dict) -> None:
    """Per question: old -> new (delta), rubric and backend changes, verdict changes."""
    old_records = {r.question_id: r for r in before.records}
    width = max((len(q) for q in requests), default=10)
    for record in after.records:
        if record.question_id not in requests:
            continue
        old, new = old_records[record.question_id].grade, record.grade
        if new is None or old is None or len(record.grades) == len(old_records[record.question_id].grades):
            continue  # failed: already reported
        notes = []
        if old.rubric_version != new.rubric_version:
            notes.append(f"rubric {_version(old.rubric_version)} -> {_version(new.rubric_version)}")
        elif old.rubric_hash != new.rubric_hash and old.rubric_hash and new.rubric_hash:
            notes.append("rubric edited (same version)")
        old_by, new_by = _grader_name(old), _grader_name(new)
        if old_by != new_by:
            notes.append(f"{old_by} -> {new_by}")
        out(f"{record.question_id:<{width}}  {old.score:5.1f} -> {new.score:5.1f} "
              f"({_signed(new.score - old.score)})" + (f"  {'; '.join(notes)}" if notes else ""))
        old_verdicts = {c.id: c.verdict for c in old.criteria}
        for c in new.criteria:
            if c.id in old_verdicts and old_verdicts[c.id] != c.verdict:
                out(f"{'':<{width}}    {c.id}: {old_verdicts[c.id]} -> {c.verdict}")


def _print_disputes(after, requests: dict) -> None:
    """For each disputed verdict among the re-graded questions: does the new grade agree?"""
    from interviewer.engine.disputes import agreement, verdict_now
    from interviewer.text_safety import one_line

    records = {r.question_id: r for r in after.records}
    for dispute in after.disputes:
        if dispute.question_id not in requests:
            continue
        new = verdict_now(dispute, records[dispute.question_id].grade)
        out(f"disputed {dispute.question_id} {dispute.criterion_id} (was {dispute.verdict}; "
            f"\"{one_line(dispute.reason, 60)}\"): {agreement(dispute, new)}")


def _version(version: int | None) -> str:
    return "none (reference-only)" if version is None else f"v{version}"


def _grader_name(grade) -> str:
    return grade.backend + (f" {grade.model}" if grade.model else "")


def _signed(delta: float) -> str:
    delta = round(delta, 1)
    return "±0.0" if delta == 0 else f"{delta:+.1f}"
