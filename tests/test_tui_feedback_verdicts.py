"""The feedback screen states a contradicted verdict with the candidate's claim and the
correction, and marks credit the grader was unsure of."""

from textual.app import App

from tui_helpers import screen_text

from interviewer.domain import Question, Rubric
from interviewer.engine.report import QuestionReport
from interviewer.grading.offline_grader import OfflineGrader
from interviewer.grading.protocols import GradeRequest
from interviewer.tui.screens.feedback import FeedbackScreen

QUESTION = Question(id="loader", question="What does a data loader do?", topic="data-loading",
                    reference_answer="It batches samples and reshuffles them every epoch.")
RUBRIC = Rubric.model_validate({
    "question_id": "loader", "version": 1,
    "model_answer": "It groups samples into mini-batches and reshuffles them every epoch.",
    "criteria": [
        {"id": "batching", "description": "Groups samples into mini-batches.", "weight": 1,
         "levels": {"none": "n", "partial": "p", "full": "f"},
         "concepts": [["mini-batches", "batches"]]},
        {"id": "shuffling", "description": "Reshuffles every epoch.", "weight": 1,
         "levels": {"none": "n", "partial": "p", "full": "Reshuffles at the start of every epoch."},
         "concepts": [["reshuffles", "shuffles"],
                      {"aliases": ["every epoch"], "opposites": ["once at creation"]}]},
    ],
})
ANSWER = "It groups samples into mini-batches. It shuffles once at creation, so every epoch is the same."


class FeedbackApp(App):
    def __init__(self, report: QuestionReport):
        super().__init__()
        self.report = report

    def on_mount(self) -> None:
        self.push_screen(FeedbackScreen(self.report, RUBRIC, next_label="Next question"))


async def test_a_contradicted_criterion_shows_the_wrong_claim_and_the_correction():
    grade = OfflineGrader().grade_sync(GradeRequest(question=QUESTION, rubric=RUBRIC, answer=ANSWER))
    assert {c.id: c.verdict for c in grade.criteria}["shuffling"] == "contradicted"
    report = QuestionReport(question_id="loader", question=QUESTION.question, topic="data-loading",
                            difficulty="easy", status="graded", score=grade.score, answer=ANSWER,
                            model_answer=RUBRIC.model_answer, grade=grade)
    app = FeedbackApp(report)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert "✘ wrong" in shown
        assert "contradicted by your claim “once at creation”" in shown
        assert "correct: Reshuffles at the start of every epoch." in shown
        assert "Says the opposite of 'every epoch'" in shown   # the misconception section
