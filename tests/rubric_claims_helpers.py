"""Shared by the "grade claims, not words" tests (issue 10): the core question ids, the
hand-written answer sets in tests/rubric_claims/*.yaml, and the score check they all use."""

from pathlib import Path

import yaml

from grader_helpers import grade

DATA = Path(__file__).parent / "rubric_claims"

#: A `right` answer must score at least this with the offline grader ...
RIGHT_AT_LEAST = 60
#: ... and a confidently wrong one (right vocabulary, wrong predicates) at most this.
WRONG_AT_MOST = 30

#: The core PyTorch deck questions (issue 14, part 1).
CORE = (
    "what-is-pytorch pytorch-vs-tensorflow tensors autograd torch-nn-and-nn-module "
    "nn-module-vs-sequential dataloader loss-function gradient torch-cuda backpropagation "
    "optimizers autograd-function dataset-class modulelist pytorch-vs-keras conv1d-conv2d-conv3d "
    "cnn dnn-vs-cnn pytorch-advantages activation-functions pytorch-building-blocks sigmoid-use "
    "tensor-attributes feed-forward anaconda-vs-miniconda abstraction-levels"
).split()


def load(name: str):
    """One data file of tests/rubric_claims/, e.g. load("answers_a")."""
    return yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))


def answer_cases(answers: dict[str, dict[str, list[str]]]) -> list[tuple[str, str, int]]:
    """(question id, "right" or "wrong", index) for every answer of a set, in file order."""
    return [(question_id, kind, n) for question_id, sets in answers.items()
            for kind in ("right", "wrong") for n in range(len(sets[kind]))]


def assert_four_of_each(answers: dict[str, dict[str, list[str]]], question_id: str) -> None:
    assert len(answers[question_id]["right"]) >= 4, question_id
    assert len(answers[question_id]["wrong"]) >= 4, question_id


def assert_scored_as(question_id: str, kind: str, answer: str) -> None:
    """A `right` answer scores at least RIGHT_AT_LEAST, a `wrong` one at most WRONG_AT_MOST."""
    result = grade(question_id, answer)
    why = ({c.id: c.verdict for c in result.criteria}
           | {m.id: "wrong claim" for m in result.misconceptions})
    if kind == "right":
        assert result.score >= RIGHT_AT_LEAST, (result.score, why, answer, result.feedback)
    else:
        assert result.score <= WRONG_AT_MOST, (result.score, why, answer, result.feedback)
