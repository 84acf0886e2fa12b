"""The second half of the PyTorch 2.x questions (issue 14): hooks, checkpointing, broadcasting,
in-place autograd errors, eval/no_grad, attention, RNNs, normalisation, initialisation,
clipping, fine-tuning, AdamW and memory format.

Each check loops over the question ids below, so a question added to the list is held to the
same bar, and a question or rubric that regresses (loses its rubric, a source, a misconception,
an opposite, its subject) fails here by id.
"""

import re
from collections import Counter

import pytest

from grader_helpers import catalog, grade, question, rubric
from interviewer.domain.question import TOPICS
from interviewer.grading.rubric_selfcheck import check_rubric, pattern_warnings

#: question id -> difficulty, as written for the issue (12 hard, 11 medium, 3 easy).
QUESTIONS = {
    "hook-memory-growth": "hard",
    "module-hooks": "medium",
    "checkpoint-resume": "medium",
    "torch-load-weights-only": "easy",
    "state-dict-key-mismatch": "hard",
    "broadcasting-rules": "easy",
    "broadcasting-loss-bug": "hard",
    "inplace-autograd-error": "hard",
    "leaf-inplace-detach": "medium",
    "eval-no-grad-inference-mode": "medium",
    "validation-without-eval": "hard",
    "scaled-dot-product-attention": "medium",
    "sdpa-memory-flash": "hard",
    "attention-mask-convention": "hard",
    "lstm-gru": "medium",
    "packed-sequences": "hard",
    "batchnorm-vs-layernorm": "medium",
    "frozen-batchnorm-finetune": "hard",
    "weight-initialisation": "medium",
    "gradient-clipping": "medium",
    "clip-with-gradscaler": "hard",
    "fine-tuning-pretrained": "medium",
    "unfreeze-optimizer-param-groups": "hard",
    "adam-vs-adamw": "hard",
    "channels-last-memory-format": "medium",
    "views-and-contiguous": "easy",
}
IDS = sorted(QUESTIONS)

#: The subjects this half of the issue had to cover, and the questions that cover each.
SUBJECTS = {
    "hooks": ["hook-memory-growth", "module-hooks"],
    "state_dict checkpointing and weights_only": [
        "checkpoint-resume", "torch-load-weights-only", "state-dict-key-mismatch"],
    "broadcasting": ["broadcasting-rules", "broadcasting-loss-bug"],
    "in-place operations and autograd errors": ["inplace-autograd-error", "leaf-inplace-detach"],
    "eval() vs no_grad() vs inference_mode()": [
        "eval-no-grad-inference-mode", "validation-without-eval"],
    "attention and scaled_dot_product_attention": [
        "scaled-dot-product-attention", "sdpa-memory-flash", "attention-mask-convention"],
    "RNNs": ["lstm-gru", "packed-sequences"],
    "BatchNorm vs LayerNorm": ["batchnorm-vs-layernorm", "frozen-batchnorm-finetune"],
    "weight initialisation": ["weight-initialisation"],
    "gradient clipping": ["gradient-clipping", "clip-with-gradscaler"],
    "transfer learning and fine-tuning": [
        "fine-tuning-pretrained", "unfreeze-optimizer-param-groups", "frozen-batchnorm-finetune"],
    "Adam vs AdamW": ["adam-vs-adamw"],
    "memory format, layout, views": ["channels-last-memory-format", "views-and-contiguous"],
}

#: Words a subject's questions must mention (question or reference answer), so an id cannot
#: drift to another subject unnoticed.
SUBJECT_TERMS = {
    "hooks": "hook",
    "state_dict checkpointing and weights_only": "state_dict",
    "broadcasting": "broadcast",
    "in-place operations and autograd errors": "in-place|inplace",
    "eval() vs no_grad() vs inference_mode()": "no_grad",
    "attention and scaled_dot_product_attention": "scaled_dot_product_attention",
    "RNNs": "LSTM",
    "BatchNorm vs LayerNorm": "BatchNorm",
    "weight initialisation": "Kaiming",
    "gradient clipping": "clip_grad_norm_",
    "transfer learning and fine-tuning": "requires_grad",
    "Adam vs AdamW": "AdamW",
    "memory format, layout, views": "contiguous",
}

#: APIs the issue rules out as recommendations; none of these questions mentions them at all.
RETIRED = re.compile(r"TorchScript|torch\.jit|TorchServe|autograd\.Variable|torch\.cuda\.amp")


def _text(question_id: str) -> str:
    q = question(question_id)
    return f"{q.question}\n{q.reference_answer}"


def test_the_difficulty_mix_is_the_one_asked_for():
    assert Counter(QUESTIONS.values()) == {"hard": 12, "medium": 11, "easy": 3}


def test_every_subject_is_covered_by_questions_that_exist_and_mention_it():
    assert set(SUBJECTS) == set(SUBJECT_TERMS)
    for subject, ids in SUBJECTS.items():
        assert ids, subject
        for question_id in ids:
            assert question_id in QUESTIONS, (subject, question_id)
            assert re.search(SUBJECT_TERMS[subject], _text(question_id)), (subject, question_id)
    covered = {q for ids in SUBJECTS.values() for q in ids}
    assert covered == set(QUESTIONS), "every question belongs to one of the subjects"


@pytest.mark.parametrize("question_id", IDS)
def test_question_is_in_the_deck_with_its_difficulty_topic_and_answer(question_id):
    q = question(question_id)
    assert q.difficulty == QUESTIONS[question_id]
    assert q.topic in TOPICS
    assert len(q.reference_answer) > 300, "a full reference answer, not a stub"
    assert not RETIRED.search(_text(question_id))


@pytest.mark.parametrize("question_id", IDS)
def test_question_cites_pytorch_documentation(question_id):
    urls = [s.url for s in question(question_id).sources if s.url]
    assert urls, "at least one documentation source"
    assert all(u.startswith("https://docs.pytorch.org/") for u in urls), urls
    assert all(s.title for s in question(question_id).sources)


@pytest.mark.parametrize("question_id", IDS)
def test_rubric_has_the_full_form(question_id):
    r = rubric(question_id)
    assert r.question_id == question_id
    assert 3 <= len(r.criteria) <= 6
    essential = [c for c in r.criteria if c.essential]
    assert 1 <= len(essential) <= 2
    for criterion in essential:
        assert any(concept.opposites for concept in criterion.concepts), (
            f"essential criterion {criterion.id} has no opposites")
    assert 2 <= len(r.follow_ups) <= 4
    ids = {c.id for c in r.criteria}
    assert all(set(f.targets) <= ids for f in r.follow_ups)


@pytest.mark.parametrize("question_id", IDS)
def test_rubric_has_five_real_misconceptions_that_void_criteria(question_id):
    r = rubric(question_id)
    assert len(r.misconceptions) >= 5
    ids = {c.id for c in r.criteria}
    for m in r.misconceptions:
        assert m.contradicts and set(m.contradicts) <= ids, m.id
        assert 5 <= m.penalty <= 15, m.id


@pytest.mark.parametrize("question_id", IDS)
def test_rubric_lints_clean(question_id):
    q, r = question(question_id), rubric(question_id)
    path = catalog().rubric_paths[("pytorch", question_id)]
    problems = check_rubric(q, r, path) + pattern_warnings(r, path)
    assert problems == [], "\n".join(str(p) for p in problems)


@pytest.mark.parametrize("question_id", IDS)
def test_model_answer_meets_every_criterion_and_scores_full(question_id):
    r = rubric(question_id)
    result = grade(question_id, r.model_answer)
    assert {c.id: c.verdict for c in result.criteria} == {c.id: "met" for c in r.criteria}
    assert result.misconceptions == []
    assert result.score == 100


@pytest.mark.parametrize("question_id", IDS)
def test_each_misconception_voids_what_it_contradicts(question_id):
    """Said as an answer, a misconception's claim is caught and its criteria are contradicted;
    its correction, said instead, is not caught."""
    for m in rubric(question_id).misconceptions:
        wrong = grade(question_id, m.claim)
        assert m.id in {h.id for h in wrong.misconceptions}, m.id
        verdicts = {c.id: c.verdict for c in wrong.criteria}
        assert all(verdicts[c] == "contradicted" for c in m.contradicts), (m.id, verdicts)
        right = grade(question_id, m.correction)
        assert m.id not in {h.id for h in right.misconceptions}, m.id


@pytest.mark.parametrize("question_id", IDS)
def test_two_misconceptions_together_score_nothing(question_id):
    r = rubric(question_id)
    wrong = grade(question_id, " ".join(m.claim for m in r.misconceptions[:2]))
    assert wrong.score == 0
