"""The report of a session: overall score and band, scores by topic as a bar chart, strengths,
gaps, what to study next, every question with when it comes back for review (enter opens its
feedback), the disputed verdicts, and export (e). It opens scrolled to the top with the page
focused, so PageDown/PageUp scroll it; tab moves to the question list."""

from datetime import UTC, datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from interviewer.corpus.catalog import Catalog
from interviewer.domain import Session
from interviewer.engine.report import QuestionReport, Report, build_report
from interviewer.tui import bindings
from interviewer.tui.safe_text import literal, one_line
from interviewer.tui.widgets.topic_chart import TopicChart, score_style


def bullet_list(items: list[str], mark: str, style: str, empty: str) -> Text:
    if not items:
        return Text(empty, style="dim italic")
    text = Text()
    for i, item in enumerate(items):
        if i:
            text.append("\n")
        text.append(f"{mark} ", style=style)
        text.append_text(literal(item))
    return text


def question_row(n: int, q: QuestionReport, now: datetime, columns: dict[str, int]) -> Text:
    """One line of the question list: score (and the attempts' trend), a flag when a verdict
    is disputed, topic, when it comes back, the question (cut to `columns["question"]`).
    The trend and "back" columns are there only when some question has one."""
    from interviewer.local_days import comes_back

    status = "skipped" if q.status == "skipped" and q.grade is None else f"{q.score:>3.0f}"
    trend = "→".join("—" if s is None else f"{s:.0f}" for s in q.attempts) \
        if len(q.attempts) > 1 else ""
    back = f"back {comes_back(q.comes_back, now)}" if q.comes_back else ""
    text = Text.assemble((f"{n:>2}. ", "dim"), (f"{status:>7} ", f"bold {score_style(q.score)}"),
                         ("⚑ " if q.disputes else "  ", "bold yellow"))
    if columns["trend"]:
        text.append(f"{trend:<{columns['trend']}} ", style="dim")
    text.append(f"{one_line(q.topic, 13):<13} ", style="dim")  # a stored (imported) name
    if columns["back"]:
        text.append(f"{back:<{columns['back']}} ", style="dim")
    text.append(one_line(q.question, columns["question"]))
    return text


def row_columns(report: Report, now: datetime, width: int) -> dict[str, int]:
    """Widths of the optional columns, and what is left for the question on one line."""
    from interviewer.local_days import comes_back

    trend = max((len("→".join("—" if s is None else f"{s:.0f}" for s in q.attempts))
                 for q in report.questions if len(q.attempts) > 1), default=0)
    back = max((len(f"back {comes_back(q.comes_back, now)}")
                for q in report.questions if q.comes_back), default=0)
    used = 4 + 8 + 2 + (trend + 1 if trend else 0) + 14 + (back + 1 if back else 0)
    # the list's border, scrollbar and padding take about 8 columns
    return {"trend": trend, "back": back, "question": max(20, width - 8 - used)}


class ReportScreen(Screen):
    BINDINGS = bindings.REPORT

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.report: Report | None = None
        self.last_export: str | None = None

    def compose(self) -> ComposeResult:
        # Without a catalog (broken data files) the report still shows the stored grades.
        catalog = self.app.loaded_catalog or Catalog()
        now = datetime.now(UTC)
        report = self.report = build_report(self.session, catalog, self._due_dates())
        config = self.session.config
        when = self.session.created_at.astimezone().strftime("%d %b %Y %H:%M")
        with VerticalScroll(id="report"):
            yield Static(Text.assemble(("Report", "bold"), f"  {one_line(config.deck, 30)} · "
                                       f"{config.mode} mode · started {when} · "
                                       f"{one_line(config.backend, 24)}", style=""),
                         id="report-title")
            yield Static(Text.assemble(
                ("Overall ", "bold"), (f"{report.overall:.1f}", f"bold {score_style(report.overall)}"),
                " / 100   ", (report.band, "bold"), ("\n" + report.counted, "dim"),
            ), id="overall")
            yield Label("Scores by topic", classes="section-title")
            yield TopicChart([(t.topic, t.score, t.questions) for t in report.topics], id="topic-chart")
            yield Label("Questions  (tab, then enter: feedback with your quoted answer)",
                        classes="section-title")
            self._columns = row_columns(report, now, self.app.size.width)
            options = [Option(question_row(n, q, now, self._columns), id=q.question_id)
                       for n, q in enumerate(report.questions, start=1)]
            yield OptionList(*options, id="questions")
            with Horizontal(id="strengths-gaps"):
                with Vertical():
                    yield Label("Strengths", classes="section-title")
                    yield Static(bullet_list(report.strengths, "✔", "green",
                                             "Nothing fully met yet."), id="strengths")
                with Vertical():
                    yield Label("Gaps", classes="section-title")
                    yield Static(bullet_list(report.gaps, "✘", "red", "No gaps found."), id="gaps")
            yield Label("Study next", classes="section-title")
            yield Static(bullet_list(report.study_next, "→", "bold", "Nothing pressing: "
                                     "try a harder difficulty."), id="study-next")
            yield Label("Verdicts you disputed", classes="section-title", id="disputes-title")
            yield Static(id="disputes")
            yield Static(id="export-path")
        yield Footer()

    def on_mount(self) -> None:
        self._show_disputes()
        # the page has focus, not the list: PageDown/PageUp scroll the whole report
        self.query_one("#report").focus(scroll_visible=False)
        self.query_one("#report").scroll_home(animate=False)

    def _due_dates(self) -> dict:
        """When each question of the deck comes back ({} when the store cannot say)."""
        try:
            cards = self.app.store.schedule.cards(self.session.config.deck)
        except Exception:  # noqa: BLE001 - the report shows without it
            return {}
        return {qid: card.due for qid, card in cards.items()}

    @on(OptionList.OptionSelected, "#questions")
    def _question_selected(self, event: OptionList.OptionSelected) -> None:
        self._open(event.option.id)

    def action_open_question(self) -> None:
        listing = self.query_one("#questions", OptionList)
        if not listing.has_focus:  # enter on the page: go to the questions first
            listing.focus()
            return
        if listing.highlighted is not None:
            self._open(listing.get_option_at_index(listing.highlighted).id)

    def _open(self, question_id: str | None) -> None:
        from interviewer.tui.screens.feedback import FeedbackScreen
        from interviewer.tui.screens.interview_feedback import said_dont_know

        if self.report is None or question_id is None:
            return
        numbered = list(enumerate(self.report.questions, start=1))
        n, question = next(((n, q) for n, q in numbered if q.question_id == question_id), (0, None))
        if question is None:
            return
        catalog = self.app.loaded_catalog
        rubric = catalog.rubric(self.session.config.deck, question_id) if catalog else None
        self.app.push_screen(FeedbackScreen(
            question, rubric, position=f"Question {n} of {len(self.report.questions)}",
            said_dont_know=said_dont_know(self.session, question_id),
            session=self.session, now=datetime.now(UTC)), self._feedback_closed)

    def _feedback_closed(self, _: object) -> None:
        """Disputes made on the feedback screen show in the report at once."""
        if self.report is None:
            return
        listing = self.query_one("#questions", OptionList)
        now = datetime.now(UTC)
        for n, q in enumerate(self.report.questions, start=1):
            q.disputes = self.session.disputes_for(q.question_id)
            listing.replace_option_prompt_at_index(n - 1, question_row(n, q, now, self._columns))
        self._show_disputes()

    def _show_disputes(self) -> None:
        disputed = [(q, d) for q in self.report.questions for d in q.disputes]
        self.query_one("#disputes-title").display = bool(disputed)
        view = self.query_one("#disputes", Static)
        view.display = bool(disputed)
        view.update(bullet_list(
            [f"{q.question_id} · {d.criterion_id}"
             + (f" (attempt {d.attempt})" if len(q.attempts) > 1 else "")
             + f": {d.verdict} — “{d.reason}”" for q, d in disputed], "⚑", "bold yellow", ""))

    def action_export(self) -> None:
        from interviewer.tui.exporting import export_folder
        from interviewer.tui.screens.export import ExportScreen

        folder = str(export_folder(self.app.settings))
        self.app.push_screen(ExportScreen(folder), self._exported)

    def _exported(self, fmt: str | None) -> None:
        if fmt:
            self.export(fmt)

    def export(self, fmt: str) -> None:
        """Write the export and show where it went."""
        from interviewer.tui.exporting import export_session

        try:
            path = export_session(self.session, self.app.loaded_catalog, self.app.settings, fmt)
        except Exception as exc:
            self.notify(f"Export failed: {exc}", severity="error", timeout=10)
            return
        self.last_export = str(path)
        self.query_one("#export-path", Static).update(
            Text.assemble(("Exported: ", "bold green"), str(path)))
        self.notify(str(path), title="Exported", timeout=8)

    def action_back(self) -> None:
        """Back to where the report was opened from (History, or Home after a session)."""
        self.app.pop_screen()
