"""Feedback for one question: each criterion's verdict and points with the words of the answer
that earned them, misconceptions with the correct statement, markers, the hints used, and the
model answer. From here a verdict can be disputed (d) and, in practice mode, the question
tried again (r). A provisional grade (the offline verdicts, while a model grades in the
background) is replaced on screen when the model's grade lands; until then it can be neither
disputed nor retried."""

from collections.abc import Callable

from rich.markdown import Markdown as RichMarkdown
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from interviewer.domain import Dispute, Grade, Rubric, Session
from interviewer.engine.report import QuestionReport
from interviewer.tui import bindings
from interviewer.tui.safe_text import clean, literal, one_line
from interviewer.tui.widgets.evidence_answer import STYLES, EvidenceAnswer, locate
from interviewer.tui.widgets.topic_chart import score_style
from interviewer.tui.widgets.transcript import markdown

VERDICT_MARK = {"met": ("✔ met", "green"), "partial": ("◐ partial", "yellow"),
                "missed": ("✘ missed", "red"), "contradicted": ("✘ wrong", "bold red")}
#: Flags worth a marker of their own (others are listed with their detail).
FLAG_TEXT = {
    "low-confidence": "low confidence: read this grade with care",
    "fallback": "graded offline because the model grader failed",
    "provisional": "provisional: the offline verdicts, until the model's grade arrives",
    "forged-marker": "flagged: text shaped like the grader's answer markers was neutralised",
    "injection": "flagged: the answer tries to instruct the grader; that part earns nothing",
    "empty": "flagged: empty answer",
    "too-short": "flagged: very short answer",
    "parroting": "flagged: repeats the question rather than answering it",
    "keyword-salad": "flagged: a list of keywords rather than an explanation",
    "truncated": "flagged: the answer was too long and was cut for grading",
    "punctuation-only": "flagged: the answer has no words",
    "unverified-evidence": "some quoted evidence is not in your answer: those verdicts earn nothing",
    "reference-only": "no rubric for this question: graded against the reference answer only",
    "draft-rubric": "read this grade with care",  # the detail says "draft rubric: ..."
    "low-precision": "capped: most of the answer is not in the rubric's terms (off the "
                     "question, or in words the offline grader cannot match)",
    "off-topic": "capped: this reads as an answer to another question",
    "unreadable": "the offline grader cannot judge this answer well; a model backend can",
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
        text = FLAG_TEXT.get(flag.code, f"flagged: {one_line(flag.code, 60)}")
        if flag.reason:  # why the model did not grade: timeout, schema, rate-limit, ...
            text += f" — {one_line(flag.reason, 60)}"
        shown = flag.detail and flag.code != "provisional"  # its text says it all
        detail = f" ({clean(flag.detail)})" if shown else ""
        style = "italic cyan" if flag.code == "provisional" else "bold yellow"
        out.append(Text(("… " if flag.code == "provisional" else "⚠ ") + text + detail, style=style))
    return out


def criterion_block(grade: Grade, rubric: Rubric | None, answer: str,
                    disputes: list[Dispute] = ()) -> list[Static]:
    """Each criterion: verdict, points, what it asks for, the quoted evidence, and the
    candidate's dispute of the verdict, if any."""
    blocks: list[Static] = []
    hits = {hit.id: hit for hit in grade.misconceptions}
    disputed = {d.criterion_id: d for d in disputes}
    for n, result in enumerate(grade.criteria):
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
        if result.id in disputed:
            body.append("\n    ⚑ you disputed this verdict: ", style="bold yellow")
            body.append(clean(disputed[result.id].reason), style="yellow")
        blocks.append(Static(head + body, classes=f"criterion -{result.verdict}",
                             id=f"criterion-{n}"))  # an id from the store is no widget id
    return blocks


def score_line(q: QuestionReport, now=None) -> Text:
    """Score, the attempts' trend, hints (and what they cost), follow-ups, and when the
    question comes back."""
    from interviewer.local_days import comes_back

    grade = q.grade
    score = grade.score if grade else 0.0
    line = Text.assemble(("Score ", "bold"), (f"{score:.0f}", f"bold {score_style(score)}"),
                         " / 100")
    earlier = [s for s in q.attempts[:-1]]
    if earlier:
        trend = " → ".join("—" if s is None else f"{s:.0f}" for s in q.attempts)
        line.append(f"   attempt {len(q.attempts)}: {trend}", style="bold")
    if q.hints_used:
        cost = f", −{grade.hint_penalty:g} points" if grade and grade.hint_penalty else ""
        line.append(f"   hints used: {q.hints_used}{cost}", style="dim")
    if q.follow_ups:
        line.append(f"   follow-ups: {q.follow_ups}", style="dim")
    if q.comes_back is not None and now is not None:
        line.append(f"   comes back {comes_back(q.comes_back, now)}", style="dim")
    return line


class FeedbackScreen(Screen[str]):
    """Dismissed with "next" (move on), "retry" (try the question again), "leave" (back to
    Home, the session resumable here) or "back" (to the report)."""

    BINDINGS = bindings.FEEDBACK

    class GradeLanded(Message):
        """The model's grade for the question on show has landed."""

    def __init__(self, question: QuestionReport, rubric: Rubric | None, *, position: str = "",
                 next_label: str | None = None, said_dont_know: bool = False,
                 session: Session | None = None, can_retry: bool = False, now=None) -> None:
        super().__init__()
        self.question = question
        self.said_dont_know = said_dont_know
        self.rubric = rubric
        self.position = position
        self.next_label = next_label
        #: The stored session, to keep disputes in (None: disputes are not offered).
        self.session = session
        self.can_retry = can_retry
        self.now = now
        #: The report with the model's grade, once it lands (see `follow`).
        self._landed: QuestionReport | None = None

    @property
    def provisional(self) -> bool:
        """The grade on show is the offline one, until the model's lands."""
        grade = self.question.grade
        return grade is not None and grade.has_flag("provisional")

    def follow(self, engine, question_id: str, due_dates: Callable[[], dict] = dict) -> None:
        """While the grade on show is provisional, replace it when the model's lands.
        `due_dates` gives the schedule as it is then (the grade reviews the card)."""
        from interviewer.engine.report import build_report

        if not self.provisional:
            return

        def landed(landed_id: str, _grade) -> None:
            if landed_id != question_id:
                return
            if landed in engine.grading.listeners:
                engine.grading.listeners.remove(landed)
            report = build_report(engine.session, engine.catalog, due_dates())
            found = next((q for q in report.questions if q.question_id == question_id), None)
            if found is None or (found.grade is not None and found.grade.has_flag("provisional")):
                return  # nothing landed (its grading was stopped; a resume grades it)
            self._landed = found
            if self.is_mounted:
                self.post_message(self.GradeLanded())
            # else on_mount shows it: recomposing a screen still mounting can stall it

        if question_id in engine.grading.pending:
            engine.grading.listeners.append(landed)
        else:  # it landed before this screen was made
            landed(question_id, None)

    async def on_feedback_screen_grade_landed(self, _: GradeLanded) -> None:
        await self._show_landed()

    async def _show_landed(self) -> None:
        question = self._landed
        if question is None or question is self.question:
            return
        self.question = question
        await self.recompose()
        self.query_one("#feedback").focus()
        self.refresh_bindings()  # dispute and retry are offered now
        grade = question.grade
        if grade is None:
            return
        if grade.has_flag("fallback"):
            reason = next((f.reason for f in grade.flags if f.code == "fallback"), None)
            self.notify(f"The model grader failed ({one_line(reason or 'error', 60)}): the "
                        "offline grade stays.", title="Graded offline", severity="warning",
                        timeout=6)
        else:
            self.notify(f"Graded by {one_line(grade.model or grade.backend, 60)}: "
                        f"{grade.score:.0f} / 100", title="The model's grade arrived", timeout=4)

    def compose(self) -> ComposeResult:
        q = self.question
        grade = q.grade
        with VerticalScroll(id="feedback"):
            title = Text.assemble((f"{self.position}  " if self.position else "", "dim"),
                                  ("Feedback", "bold"),
                                  ("  " + one_line(f"{q.topic} · {q.difficulty}", 80), "dim"))
            yield Static(title)
            yield Static(literal(q.question, style="bold"), classes="question-text")
            yield Static(score_line(q, self.now), id="score-line")
            for marker in markers(grade, q.status):
                yield Static(marker, classes="marker")
            yield Label("Your answer", classes="section-title")
            if q.answer.strip() or not self.said_dont_know:
                yield EvidenceAnswer(q.answer, grade, classes="answer-view")
            if self.said_dont_know:
                yield Static(Text("You said you don't know.", style="italic"), classes="answer-view")
            if grade is not None:
                disputable = self.session is not None and not self.provisional
                yield Label("Criteria" + ("  (d: dispute a verdict)" if disputable else ""),
                            classes="section-title")
                yield from criterion_block(grade, self.rubric, q.answer, self._disputes())
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
            if q.hints:
                cost = (f" (−{grade.hint_penalty:g} points)"
                        if grade is not None and grade.hint_penalty else "")
                yield Label(f"Hints you used: {len(q.hints)}{cost}", classes="section-title")
                for n, hint in enumerate(q.hints, start=1):
                    yield Static(markdown(f"{n}. {hint}"), classes="hint-used")
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
        self.call_after_refresh(self._show_landed)  # a grade that landed while mounting

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        in_session = self.next_label is not None
        if action in ("next", "leave"):
            return in_session
        if action == "back":
            # In the practice flow there is nothing to go back to (the question is graded):
            # escape leaves for Home instead (the session resumes at this feedback).
            return not in_session
        if action == "retry":
            return self.can_retry and not self.provisional  # the model's grade comes first
        if action == "dispute":
            # a provisional grade is not stored: the model's replaces it
            return self.session is not None and self.question.grade is not None \
                and not self.provisional
        return True

    def action_next(self) -> None:
        self.dismiss("next")

    def action_retry(self) -> None:
        self.dismiss("retry")

    def action_leave(self) -> None:
        self.dismiss("leave")

    def action_back(self) -> None:
        self.dismiss("back")

    def action_dispute(self) -> None:
        from interviewer.tui.screens.dispute import DisputeScreen

        grade = self.question.grade
        if self.session is None or grade is None or self.provisional:
            return
        self.app.push_screen(DisputeScreen(grade, self.rubric, self._disputes()), self._disputed)

    def _disputes(self) -> list[Dispute]:
        """The disputes of the attempt this feedback is about."""
        grade = self.question.grade
        return [d for d in self.question.disputes if grade and d.attempt == grade.attempt]

    def _disputed(self, result: tuple[str, str] | None) -> None:
        from interviewer.engine.disputes import dispute_verdict, withdraw_dispute

        if result is None:
            return
        criterion_id, reason = result
        grade, session = self.question.grade, self.session
        try:
            if reason:
                dispute_verdict(self.app.store, session, grade, criterion_id, reason)
                self.notify("Dispute saved beside the grade (the score is unchanged); "
                            "the command interviewer disputes lists them all.", timeout=6)
            else:
                old = next(d for d in self._disputes() if d.criterion_id == criterion_id)
                withdraw_dispute(self.app.store, session, old)
                self.notify("Dispute withdrawn.")
        except Exception as exc:  # a full disk: say so, keep the screen
            self.notify(f"The dispute could not be saved: {exc}", severity="error", timeout=10)
            return
        self.question = self.question.model_copy(update={
            "disputes": session.disputes_for(grade.question_id)})
        self._show_disputes()

    def _show_disputes(self) -> None:
        """Redraw the criteria with the disputes as they are now."""
        grade = self.question.grade
        for block in criterion_block(grade, self.rubric, self.question.answer, self._disputes()):
            old = self.query_one(f"#{block.id}", Static)
            old.update(block.content)
