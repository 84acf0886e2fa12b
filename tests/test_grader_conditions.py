"""The antecedent of a condition is not a claim: no wrong claim is read in it (`conditions`)."""

import pytest
from grader_helpers import grade, verdicts

from interviewer.grading.conditions import in_antecedent
from interviewer.grading.text_normalise import normalise

SOFTMAX = ("Softmax exponentiates each logit and divides by the sum of the exponentials, so the "
           "outputs are positive and sum to 1: a probability distribution over mutually "
           "exclusive classes, one correct class. ")


def _antecedent(sentence: str) -> str:
    text = normalise(sentence)
    marks = in_antecedent(text.tokens, text.text)
    return " ".join(t.norm for t, m in zip(text.tokens, marks, strict=True) if m)


@pytest.mark.parametrize(("sentence", "condition"), [
    ("If several classes can be true at once, use a sigmoid.", "several classes can be true at once"),
    ("Use a sigmoid if several classes can be true at once.", "several classes can be true at once"),
    ("And if it is multi-label (several classes at once), use a sigmoid.",
     "it is multi label several classes at once"),
    ("Unless the order is fixed, it reshuffles.", "the order is fixed"),
    ("If shuffle=True then it reshuffles every epoch.", "shuffle true"),
])
def test_the_condition_runs_to_the_end_of_its_clause(sentence, condition):
    assert _antecedent(sentence) == condition


def test_a_sentence_opening_condition_with_nothing_to_end_it_takes_nothing_out():
    # where "If shuffle=True" stops is unknown: "the order is fixed once" is still claimed
    assert _antecedent("If shuffle=True the order is fixed once.") == ""


def test_a_hard_wrapped_line_does_not_end_a_condition():
    assert _antecedent("If you want to be safe convert it to a float mask with\n1 to keep it.") == ""


@pytest.mark.parametrize("tail", [
    "Use a sigmoid per class instead if several classes can be true at once.",
    "If several classes can be true at once, use a sigmoid per class instead.",
])
def test_a_wrong_claim_named_as_a_condition_is_not_a_wrong_claim(tail):
    result = grade("softmax", SOFTMAX + tail)
    assert verdicts(result)["multiclass"] == "met"
    assert result.misconceptions == []


def test_the_same_words_claimed_are_still_a_wrong_claim():
    result = grade("softmax", SOFTMAX + "With softmax, several classes can be true at once.")
    assert verdicts(result)["multiclass"] == "contradicted"
