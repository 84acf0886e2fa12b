"""What `interviewer grade` writes on stdout, one result at a time as each is finished.

- a table (default): a row per graded answer;
- `--jsonl`: one JSON object per line, flushed at once: a graded answer (with `score`), an
  answer that could not be graded (with `error`); whatever stops the run, every line
  already written is complete;
- `--json`: one document, written as the results come and always closed, even after an
  error or Ctrl-C: `results`, `not_graded`, `errors`, `interrupted` and a `summary`.

Every string goes through the JSON medium's escaping (sanitize.json_text) or, for the table,
the terminal's (text_safety.plain).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TextIO

from interviewer.cli.grade_summary import GradeSummary, flag_column
from interviewer.store.sanitize import json_text
from interviewer.text_safety import plain

if TYPE_CHECKING:
    from interviewer.cli.grade_input import AnswerItem
    from interviewer.domain import Grade


@dataclass
class BatchSummary:
    """Counts for the end of a run (and the `summary` of `--json`)."""

    answers: int = 0
    graded: int = 0
    score_total: float = 0.0
    not_graded: int = 0      # unknown question
    errors: int = 0          # grading failed
    interrupted: bool = False
    stopped: str | None = None   # why the run stopped early (a backend set-up error)
    #: who graded the graded answers: the requested backend, or offline after a fallback (why)
    by: GradeSummary = field(default_factory=GradeSummary)

    def add(self, grade: Grade) -> None:
        """Count one graded answer."""
        self.graded += 1
        self.score_total += grade.score
        self.by.add(grade)

    @property
    def fell_back(self) -> int:
        """Graded, but by the offline grader instead of the model."""
        return sum(self.by.fell_back.values())

    @property
    def not_reached(self) -> int:
        """Answers never graded because the run stopped early."""
        return max(0, self.answers - self.graded - self.not_graded - self.errors)

    def to_json(self) -> dict[str, Any]:
        return {"answers": self.answers, "graded": self.graded, "fell_back": self.fell_back,
                "fell_back_reasons": dict(sorted(self.by.fell_back.items())),
                "not_graded": self.not_graded, "errors": self.errors,
                "not_reached": self.not_reached, "stopped": self.stopped}


def grade_json(item: AnswerItem, grade: Grade) -> dict[str, Any]:
    """One result in the documented `--json` shape."""
    return {
        "index": item.index,
        "question_id": grade.question_id,
        "score": grade.score,
        "criteria": [
            {
                "id": r.id, "verdict": r.verdict, "points": r.points, "max_points": r.max_points,
                "evidence": [e.model_dump() for e in r.evidence], "verified": r.verified,
                "unsure": r.unsure, "contradicted_by": r.contradicted_by,
            }
            for r in grade.criteria
        ],
        "misconceptions": [m.model_dump() for m in grade.misconceptions],
        "flags": [f.model_dump() for f in grade.flags],
        "feedback": grade.feedback,
        "confidence": grade.confidence,
        "backend": grade.backend,
        "model": grade.model,
        "prompt_version": grade.prompt_version,
        "rubric_version": grade.rubric_version,
        "offline_score": grade.offline_score,
    }


def problem_json(item: AnswerItem, message: str, question_key: str = "question") -> dict[str, Any]:
    """An answer that was not graded: which one, where, and why."""
    return {"index": item.index, question_key: item.question_ref, "where": item.where,
            "error": message}


class Output:
    """Base: each method writes (and flushes) at once; `close` ends the output."""

    def __init__(self, stream: TextIO | None = None):
        self.stream = stream or sys.stdout

    def result(self, item: AnswerItem, grade: Grade) -> None:
        raise NotImplementedError

    def not_graded(self, item: AnswerItem, message: str) -> None:
        """The answer's question is unknown (reported on stderr too)."""

    def error(self, item: AnswerItem, message: str) -> None:
        """Grading this answer failed (reported on stderr too)."""

    def close(self, summary: BatchSummary) -> None:
        """The end of the run, however it ended."""

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()


class TableOutput(Output):
    """`#  question_id  score  flags`, a row per graded answer."""

    def __init__(self, id_width: int, stream: TextIO | None = None):
        super().__init__(stream)
        self.width = max(id_width, len("question_id"))
        self._header = False

    def result(self, item: AnswerItem, grade: Grade) -> None:
        if not self._header:
            self._header = True
            self._write(f"{'#':>4}  {'question_id':<{self.width}}  {'score':>5}  flags\n")
        flags = flag_column(grade)  # a fallback with its reason
        line = f"{item.index:>4}  {grade.question_id:<{self.width}}  {grade.score:>5.1f}  {flags}"
        self._write(plain(line).replace("\n", " ") + "\n")


class JsonLinesOutput(Output):
    """`--jsonl`: one object per line."""

    def result(self, item: AnswerItem, grade: Grade) -> None:
        self._write(json_text(grade_json(item, grade), indent=None) + "\n")

    def not_graded(self, item: AnswerItem, message: str) -> None:
        self._write(json_text(problem_json(item, message), indent=None) + "\n")

    def error(self, item: AnswerItem, message: str) -> None:
        self._write(json_text(problem_json(item, message, "question_id"), indent=None) + "\n")


class JsonDocumentOutput(Output):
    """`--json`: one document, its `results` array written as the results come."""

    def __init__(self, stream: TextIO | None = None):
        super().__init__(stream)
        self._results = 0
        self._not_graded: list[dict[str, Any]] = []
        self._errors: list[dict[str, Any]] = []
        self._write('{\n  "results": [')

    def result(self, item: AnswerItem, grade: Grade) -> None:
        text = json_text(grade_json(item, grade), indent=2).replace("\n", "\n    ")
        self._write(("," if self._results else "") + "\n    " + text)
        self._results += 1

    def not_graded(self, item: AnswerItem, message: str) -> None:
        self._not_graded.append(problem_json(item, message))

    def error(self, item: AnswerItem, message: str) -> None:
        self._errors.append(problem_json(item, message, "question_id"))

    def close(self, summary: BatchSummary) -> None:
        tail = {"not_graded": self._not_graded, "errors": self._errors,
                "interrupted": summary.interrupted, "summary": summary.to_json()}
        rest = json_text(tail, indent=2)[1:]  # the keys after "results", without the "{"
        self._write(("\n  " if self._results else "") + "],\n  " + rest.lstrip() + "\n")
