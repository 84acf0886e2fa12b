"""What the interview screen says when a step fails, and how it tells whether the answer was
stored before the failure (then a retry is offered; otherwise the text goes back in the box).

Each message fits the inline status line above the answer box (a few lines at 80 columns):
what went wrong first, then that nothing was lost, then the one key that helps.
"""

from interviewer.redaction import redact
from interviewer.tui.safe_text import clean, one_line


def error_text(error: BaseException) -> str:
    """The error as one safe string, keys redacted (its class name when it has no message)."""
    return clean(redact(str(error))) or type(error).__name__


def backend_failure_message(error: BaseException, offline_key: str = "ctrl+l") -> str:
    """The interviewer model failed and the rubric's own follow-up was asked instead: what went
    wrong, that nothing was lost, and what the user can do."""
    return (f"The interviewer model failed: {error_text(error)}\n"
            "Your answer is saved; a built-in follow-up was asked instead. Carry on (the model "
            f"is tried again at the next step), or press {offline_key} to go offline for this "
            "session.")


def straight_to_grading_message(error: BaseException) -> str:
    """The interviewer model failed and there was no built-in follow-up: the answer is graded
    at once (shown as a toast: the grading and the next screen replace the status line)."""
    return f"{one_line(error_text(error), 120)}\nYour answer went straight to grading."


def not_saved_message(what: str, submit_key: str) -> str:
    """The answer could not be stored (e.g. a full disk): it is back in the box."""
    return (f"Your answer could not be saved: {what}\nIt is back in the box: "
            f"fix the problem and press {submit_key} again.")


def step_failed_message(what: str, retry_key: str, offline_key: str | None) -> str:
    """A step after the stored answer failed; `offline_key` is None when already offline."""
    offline = f", or {offline_key} to switch to the offline backend" if offline_key else ""
    return (f"Something failed after your answer was saved: {what}\n"
            f"Press {retry_key} to retry{offline}.")


def stored_answer_count(engine) -> int | None:
    """How many answers to the current question the store holds (None: the store is failing).

    Read back from the store rather than the engine's memory: the engine keeps a turn only
    once the store has it, but a failure may come after the write."""
    if engine.store is None:
        return sum(1 for t in engine.current_turns() if t.kind == "answer")
    try:
        stored = engine.store.load(engine.session.id)
    except Exception:  # the store itself is failing
        return None
    return sum(1 for t in stored.turns_for(engine.record.question_id) if t.kind == "answer")
