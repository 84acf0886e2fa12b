"""The grading seam: what a grader is given and what it must do. Grading never imports the
engine; the engine (and the CLI) call any grader through these two types."""

from dataclasses import dataclass, field
from typing import Protocol

from interviewer.domain import Grade, Question, Rubric, Turn


@dataclass(frozen=True)
class GradeRequest:
    """Everything a grader may look at for one question."""

    question: Question
    rubric: Rubric | None          # None: reference-only grading from question.reference_answer
    answer: str                    # all the candidate's answer turns for this question, joined
    transcript: list[Turn] = field(default_factory=list)  # the exchange, for context only


class Grader(Protocol):
    """Grades one question's exchange. Scores are computed in code from verdicts."""

    name: str

    async def grade(self, request: GradeRequest) -> Grade: ...
