"""What every grade of one attempt at a question gets, whenever it is made: the flags about how
the question was answered ("I don't know", over time), the attempt number and the hint penalty.
Used when a grade lands in a session (engine/question_grading.py) and by `sessions regrade`,
so a re-grade says what the first grade said."""

from collections.abc import Callable
from datetime import datetime

from interviewer.domain import Grade, QuestionRecord, SessionConfig
from interviewer.domain.session import count_hints
from interviewer.engine.answer_flags import answer_flags, seconds_taken, with_flags
from interviewer.engine.hint_ladder import apply_hint_penalty
from interviewer.grading.protocols import GradeRequest


def grade_finisher(record: QuestionRecord, request: GradeRequest, config: SessionConfig,
                   now: datetime | None, attempt: int | None = None) -> Callable[[Grade], Grade]:
    """The finishing of grades of `attempt` (default: the record's latest) at `record`'s
    question; `request` is that attempt as the grader gets it (its transcript holds the
    hints and any "I don't know"). The time taken runs from the record's start to its finish,
    or to `now` while it is open (None: not timed); it is only known for the latest attempt."""
    attempt = record.attempts if attempt is None else attempt
    limit = config.time_limit_s if config.mode == "interview" else None
    elapsed = seconds_taken(record, now) if now is not None and attempt == record.attempts else 0.0
    flags = answer_flags(request, elapsed, limit)
    hints = count_hints(request.transcript)
    per_hint = config.hint_penalty

    def finish(grade: Grade) -> Grade:
        grade = with_flags(grade, flags).model_copy(update={"attempt": attempt})
        return apply_hint_penalty(grade, hints, per_hint)

    return finish
