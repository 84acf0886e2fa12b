"""Disputing a verdict: the candidate says one criterion's verdict is wrong, and why.

The dispute is stored beside the grade; the grader's score is never changed by it. Disputes
are listed by `interviewer disputes` (how rubric bugs get found), and `sessions regrade` says
whether a new rubric or backend agrees with each one."""

from collections.abc import Callable
from datetime import UTC, datetime

from interviewer.domain import Dispute, Grade, Session
from interviewer.domain.dispute import MAX_REASON


def _now() -> datetime:
    return datetime.now(UTC)


def dispute_verdict(store, session: Session, grade: Grade, criterion_id: str, reason: str,
                    clock: Callable[[], datetime] = _now) -> Dispute:
    """Record (or replace) the dispute of one criterion's verdict in `grade`: stored first,
    then kept in `session.disputes`. Raises ValueError for an unknown criterion or an empty
    reason."""
    result = next((c for c in grade.criteria if c.id == criterion_id), None)
    if result is None:
        raise ValueError(f"the grade has no criterion {criterion_id!r}")
    reason = " ".join(reason.split())[:MAX_REASON]
    if not reason:
        raise ValueError("say why the verdict is wrong (the reason is what makes a dispute useful)")
    dispute = Dispute(
        question_id=grade.question_id, attempt=grade.attempt, criterion_id=criterion_id,
        verdict=result.verdict, reason=reason, backend=grade.backend, model=grade.model,
        rubric_version=grade.rubric_version, rubric_hash=grade.rubric_hash, created_at=clock(),
    )
    if store is not None:
        store.save_dispute(session.id, dispute)
    session.disputes = [d for d in session.disputes if not _same(d, dispute)] + [dispute]
    return dispute


def withdraw_dispute(store, session: Session, dispute: Dispute) -> None:
    """Take a dispute back (the grade was right after all)."""
    if store is not None:
        store.withdraw_dispute(session.id, dispute.question_id, dispute.attempt,
                               dispute.criterion_id)
    session.disputes = [d for d in session.disputes if not _same(d, dispute)]


def _same(a: Dispute, b: Dispute) -> bool:
    return (a.question_id, a.attempt, a.criterion_id) == (b.question_id, b.attempt, b.criterion_id)


def verdict_now(dispute: Dispute, grade: Grade | None) -> str | None:
    """The verdict `grade` (a later grade of the same attempt) gives the disputed criterion."""
    if grade is None or grade.attempt != dispute.attempt:
        return None
    return next((c.verdict for c in grade.criteria if c.id == dispute.criterion_id), None)


def agreement(dispute: Dispute, new_verdict: str | None, *, short: bool = False) -> str:
    """Whether a new grade agrees with a dispute: it does when it changes the disputed verdict.
    `dispute` is anything with the disputed `verdict` (a Dispute, a listed or exported one);
    `short` is the wording of a one-line listing."""
    if new_verdict is None:
        return "not graded again"
    agrees = new_verdict != dispute.verdict
    if short:
        return f"regraded: {new_verdict} ({'agrees' if agrees else 'same'})"
    if not agrees:
        return f"still {new_verdict}: does not agree with the dispute"
    return f"now {new_verdict}: agrees with the dispute"
