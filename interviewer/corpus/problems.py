"""Problems found in data files, each naming the file and the place to fix."""

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file. `line` is 1-based when known."""

    path: Path
    message: str
    where: str = ""
    line: int | None = None
    severity: Severity = "error"

    def __str__(self) -> str:
        place = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        where = f" {self.where}:" if self.where else ""
        tag = "" if self.severity == "error" else " (warning)"
        return f"{place}:{where}{tag} {self.message}"


class CorpusError(Exception):
    """Raised when data files cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]
