"""What `interviewer grade` says about who graded: the per-reason summary on stderr, the reason
shown per row, and whether any answer fell back (exit FELL_BACK).

    12 graded by gpt-4o-mini, 3 fell back to offline: 2 timeout, 1 schema

Exit 0 only when every answer was graded by the requested backend; answers the model was never
meant to see (blocked by the pre-checks: empty, injection-only, ...; or with no rubric, graded
against the reference answer) are counted apart and do not change the exit code. The run's
other counts (graded, unknown, failed, interrupted) are grade_output.BatchSummary's, which
holds one of these; grade_cmd.exit_code decides the exit code from both.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interviewer.domain import Grade

def fallback_reason(grade: Grade) -> str | None:
    """Why the requested backend did not grade this answer (None: it did)."""
    flag = next((f for f in grade.flags if f.code == "fallback"), None)
    if flag is None:
        return None
    return flag.reason or "error"


def not_sent_reason(grade: Grade) -> str | None:
    """Why an answer was graded offline by design (None: it was not)."""
    if grade.backend != "offline" or grade.has_flag("fallback"):
        return None
    if grade.has_flag("reference-only"):
        return "no rubric"
    # blocked by the pre-checks: kept from the model on purpose (it scores 0 offline)
    from interviewer.grading.prechecks import BLOCKED_CODES

    return next((f.code for f in grade.flags if f.code in BLOCKED_CODES), "offline")


def flag_column(grade: Grade) -> str:
    """The table's flags cell: each flag's code, a fallback with its reason."""
    return ", ".join(f"{f.code} ({f.reason or 'error'})" if f.code == "fallback" else f.code
                     for f in grade.flags)


@dataclass
class GradeSummary:
    """Who graded how many answers of one run."""

    backend: str = "offline"
    model: str | None = None
    graded: int = 0
    fell_back: Counter[str] = field(default_factory=Counter)
    not_sent: Counter[str] = field(default_factory=Counter)

    @property
    def grader(self) -> str:
        if self.backend == "offline":
            return "the offline grader"
        return self.model or self.backend

    def line(self) -> str:
        """One line for stderr."""
        parts = [f"{self.graded} graded by {self.grader}"]
        if self.fell_back:
            parts.append(f"{sum(self.fell_back.values())} fell back to offline: "
                         + _counts(self.fell_back))
        if self.not_sent:
            parts.append(f"{sum(self.not_sent.values())} not sent to the model ("
                         + _counts(self.not_sent) + ")")
        return ", ".join(parts)

    def add(self, grade: Grade) -> None:
        """Count one grade by who graded it."""
        if self.backend == "offline":
            self.graded += 1
        elif (reason := fallback_reason(grade)) is not None:
            self.fell_back[reason] += 1
        elif (why := not_sent_reason(grade)) is not None:
            self.not_sent[why] += 1
        else:
            self.graded += 1
            self.model = self.model or grade.model


def _counts(counter: Counter[str]) -> str:
    return ", ".join(f"{n} {reason}" for reason, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))

