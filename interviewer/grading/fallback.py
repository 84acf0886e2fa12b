"""The offline grade given in place of a model's grade that failed: flagged `fallback` with
the machine-readable reason and what failed, in one wording wherever it is made (the LLM
grader's own fallback, and the engine's for a grader that failed in any other way)."""

from interviewer.domain import Flag, Grade
from interviewer.llm.errors import failure_reason
from interviewer.redaction import redact


def fallback_grade(offline: Grade, exc: BaseException, who: str) -> Grade:
    """`offline` (the offline grade of the same answer) standing in for the grade `who`
    (e.g. "the openai grader (model m)") failed to make with `exc`. The message is redacted:
    an error that is not ours may carry a key a server echoed."""
    message = redact(str(exc) or type(exc).__name__)
    flag = Flag(code="fallback", reason=failure_reason(exc),
                detail=f"{who} failed: {message}; offline grade used")
    return offline.model_copy(update={"flags": [*offline.flags, flag], "confidence": "low",
                                      "offline_score": offline.score})
