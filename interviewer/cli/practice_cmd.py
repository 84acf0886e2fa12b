"""`interviewer practice`: start a session straight away (in the app, or line by line with
--plain). The flags are Home's choices."""

import argparse

from interviewer.cli.common import add_backend_flags
# not interviewer.domain's copy: building the parser must not load pydantic
from interviewer.taxonomy import DIFFICULTIES, TOPICS


def _count(value: str) -> int:
    number = int(value)
    if not 1 <= number <= 100:
        raise argparse.ArgumentTypeError("must be between 1 and 100")
    return number


def _points(value: str) -> float:
    number = float(value)
    if not 0 <= number <= 50:
        raise argparse.ArgumentTypeError("must be between 0 and 50")
    return number


def _seconds(value: str) -> int:
    number = int(value)
    if number < 10:
        raise argparse.ArgumentTypeError("must be at least 10 seconds")
    return number


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "practice", help="start a practice or interview session now",
        description="Start a session with these choices (the same as Home's). Opens the app, "
        "or runs line by line with --plain.")
    p.add_argument("--deck", default="pytorch", help="deck name (default: pytorch)")
    p.add_argument("--topic", action="append", metavar="TOPIC", dest="topics",
                   help="only this topic (repeat for several); the pytorch deck's: "
                   f"{', '.join(TOPICS)}; an imported deck's are its section headings "
                   "(`interviewer corpus stats`)")
    p.add_argument("--difficulty", action="append", choices=DIFFICULTIES, dest="difficulties",
                   help="only this difficulty (repeat for several)")
    p.add_argument("--count", type=_count, default=8, help="number of questions (default: 8)")
    p.add_argument("--mode", choices=("practice", "interview"), default="practice",
                   help="practice: feedback after each question, hints; interview: timed, "
                   "feedback at the end")
    p.add_argument("--time-limit", type=_seconds, metavar="SECONDS",
                   help="interview mode: seconds per question (default: 180)")
    p.add_argument("--seed", type=int, help="seed for question selection (repeatable sessions)")
    p.add_argument("--favour-weak", action="store_true",
                   help="draw more questions from topics you scored low on")
    p.add_argument("--pick", choices=("random", "due", "all"), default="random",
                   help="random (default): leave out questions not due for review yet; due: "
                   "the questions due for review first, then new ones; all: ignore the "
                   "review schedule")
    p.add_argument("--due", action="store_const", const="due", dest="pick",
                   help="same as --pick due: review what is due today first, then new questions")
    p.add_argument("--hint-cost", type=_points, metavar="POINTS",
                   help="practice mode: points each hint costs (default: 0, or the config "
                   "file's hint_cost)")
    p.add_argument("--resume", metavar="ID", help="resume a stored session (an id or its prefix)")
    p.add_argument("--plain", action="store_true",
                   help="line-mode session on stdin/stdout instead of the full-screen app")
    add_backend_flags(p)
    p.set_defaults(func=cmd_practice)


def cmd_practice(args: argparse.Namespace) -> int:
    from interviewer.cli.common import settings_from_args
    from interviewer.domain import SessionConfig

    settings = settings_from_args(args)
    config = None
    if args.topics and args.resume is None:
        _check_topics(settings, args.deck, args.topics)
    if args.resume is None:
        interview = args.mode == "interview"
        config = SessionConfig(
            deck=args.deck, topics=args.topics or [], difficulties=args.difficulties or [],
            count=args.count, mode=args.mode, seed=args.seed, favour_weak=args.favour_weak,
            pick=args.pick,
            hint_penalty=0 if interview else (
                args.hint_cost if args.hint_cost is not None else settings.hint_cost),
            time_limit_s=(args.time_limit or 180) if interview else None,
            follow_up_budget=settings.follow_up_budget,
            backend=settings.backend, model=settings.model,
        )
    if args.plain:
        from interviewer.cli.plain_runner import run_plain

        return run_plain(settings, config, args.resume)
    from interviewer.cli.app_cmd import run_app

    return run_app(args, settings=settings, config=config, resume_id=args.resume)


def _check_topics(settings, deck_name: str, topics: list[str]) -> None:
    """Every --topic names a topic of the deck (decks may have their own topics)."""
    from pathlib import Path

    from interviewer.corpus.catalog import load_default_catalog
    from interviewer.corpus.problems import CorpusError, Problem

    catalog = load_default_catalog(settings.user_data_dir)
    deck = catalog.decks.get(deck_name)
    if deck is None:
        return  # the session start reports an unknown deck, with the list of decks
    known = list(dict.fromkeys(q.topic for q in deck.questions))
    unknown = [t for t in topics if t not in known]
    if unknown:
        raise CorpusError([Problem(Path(f"--topic {t}"), f"is not a topic of deck {deck_name!r} "
                                   f"(topics: {', '.join(known)})") for t in unknown])
