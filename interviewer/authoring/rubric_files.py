"""Rubric files written for review: YAML in schema order, and the one-line status change a
review makes (the rest of the file, the reviewer's edits and comments included, is kept)."""

import re
from pathlib import Path

from interviewer.atomic_files import atomic_write_text
from interviewer.corpus.catalog import load_rubric_file
from interviewer.corpus.deck_writer import dump_for_review
from interviewer.corpus.problems import Problem, errors
from interviewer.domain import Rubric

_STATUS = re.compile(r"^status:[ \t]*['\"]?draft['\"]?[ \t]*(#.*)?$", re.MULTILINE)


def dump_rubric(rubric: Rubric, header: str = "") -> str:
    """The rubric as YAML: identity and status first, the model answer as a `|` block."""
    data = rubric.model_dump(mode="json")
    ordered = {k: data[k] for k in ("schema_version", "question_id", "version", "status")}
    ordered.update({k: v for k, v in data.items() if k not in ordered})
    ordered["model_answer"] = ordered["model_answer"].strip() + "\n"
    body = dump_for_review(ordered)
    comment = "".join(f"# {line}\n" for line in header.splitlines())
    return comment + body


def write_rubric(path: Path, rubric: Rubric, header: str = "") -> None:
    """Write atomically (a crash leaves the old file or the new one, never half of one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, dump_rubric(rubric, header))


def mark_reviewed(path: Path) -> list[Problem]:
    """Set `status: reviewed` in a draft rubric file; problems if it is not a loadable draft."""
    rubric, problems = load_rubric_file(path)
    if rubric is None or errors(problems):
        return problems or [Problem(path, "cannot be read as a rubric")]
    if rubric.status != "draft":
        return [Problem(path, "is already reviewed", severity="warning")]
    text = path.read_text(encoding="utf-8")
    new, count = _STATUS.subn("status: reviewed", text, count=1)
    if count != 1:
        return [Problem(path, "has no top-level 'status: draft' line to change")]
    atomic_write_text(path, new)  # the reviewer's file: never left half-written
    return []
