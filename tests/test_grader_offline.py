"""The offline grader on real deck questions: verdicts, evidence, misconceptions, scores."""

import re

import pytest

from grader_helpers import flags, grade, question, quotes, rubric, verdicts
from interviewer.grading.offline_grader import OfflineGrader
from interviewer.grading.protocols import GradeRequest
from interviewer.grading.scoring import total_score

STRONG_AUTOGRAD = (
    "Autograd records every operation on tensors with requires_grad=True into a computational "
    "graph during the forward pass. Calling loss.backward() walks that graph in reverse and "
    "applies the chain rule (vector-Jacobian products), and the gradients are accumulated into "
    "the .grad attribute of the leaf tensors, so we call optimizer.zero_grad() every step. "
    "torch.no_grad() stops the recording, and the graph is freed after backward unless you "
    "pass retain_graph=True."
)


def test_a_complete_answer_meets_every_criterion_with_exact_evidence():
    result = grade("autograd", STRONG_AUTOGRAD)
    assert set(verdicts(result).values()) == {"met"}
    assert result.score == 100
    for criterion in result.criteria:
        assert criterion.evidence, criterion.id
        for evidence in criterion.evidence:
            assert evidence.verified
            assert STRONG_AUTOGRAD[evidence.start:evidence.end] == evidence.quote
    assert "chain rule" in quotes(result)


def test_verdict_follows_how_many_concepts_are_stated():
    # records-graph needs 2 of its 3 concepts: one concept is partial, two are met
    one = grade("autograd", "Autograd keeps a computational graph of what you did with tensors.")
    two = grade("autograd", "Autograd keeps a computational graph of operations on tensors "
                            "that have requires_grad set.")
    assert verdicts(one)["records-graph"] == "partial"
    assert verdicts(two)["records-graph"] == "met"
    assert one.criteria[0].points == pytest.approx(two.criteria[0].points / 2, abs=0.01)
    assert two.criteria[0].matched_concepts[:2] == ["records operations into graph",
                                                    "tensors that require gradients"]


def test_missing_an_essential_criterion_caps_the_score():
    # grad accumulation and recording control are covered, but not the essential chain rule
    answer = ("Autograd records a computational graph of operations on requires_grad tensors. "
              "Gradients are accumulated into the .grad of leaf tensors, so call zero_grad; "
              "torch.no_grad() stops recording and retain_graph keeps the graph.")
    result = grade("autograd", answer)
    assert verdicts(result)["reverse-chain-rule"] == "missed"
    earned = sum(c.points for c in result.criteria)
    assert earned > rubric("autograd").essential_cap
    assert result.score == rubric("autograd").essential_cap


def test_negated_statements_earn_nothing():
    result = grade("autograd", "Autograd does not build a computational graph, it doesn't track "
                               "requires_grad and it never uses the chain rule or backward.")
    assert result.score == 0
    assert quotes(result) == []


def test_a_misconception_costs_its_penalty_and_cites_the_claim():
    answer = ("Autograd records a computational graph during the forward pass for tensors with "
              "requires_grad, and backward() applies the chain rule. It computes the gradients "
              "numerically with finite differences.")
    without = grade("autograd", answer.rsplit(" It computes", 1)[0])
    result = grade("autograd", answer)
    hit = {m.id: m for m in result.misconceptions}["numerical-differentiation"]
    # the wrong claim also voids the criterion it contradicts (the chain rule it states)
    voided = sum(c.points for c in without.criteria if c.id in hit.contradicts)
    assert voided > 0
    assert result.score == pytest.approx(without.score - voided - hit.penalty, abs=0.1)
    assert hit.evidence[0].quote in answer and hit.evidence[0].verified
    assert hit.correction in result.feedback


def test_a_denied_misconception_is_not_charged():
    result = grade("dataloader", "The DataLoader does not load the whole dataset into memory; it "
                                 "wraps a Dataset and yields mini-batches of batch_size samples.")
    assert result.misconceptions == []


def test_misconceptions_on_other_questions():
    result = grade("dataloader", "It spawns multiple threads to load the whole dataset into memory.")
    assert {m.id for m in result.misconceptions} == {"loads-everything", "workers-are-threads"}
    softmax = grade("softmax", "Softmax exponentiates the logits and normalises them into a "
                               "probability distribution; apply softmax before CrossEntropyLoss.")
    assert "softmax-before-cross-entropy" in {m.id for m in softmax.misconceptions}


def test_question_words_alone_earn_nothing():
    # "tensor" and "PyTorch" repeat the question: they are not evidence of anything
    result = grade("tensors", "A tensor in PyTorch is a PyTorch tensor, the tensor of PyTorch, "
                              "which people call a tensor.")
    assert result.score == 0


def test_a_question_word_spelled_apart_is_still_the_question_s_word():
    # the question quotes "modified by an inplace operation": "it's the in-place thing" says
    # nothing the candidate added
    assert grade("inplace-autograd-error", "Thanks, it's the in-place thing.").score == 0


def test_typos_still_earn_credit():
    result = grade("autograd", "Autograd recrods operatoins in a computaitonal graph for tensors "
                               "with requires_grad; the backwrd pass applies the chian rule.")
    assert verdicts(result)["records-graph"] == "met"
    assert verdicts(result)["reverse-chain-rule"] == "met"


def test_score_is_computed_from_verdicts_and_weights():
    result = grade("dataloader", "A DataLoader wraps a Dataset and yields mini-batches of "
                                 "batch_size samples, reshuffled every epoch with shuffle=True.")
    assert result.score == total_score(rubric("dataloader"), result.criteria, result.misconceptions)
    assert all(c.max_points == round(rubric("dataloader").max_points(
        rubric("dataloader").criterion(c.id)), 2) for c in result.criteria)


def test_grade_records_its_provenance():
    result = grade("softmax", "Softmax exponentiates each logit and divides by the sum.")
    assert result.backend == "offline" and result.model is None and result.prompt_version is None
    assert result.rubric_version == rubric("softmax").version
    assert result.rubric_hash == rubric("softmax").content_hash()
    assert result.confidence == "normal"


def test_feedback_names_what_is_covered_and_what_is_missing():
    result = grade("dataloader", "A DataLoader wraps a Dataset and groups samples into "
                                 "mini-batches of batch_size.")
    assert "Covered:" in result.feedback and "Missing:" in result.feedback
    missed = [rubric("dataloader").criterion(c.id) for c in result.criteria if c.verdict == "missed"]
    assert missed and all(c.levels.full.rstrip(".") in result.feedback for c in missed)


def test_feedback_puts_each_point_on_its_own_line():
    # Rubric texts hold ';' themselves, so points joined by ';' could not be told apart.
    answer = ("A loss compares predictions with targets. For classification apply softmax "
              "before passing the outputs to cross-entropy, then call backward to compute the "
              "gradients.")
    result = grade("loss-function", answer)
    lines = result.feedback.splitlines()
    partial = rubric("loss-function").criterion("backward-step").levels.full
    assert ";" in partial and f"- {partial}" in lines
    assert "Partly covered; a full answer says:" in lines and "Not right:" in lines
    hit = result.misconceptions[0]
    assert f"- {hit.claim} In fact: {hit.correction}" in lines


def test_rationale_quotes_the_answer_and_names_what_is_still_needed():
    # records-graph needs 2 of its 3 concepts; reverse-chain-rule needs both of its 2.
    # What was stated is quoted in the answer's own words, never in the rubric's.
    strong = grade("autograd", STRONG_AUTOGRAD)
    for result in strong.criteria:
        for quoted in re.findall(r"“([^”]+)”", result.rationale):
            assert quoted in STRONG_AUTOGRAD
    some_answer = ("Autograd keeps a computational graph; backward() computes gradients. "
                   "Wrap inference in torch.no_grad().")
    some = {c.id: c.rationale for c in grade("autograd", some_answer).criteria}
    assert some["control-recording"] == "stated “Wrap inference in torch.no_grad”"
    assert some["records-graph"] == ("stated “keeps a computational graph”; still needs "
                                     "'tensors that require gradients' or 'during forward pass'")
    assert some["reverse-chain-rule"] == "stated “backward() computes”; still needs 'chain rule'"
    assert some["grad-accumulates"] == ("no claim states it; it needs 2 of 'stored in .grad', "
                                        "'leaf tensor' and 'accumulate'")


@pytest.mark.parametrize("noise", [
    "\x1b[31m", "\x1b]8;;http://evil\x07", "[bold]", "[link=https://x.y]", "🙂🔥", "自动求导 グラフ",
    "\x00\x07\x08", "Ｇｒａｄｉｅｎｔ", "\u202e\u200b",
])
def test_hostile_text_is_graded_without_error(noise):
    answer = noise + STRONG_AUTOGRAD.replace(". ", ". " + noise + " ") + noise
    result = grade("autograd", answer)
    assert result.score >= 90
    for evidence in (e for c in result.criteria for e in c.evidence):
        assert answer[evidence.start:evidence.end] == evidence.quote


def test_a_one_megabyte_answer_completes_and_is_flagged_truncated():
    answer = (STRONG_AUTOGRAD + " ") * (1_000_000 // len(STRONG_AUTOGRAD) + 1)
    result = grade("autograd", answer)
    assert "truncated" in flags(result)
    assert "Only the start" in result.feedback
    # the same answer pasted over and over says it once: the repeats are noise
    assert "low-precision" in flags(result) and result.score < 20


def test_a_one_megabyte_wall_of_one_character_is_handled():
    result = grade("autograd", "a" * 1_000_000)
    assert result.score == 0
    assert "truncated" in flags(result)


async def test_async_grade_equals_sync_grade():
    request = GradeRequest(question=question("autograd"), rubric=rubric("autograd"),
                           answer=STRONG_AUTOGRAD)
    grader = OfflineGrader()
    assert grader.name == "offline"
    sync, awaited = grader.grade_sync(request), await grader.grade(request)
    assert sync.model_dump(exclude={"graded_at"}) == awaited.model_dump(exclude={"graded_at"})
