"""Text hygiene for everything the store writes and every export: no secrets, no machine
paths, no terminal control sequences.

Two separate jobs:
- `Redactor` removes API keys (values of secret-looking environment variables, the configured
  key) and machine paths (the user's home, the data folder). Applied when writing to the store
  and again when exporting, so a key pasted into an answer or echoed in a backend error never
  reaches the database file or an export.
- `clean_text` strips ANSI escape sequences and control characters. Applied to exports and to
  the CLI's plain-text output (the store keeps what was typed, minus secrets).
"""

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from interviewer.redaction import KEY_SHAPES, MIN_SECRET_LEN, REDACTED, SECRET_NAME, known_secrets
from interviewer.text_safety import plain

__all__ = ["MIN_SECRET_LEN", "REDACTED", "SECRET_NAME", "Redactor", "clean_text", "map_strings"]

#: `text` without ANSI escapes, control characters or bidi overrides (\\n and \\t kept).
clean_text = plain


class Redactor:
    """Replaces secret values with `[redacted]` and machine paths with `~` / `<data>`."""

    def __init__(self, secrets: Iterable[str] = (), paths: Iterable[tuple[str, str]] = ()):
        self._secrets = sorted({s for s in secrets if s and len(s) >= MIN_SECRET_LEN},
                               key=len, reverse=True)
        pairs = {(p.rstrip("/\\"), label) for p, label in paths if p and len(p.rstrip("/\\")) >= 4}
        # Longest first, so the data folder inside the home folder is replaced as a whole.
        self._paths = [
            (re.compile(re.escape(p) + r"(?![\w-])"), label)
            for p, label in sorted(pairs, key=lambda pair: len(pair[0]), reverse=True)
        ]

    @classmethod
    def from_environment(
        cls, extra_secrets: Iterable[str] = (), data_dirs: Iterable[Path] = ()
    ) -> "Redactor":
        """Secrets from secret-looking environment variables plus `extra_secrets`; paths: the
        user's home (shown as `~`) and the data folders (shown as `<data>`)."""
        # the configured keys (registered when the backend options were resolved) and the
        # secret-looking environment variables, as every terminal message is redacted
        secrets = known_secrets(list(extra_secrets))
        paths: list[tuple[str, str]] = []
        for folder in data_dirs:
            paths += [(p, "<data>") for p in _spellings(folder)]
        env_home = os.environ.get("INTERVIEWER_HOME")
        if env_home:
            paths += [(p, "<data>") for p in _spellings(Path(env_home))]
        try:
            paths += [(p, "~") for p in _spellings(Path.home())]
        except RuntimeError:  # no home directory can be determined
            pass
        return cls(secrets, paths)

    def __call__(self, text: str) -> str:
        for secret in self._secrets:
            if secret in text:
                text = text.replace(secret, REDACTED)
        text = KEY_SHAPES.sub(REDACTED, text)
        for pattern, label in self._paths:
            text = pattern.sub(label, text)
        return text

    def tree(self, value: Any) -> Any:
        """Apply to every string inside JSON-like data (dicts, lists, strings)."""
        return map_strings(value, self)


def map_strings(value: Any, func) -> Any:
    """A copy of JSON-like data with `func` applied to every string value (keys unchanged)."""
    if isinstance(value, str):
        return func(value)
    if isinstance(value, dict):
        return {k: map_strings(v, func) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [map_strings(v, func) for v in value]
    return value


def _spellings(path: Path) -> list[str]:
    """The path as given and resolved (a symlinked /tmp or home has two spellings)."""
    found = {str(path)}
    try:
        found.add(str(path.resolve()))
    except OSError:
        pass
    return [p for p in found if p not in ("/", "")]
