"""Text hygiene for everything the store writes and every export: no secrets, no machine
paths, no terminal control sequences.

Two separate jobs:
- `Redactor` removes API keys (values of secret-looking environment variables, the configured
  key) and machine paths (the user's home, the data folder). Applied when writing to the store
  and again when exporting, so a key pasted into an answer or echoed in a backend error never
  reaches the database file or an export.
- One function per output medium shows untrusted text (answers, model output, and every name
  an import file or the database holds) safely:
  - terminal (the CLI's printers, stderr): `clean_text`, or `one_line` for table cells;
  - Markdown (exports, and the app's Markdown turns): `markdown_text` (no formatting, links,
    images, HTML or autolinks of its own; defined in interviewer.text_safety);
  - JSON: `json_text` (control, bidi and line-separator characters escaped, never raw);
  - HTML: Jinja2 autoescaping of `clean_text` output (export_html.py);
  - Textual widgets: `interviewer.tui.safe_text.literal` (never markup).
"""

import json
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from interviewer.redaction import KEY_SHAPES, MIN_SECRET_LEN, REDACTED, SECRET_NAME, known_secrets
from interviewer.text_safety import markdown_text, one_line, plain, valid_unicode

#: `text` without ANSI escapes, control characters or bidi overrides (\\n and \\t kept).
clean_text = plain

__all__ = ["MIN_SECRET_LEN", "REDACTED", "SECRET_NAME", "Redactor", "clean_text", "json_text",
           "map_strings", "markdown_text", "one_line", "valid_unicode"]

# json.dumps escapes C0 controls itself; these it would write raw (with ensure_ascii=False).
_JSON_RAW = re.compile(r"[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
                       r"\ud800-\udfff]")


def json_text(data: Any, *, indent: int | None = 2) -> str:
    """`data` as JSON text in which no control, bidi or line-separator character (and no lone
    surrogate, which cannot even be encoded) appears raw: each is a `\\uXXXX` escape, so the
    text is safe to print and round-trips exactly. Other non-ASCII text stays readable."""
    text = json.dumps(data, indent=indent, ensure_ascii=False, default=str)
    # Outside strings JSON is plain ASCII, so these can only be inside strings.
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


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
        # A lone surrogate (from undecodable input) cannot be written as UTF-8: shown as U+FFFD.
        text = valid_unicode(text)
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
