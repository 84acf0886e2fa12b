"""Checks shared by the PyTorch 2.x question sets (test_deck_pytorch2_a.py and _b.py): the
same bar for every question's sources, rubric, misconceptions and model answer. Each file
calls these and keeps its own extra checks."""

from urllib.parse import urlparse

from grader_helpers import grade, question, rubric
from interviewer.domain import Grade, Misconception


def assert_cites_pytorch_docs_over_https(question_id: str) -> list[str]:
    """At least one source URL, each on https://docs.pytorch.org; returns the URLs."""
    urls = [s.url for s in question(question_id).sources if s.url]
    assert urls, f"{question_id}: no documentation source"
    for url in urls:
        parsed = urlparse(url)
        assert parsed.scheme == "https", url
        assert parsed.hostname == "docs.pytorch.org", url
    return urls


def assert_rubric_form(question_id: str) -> None:
    """3-6 criteria, 1-2 of them essential, 2-4 follow-ups that target existing criteria."""
    r = rubric(question_id)
    assert r.question_id == question_id
    assert 3 <= len(r.criteria) <= 6
    essential = [c for c in r.criteria if c.essential]
    assert 1 <= len(essential) <= 2, f"{question_id}: {len(essential)} essential criteria"
    assert 2 <= len(r.follow_ups) <= 4
    targets = {t for f in r.follow_ups for t in f.targets}
    assert targets <= {c.id for c in r.criteria}


def assert_essential_criteria_have_opposites(question_id: str) -> None:
    for c in rubric(question_id).criteria:
        if c.essential:
            assert any(concept.opposites for concept in c.concepts), (
                f"{question_id}: essential criterion {c.id} has no opposite")


def assert_five_misconceptions_contradicting_criteria(question_id: str) -> None:
    """At least five misconceptions, each contradicting existing criteria, penalty 5-15."""
    r = rubric(question_id)
    ids = {c.id for c in r.criteria}
    assert len(r.misconceptions) >= 5
    for m in r.misconceptions:
        assert m.contradicts, f"{question_id}: {m.id} contradicts nothing"
        assert set(m.contradicts) <= ids, m.id
        assert 5 <= m.penalty <= 15, m.id


def assert_claim_charged_and_correction_not(question_id: str, m: Misconception,
                                            tail: str = "") -> Grade:
    """The misconception's claim (plus `tail`) is charged with it, its correction is not;
    returns the grade of the claim."""
    wrong = grade(question_id, m.claim + tail)
    assert m.id in {h.id for h in wrong.misconceptions}, (
        f"{question_id}: claim of {m.id} not detected")
    right = grade(question_id, m.correction + tail)
    assert m.id not in {h.id for h in right.misconceptions}, (
        f"{question_id}: correction of {m.id} is charged")
    return wrong


def assert_model_answer_scores_full(question_id: str) -> None:
    """The rubric's model answer meets every criterion, states no misconception, scores 100."""
    r = rubric(question_id)
    result = grade(question_id, r.model_answer)
    assert {c.id: c.verdict for c in result.criteria} == {c.id: "met" for c in r.criteria}
    assert not result.misconceptions
    assert result.score == 100


def assert_charged_with(question_id: str, statement: str, misconception: str) -> None:
    assert misconception in {h.id for h in grade(question_id, statement).misconceptions}


def assert_not_charged(question_id: str, statement: str) -> None:
    result = grade(question_id, statement)
    assert not result.misconceptions, [(h.id, h.evidence[0].quote) for h in result.misconceptions]
