"""Entry point. Keep imports here light: `interviewer --help` must not load textual, openai or
pydantic, and `interviewer` (the app) must reach its first paint without pydantic."""

import argparse
import sys
from collections.abc import Sequence

from interviewer import __version__

#: Subcommand modules; each has `register(subparsers)` which sets `func` on its parsers.
COMMAND_MODULES = (
    "interviewer.cli.corpus_cmd",
    "interviewer.cli.grade_cmd",
    "interviewer.cli.sessions_cmd",
    "interviewer.cli.disputes_cmd",
    "interviewer.cli.doctor_cmd",
    "interviewer.cli.practice_cmd",
)


def build_parser(*, commands: bool = True) -> argparse.ArgumentParser:
    """The command line. Without `commands`, only the options of `interviewer` itself (the
    app): what main() uses when no command is given, so the app's start does not import every
    command's module."""
    import importlib

    from interviewer.cli.common import add_backend_flags

    parser = argparse.ArgumentParser(
        prog="interviewer",
        description="Practise technical interviews in the terminal. "
        "With no command, opens the app (the backend flags choose its model).",
    )
    parser.add_argument("--version", action="version", version=f"interviewer {__version__}")
    add_backend_flags(parser)
    if commands:
        subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
        for name in COMMAND_MODULES:
            importlib.import_module(name).register(subparsers)
    return parser


#: The options `interviewer` takes before (or without) a command, and whether each takes a value.
_APP_OPTIONS = {"--version": False, "--backend": True, "--model": True, "--base-url": True,
                "--api-key-env": True}


def opens_the_app(argv: Sequence[str]) -> bool:
    """True when `argv` is only the app's own options, spelled out in full (no command, no
    --help): the parser without the commands then gives the same result."""
    tokens = iter(argv)
    for token in tokens:
        name, has_value, _ = token.partition("=")
        if name not in _APP_OPTIONS or (has_value and not _APP_OPTIONS[name]):
            return False
        if _APP_OPTIONS[name] and not has_value:
            value = next(tokens, None)
            if value is None or value.startswith("-"):
                return False  # a missing value: the full parser reports it
    return True


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(commands=not opens_the_app(argv))
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        if getattr(args, "command", None):  # a group such as `corpus` with no subcommand
            parser.parse_args([args.command, "--help"])
        from interviewer.cli.app_cmd import run_app

        func = run_app
    from interviewer.cli import exit_codes

    try:
        return int(func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return exit_codes.INTERRUPTED
    except BrokenPipeError:
        return exit_codes.OK
    except Exception as exc:
        code = report_error(exc)
        if code is None:
            raise  # a bug: keep the traceback
        return code


def report_error(exc: Exception) -> int | None:
    """Print an error the user can fix (one line per problem, no traceback) and return the exit
    code; None for anything else. The error classes are imported here, when a command has
    failed, not before every command."""
    from interviewer.cli import exit_codes
    from interviewer.cli.common import err
    from interviewer.corpus.problems import CorpusError
    from interviewer.engine.selection import NothingDue
    from interviewer.llm.errors import LLMError
    from interviewer.settings import ConfigError
    from interviewer.store.db import StoreError, StoreUnusable

    if isinstance(exc, CorpusError):
        for problem in exc.problems:
            err(str(problem))
        return exit_codes.USAGE
    if isinstance(exc, StoreUnusable):  # disk full, not writable, locked, not a store, newer
        err(f"error: {exc}")
        return exit_codes.STORAGE
    if isinstance(exc, NothingDue):  # the message says when and how to practise anyway
        err(str(exc))
        return exit_codes.USAGE
    if isinstance(exc, ConfigError | StoreError):
        err(f"error: {exc}")
        return exit_codes.USAGE
    if isinstance(exc, LLMError):  # backend set-up or provider failure: the message says the fix
        err(f"error: {exc}")  # err() redacts keys
        return exit_codes.BACKEND_CONFIG if exc.is_config else exit_codes.PROBLEMS
    return None


if __name__ == "__main__":
    raise SystemExit(main())
