"""`interviewer disputes`: every verdict a candidate disputed, with their reason and what the
latest grade of that answer says now. This is how rubric bugs get found: a criterion that
collects disputes is worth a look (`sessions regrade ID` after fixing it shows whether the
new rubric agrees)."""

import argparse

from interviewer.cli import exit_codes
from interviewer.cli.common import err, open_store, out, print_json


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "disputes", help="list the verdicts you disputed (how rubric bugs get found)",
        description="Every disputed verdict, oldest first: session, question, criterion, the "
        "verdict given, the reason, and the verdict of the latest grade of that answer (after "
        "`sessions regrade`, whether it agrees).")
    p.add_argument("--deck", help="only this deck")
    p.add_argument("--question", metavar="QUESTION_ID", help="only this question")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.set_defaults(func=cmd_disputes)


def cmd_disputes(args: argparse.Namespace) -> int:
    from interviewer.engine.disputes import agreement
    from interviewer.store.dispute_queries import list_disputes
    from interviewer.text_safety import one_line

    with open_store(reading=True) as store:
        rows = list_disputes(store, deck=args.deck, question_id=args.question)
    for session_id in rows.damaged:
        err(f"warning: a dispute of session {one_line(repr(session_id), 90)} cannot be read "
            "(was the file edited by hand?); the others are listed")
    code = exit_codes.PROBLEMS if rows.damaged else exit_codes.OK
    if args.json:
        print_json([row.to_json() for row in rows])
        return code
    if not rows:
        if not rows.damaged:
            err("no disputed verdicts (dispute one from a question's feedback: key d)")
        return code
    # every name and the reason come from the store (an import can set them): `out` cleans
    for row in rows:
        now = agreement(row, row.now, short=True)
        rubric = f" rubric v{row.rubric_version}" if row.rubric_version is not None else ""
        out(f"{row.created_at:%Y-%m-%d %H:%M}  {row.session_id}  {one_line(row.deck, 60)}/"
            f"{one_line(row.question_id, 80)}  attempt {row.attempt}")
        out(f"  {one_line(row.criterion_id, 80)}: {one_line(str(row.verdict), 20)} by "
            f"{one_line(str(row.backend), 60)}{rubric}; {one_line(now, 40)}")
        out(f"  reason: {one_line(row.reason, 2000)}")
    out(f"{len(rows)} disputed verdict(s)")
    return code
