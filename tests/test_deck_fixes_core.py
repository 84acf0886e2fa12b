"""Regression tests for the content fixes of the core PyTorch deck questions (issue 14,
item 1; issue 10, item 9): each test would fail if an outdated or imprecise item came back.
They load the shipped deck and rubrics through load_default_catalog()."""

import re
from functools import lru_cache

import pytest

from interviewer.corpus.catalog import Catalog, load_default_catalog
from interviewer.domain import Grade, Rubric
from interviewer.grading.offline_grader import OfflineGrader
from interviewer.grading.protocols import GradeRequest
from rubric_claims_helpers import CORE  # the questions this file covers

DECK = "pytorch"


@lru_cache(maxsize=1)
def catalog() -> Catalog:
    return load_default_catalog()


def rubric(question_id: str) -> Rubric:
    found = catalog().rubric(DECK, question_id)
    assert found is not None, question_id
    return found


def reference(question_id: str) -> str:
    question = catalog().question(DECK, question_id)
    assert question is not None, question_id
    return question.reference_answer


def grade(question_id: str, answer: str) -> Grade:
    request = GradeRequest(question=catalog().question(DECK, question_id),
                           rubric=rubric(question_id), answer=answer)
    return OfflineGrader().grade_sync(request)


def hits(question_id: str, answer: str) -> set[str]:
    """Misconception ids, and criteria contradicted by a stated opposite."""
    result = grade(question_id, answer)
    return {m.id for m in result.misconceptions} | {
        c.id for c in result.criteria if c.verdict == "contradicted"}


def verdicts(question_id: str, answer: str) -> dict[str, str]:
    return {c.id: c.verdict for c in grade(question_id, answer).criteria}


def aliases(r: Rubric) -> list[str]:
    return [a.lower() for c in r.criteria for k in c.concepts for a in k.aliases]


def texts(question_id: str) -> str:
    """Everything a candidate is shown as right: the reference and model answers, the
    criteria's descriptions and levels, and the corrections."""
    r = rubric(question_id)
    parts = [reference(question_id), r.model_answer]
    for c in r.criteria:
        parts += [c.description, c.levels.full]
    parts += [m.correction for m in r.misconceptions]
    return " ".join(" ".join(parts).split())


# -- the upgraded form: opposites and at least five misconceptions, each contradicting ------

@pytest.mark.parametrize("question_id", CORE)
def test_each_rubric_has_five_misconceptions_that_void_a_criterion(question_id):
    r = rubric(question_id)
    assert len(r.misconceptions) >= 5
    for m in r.misconceptions:
        assert m.contradicts, m.id
    assert r.version >= 2


@pytest.mark.parametrize("question_id", CORE)
def test_every_essential_criterion_has_an_opposite(question_id):
    for c in rubric(question_id).criteria:
        if c.essential:
            assert any(k.opposites for k in c.concepts), c.id


@pytest.mark.parametrize("question_id", CORE)
def test_reference_and_model_answer_agree(question_id):
    assert reference(question_id).strip() == rubric(question_id).model_answer.strip()


# -- TorchServe, TorchScript, static TensorFlow ------------------------------------------

@pytest.mark.parametrize("question_id", CORE)
def test_no_rubric_gives_credit_for_torchserve_or_torchscript(question_id):
    for alias in aliases(rubric(question_id)):
        assert "torchserve" not in alias and "torchscript" not in alias, alias
        assert "torch.jit" not in alias and "torch jit" not in alias, alias


@pytest.mark.parametrize("question_id", ["pytorch-vs-tensorflow", "pytorch-advantages"])
def test_torchserve_and_torchscript_earn_nothing(question_id):
    answer = "PyTorch models are deployed with TorchServe and TorchScript."
    quoted = [e.quote.lower() for c in grade(question_id, answer).criteria for e in c.evidence]
    assert not [q for q in quoted if "torchserve" in q or "torchscript" in q]
    assert "met" not in verdicts(question_id, "TorchServe and TorchScript.").values()


@pytest.mark.parametrize("question_id", CORE)
def test_no_answer_recommends_torchserve_or_torchscript(question_id):
    for line in reference(question_id).splitlines():
        if re.search(r"torchserve|torchscript|torch\.jit", line, re.I):
            assert re.search(r"deprecat|archiv|legacy|maintenance", line, re.I), line


@pytest.mark.parametrize("answer", [
    "The static graph describes TensorFlow 1; TensorFlow 2 is eager by default.",
    "TensorFlow 2 builds a static graph inside tf.function.",
    "TensorFlow builds a static graph only inside tf.function, otherwise it runs eagerly.",
    "TensorFlow used static graphs in version 1 with sessions.",
    "Keras 3 is multi-backend: it can run on top of PyTorch, JAX or TensorFlow.",
])
def test_the_tf1_rebuttal_and_keras_3_are_not_marked_down(answer):
    assert hits("pytorch-vs-tensorflow", answer) == set()
    assert hits("pytorch-advantages", answer) == set()


def test_the_static_tensorflow_claim_is_still_charged():
    for answer in ("PyTorch is a dynamic computational graph framework while TensorFlow is a "
                   "static computational graph framework.",
                   "TensorFlow is more static and provides better scalability."):
        assert "tensorflow-static" in hits("pytorch-vs-tensorflow", answer)
        assert verdicts("pytorch-vs-tensorflow", answer)["tf2-is-eager"] == "contradicted"


# -- cnn: rotation invariance, the bare "invariant" alias ---------------------------------

@pytest.mark.parametrize("answer", [
    "Rotation invariance has to come from augmentation.",
    "Rotation and scale invariance have to come from data augmentation, not from the convolution.",
    "CNNs are not rotation invariant.",
])
def test_the_cnn_augmentation_rebuttal_is_not_charged(answer):
    assert hits("cnn", answer) == set()


def test_rotation_invariance_earns_no_translation_credit():
    assert "rotation-scale-invariant" in hits("cnn", "CNNs are rotation invariant.")
    for answer in ("The network is rotation invariant.", "It is invariant."):
        assert verdicts("cnn", answer)["translation"] in ("missed", "contradicted")
    assert "invariant" not in aliases(rubric("cnn"))
    assert verdicts("cnn", "Convolutions are translation equivariant.")["translation"] == "met"


# -- sigmoid-use: the BCEWithLogitsLoss rebuttal, the seeds' false premise -----------------

@pytest.mark.parametrize("answer", [
    "Sigmoid before BCEWithLogitsLoss is a bug.",
    "Applying a sigmoid before BCEWithLogitsLoss is wrong: the loss already applies it.",
    "Putting torch.sigmoid before nn.BCEWithLogitsLoss applies the sigmoid twice.",
    "Don't apply sigmoid before BCEWithLogitsLoss; it applies the sigmoid internally.",
])
def test_the_bcewithlogits_rebuttal_is_not_charged(answer):
    assert hits("sigmoid-use", answer) == set()


def test_sigmoid_before_bcewithlogits_is_still_charged():
    for answer in ("Apply sigmoid to the outputs before passing them to nn.BCEWithLogitsLoss.",
                   "I apply torch.sigmoid and then BCEWithLogitsLoss."):
        assert "sigmoid-before-bcewithlogits" in hits("sigmoid-use", answer)


def test_the_sigmoid_use_aliases_do_not_keep_the_seeds_wording():
    question = catalog().question(DECK, "sigmoid-use")
    for text in (question.question, *question.aliases):
        assert not re.search(r"\bwhy do we prefer\b|\bprefer(red)? the sigmoid\b", text, re.I), text


# -- autograd-function: custom operators, apply, ctx --------------------------------------

def test_the_autograd_function_model_answer_names_torch_library_custom_op():
    for text in (reference("autograd-function"), rubric("autograd-function").model_answer):
        for name in ("torch.library.custom_op", "register_autograd", "opcheck", "torch.compile"):
            assert name in text, name
    assert verdicts("autograd-function", "For a Triton kernel use torch.library.custom_op with "
                    "register_autograd, so it works with torch.compile.")["custom-op-route"] == "met"


def test_wrapping_a_kernel_in_an_autograd_function_is_not_recommended():
    for line in reference("autograd-function").split("\n\n"):
        if re.search(r"cuda|triton|numpy", line, re.I):
            assert "custom_op" in line, line
    assert "function-for-opaque-kernels" in hits(
        "autograd-function", "Wrap your CUDA kernel in an autograd.Function.")


def test_calling_forward_directly_earns_no_apply_credit():
    r = rubric("autograd-function")
    apply = r.criterion("apply")
    assert not re.search(r"forward directly", apply.levels.partial, re.I)
    for answer in ("Instantiate the Function and call forward directly.",
                   "You just call forward directly."):
        assert verdicts("autograd-function", answer)["apply"] in ("missed", "contradicted")
    assert hits("autograd-function", "Calling forward directly is wrong: use MyFn.apply(x).") == set()


def test_a_bare_ctx_does_not_meet_the_saved_tensors_criterion():
    assert verdicts("autograd-function", "I store things on ctx in forward.")["ctx-saved-tensors"] == "missed"
    assert "ctx" not in aliases(rubric("autograd-function"))
    assert verdicts("autograd-function", "Save x with ctx.save_for_backward(x).")[
        "ctx-saved-tensors"] == "met"


# -- torch-cuda: set_device's caveat -------------------------------------------------------

def test_set_device_is_never_listed_without_the_documentation_caveat():
    for text in (reference("torch-cuda"), rubric("torch-cuda").model_answer):
        for sentence in re.split(r"(?<=[.;])\s", text):
            if "set_device" in sentence:
                assert re.search(r"discourag", sentence), sentence
        assert "CUDA_VISIBLE_DEVICES" in text and "torch.device" in text
    assert "set-device-recommended" in hits(
        "torch-cuda", "You should use torch.cuda.set_device to pick the GPU.")
    assert hits("torch-cuda", "set_device() is discouraged; use torch.device or "
                "CUDA_VISIBLE_DEVICES.") == set()


# -- loss-function: reduction="mean" averages over all elements ----------------------------

def test_mean_reduction_is_not_described_as_an_average_over_the_batch():
    for text in (" ".join(reference("loss-function").split()), texts("loss-function")):
        assert not re.search(r"(average|mean)\w* over the batch\b(?! dimension)", text, re.I)
        assert "all elements" in text
    assert "mean-over-batch-only" in hits("loss-function",
                                          'MSELoss with reduction="mean" divides by the batch size.')
    assert verdicts("loss-function", 'reduction="mean" averages over every element.')[
        "reduction"] == "met"


# -- dnn-vs-cnn agrees with cnn: no "CNNs end with a few dense layers" ---------------------

def test_cnns_are_not_said_to_end_with_dense_layers():
    for question_id in ("dnn-vs-cnn", "cnn"):
        text = texts(question_id)
        assert not re.search(r"end(s)? with (a few|several|some) (dense|fully[- ]connected)", text, re.I)
        assert "global average pooling" in " ".join(reference(question_id).split())
    assert "fully convolutional" in " ".join(reference("dnn-vs-cnn").split())


# -- tensor-attributes: .to() semantics, is_contiguous(), memory format --------------------

def test_to_is_not_described_as_always_returning_a_moved_copy():
    for question_id in ("tensor-attributes", "tensors"):
        assert not re.search(r"returns a moved copy|always (returns|makes) a (new )?copy",
                             texts(question_id), re.I)
    assert re.search(r"tensor itself if it is already there", texts("tensor-attributes"))
    assert "to-always-copies" in hits("tensor-attributes", "t.to(device) returns a moved copy.")
    assert "to-in-place" in hits("tensor-attributes", "t.to(device) moves the tensor in place.")


def test_is_contiguous_is_called_a_method_not_an_attribute():
    text = " ".join(reference("tensor-attributes").split())
    assert "`is_contiguous()` method" in text
    assert not re.search(r"attributes[^.]*is_contiguous", text)


def test_layout_is_told_apart_from_channels_last_memory_format():
    r = rubric("tensor-attributes")
    assert r.criterion("memory-format") is not None
    assert "channels-last-layout" in hits("tensor-attributes", "channels_last is a layout like strided.")
    assert hits("tensor-attributes", "channels_last is not a layout but a memory format.") == set()
    assert verdicts("tensor-attributes", "channels_last is a memory format: the shape stays "
                    "NCHW, only the strides change.")["memory-format"] == "met"


# -- dataloader: pin_memory needs non_blocking; shuffling happens every epoch --------------

def test_pin_memory_is_paired_with_non_blocking():
    for text in (" ".join(reference("dataloader").split()), texts("dataloader")):
        for sentence in re.split(r"(?<=[.;])\s", text):
            if "pin_memory" in sentence and re.search(r"overlap|speed|faster|async", sentence):
                assert "non_blocking" in sentence, sentence
    assert "pin-memory-moves-to-gpu" in hits("dataloader", "pin_memory=True moves the batches to the GPU.")


def test_the_per_epoch_reshuffle_is_its_own_concept_and_once_at_creation_contradicts_it():
    criterion = rubric("dataloader").criterion("shuffling-sampling")
    epoch = next(k for k in criterion.concepts if "every epoch" in k.aliases)
    assert epoch.name == "every epoch" and epoch.opposites
    assert not any("sampler" in a.lower() for a in epoch.aliases)
    answer = "shuffle=True shuffles the data once at creation time, so every epoch sees the same order."
    assert verdicts("dataloader", answer)["shuffling-sampling"] == "contradicted"
    assert verdicts("dataloader", "shuffle=True reshuffles the data at the start of each epoch.")[
        "shuffling-sampling"] == "met"


# -- dataset-class: IterableDataset workers, __len__, batches ------------------------------

def test_iterable_dataset_worker_duplicates_and_their_fix_are_covered():
    text = " ".join(reference("dataset-class").split())
    assert "get_worker_info" in text and "duplicates" in text
    assert verdicts("dataset-class", "With 4 workers each worker gets a copy and yields duplicates, "
                    "so shard the stream with get_worker_info().")["iterable-worker-sharding"] == "met"
    assert "iterable-auto-split" in hits(
        "dataset-class", "The DataLoader automatically splits an IterableDataset across workers.")


def test_len_is_not_called_mandatory():
    for text in (" ".join(reference("dataset-class").split()), texts("dataset-class")):
        assert not re.search(r"(must|have to|need to) implement (both )?`?__len__", text, re.I)
        assert not re.search(r"implement `?__len__`? \(number of samples\) and `?__getitem__", text)
    assert "optional" in reference("dataset-class")


@pytest.mark.parametrize("answer", [
    "__getitem__ returns a batch only if you set batch_size=None.",
    "The dataset returns batches when automatic batching is disabled.",
    "__getitems__ returns a list of samples for a whole batch.",
])
def test_returning_batches_with_automatic_batching_off_is_not_charged(answer):
    assert hits("dataset-class", answer) == set()


# -- optimizers: AdamW, either place for zero_grad() ---------------------------------------

def test_adam_versus_adamw_weight_decay_is_covered():
    assert "decoupled weight decay" in " ".join(reference("optimizers").split())
    assert verdicts("optimizers", "AdamW decouples weight decay from the adaptive gradient step.")[
        "adam-vs-adamw"] == "met"
    assert "adam-weight-decay-is-adamw" in hits("optimizers", "AdamW is just Adam with L2 regularization.")
    assert hits("optimizers", "AdamW is Adam with decoupled weight decay.") == set()


@pytest.mark.parametrize("answer", [
    "optimizer.zero_grad() first, then loss.backward(), then optimizer.step().",
    "loss.backward(); optimizer.step(); optimizer.zero_grad() at the end of each iteration.",
])
def test_zero_grad_first_or_last_both_meet_the_step_api(answer):
    assert verdicts("optimizers", answer)["step-api"] == "met"
    assert hits("optimizers", answer) == set()


def test_zero_grad_between_backward_and_step_is_charged():
    answer = "loss.backward(), then optimizer.zero_grad(), then optimizer.step()."
    assert verdicts("optimizers", answer)["step-api"] == "contradicted"


# -- eval() versus no_grad()/inference_mode() ----------------------------------------------

@pytest.mark.parametrize("question_id, criterion", [
    ("autograd", "control-recording"), ("torch-nn-and-nn-module", "eval-vs-no-grad")])
def test_eval_versus_no_grad_is_covered(question_id, criterion):
    text = " ".join(reference(question_id).split())
    assert "model.eval()" in text and "torch.no_grad()" in text and "inference_mode" in text
    assert "does not stop" in text
    assert "eval-disables-grad" in hits(question_id, "model.eval() turns off gradient computation.")
    assert "no-grad-switches-dropout" in hits(question_id, "torch.no_grad() also disables dropout.")
    assert criterion in {c for c, v in verdicts(
        question_id, "model.eval() turns off gradient computation.").items() if v == "contradicted"}
    assert verdicts("torch-nn-and-nn-module", "Call model.eval() to switch dropout off and wrap "
                    "inference in torch.no_grad() to stop recording.")["eval-vs-no-grad"] == "met"


def test_the_call_forward_directly_correction_does_not_trigger_its_own_pattern():
    for question_id in ("torch-nn-and-nn-module", "autograd-function"):
        misconception = next(m for m in rubric(question_id).misconceptions
                             if m.id == "call-forward-directly")
        assert "call-forward-directly" not in hits(question_id, misconception.correction)
        assert "call-forward-directly" in hits(question_id, misconception.claim)


# -- activation-functions: not every activation is element-wise ---------------------------

def test_activations_are_not_all_called_element_wise():
    text = " ".join(reference("activation-functions").split())
    assert "softmax" in text and "GLU" in text and "combine several units" in text
    assert not re.search(r"an activation function is (an )?(applied )?element-wise", text, re.I)
