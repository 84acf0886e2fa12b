"""Issue 10, "Grade claims, not words": the rubrics of the core PyTorch questions judge what
an answer says about each name, not only that it names it.

For every question there are hand-written answers in several voices. `right` answers (terse,
rambling, code-first, plain words) must score at least 60 with the offline grader; `wrong`
answers, confidently wrong but in the right vocabulary ("zero_grad sets the weights to
zero"), at most 30. The answers were written for these tests, blind to the calibration
answer sets. They live in tests/rubric_claims/answers_a.yaml, the one-line claims in
tests/rubric_claims/claims_a.yaml.
"""

import pytest

from grader_helpers import grade
from rubric_claims_helpers import CORE, answer_cases, assert_four_of_each, assert_scored_as, load

ANSWERS: dict[str, dict[str, list[str]]] = load("answers_a")
_CLAIMS = load("claims_a")

#: One claim per line, in a candidate's words: each must meet the criterion it states.
CLAIMS_MEETING = [(c["question"], c["criterion"], c["answer"]) for c in _CLAIMS["meeting"]]
#: Confidently wrong claims in other words than the rubric's: each must be charged.
WRONG_CLAIMS = [(c["question"], c["answer"]) for c in _CLAIMS["wrong"]]
#: Right claims that deny, contrast or correct a wrong one: none may be charged.
CORRECTIONS = [(c["question"], c["answer"]) for c in _CLAIMS["corrections"]]

CASES = answer_cases(ANSWERS)


def test_every_question_has_four_answers_of_each_kind():
    assert sorted(ANSWERS) == sorted(CORE)
    for question_id in ANSWERS:
        assert_four_of_each(ANSWERS, question_id)


@pytest.mark.parametrize("question_id, kind, n", CASES)
def test_right_answers_pass_and_confidently_wrong_ones_do_not(question_id, kind, n):
    assert_scored_as(question_id, kind, ANSWERS[question_id][kind][n])


@pytest.mark.parametrize("question_id, criterion, answer", CLAIMS_MEETING)
def test_a_claim_in_other_words_meets_its_criterion(question_id, criterion, answer):
    result = grade(question_id, answer)
    assert {c.id: c.verdict for c in result.criteria}[criterion] == "met"


@pytest.mark.parametrize("question_id, answer", WRONG_CLAIMS)
def test_a_wrong_claim_in_other_words_is_charged(question_id, answer):
    assert grade(question_id, answer).misconceptions


@pytest.mark.parametrize("question_id, answer", CORRECTIONS)
def test_denying_or_correcting_a_wrong_claim_is_not_charged(question_id, answer):
    assert [m.id for m in grade(question_id, answer).misconceptions] == []
