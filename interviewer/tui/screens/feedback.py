"""Feedback for one question: each criterion's verdict and points with the words of the answer
that earned them, misconceptions with the correct statement, markers, and the model answer."""

from rich.markdown import Markdown as RichMarkdown
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from interviewer.domain import Grade, Rubric
from interviewer.engine.report import QuestionReport
from interviewer.tui import bindings
from interviewer.tui.safe_text import clean, literal
from interviewer.tui.widgets.evidence_answer import STYLES, EvidenceAnswer, locate
from interviewer.tui.widgets.topic_chart import score_style

VERDICT_MARK = {"met": ("✔ met", "green"), "partial": ("◐ partial", "yellow"),
                "missed": ("✘ missed", "red"), "contradicted": ("✘ wrong", "bold red")}
#: Flags worth a marker of their own (others are listed with their detail).
FLAG_TEXT = {
    "low-confidence": "low confidence: read this grade with care",
    "fallback": "graded offline because the model grader failed",
    "injection": "flagged: the answer tries to instruct the grader; that part earns nothing",
    "empty": "flagged: empty answer",
    "too-short": "flagged: very short answer",
    "parroting": "flagged: repeats the question rather than answering it",
    "keyword-salad": "flagged: a list of keywords rather than an explanation",
    "truncated": "flagged: the answer was too long and was cut for grading",
    "punctuation-only": "flagged: the answer has no words",
    "unverified-evidence": "some quoted evidence is not in your answer: those verdicts earn nothing",
    "reference-only": "no rubric for this question: graded against the reference answer only",
    "unknown-question": "this question is no longer in the deck",
}


def markers(grade: Grade | None, status: str) -> list[Text]:
    """One line per marker: skipped, low confidence, and each flag."""
    if grade is None:
        return [Text("skipped: no answer was graded" if status == "skipped" else "not graded",
                     style="bold yellow")]
    out: list[Text] = []
    if grade.confidence == "low" and not grade.has_flag("low-confidence"):
        out.append(Text("⚠ " + FLAG_TEXT["low-confidence"], style="bold yellow"))
    for flag in grade.flags:
        text = FLAG_TEXT.get(flag.code, f"flagged: {flag.code}")
        detail = f" ({clean(flag.detail)})" if flag.detail else ""
        out.append(Text("⚠ " + text + detail, style="bold yellow"))
    return out


def criterion_block(grade: Grade, rubric: Rubric | None, answer: str) -> list[Static]:
    """Each criterion: verdict, points, what it asks for, and the quoted evidence."""
    blocks: list[Static] = []
    hits = {hit.id: hit for hit in grade.misconceptions}
    for result in grade.criteria:
        criterion = rubric.criterion(result.id) if rubric else None
        mark, colour = VERDICT_MARK[result.verdict]
        head = Text.assemble(
            (f"{mark:<10}", f"bold {colour}"),
            (f"{result.points:>5.1f} / {result.max_points:<5.1f} ", "bold"),
            literal(criterion.description if criterion else result.id),
        )
        body = Text()
        for evidence in result.evidence:
            found = locate(answer, evidence) is not None
            body.append("\n    “", style="dim")
            body.append(clean(evidence.quote),
                        style=STYLES[result.verdict] if found and result.verified else "italic")
            body.append("”", style="dim")
            if not (found and evidence.verified):
                body.append("  (not found in your answer: earns nothing)", style="bold red")
        if not result.verified:
            body.append("\n    unverified: the quoted evidence is not in your answer, so no points",
                        style="bold red")
        for hit in (hits[i] for i in result.contradicted_by if i in hits):
            body.append("\n    contradicted by your claim “", style="bold red")
            body.append(clean(hit.evidence[0].quote if hit.evidence else hit.claim),
                        style=STYLES["misconception"])
            body.append("”: no credit for this criterion", style="bold red")
            body.append("\n    correct: ", style="bold green")
            body.append(clean(hit.correction))
        if result.unsure:
            body.append("\n    unsure: the terms are there but not stated together as one claim; "
                        "held at partial", style="yellow")
        if result.verdict != "met" and criterion is not None:
            level = criterion.levels.full
            body.append("\n    a full answer: ", style="dim")
            body.append(clean(level), style="dim italic")
        elif result.rationale:
            body.append("\n    " + clean(result.rationale), style="dim")
        blocks.append(Static(head + body, classes=f"criterion -{result.verdict}"))
    return blocks


class FeedbackScreen(Screen[bool]):
    """Dismissed with True when the user moves on."""

    BINDINGS = bindings.FEEDBACK

    def __init__(self, question: QuestionReport, rubric: Rubric | None, *, position: str = "",
                 next_label: str | None = None, said_dont_know: bool = False) -> None:
        super().__init__()
        self.question = question
        self.said_dont_know = said_dont_know
        self.rubric = rubric
        self.position = position
        self.next_label = next_label

    def compose(self) -> ComposeResult:
        q = self.question
        grade = q.grade
        with VerticalScroll(id="feedback"):
            title = Text.assemble((f"{self.position}  " if self.position else "", "dim"),
                                  ("Feedback", "bold"), (f"  {q.topic} · {q.difficulty}", "dim"))
            yield Static(title)
            yield Static(literal(q.question, style="bold"), classes="question-text")
            score = grade.score if grade else 0.0
            yield Static(Text.assemble(("Score ", "bold"),
                                       (f"{score:.0f}", f"bold {score_style(score)}"), " / 100",
                                       (f"   hints used: {q.hints_used}" if q.hints_used else "", "dim"),
                                       (f"   follow-ups: {q.follow_ups}" if q.follow_ups else "", "dim")),
                         id="score-line")
            for marker in markers(grade, q.status):
                yield Static(marker, classes="marker")
            yield Label("Your answer", classes="section-title")
            if q.answer.strip() or not self.said_dont_know:
                yield EvidenceAnswer(q.answer, grade, classes="answer-view")
            if self.said_dont_know:
                yield Static(Text("You said you don't know.", style="italic"), classes="answer-view")
            if grade is not None:
                yield Label("Criteria", classes="section-title")
                yield from criterion_block(grade, self.rubric, q.answer)
                if grade.misconceptions:
                    yield Label("Misconceptions", classes="section-title")
                    for hit in grade.misconceptions:
                        text = Text.assemble(("✘ ", "bold red"), literal(hit.claim),
                                             (f"  −{hit.penalty:g} points", "bold red"))
                        for evidence in hit.evidence:
                            text.append("\n    you wrote: “", style="dim")
                            text.append(clean(evidence.quote), style=STYLES["misconception"])
                            text.append("”", style="dim")
                        text.append("\n    correct: ", style="bold green")
                        text.append(clean(hit.correction))
                        yield Static(text, classes="misconception")
                if grade.feedback:
                    yield Label("Comment", classes="section-title")
                    yield Static(literal(grade.feedback), classes="comment")
            yield Label("Model answer", classes="section-title")
            # One Rich renderable rather than Textual's Markdown (a widget per block): the
            # feedback page opens noticeably faster. No hyperlinks are emitted.
            yield Static(RichMarkdown(clean(q.model_answer) or "_No model answer for this question._",
                                      hyperlinks=False), classes="model-answer")
        if self.next_label:
            yield Label(f"enter: {self.next_label}", id="next-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#feedback").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next":
            return self.next_label is not None
        if action == "back":
            # In the practice flow there is nothing to go back to (the question is graded):
            # only "next" moves on, so escape must not look like a way back.
            return self.next_label is None
        return True

    def action_next(self) -> None:
        self.dismiss(True)

    def action_back(self) -> None:
        self.dismiss(False)
