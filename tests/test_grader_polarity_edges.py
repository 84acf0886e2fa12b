"""Edges of polarity found in review: a negation does not leak into the next clause through
"or", and a claim next to a "related to" list keeps its credit."""

import pytest
from test_grader_claims import STRONG, verdicts

from interviewer.grading.negation import negation_cues
from interviewer.grading.text_normalise import normalise


def negated_words(text: str) -> set[str]:
    tokens = normalise(text).tokens
    return {t.norm for t, cue in zip(tokens, negation_cues(tokens), strict=True) if cue != -1}


@pytest.mark.parametrize("text", [
    "It does not copy the data, or the tensor shares memory.",
    "It does not copy the data; or the tensor shares memory.",
    "It does not copy the data. Or the tensor shares memory.",
])
def test_a_negation_does_not_reach_through_an_or_that_opens_a_new_clause(text):
    assert {"shares", "memory"}.isdisjoint(negated_words(text))


def test_a_negation_still_covers_both_sides_of_an_or_in_its_clause():
    assert {"a", "b"} <= negated_words("It never uses A or B.")


def test_a_claim_before_a_plural_related_to_keeps_its_credit():
    answer = STRONG.replace("It reshuffles them every epoch.",
                            "It reshuffles every epoch, and the samplers are related to that.")
    assert verdicts(answer)["shuffling"] == "met"


@pytest.mark.parametrize("denial", ["That's a fallacy.", "Which is misleading.", "That's a myth."])
def test_every_denial_word_denies_the_sentence_before(denial):
    answer = STRONG.replace("It reshuffles them every epoch.",
                            f"It reshuffles them every epoch. {denial}")
    assert verdicts(answer)["shuffling"] != "met"
