"""Entry point. Keep imports here light: `interviewer --help` must not load textual/openai."""

import argparse
import sys
from collections.abc import Sequence

from interviewer import __version__

#: Subcommand modules; each has `register(subparsers)` which sets `func` on its parsers.
COMMAND_MODULES = (
    "interviewer.cli.corpus_cmd",
    "interviewer.cli.grade_cmd",
    "interviewer.cli.sessions_cmd",
    "interviewer.cli.doctor_cmd",
    "interviewer.cli.practice_cmd",
)


def build_parser() -> argparse.ArgumentParser:
    import importlib

    parser = argparse.ArgumentParser(
        prog="interviewer",
        description="Practise technical interviews in the terminal. "
        "With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"interviewer {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from interviewer.corpus.problems import CorpusError
    from interviewer.llm.errors import LLMError
    from interviewer.settings import ConfigError
    from interviewer.store.db import StoreError

    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        if args.command:  # a group such as `corpus` with no subcommand
            parser.parse_args([args.command, "--help"])
        from interviewer.cli.app_cmd import run_app

        func = run_app
    try:
        return int(func(args) or 0)
    except CorpusError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 2
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except LLMError as exc:  # backend set-up or provider failure: the message says the fix
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
