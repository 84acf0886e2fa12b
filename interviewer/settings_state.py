"""Writing Home's last choices into the config file's `state:` section.

Only that section is rewritten: every other line of the file (the user's settings, their
comments, their order) is kept exactly as it was. The file is replaced atomically, so a crash
never leaves half a config file."""

from __future__ import annotations

import re
import stat
from pathlib import Path
from typing import Any

from interviewer.atomic_files import atomic_write_text
from interviewer.settings import config_path

_STATE_LINE = re.compile(r"^state\s*:")
_HEADER = "# Home's last choices, written by interviewer (delete this section to forget them)\n"


def replace_state(text: str, state: dict[str, Any]) -> str:
    """`text` (a config file) with its top-level `state:` section replaced by `state` (or the
    section added at the end)."""
    import yaml

    block = yaml.safe_dump({"state": state}, sort_keys=False, allow_unicode=True,
                           default_flow_style=False)
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if _STATE_LINE.match(line)), None)
    if start is None:
        if text and not text.endswith("\n"):
            text += "\n"
        return text + ("\n" if text.strip() else "") + _HEADER + block
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end][0] in " \t"):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():  # blank lines belong to what follows
        end -= 1
    return "".join(lines[:start]) + block + "".join(lines[end:])


def save_home_state(state: dict[str, Any], path: Path | None = None) -> Path:
    """Write `state` into the config file (created if missing); returns the file's path.
    Raises OSError when it cannot be written (the caller says so and carries on)."""
    path = (path or config_path()).resolve()  # a symlinked config: write the file it names
    try:
        text = path.read_text(encoding="utf-8")
        mode = stat.S_IMODE(path.stat().st_mode)  # it may hold a key: keep it private
    except FileNotFoundError:
        text, mode = "", None
    clean = {k: v for k, v in state.items() if v is not None and v != []}
    new = replace_state(text, clean)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, new, mode=mode)
    return path
