"""Helpers shared by the subcommands: backend flags, settings, output."""

import argparse
import json
import sys
from typing import Any

from interviewer.settings import Settings, load_settings


def add_backend_flags(parser: argparse.ArgumentParser) -> None:
    """--backend/--model/--base-url/--api-key-env: the same everywhere a model may be used."""
    group = parser.add_argument_group("backend")
    group.add_argument("--backend", help="offline | openai | litellm | a plugin (default: offline)")
    group.add_argument("--model", help="model name, e.g. gpt-4o-mini, ollama/llama3")
    group.add_argument("--base-url", help="OpenAI-compatible server URL, e.g. http://localhost:11434/v1")
    group.add_argument("--api-key-env", help="name of the env var that holds the API key")


def settings_from_args(args: argparse.Namespace) -> Settings:
    """Settings from env and config file, with any flags given on the command line on top."""
    return load_settings(
        backend=getattr(args, "backend", None),
        model=getattr(args, "model", None),
        base_url=getattr(args, "base_url", None),
        api_key_env=getattr(args, "api_key_env", None),
        concurrency=getattr(args, "concurrency", None),
    )


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


def err(message: str) -> None:
    """One line to stderr (the CLI's way to report a problem)."""
    print(message, file=sys.stderr)
