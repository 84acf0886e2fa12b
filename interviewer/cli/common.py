"""Helpers shared by the subcommands: backend flags, settings, output."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from interviewer.settings_model import Settings

#: The backend flags' destinations, as `load_settings` keyword arguments.
BACKEND_FLAGS = ("backend", "model", "base_url", "api_key_env")


def add_backend_flags(parser: argparse.ArgumentParser) -> None:
    """--backend/--model/--base-url/--api-key-env: the same everywhere a model may be used.

    A flag left out sets nothing (argparse.SUPPRESS), so a subcommand's parser does not
    overwrite what was given before the subcommand: `interviewer --backend openai practice`
    and `interviewer practice --backend openai` mean the same."""
    group = parser.add_argument_group("backend")
    unset = argparse.SUPPRESS
    group.add_argument("--backend", default=unset,
                       help="offline | openai | litellm | a plugin (default: offline)")
    group.add_argument("--model", default=unset,
                       help="model name, e.g. gpt-4o-mini, ollama/llama3")
    group.add_argument("--base-url", default=unset,
                       help="OpenAI-compatible server URL, e.g. http://localhost:11434/v1")
    group.add_argument("--api-key-env", default=unset,
                       help="name of the env var that holds the API key")


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1 (`--concurrency`)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def setting_overrides(args: argparse.Namespace) -> dict[str, Any]:
    """The settings given on the command line (flags left out are not included)."""
    names = (*BACKEND_FLAGS, "concurrency")
    return {name: getattr(args, name) for name in names if getattr(args, name, None) is not None}


def settings_from_args(args: argparse.Namespace) -> Settings:
    """Settings from env and config file, with any flags given on the command line on top."""
    from interviewer.settings import load_settings

    return load_settings(**setting_overrides(args))


def print_json(data: Any) -> None:
    """JSON on stdout with control and bidi characters escaped (see sanitize.json_text)."""
    from interviewer.store.sanitize import json_text

    sys.stdout.write(json_text(data) + "\n")


def out(line: str) -> None:
    """One line of plain-text results on stdout, cleaned like any untrusted text for the
    terminal (ids, names and quotes in it may come from an imported file)."""
    from interviewer.text_safety import plain

    print(plain(line))


def err(message: str) -> None:
    """One line to stderr (the CLI's way to report a problem). Messages quote file names,
    ids and model errors, so they are cleaned like any untrusted text for the terminal, and
    keys never reach it (a provider's error body may echo one)."""
    from interviewer.redaction import redact
    from interviewer.text_safety import plain

    print(plain(redact(message)), file=sys.stderr)


def open_store(settings=None, *, reading: bool = False):
    """The store. `reading` commands (list, show, export) still work when it cannot be
    written (disk full, read-only folder): it is opened read-only, with a note on stderr."""
    from interviewer.settings import load_settings
    from interviewer.store.session_store import SessionStore

    store = SessionStore.open(settings or load_settings(), read_only_fallback=reading)
    if store.read_only is not None:
        err(f"note: {store.read_only} The store is open read-only: listing, showing and "
            "exporting work; nothing can be saved until this is fixed.")
    return store
