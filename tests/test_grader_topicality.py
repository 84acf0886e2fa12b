"""An answer to another question of the deck, or several pasted answers, is capped."""

from grader_helpers import catalog, question, rubric
from interviewer.grading.offline_grader import OfflineGrader
from interviewer.grading.protocols import GradeRequest


def grade(question_id: str, answer: str, *, with_deck: bool = True):
    grader = OfflineGrader(catalog() if with_deck else None)
    return grader.grade_sync(GradeRequest(question=question(question_id), rubric=rubric(question_id),
                                          answer=answer))


def test_a_good_answer_to_another_question_is_capped_and_named():
    other = rubric("backpropagation").model_answer       # answered to the autograd.Function question
    result = grade("autograd-function", other)
    assert result.has_flag("off-topic") and result.score <= 20
    assert "another question" in result.feedback
    assert "backpropagation" in next(f.detail for f in result.flags if f.code == "off-topic")


def test_several_pasted_model_answers_are_capped():
    pasted = "\n\n".join(rubric(q).model_answer for q in ("optimizers", "backpropagation",
                                                          "activation-functions", "loss-function"))
    assert grade("loss-function", pasted).score <= 20


def test_every_model_answer_reads_as_an_answer_to_its_own_question():
    for deck, found in catalog().questions("pytorch"):
        result = grade(found.id, rubric(found.id).model_answer)
        assert not result.has_flag("off-topic"), found.id


def test_without_the_deck_there_is_no_topicality_check():
    assert not grade("autograd-function", rubric("backpropagation").model_answer,
                     with_deck=False).has_flag("off-topic")


def test_code_scaffolding_does_not_make_a_code_answer_read_as_another_question():
    # `class Net(nn.Module)`, `def forward(self, x)` are in every module's code: they said
    # "torch-nn-and-nn-module" louder than the ModuleList the answer is about
    answer = ("```python\n"
              "class Net(nn.Module):\n"
              "    def __init__(self, n):\n"
              "        super().__init__()\n"
              "        self.blocks = nn.ModuleList([nn.Linear(64, 64) for _ in range(n)])\n"
              "    def forward(self, x):\n"
              "        for block in self.blocks:\n"
              "            x = torch.relu(block(x))\n"
              "        return x\n"
              "```\n"
              "A plain Python list here would hide the layers: model.parameters() and "
              "state_dict() would miss them and .to(device) would not move them.")
    assert not grade("modulelist", answer).has_flag("off-topic")
