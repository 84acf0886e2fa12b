"""`interviewer disputes`: every verdict a candidate disputed, with their reason and what the
latest grade of that answer says now. This is how rubric bugs get found: a criterion that
collects disputes is worth a look (`sessions regrade ID` after fixing it shows whether the
new rubric agrees)."""

import argparse

from interviewer.cli.common import err, print_json


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
    from interviewer.cli.sessions_cmd import _store
    from interviewer.store.dispute_queries import list_disputes
    from interviewer.text_safety import plain

    with _store() as store:
        rows = list_disputes(store, deck=args.deck, question_id=args.question)
    if args.json:
        print_json([row.to_json() for row in rows])
        return 0
    if not rows:
        err("no disputed verdicts (dispute one from a question's feedback: key d)")
        return 0
    for row in rows:
        now = "not graded again" if row.now is None else (
            f"regraded: {row.now}" + (" (agrees)" if row.now != row.verdict else " (same)"))
        rubric = f" rubric v{row.rubric_version}" if row.rubric_version is not None else ""
        print(f"{row.created_at:%Y-%m-%d %H:%M}  {row.session_id}  {plain(row.deck)}/"
              f"{plain(row.question_id)}  attempt {row.attempt}")
        print(f"  {plain(row.criterion_id)}: {row.verdict} by {plain(row.backend)}{rubric}; {now}")
        print(f"  reason: {plain(row.reason)}")
    print(f"{len(rows)} disputed verdict(s)")
    return 0
