"""Flags about how a question was answered ("I don't know", over the time limit): known when
the answer is finished, added to its grade whenever that grade lands (at once offline, or
later from a model grading in the background)."""

from datetime import datetime

from interviewer.domain import Flag, Grade, QuestionRecord
from interviewer.grading.protocols import GradeRequest


def _clock(seconds: float) -> str:
    return f"{int(seconds) // 60}:{int(seconds) % 60:02d}"


def seconds_taken(record: QuestionRecord, now: datetime) -> float:
    """How long the question has been (or was) open: until it was finished, else until `now`."""
    if record.started_at is None:
        return 0.0
    end = record.finished_at or now
    return max(0.0, (end - record.started_at).total_seconds())


def answer_flags(request: GradeRequest, seconds_elapsed: float,
                 time_limit_s: int | None) -> list[Flag]:
    """The flags for `request` as it stands now; `time_limit_s` only where it applies
    (interview mode)."""
    flags = []
    if any(t.kind == "dont_know" for t in request.transcript) and not request.answer.strip():
        # "I don't know" is an honest answer, not an empty one: say so in the feedback.
        flags.append(Flag(code="dont-know", detail="you said you don't know"))
    if time_limit_s and seconds_elapsed >= time_limit_s:
        # interview mode keeps what was typed after the limit, but the grade says so
        flags.append(Flag(code="over-time", detail=(
            f"answered after {_clock(seconds_elapsed)}; the limit was {_clock(time_limit_s)}")))
    return flags


def with_flags(grade: Grade, flags: list[Flag]) -> Grade:
    """`grade` with `flags` added ("I don't know" replaces an `empty` flag)."""
    if not flags:
        return grade
    kept = list(grade.flags)
    if any(f.code == "dont-know" for f in flags):
        kept = [f for f in kept if f.code != "empty"]
    return grade.model_copy(update={"flags": [*kept, *flags]})
