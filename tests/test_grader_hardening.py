"""Matcher weaknesses found by rubric reviewers, each pinned on answers to real deck questions:
real words read as typos, negation scope, contrast markers and word order in misconception
patterns, negations inside a matched span, and lint warnings for risky patterns."""

from pathlib import Path

import pytest

from grader_helpers import grade, question, quotes, rubric, verdicts
from interviewer.cli.main import main
from interviewer.domain import Concept
from interviewer.grading.concept_matcher import ConceptMatcher
from interviewer.grading.rubric_selfcheck import pattern_warnings
from interviewer.grading.text_normalise import normalise


def found(question_id: str, groups: list[list[str]], answer: str) -> dict[str, str]:
    """Concept name -> quote, for a matcher over `groups` built on a real deck question."""
    matcher = ConceptMatcher(groups, question(question_id).question)
    view = matcher.view(normalise(answer))
    return {m.name: answer[m.start:m.end] for m in matcher.find_all(view) if m is not None}


def misconceptions(question_id: str, answer: str) -> set[str]:
    return {m.id for m in grade(question_id, answer).misconceptions}


def matched(question_id: str, answer: str) -> set[str]:
    return {name for c in grade(question_id, answer).criteria for name in c.matched_concepts}


# -- 1. a correctly spelled word is never "corrected" into another word ------------------------

@pytest.mark.parametrize("question_id, alias, answer", [
    ("dataloader", "sampler", "The DataLoader yields mini-batches of samples from the Dataset."),
    ("modulelist", "ModuleDict", "nn.ModuleList registers every layer it holds as a submodule."),
    ("nn-module-vs-sequential", "module", "The model is built from layers applied in order."),
    ("nn-module-vs-sequential", "model", "Every module defines a forward method."),
    ("cnn", "weight sharing", "Each filter has a weight shape of (out_channels, in_channels, k, k)."),
    ("tensor-vs-matrix", "metric", "Matrices are two-dimensional tensors."),
    ("gpu-usage", "reset", "A ResNet trains much faster on the GPU."),
    ("tensor-attributes", "contiguous", "float32 holds continuous values."),
])
def test_a_real_word_is_not_read_as_a_typo_of_another_alias(question_id, alias, answer):
    assert found(question_id, [[alias]], answer) == {}


def test_real_words_earn_no_credit_for_lookalike_concepts_in_shipped_rubrics():
    # "production" was read as "prediction", "logistic" as "logits", "sampler" as "sample"
    assert "prediction" not in matched(
        "loss-function", "The loss is what training minimises; in production you also watch the error rate.")
    assert matched("sigmoid-use", "Sigmoid is the logistic function, mapping any real number into (0, 1).") == set()
    assert "sample" not in matched(
        "dataset-class", "A Dataset implements __len__ and __getitem__; the DataLoader's sampler picks indices.")
    assert "vanishing gradient" not in matched(
        "activation-functions", "Different activation functions exist: ReLU, sigmoid and tanh add non-linearity.")


def test_genuine_typos_are_still_tolerated():
    hits = found("activation-functions", [["backpropagation"], ["vanishing gradient"], ["optimizer"]],
                 "Sigmoid saturates, so the gradeints vanish during backprogation and the optimzer stalls.")
    assert hits == {"backpropagation": "backprogation", "vanishing gradient": "gradeints vanish",
                    "optimizer": "optimzer"}
    result = grade("backpropagation", "Backprop computes the gradeints of the loss with the chain rule "
                                      "from the output layer backwards; the optimzer then updates the weights.")
    quoted = quotes(result)
    assert any("gradeints" in q for q in quoted) and any("optimzer" in q for q in quoted), quoted


@pytest.mark.parametrize("alias, answer, quote", [
    ("optimizer", "the optimiser applies the update", "optimiser"),
    ("optimiser", "the optimizer applies the update", "optimizer"),
    ("normalized", "the outputs are normalised", "normalised"),
    ("zero-centered", "tanh is zero-centred", "zero-centred"),
    ("learned", "the weights are learnt from data", "learnt"),
])
def test_british_and_american_spellings_are_the_same_word(alias, answer, quote):
    assert found("activation-functions", [[alias]], answer) == {alias: quote}


# -- 2. a negation does not reach across "and" into the next claim -------------------------------

def test_negation_stops_at_and_before_a_new_claim():
    result = grade("sigmoid-use", "Sigmoid isn't zero-centered and saturates for large inputs.")
    assert verdicts(result)["saturation-vanishing"] == "partial"
    assert "saturates" in quotes(result)
    for answer in ("Sigmoid isn't zero-centered and it saturates for large inputs.",
                   "Sigmoid isn't zero-centered, whereas it saturates for large inputs.",
                   "Sigmoid isn't zero-centered while it saturates for large inputs."):
        assert found("sigmoid-use", [["saturate"]], answer) == {"saturate": "saturates"}, answer


@pytest.mark.parametrize("answer", [
    "Sigmoid does not saturate and vanish.",                   # one negated verb phrase
    "Backprop doesn't store the gradients and activations.",   # a negated list of nouns
    "Sigmoid is not fast and cheap.",                          # a negated list of adjectives
])
def test_a_coordinated_list_stays_negated(answer):
    hits = found("sigmoid-use", [["saturate"], ["vanish"], ["activations"], ["cheap"]], answer)
    assert hits == {}


# -- 3. contrast and denial markers cancel a misconception --------------------------------------

@pytest.mark.parametrize("question_id, answer, misconception", [
    ("dataloader", "It is a myth that the DataLoader loads the whole dataset into memory; it fetches "
                   "samples lazily as batches are requested.", "loads-everything"),
    ("dataloader", "It is wrong to say that it loads the whole dataset into memory.", "loads-everything"),
    ("dataloader", "It is a misconception to say it loads the whole dataset into memory.",
     "loads-everything"),
    ("dataloader", "Worker processes are used instead of using multithreading, so the GIL is no "
                   "bottleneck.", "workers-are-threads"),
    ("softmax", "Pass raw logits to CrossEntropyLoss rather than applying softmax before "
                "cross-entropy.", "softmax-before-cross-entropy"),
    ("softmax", "Unlike Keras tutorials that add a softmax before cross-entropy, PyTorch's "
                "CrossEntropyLoss takes raw logits.", "softmax-before-cross-entropy"),
])
def test_a_contrasted_or_denied_claim_is_not_charged(question_id, answer, misconception):
    assert misconception not in misconceptions(question_id, answer)


def test_the_same_claims_stated_plainly_are_charged():
    assert "loads-everything" in misconceptions(
        "dataloader", "The DataLoader loads the whole dataset into memory.")
    assert "softmax-before-cross-entropy" in misconceptions(
        "softmax", "Always add a softmax before cross-entropy.")


def test_not_only_cancels_a_claim_starting_with_only_but_not_a_concept():
    def claims(answer: str) -> dict[str, str]:
        matcher = ConceptMatcher([["only for research"]], question("pytorch-vs-tensorflow").question,
                                 [True], claims=[True])
        view = matcher.view(normalise(answer))
        return {m.name: answer[m.start:m.end] for m in matcher.find_all(view) if m is not None}

    assert claims("PyTorch is not only for research; it runs in production too.") == {}
    assert claims("PyTorch isn't only for research.") == {}
    assert claims("PyTorch is only for research.") == {"only for research": "only for research"}
    # "not only" is no negation: the concept it introduces is stated
    result = grade("pytorch-vs-tensorflow", "PyTorch is not only for research; it runs in production too.")
    assert "for research" in quotes(result)


# -- 4. a misconception phrase needs its words in order ------------------------------------------

@pytest.mark.parametrize("question_id, answer, misconception", [
    ("loss-function", "The loss is smooth and accuracy is piecewise constant, so we train on "
                      "cross-entropy.", "optimise-accuracy-directly"),     # "loss is the accuracy"
    ("optimizers", "I use Adam for transformers and always tune the learning rate.",
     "adam-always-best"),                                                  # "always use adam"
])
def test_misconception_phrase_words_out_of_order_do_not_fire(question_id, answer, misconception):
    assert misconception not in misconceptions(question_id, answer)


def test_misconception_phrases_in_order_still_fire_across_articles():
    assert "adam-always-best" in misconceptions("optimizers", "Just always use Adam.")
    assert "optimise-accuracy-directly" in misconceptions("loss-function", "The loss is the accuracy.")
    matcher = ConceptMatcher([["dataset shuffles"]], question("dataloader").question, [True], claims=[True])
    for answer, fires in (("The DataLoader shuffles the dataset every epoch.", False),
                          ("The dataset shuffles itself.", True)):
        assert (matcher.find(matcher.view(normalise(answer)), 0) is not None) is fires


def test_concept_aliases_keep_their_word_order_tolerance():
    assert found("autograd", [["compute gradients"]], "gradients are computed by autograd") == {
        "compute gradients": "gradients are computed"}


# -- 5. a negation inside a loosely matched span cancels it --------------------------------------

def test_a_negated_word_inside_a_reordered_match_cancels_it():
    assert "shares memory" not in matched(
        "from-numpy", "After torch.from_numpy(a) the memory is not shared, so the tensor is a copy.")
    assert "shares memory" in matched("from-numpy", "After torch.from_numpy(a) the memory is shared.")
    assert "optimizer-computes-gradients" not in misconceptions(
        "optimizers", "The optimizer does not do backpropagation: loss.backward() computes the "
                      "gradients and optimizer.step() updates the parameters.")


@pytest.mark.parametrize("question_id, pattern, denied, stated", [
    ("from-numpy", "from_numpy copies", "torch.from_numpy does not copy the data.",
     "torch.from_numpy copies the data."),
    ("nn-vs-deep-nn", "more layers always", "Adding more layers doesn't always help.",
     "More layers always help."),
])
def test_a_negation_between_the_words_of_a_claim_cancels_it(question_id, pattern, denied, stated):
    matcher = ConceptMatcher([[pattern]], question(question_id).question, [True], claims=[True])
    assert matcher.find(matcher.view(normalise(denied)), 0) is None
    assert matcher.find(matcher.view(normalise(stated)), 0) is not None


def test_an_alias_that_is_itself_negative_still_matches():
    # from-numpy lists "does not copy" among the ways to say "shares memory"
    assert "shares memory" in matched("from-numpy", "torch.from_numpy does not copy the array.")


# -- 6. a negation anywhere in a regex misconception's span cancels it ---------------------------

def test_a_negation_inside_a_wide_regex_span_cancels_the_misconception():
    # sigmoid.{0,40}(before|then|...).{0,30}bcewithlogits
    assert "sigmoid-before-bcewithlogits" not in misconceptions(
        "sigmoid-use", "Sigmoid is not applied before BCEWithLogitsLoss, because the loss applies it.")
    assert "sigmoid-before-bcewithlogits" in misconceptions(
        "sigmoid-use", "Apply a sigmoid and then BCEWithLogitsLoss.")


def test_a_negation_the_pattern_spells_out_is_part_of_the_claim():
    # research-only: "\bnot (suitable|ready|meant|used|good) for production"
    assert "research-only" in misconceptions("what-is-pytorch", "PyTorch is not suitable for production.")
    assert "research-only" not in misconceptions(
        "what-is-pytorch", "It is a myth that PyTorch is not suitable for production.")


# -- 6b. lint warns about risky pattern shapes (without failing) --------------------------------

def test_lint_warns_about_wide_regex_gaps_and_regex_concept_names():
    # the shapes the shipped rubrics had before they were tightened
    sigmoid = rubric("sigmoid-use").model_copy(deep=True)
    sigmoid.misconceptions[1].patterns = [
        "re:sigmoid.{0,40}(before|then|into|and then).{0,30}bcewithlogits"]
    warned = pattern_warnings(sigmoid, Path("sigmoid-use.yaml"))
    assert {p.where for p in warned} == {"misconceptions[1] (sigmoid-before-bcewithlogits)"}
    assert all(p.severity == "warning" for p in warned)
    assert "40-character free-text gap that also crosses sentence ends" in warned[0].message
    modulelist = rubric("modulelist").model_copy(deep=True)
    modulelist.criteria[3].concepts[0] = Concept(aliases=["re:module_?dict", "ModuleDict"])
    warned = pattern_warnings(modulelist, Path("modulelist.yaml"))
    assert [p.where for p in warned] == ["criteria[3] (use-cases-relatives)"]
    assert "'re:module_?dict'" in warned[0].message
    # "num_workers[^.]{0,25}(number of|how many) ..." is narrow enough; phrases never warn
    assert pattern_warnings(rubric("dataloader"), Path("dataloader.yaml")) == []


@pytest.mark.parametrize("pattern, warned", [
    (r"re:softmax.*cross.?entropy", True),
    (r"re:softmax[^.]+cross.?entropy", True),
    (r"re:softmax[^.;]{0,60}before cross.?entropy", True),
    (r"re:softmax[^.]{0,30}before cross.?entropy", False),
    (r"re:softmax (is |then )?before\s+cross.?entropy", False),
    ("softmax before cross entropy", False),
])
def test_which_misconception_gaps_count_as_wide(pattern, warned):
    wide = rubric("softmax").model_copy(deep=True)
    wide.misconceptions[0].patterns = [pattern]
    assert bool(pattern_warnings(wide, Path("softmax.yaml"))) is warned


def test_shipped_rubrics_lint_without_errors_or_warnings(capsys):
    assert main(["corpus", "lint"]) == 0
    err = capsys.readouterr().err
    assert " 0 error(s), 0 warning(s)" in err and "(warning)" not in err
