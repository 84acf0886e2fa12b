"""Shared helpers for the offline grader tests: the real deck, and one-call grading."""

from functools import lru_cache

from interviewer.corpus.catalog import Catalog, load_default_catalog
from interviewer.domain import Grade, Question, Rubric
from interviewer.grading.offline_grader import OfflineGrader
from interviewer.grading.protocols import GradeRequest

DECK = "pytorch"


@lru_cache(maxsize=1)
def catalog() -> Catalog:
    """The shipped deck and rubrics (read-only, so loaded once)."""
    return load_default_catalog()


def question(question_id: str) -> Question:
    found = catalog().question(DECK, question_id)
    assert found is not None, f"deck question {question_id!r} is missing"
    return found


def rubric(question_id: str) -> Rubric:
    found = catalog().rubric(DECK, question_id)
    assert found is not None, f"rubric {question_id!r} is missing"
    return found


def grade(question_id: str, answer: str, *, with_rubric: bool = True) -> Grade:
    """Grade an answer to a real deck question (reference-only when with_rubric=False)."""
    request = GradeRequest(question=question(question_id),
                           rubric=rubric(question_id) if with_rubric else None, answer=answer)
    return OfflineGrader().grade_sync(request)


def verdicts(result: Grade) -> dict[str, str]:
    return {c.id: c.verdict for c in result.criteria}


def flags(result: Grade) -> set[str]:
    return {f.code for f in result.flags}


def quotes(result: Grade) -> list[str]:
    return [e.quote for c in result.criteria for e in c.evidence]
