"""The report of a session: overall score and band, scores by topic as a bar chart, strengths,
gaps, what to study next, every question (enter opens its feedback), and export (e)."""

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from interviewer.corpus.catalog import Catalog
from interviewer.domain import Session
from interviewer.engine.report import Report, build_report
from interviewer.tui import bindings
from interviewer.tui.safe_text import literal, literal_line, one_line
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
        report = self.report = build_report(self.session, catalog)
        config = self.session.config
        when = self.session.created_at.astimezone().strftime("%d %b %Y %H:%M")
        with VerticalScroll(id="report"):
            # deck and backend names come from the store (an import sets them): literal text
            yield Static(Text.assemble(("Report", "bold"), "  ", literal_line(
                f"{config.deck} · {config.mode} mode · {when} · {config.backend}", 120)),
                id="report-title")
            yield Static(Text.assemble(
                ("Overall ", "bold"), (f"{report.overall:.0f}", f"bold {score_style(report.overall)}"),
                " / 100   ", (report.band, "bold"),
                (f"   {report.answered} of {report.total} graded"
                 + ("" if self.session.status == "finished" else " · session not finished"), "dim"),
            ), id="overall")
            yield Label("Scores by topic", classes="section-title")
            yield TopicChart([(t.topic, t.score, t.questions) for t in report.topics], id="topic-chart")
            yield Label("Questions  (enter: feedback with your quoted answer)", classes="section-title")
            options = []
            for n, q in enumerate(report.questions, start=1):
                status = "skipped" if q.status == "skipped" else f"{q.score:>3.0f}"
                options.append(Option(Text.assemble(
                    (f"{n:>2}. ", "dim"), (f"{status:>7}  ", f"bold {score_style(q.score)}"),
                    (f"{one_line(q.topic, 13):<13} ", "dim"), one_line(q.question, 70)),
                    id=q.question_id))
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
            yield Static(id="export-path")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#questions").focus(scroll_visible=False)
        self.query_one("#report").scroll_home(animate=False)

    @on(OptionList.OptionSelected, "#questions")
    def _question_selected(self, event: OptionList.OptionSelected) -> None:
        self._open(event.option.id)

    def action_open_question(self) -> None:
        listing = self.query_one("#questions", OptionList)
        if listing.highlighted is not None:
            self._open(listing.get_option_at_index(listing.highlighted).id)

    def _open(self, question_id: str | None) -> None:
        from interviewer.tui.screens.feedback import FeedbackScreen
        from interviewer.tui.screens.interview import said_dont_know

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
            said_dont_know=said_dont_know(self.session, question_id)))

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
