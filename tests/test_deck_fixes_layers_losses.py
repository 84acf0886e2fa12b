"""Content fixes to the PyTorch deck's layer, loss, data and autograd questions (issue 14's
outdated or imprecise items, and the rubric defects found in review for issue 10): each test
would catch one of them coming back. The shipped deck and rubrics are loaded through
load_default_catalog(), as the app loads them."""

import re
from functools import lru_cache

import pytest

from interviewer.corpus.catalog import Catalog, load_default_catalog
from interviewer.domain import Grade
from interviewer.grading.offline_grader import OfflineGrader
from interviewer.grading.protocols import GradeRequest

DECK = "pytorch"


@lru_cache(maxsize=1)
def shipped() -> Catalog:
    return load_default_catalog()


def reference(question_id: str) -> str:
    found = shipped().question(DECK, question_id)
    assert found is not None, question_id
    return found.reference_answer


def model_answer(question_id: str) -> str:
    found = shipped().rubric(DECK, question_id)
    assert found is not None, question_id
    return found.model_answer


def texts(question_id: str) -> list[str]:
    """What a candidate is shown as right: the reference answer and the rubric's model answer."""
    return [reference(question_id), model_answer(question_id)]


def flat(text: str) -> str:
    """Line breaks and Markdown code marks removed, so phrases split over lines still match."""
    return " ".join(text.replace("`", "").split())


def grade(question_id: str, answer: str) -> Grade:
    catalog = shipped()
    question = catalog.question(DECK, question_id)
    rubric = catalog.rubric(DECK, question_id)
    assert question is not None and rubric is not None, question_id
    return OfflineGrader().grade_sync(GradeRequest(question=question, rubric=rubric, answer=answer))


def charged(question_id: str, answer: str) -> set[str]:
    return {m.id for m in grade(question_id, answer).misconceptions}


def verdict(question_id: str, answer: str, criterion_id: str) -> str:
    return next(c.verdict for c in grade(question_id, answer).criteria if c.id == criterion_id)


# -- sum pooling: avg_pool2d(divisor_override=1) is the exact route ------------------------------

def test_average_and_sum_pooling_names_avg_pool2d_divisor_override():
    for text in texts("average-and-sum-pooling"):
        assert re.search(r"avg_pool2d\(x, k, divisor_override=1\)", flat(text)), text
    # LPPool2d(norm_type=1) is kept only with the reason it sums: no absolute values are taken
    assert "without taking absolute values" in flat(reference("average-and-sum-pooling"))


def test_the_divisor_override_route_earns_the_pytorch_criterion():
    answer = "For sum pooling call F.avg_pool2d(x, 2, divisor_override=1); nn.AvgPool2d does the mean."
    assert verdict("average-and-sum-pooling", answer, "pytorch-usage") == "met"


def test_calling_lppool_an_l1_norm_is_charged():
    assert "lppool-is-l1-norm" in charged(
        "average-and-sum-pooling", "LPPool2d(norm_type=1) computes the L1 norm of each window.")
    assert "lppool-is-l1-norm" not in charged(
        "average-and-sum-pooling",
        "LPPool2d(norm_type=1) gives the plain sum, not the L1 norm, because it takes no absolute values.")


# -- reduction='mean' divides by the number of elements, not the batch size ----------------------

BATCH_AVERAGE = re.compile(r"(averag\w*|mean)\s+(\w+\s+){0,3}over\s+the\s+batch|(?<!not )by\s+the\s+batch\s+size",
                           re.IGNORECASE)


@pytest.mark.parametrize("question_id", ["mse-ctc-bce-losses", "mean-squared-error"])
def test_no_reference_answer_says_losses_average_over_the_batch(question_id):
    rubric = shipped().rubric(DECK, question_id)
    assert rubric is not None
    shown = texts(question_id) + [c.description for c in rubric.criteria] + \
        [c.levels.full for c in rubric.criteria]
    for text in shown:
        assert not BATCH_AVERAGE.search(flat(text)), text
    assert "number of elements" in flat(reference(question_id))


@pytest.mark.parametrize("question_id, answer", [
    ("mse-ctc-bce-losses", "MSELoss with reduction='mean' averages over the batch."),
    ("mean-squared-error", "nn.MSELoss with reduction='mean' divides by the batch size."),
])
def test_the_batch_average_claim_is_charged(question_id, answer):
    assert "mean-over-batch" in charged(question_id, answer)


def test_the_element_average_is_not_charged():
    assert "mean-over-batch" not in charged(
        "mean-squared-error", "nn.MSELoss averages over all elements, not over the batch.")


# -- BCE targets may be anywhere in [0, 1] ----------------------------------------------------------

def test_bce_references_allow_soft_targets():
    for text in texts("mse-ctc-bce-losses"):
        assert "soft labels" in flat(text), text
        assert not re.search(r"with 0/1 targets", flat(text)), text


def test_hard_only_bce_targets_are_charged():
    assert "bce-targets-hard-only" in charged("mse-ctc-bce-losses", "BCELoss targets must be 0 or 1.")
    assert "bce-targets-hard-only" not in charged(
        "mse-ctc-bce-losses", "BCELoss targets can be anywhere in [0, 1], not only 0 or 1.")


# -- CTC: each target no longer than its input, plus a frame per repeated label --------------------

def test_ctc_reference_states_the_length_rule_not_a_loose_input_longer_than_target():
    for text in texts("mse-ctc-bce-losses"):
        body = flat(text)
        assert "no longer than" in body and "input is longer than the target" not in body, text
        assert re.search(r"repeated label|identical labels", body), text


def test_a_target_longer_than_its_input_is_charged():
    assert "ctc-target-longer" in charged(
        "mse-ctc-bce-losses", "CTCLoss works even when the target is longer than the input.")
    assert "ctc-target-longer" not in charged(
        "mse-ctc-bce-losses", "The CTC target can't be longer than the input.")


# -- question aliases in the seeds' garbled wording ----------------------------------------------

GARBLED = ["show the problem to the network", "Are tensor and matrix the same",
           "What is Variable and autograd.Variable", "What is perceptron?", "Type1", "Type2"]


def test_no_alias_keeps_the_seeds_garbled_wording():
    for question in shipped().decks[DECK].questions:
        for alias in question.aliases:
            for bad in GARBLED:
                assert bad not in alias, (question.id, alias)


def test_type_1_type_2_aliases_are_clean_rephrasings():
    question = shipped().question(DECK, "type-1-type-2-errors")
    assert question is not None and question.aliases
    for alias in question.aliases:
        assert alias.endswith("?") and re.search(r"Type (1|I) and Type (2|II) errors", alias), alias


# -- padding: zeros for convolutions, negative infinity in MaxPool2d --------------------------------

def test_padding_reference_does_not_say_pooling_pads_with_zeros():
    for text in texts("padding"):
        body = flat(text)
        assert "(or pooling)" not in body and "usually zeros" not in body, text
        assert "negative infinity" in body, text
    assert "maxpool-pads-zeros" in charged("padding", "Max pooling pads with zeros.")
    assert "maxpool-zero-padding" in charged("max-pooling", "MaxPool2d pads with zeros.")


# -- max pooling: a tied window sends its gradient to one argmax index ------------------------------

def test_max_pooling_sends_a_tied_windows_gradient_to_one_index():
    assert "tie" in flat(reference("max-pooling")) and "single argmax index" in flat(reference("max-pooling"))
    assert "ties-split-gradient" in charged(
        "max-pooling", "With ties, the gradient is split equally among the tied elements.")
    assert "ties-split-gradient" not in charged(
        "max-pooling", "Even with ties PyTorch sends the gradient to one argmax index; it is not split.")


# -- softmax: class probabilities are valid CrossEntropyLoss targets --------------------------------

def test_soft_label_targets_for_cross_entropy_are_not_charged():
    answer = "nn.CrossEntropyLoss also accepts class probabilities as targets (soft labels, since 1.10)."
    result = grade("softmax", answer)
    assert not result.misconceptions
    assert all(c.verdict != "contradicted" for c in result.criteria)
    assert "ce-input-probabilities" in charged("softmax", "CrossEntropyLoss expects probabilities.")


# -- derivatives: a torch.func answer is not capped -------------------------------------------------

def test_a_torch_func_answer_earns_the_essential_criterion_and_is_not_capped():
    answer = ("Use torch.func.grad(f)(x): it returns df/dx for a plain tensor, no requires_grad "
              "needed, and torch.func.hessian gives second derivatives.")
    result = grade("derivatives", answer)
    assert next(c.verdict for c in result.criteria if c.id == "requires-grad") == "met"
    rubric = shipped().rubric(DECK, "derivatives")
    assert rubric is not None and result.score > rubric.essential_cap
    assert "torch.func.grad" in flat(reference("derivatives"))
    assert "needs no requires_grad" in flat(reference("derivatives"))


# -- gradient descent: SGD's plain update holds only with the defaults; "32-bit" is no batch ----------

def test_sgd_update_rule_is_stated_for_the_default_settings_only():
    for text in texts("gradient-descent-variants"):
        body = flat(text)
        assert "p -= lr * p.grad" in body and "default settings" in body and "momentum" in body, text


def test_a_32_bit_float_is_not_a_batch_size():
    assert verdict("gradient-descent-variants", "Mini-batch GD uses 32-bit floats.", "mini-batch") == "missed"
    assert verdict("gradient-descent-variants", "Mini-batch GD uses 32 examples per step.",
                   "mini-batch") == "partial"


# -- nn vs functional: most modules, not all, call F in forward ------------------------------------

def test_recurrent_modules_are_named_as_having_no_functional_counterpart():
    for text in texts("nn-vs-functional"):
        assert "nn.LSTM" in text and "Most modules" in text, text
    assert "every-module-has-functional" in charged(
        "nn-vs-functional", "Every nn module has an equivalent function in torch.nn.functional.")


# -- review defects in patterns and aliases --------------------------------------------------------

def test_is_available_alone_does_not_read_as_is_cuda():
    assert verdict("gpu-usage", "Check torch.cuda.is_available() first.",
                   "availability-placement") == "partial"


def test_mem_get_info_is_not_allocated_reserved_or_peak_memory():
    # memory_allocated earns its concept only with what it measures (claims, not names)
    assert verdict("gpu-usage", "torch.cuda.mem_get_info() and torch.cuda.memory_allocated(), "
                   "which counts the memory of live tensors.", "memory-apis") == "partial"
    assert "mem-get-info-is-process-memory" in charged(
        "gpu-usage", "mem_get_info tells you how much memory your tensors use.")


@pytest.mark.parametrize("answer", ["Don't use dxdiag; use nvidia-smi.",
                                    "Using dxdiag won't tell you anything about PyTorch.",
                                    "Instead of dxdiag, run nvidia-smi."])
def test_rejecting_dxdiag_is_not_charged(answer):
    assert "dxdiag" not in charged("gpu-usage", answer)


def test_recommending_dxdiag_is_charged():
    assert "dxdiag" in charged("gpu-usage", "Use dxdiag to check GPU usage.")


@pytest.mark.parametrize("answer", ["A multi-layer perceptron trained by backpropagation can learn XOR.",
                                    "A multi-layer perceptron uses sigmoid or ReLU units."])
def test_statements_about_multi_layer_perceptrons_are_not_charged(answer):
    result = grade("perceptron", answer)
    assert not result.misconceptions, [m.id for m in result.misconceptions]


def test_a_single_perceptron_trained_by_backpropagation_is_charged():
    assert "perceptron-backprop" in charged("perceptron", "The perceptron is trained with backpropagation.")


def test_backward_updating_the_weights_is_charged_in_linear_regression():
    assert "backward-updates-weights" in charged("linear-regression", "loss.backward() updates the weights.")
    assert "backward-updates-weights" not in charged(
        "linear-regression", "backward() computes the gradients and optimizer.step() updates the weights.")


def test_linear_regression_has_no_ungrammatical_seed_pattern():
    rubric = shipped().rubric(DECK, "linear-regression")
    assert rubric is not None
    assert all("classification of order discrete categories" != p
               for m in rubric.misconceptions for p in m.patterns)
    assert "used-for-classification" in charged(
        "linear-regression", "It is used for the classification of ordered discrete categories.")


def test_from_numpy_copies_nothing_is_not_a_copy_claim():
    result = grade("from-numpy", "torch.from_numpy copies nothing; the memory is shared, so a += 1 "
                                 "changes the tensor.")
    assert not result.misconceptions
    assert next(c.verdict for c in result.criteria if c.id == "shares-memory") == "met"
