"""Aliases that were single everyday words credited sentences that say nothing: each is now
bound to what the criterion asks, and the claim it stood for still earns the criterion."""

import pytest
from grader_helpers import grade, verdicts


@pytest.mark.parametrize(("question_id", "criterion", "vague", "stated"), [
    ("cudnn-benchmark", "fixed-shapes",
     "It makes things faster and then the numbers change.",
     "Turn it on when input sizes are fixed; leave it off when shapes vary, since each new "
     "shape re-benchmarks."),
    ("eval-no-grad-inference-mode", "use-both",
     "They work together to make evaluation better.",
     "For evaluation you need both: model.eval() for dropout and batchnorm and torch.no_grad() "
     "for no graph, then model.train()."),
    ("softmax", "formula-distribution",
     "Batch normalization normalizes each channel over the batch.",
     "Softmax normalizes the logits into a probability distribution."),
    ("memory-allocated-vs-reserved", "keeps-freed-blocks",
     "It is slow and uses the driver.",
     "The caching allocator keeps freed blocks to reuse for later tensors, because cudaFree is "
     "slow and synchronises."),
])
def test_a_bare_word_no_longer_meets_the_criterion(question_id, criterion, vague, stated):
    assert verdicts(grade(question_id, vague))[criterion] == "missed"
    assert verdicts(grade(question_id, stated))[criterion] == "met"


def test_squaring_said_to_make_mse_robust_is_the_misconception():
    result = grade("mean-squared-error", "Squaring the errors makes it robust to outliers.")
    assert [m.id for m in result.misconceptions] == ["mse-robust-to-outliers"]
