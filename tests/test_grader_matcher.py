"""Concept matching: typos, phrases, question-repeating words, negation, regex aliases."""

import pytest

from grader_helpers import question
from interviewer.grading.concept_matcher import ConceptMatcher
from interviewer.grading.text_normalise import normalise

AUTOGRAD_Q = question("autograd").question   # "What is autograd in PyTorch and how does it work?"
DATALOADER_Q = question("dataloader").question

GROUPS = [
    ["computational graph", "computation graph", "re:\\bdag\\b"],
    ["requires_grad"],
    ["compute gradients", "gradient computation"],
    ["chain rule"],
    ["dataloader"],
    ["data loader"],
]


def found(answer: str, groups=GROUPS, question_text: str = AUTOGRAD_Q) -> dict[str, str]:
    """concept name -> the exact quote it was found at."""
    matcher = ConceptMatcher(groups, question_text)
    view = matcher.view(normalise(answer))
    return {m.name: answer[m.start:m.end] for m in matcher.find_all(view) if m is not None}


def test_phrases_match_through_inflection_and_filler_words():
    hits = found("It records a computational graph and computes the gradients with the chain rule.")
    assert hits["computational graph"] == "computational graph"
    assert hits["compute gradients"] == "computes the gradients"
    assert hits["chain rule"] == "chain rule"


def test_identifier_spellings_match_plain_words():
    assert found("set x.requires_grad = True")["requires_grad"] == "requires_grad"
    assert found("tensors that requires grad")["requires_grad"] == "requires grad"


@pytest.mark.parametrize("typo, concept", [
    ("a computatoinal grpah", "computational graph"),   # transposition + a dropped letter
    ("the chian rule", "chain rule"),
    ("it coputes gradeints", "compute gradients"),
])
def test_typos_in_longer_words_are_tolerated(typo, concept):
    assert concept in found(typo)


def test_real_words_one_letter_apart_are_not_read_as_typos():
    groups = [["layer"], ["stride"], ["model"], ["gradient"]]
    assert found("we will see later what the modal strike does to the radiant", groups) == {}


def test_multi_word_phrase_in_another_order_or_joined_or_split():
    assert found("gradients are computed by autograd")["compute gradients"] == "gradients are computed"
    assert found("Use a DataLoader.")["data loader"] == "DataLoader"
    assert found("Use a Data Loader.")["dataloader"] == "Data Loader"
    assert found("a data loader yields batches", [["dataloader"]])["dataloader"] == "data loader"


def test_regex_aliases_match_on_the_raw_text():
    assert found("it builds a DAG of operations")["computational graph"] == "DAG"


@pytest.mark.parametrize("answer", [
    "Autograd does not compute gradients.",
    "It doesn't compute gradients at all.",
    "It never builds a computational graph.",
    "It works without any computational graph.",
    "There is no chain rule involved.",
    "It neither uses a computational graph nor the chain rule.",
    "it dont compute gradients",
])
def test_a_negated_statement_is_not_a_match(answer):
    assert found(answer) == {}


def test_negation_does_not_reach_past_the_clause_or_a_contrast():
    hits = found("It is not magic, it computes gradients; it doesn't guess but applies the chain rule.")
    assert "compute gradients" in hits and "chain rule" in hits


def test_not_only_and_identifiers_are_not_negations():
    assert "compute gradients" in found("Not only does it compute gradients, it also ...")
    assert "compute gradients" in found("Inside torch.no_grad() nothing is tracked; outside it computes gradients.")


def test_aliases_that_only_repeat_the_question_count_for_nothing():
    groups = [["dataloader", "torch.utils.data"], ["batch", "mini-batch"]]
    matcher = ConceptMatcher(groups, DATALOADER_Q)
    assert matcher.live == [False, True]
    hits = found("The torch.utils.data.DataLoader does what a DataLoader does.", groups, DATALOADER_Q)
    assert hits == {}
    assert found("It yields mini-batches.", groups, DATALOADER_Q) == {"batch": "mini-batches"}


def test_a_negative_concept_matches_only_a_negated_statement():
    matcher = ConceptMatcher([["constructor provided"]], "", negated=[True])
    assert matcher.find(matcher.view(normalise("when no constructor is provided")), 0) is not None
    assert matcher.find(matcher.view(normalise("when a constructor is provided")), 0) is None
