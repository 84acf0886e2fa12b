"""Issue 10, "Grade claims, not words": each rubric below judges what an answer says about a
term, not that it names it. For every question, answers written for this test (not taken from
any evaluation set) in several voices: correct ones must score at least 60, confidently wrong
ones that use the right vocabulary with wrong predicates at most 30. The answers live in
tests/rubric_claims/answers_b.yaml."""

import pytest

from rubric_claims_helpers import answer_cases, assert_four_of_each, assert_scored_as, load

ANSWERS: dict[str, dict[str, list[str]]] = load("answers_b")

CASES = answer_cases(ANSWERS)


@pytest.mark.parametrize("question_id", sorted(ANSWERS))
def test_each_question_has_four_right_and_four_wrong_answers(question_id):
    assert_four_of_each(ANSWERS, question_id)


@pytest.mark.parametrize("question_id, kind, index", CASES)
def test_right_answers_pass_and_wrong_answers_fail(question_id, kind, index):
    assert_scored_as(question_id, kind, ANSWERS[question_id][kind][index])
