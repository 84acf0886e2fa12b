"""The PyTorch 2.x questions of issue 14 (set A): what a reviewer checks, per question, and
what could regress.

Set A covers torch.compile, mixed precision, DDP/FSDP, DataLoader workers and seeding,
memory and out-of-memory debugging, profiling, custom operators, torch.export and
deployment, quantisation, device-agnostic code and reproducibility. Every check below runs
over all of the set's question ids; a failure names the question.
"""

from collections import Counter

import pytest

from deck_question_helpers import (
    assert_charged_with, assert_cites_pytorch_docs_over_https,
    assert_claim_charged_and_correction_not, assert_essential_criteria_have_opposites,
    assert_five_misconceptions_contradicting_criteria, assert_model_answer_scores_full,
    assert_not_charged, assert_rubric_form)
from grader_helpers import catalog, grade, question, rubric
from rubric_claims_helpers import load

#: id -> (topic, difficulty) for every question of set A.
SET_A: dict[str, tuple[str, str]] = {
    "compile-recompilation": ("compilation", "hard"),
    "compile-graph-breaks": ("compilation", "hard"),
    "torch-compile-modes": ("compilation", "medium"),
    "custom-operators": ("compilation", "hard"),
    "autocast-nan-loss": ("mixed-precision", "hard"),
    "autocast-and-gradscaler": ("mixed-precision", "medium"),
    "float16-vs-bfloat16": ("mixed-precision", "medium"),
    "ddp-hang-first-allreduce": ("distributed", "hard"),
    "ddp-gradient-accumulation": ("distributed", "hard"),
    "fsdp-vs-ddp": ("distributed", "hard"),
    "ddp-internals": ("distributed", "medium"),
    "distributed-sampler": ("distributed", "medium"),
    "iterable-dataset-workers": ("data-loading", "hard"),
    "dataloader-worker-seeding": ("data-loading", "medium"),
    "gpu-starved-by-dataloader": ("performance", "hard"),
    "memory-grows-every-step": ("debugging", "hard"),
    "cuda-oom-debugging": ("performance", "hard"),
    "memory-allocated-vs-reserved": ("performance", "medium"),
    "activation-checkpointing": ("performance", "medium"),
    "torch-profiler": ("performance", "medium"),
    "timing-gpu-code": ("performance", "hard"),
    "reproducibility": ("training", "hard"),
    "torch-export-deployment": ("deployment", "hard"),
    "quantization": ("deployment", "medium"),
    "device-agnostic-code": ("gpu-cuda", "easy"),
    "cudnn-benchmark": ("gpu-cuda", "easy"),
}
IDS = sorted(SET_A)

#: Each subject the brief asked set A to cover -> (question ids, terms that must appear in
#: the question or reference answer of at least one of them).
SUBJECTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "torch.compile graph breaks": (("compile-graph-breaks",), ("graph break", "fullgraph")),
    "recompilation and dynamic shapes": (("compile-recompilation",),
                                         ("recompile_limit", "mark_dynamic", "dynamic=None")),
    "torch.compile modes and speedups": (("torch-compile-modes",),
                                         ("reduce-overhead", "max-autotune", "fusion")),
    "autocast and GradScaler": (("autocast-and-gradscaler",), ("GradScaler", "unscale_")),
    "float16 vs bfloat16": (("float16-vs-bfloat16",), ("exponent", "65504")),
    "NaN loss only under autocast": (("autocast-nan-loss",), ("overflow", "float16")),
    "how DDP works": (("ddp-internals",), ("all-reduce", "bucket")),
    "DistributedSampler and set_epoch": (("distributed-sampler",), ("set_epoch",)),
    "DDP hang at the first all-reduce": (("ddp-hang-first-allreduce",),
                                         ("TORCH_DISTRIBUTED_DEBUG", "NCCL_DEBUG")),
    "no_sync and gradient accumulation": (("ddp-gradient-accumulation",), ("no_sync",)),
    "FSDP: what it shards, when over DDP": (("fsdp-vs-ddp",), ("fully_shard", "reduce-scatter")),
    "worker_init_fn and worker seeding": (("dataloader-worker-seeding",), ("worker_init_fn",)),
    "IterableDataset duplicates with workers": (("iterable-dataset-workers",),
                                                ("get_worker_info",)),
    "persistent_workers": (("dataloader-worker-seeding", "gpu-starved-by-dataloader"),
                           ("persistent_workers",)),
    "GPU idle waiting for data": (("gpu-starved-by-dataloader",), ("num_workers", "pin_memory")),
    "memory_allocated vs reserved, caching allocator": (("memory-allocated-vs-reserved",),
                                                        ("memory_reserved", "empty_cache")),
    "memory snapshots": (("cuda-oom-debugging", "memory-grows-every-step"),
                         ("_record_memory_history", "memory_viz")),
    "activation checkpointing": (("activation-checkpointing", "cuda-oom-debugging"),
                                 ("use_reentrant=False",)),
    "memory growing every iteration (loss keeps its graph)": (("memory-grows-every-step",),
                                                              ("grad_fn", ".item()")),
    "torch.profiler": (("torch-profiler",), ("ProfilerActivity", "key_averages")),
    "synchronisation when timing GPU code": (("timing-gpu-code",),
                                             ("torch.cuda.synchronize", "elapsed_time")),
    "custom operators": (("custom-operators",),
                         ("torch.library.custom_op", "register_fake", "register_autograd",
                          "opcheck")),
    "torch.export, ExecuTorch, ONNX": (("torch-export-deployment",),
                                       ("ExportedProgram", "ExecuTorch", "onnx")),
    "quantisation: dynamic, static, QAT, torchao": (("quantization",),
                                                    ("calibration", "fake", "torchao")),
    "device-agnostic code": (("device-agnostic-code",),
                             ("torch.device", ".to(device)", "torch.accelerator", "non_blocking")),
    "reproducibility": (("reproducibility", "cudnn-benchmark"),
                        ("use_deterministic_algorithms", "cudnn.benchmark")),
}

#: Correct statements candidates make, often negating a listed wrong claim; none may be charged
#: (in tests/rubric_claims/correct_statements_pytorch2_a.yaml).
CORRECT_STATEMENTS: dict[str, list[str]] = load("correct_statements_pytorch2_a")

#: APIs a PyTorch 2.x answer must not recommend (deprecated or unmaintained).
DEPRECATED = ("torch.jit.script(", "torch.jit.trace(", "TorchServe", "Variable(",
              "torch.cuda.amp.", "quantize_dynamic(")

#: Said after quoting the question, so the text is graded instead of flagged as parroting.
NEUTRAL_TAIL = ("I am not completely sure how I would answer this one in an interview, so "
                "let me think about it some more before giving my final reply.")


def test_set_a_has_the_planned_size_and_difficulty_mix():
    assert len(SET_A) == 26
    assert Counter(d for _, d in SET_A.values()) == {"hard": 14, "medium": 10, "easy": 2}


@pytest.mark.parametrize("question_id", IDS)
def test_question_is_in_the_deck_with_its_topic_and_difficulty(question_id):
    q = question(question_id)
    assert (q.topic, q.difficulty) == SET_A[question_id]
    assert q.reference_answer.strip()


@pytest.mark.parametrize("question_id", IDS)
def test_question_cites_pytorch_documentation_over_https(question_id):
    assert_cites_pytorch_docs_over_https(question_id)


@pytest.mark.parametrize("question_id", IDS)
def test_answers_recommend_no_deprecated_api(question_id):
    texts = {"reference_answer": question(question_id).reference_answer,
             "model_answer": rubric(question_id).model_answer}
    for where, text in texts.items():
        found = [api for api in DEPRECATED if api in text]
        assert not found, f"{question_id} {where} mentions {found}"


@pytest.mark.parametrize("question_id", IDS)
def test_rubric_has_the_full_form(question_id):
    assert_rubric_form(question_id)
    for c in rubric(question_id).criteria:
        assert {"none", "partial", "full"} <= set(c.levels.model_dump())


@pytest.mark.parametrize("question_id", IDS)
def test_every_essential_criterion_has_opposites(question_id):
    assert_essential_criteria_have_opposites(question_id)


@pytest.mark.parametrize("question_id", IDS)
def test_at_least_five_misconceptions_each_contradicting_a_criterion(question_id):
    assert_five_misconceptions_contradicting_criteria(question_id)


@pytest.mark.parametrize("question_id", IDS)
def test_no_opposite_repeats_a_misconception_pattern(question_id):
    """The same wrong claim must not be charged twice (once as a misconception, once as an
    opposite)."""
    r = rubric(question_id)
    patterns = {p for m in r.misconceptions for p in m.patterns}
    for c in r.criteria:
        for concept in c.concepts:
            assert not set(concept.opposites) & patterns, (question_id, c.id)


@pytest.mark.parametrize("question_id", IDS)
def test_each_misconception_fires_on_its_own_claim_and_not_on_its_correction(question_id):
    for m in rubric(question_id).misconceptions:
        assert_claim_charged_and_correction_not(question_id, m, " " + NEUTRAL_TAIL)


@pytest.mark.parametrize("question_id", IDS)
def test_model_answer_passes_its_own_rubric(question_id):
    assert_model_answer_scores_full(question_id)


@pytest.mark.parametrize("question_id", IDS)
def test_reference_answer_is_never_charged_as_wrong(question_id):
    """A correct answer in the deck's own words states no misconception and no opposite."""
    result = grade(question_id, question(question_id).reference_answer)
    assert not result.misconceptions, [
        (h.id, h.evidence[0].quote) for h in result.misconceptions]


@pytest.mark.parametrize("question_id", IDS)
def test_quoting_the_question_is_never_charged_as_wrong(question_id):
    """Candidates quote the scenario (and its code); that must not trigger a wrong claim."""
    result = grade(question_id, question(question_id).question + "\n\n" + NEUTRAL_TAIL)
    assert "parroting" not in {f.code for f in result.flags}
    assert not result.misconceptions, [
        (h.id, h.evidence[0].quote) for h in result.misconceptions]


def test_correct_statements_are_covered_for_every_question():
    assert set(CORRECT_STATEMENTS) == set(SET_A)


@pytest.mark.parametrize("question_id, statement",
                         [(q, s) for q, stmts in sorted(CORRECT_STATEMENTS.items()) for s in stmts])
def test_correct_statements_are_not_charged(question_id, statement):
    """Correct claims, including denials of a listed misconception ("bfloat16 does not need a
    GradScaler", "DistributedDataParallel is better than nn.DataParallel"), cost nothing."""
    assert_not_charged(question_id, statement + " " + NEUTRAL_TAIL)


@pytest.mark.parametrize("subject", sorted(SUBJECTS))
def test_every_assigned_subject_is_covered(subject):
    ids, terms = SUBJECTS[subject]
    assert set(ids) <= set(SET_A), subject
    text = " ".join(question(i).question + " " + question(i).reference_answer for i in ids)
    missing = [t for t in terms if t.lower() not in text.lower()]
    assert not missing, f"{subject}: {missing} not found in {ids}"


def test_set_a_rubrics_have_no_lint_problems():
    from interviewer.corpus.lint import lint_catalog
    from interviewer.grading.rubric_selfcheck import check_model_answers

    problems = lint_catalog(catalog(), extra_checks=[check_model_answers])
    ours = [str(p) for p in problems
            if any(f"/{i}.yaml" in str(p.path) for i in IDS)
            or any(f"({i})" in str(p) for i in IDS)]
    assert not ours, "\n".join(ours)


#: Wrong answers found while reviewing the set (issue 14 item 4): each must be caught by the
#: misconception it states, so a pattern narrowed later cannot silently let it through.
WRONG_STATEMENTS: dict[str, list[tuple[str, str]]] = {
    "compile-recompilation": [
        ("Just increase torch._dynamo.config.cache_size_limit to 64 and it will be fixed.",
         "raise-limit-fixes")],
    "custom-operators": [
        ("torch.compile will trace inside the custom op.", "compile-traces-inside")],
    "autocast-nan-loss": [
        ("The GradScaler should have caught this, so it must be misconfigured.",
         "scaler-prevents-nan"),
        ("fp16 has lower precision, which causes the NaN.", "precision-not-range")],
    "autocast-and-gradscaler": [
        ("GradScaler prevents gradient overflow.", "scaler-for-overflow")],
    "ddp-hang-first-allreduce": [
        ("Just increase the timeout in init_process_group so it finishes.", "timeout-fixes")],
    "fsdp-vs-ddp": [
        ("FSDP splits the layers across different GPUs.", "layers-on-different-gpus"),
        ("It only shards the optimizer state.", "optimizer-only")],
    "iterable-dataset-workers": [
        ("The workers all have the same random seed, so they produce the same lines.",
         "same-seed-cause")],
    "gpu-starved-by-dataloader": [
        ("num_workers sets the number of threads.", "workers-are-threads")],
    "memory-grows-every-step": [
        ("Just call torch.cuda.empty_cache() every iteration.", "empty-cache-fixes"),
        ("It's fragmentation.", "fragmentation")],
    "torch-profiler": [
        ("Just profile the first iteration, it's representative.", "first-iteration")],
    "timing-gpu-code": [
        ("The layer is really that fast on a GPU.", "really-that-fast"),
        ("Set CUDA_LAUNCH_BLOCKING=1 to get correct timings.", "launch-blocking-benchmark")],
    "cudnn-benchmark": [
        ("It makes results reproducible.", "helps-reproducibility"),
        ("It speeds up all operations.", "affects-matmuls")],
}


@pytest.mark.parametrize("question_id, statement, misconception",
                         [(q, s, m) for q, pairs in sorted(WRONG_STATEMENTS.items())
                          for s, m in pairs])
def test_wrong_statements_found_in_review_are_charged(question_id, statement, misconception):
    assert question_id in SET_A
    assert_charged_with(question_id, statement + " " + NEUTRAL_TAIL, misconception)


#: Points the review settled against the documentation (issue 14 item 4): the reference
#: answer must keep saying the first pattern of each pair and must not say the second.
SETTLED: dict[str, list[tuple[str | None, str | None]]] = {
    # Since 1.9 the worker loop seeds NumPy (PR 56488); the docs still warn about others.
    "dataloader-worker-seeding": [(r"since PyTorch 1\.9", None)],
    # CUDA graphs record one graph per input shape: not a hard static-shape requirement.
    "torch-compile-modes": [(r"one graph per distinct\s+input shape", r"needs static shapes")],
    # Current docs name the allocator variable PYTORCH_ALLOC_CONF.
    "cuda-oom-debugging": [(r"PYTORCH_ALLOC_CONF=expandable_segments", None),
                           (r"torch\.cuda\.OutOfMemoryError", None)],
    "memory-allocated-vs-reserved": [(r"PYTORCH_ALLOC_CONF=expandable_segments", None)],
    # table() maps a cuda_* sort key to the device_* columns; both must be named.
    "torch-profiler": [(r"device_time_total", None)],
    # Whether dynamo=True is the default depends on the release: pass it explicitly.
    "torch-export-deployment": [(r"dynamo=True", r"dynamo=True.{0,40}is the default")],
    # is_bf16_supported() counts emulated support by default.
    "float16-vs-bfloat16": [(r"including_emulation=False", None)],
}


@pytest.mark.parametrize("question_id", sorted(SETTLED))
def test_settled_points_stay_settled(question_id):
    import re

    q = question(question_id)
    text = q.question + "\n" + q.reference_answer
    for must, must_not in SETTLED[question_id]:
        if must:
            assert re.search(must, text, re.S), (question_id, must)
        if must_not:
            assert not re.search(must_not, text, re.S | re.I), (question_id, must_not)
