"""History: past sessions (date, deck, mode, score), your score trend over time, and each
topic's trend; enter opens a session's report (or resumes an unfinished one)."""

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, Static

from interviewer.tui import bindings
from interviewer.tui.safe_text import clean, literal_line, one_line
from interviewer.tui.widgets.score_trend import ScoreTrend
from interviewer.tui.widgets.topic_chart import score_style

_TICKS = "▁▂▃▄▅▆▇█"


def mini_trend(scores: list[float]) -> str:
    """A one-line sparkline of 0-100 scores, oldest first."""
    return "".join(_TICKS[min(7, int(s / 100 * 8))] for s in scores)


def short_id(session_id: str) -> str:
    """The end of a session id: its random part ('20261104-153012-a3f9c1' -> 'a3f9c1'), enough
    to tell apart two sessions with the same date and deck (e.g. an imported copy)."""
    return clean(session_id)[-6:]  # an imported id is untrusted text


def when(summary) -> str:
    """The session's start, in local time."""
    return summary.created_at.astimezone().strftime("%Y-%m-%d %H:%M")


class HistoryScreen(Screen):
    BINDINGS = bindings.HISTORY

    def __init__(self) -> None:
        super().__init__()
        #: The listed sessions by id (what the delete confirmation describes).
        self.summaries: dict = {}

    def compose(self) -> ComposeResult:
        yield Static(Text("History", style="bold"), id="history-title")
        with Vertical(id="trend-panel"):
            yield Label("Score trend (finished sessions, oldest → newest)", classes="section-title")
            yield ScoreTrend(id="trend")
            yield Static(id="trend-summary")
            yield Static(id="topic-trends")
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#sessions", DataTable)
        table.add_columns("Started", "ID", "Deck", "Mode", "Answered", "Score", "Status", "Backend")
        self.refresh_sessions()
        table.focus()

    def on_screen_resume(self) -> None:
        self.refresh_sessions()

    def refresh_sessions(self) -> None:
        from interviewer.store.progress import RECENT, topic_progress, topic_scores

        table = self.query_one("#sessions", DataTable)
        # Back from a report (or after a delete) the cursor stays where it was: on the same
        # session, or at the same place in the list if that session is gone.
        selected, row = self._selected_id(), table.cursor_row
        table.clear()
        try:
            sessions = self.app.store.list_sessions()
            topics = topic_progress(self.app.store, revealed_only=True)
            current = topic_scores(self.app.store, revealed_only=True)
        except Exception as exc:
            self.query_one("#trend-summary", Static).update(
                Text(f"The session store cannot be read: {exc}", style="bold red"))
            return
        self.summaries = {s.id: s for s in sessions}
        for s in sessions:
            score = "—" if s.score is None else f"{s.score:.1f}"  # as the report and exports
            # Every name is a Text: a str cell is parsed as markup, and an imported deck or
            # model name such as "[/x]" or "[@click=app.quit]" must show as typed.
            table.add_row(
                when(s), Text(short_id(s.id), style="dim"), literal_line(s.deck, 16),
                literal_line(s.mode), f"{s.n_answered}/{s.n_questions}",
                Text(score, style=score_style(s.score) if s.score is not None else "dim",
                     justify="right"),
                literal_line(s.status),
                literal_line(s.backend + (f" {s.model}" if s.model else ""), 24), key=s.id)
        if sessions:
            if selected in self.summaries:
                row = table.get_row_index(selected)
            table.move_cursor(row=min(row, len(sessions) - 1), animate=False)
        finished = sorted((s for s in sessions if s.status == "finished" and s.score is not None),
                          key=lambda s: s.created_at)
        scores = [s.score for s in finished]
        self.query_one("#trend", ScoreTrend).scores = tuple(scores)
        summary = self.query_one("#trend-summary", Static)
        if sessions.damaged:
            damaged = sessions.damaged
            summary.update(Text(
                f"{len(damaged)} stored session(s) cannot be read and are not listed: "
                + "; ".join(one_line(str(d), 120) for d in damaged[:3]), style="bold yellow"))
        elif not sessions:
            summary.update(Text("No sessions yet. Start one from Home (escape).", style="italic"))
        elif not scores:
            summary.update(Text("No finished session yet: finish one to see your trend.",
                                style="italic"))
        else:
            change = scores[-1] - scores[0]
            summary.update(Text.assemble(
                f"{len(scores)} finished · first {scores[0]:.0f} → latest ",
                (f"{scores[-1]:.0f}", f"bold {score_style(scores[-1])}"),
                (f"  ({change:+.0f})" if len(scores) > 1 else "", "dim")))
        # The number is the topic's current score, as Home shows it (the mean of its last
        # RECENT answers); the sparkline is one point per session.
        lines = Text()
        for topic, points in sorted(topics.items()):
            if lines:
                lines.append("   ")
            score = current.get(topic, points[-1].score)
            lines.append(f"{one_line(topic, 30)} ", style="bold")  # a stored (imported) name
            lines.append(mini_trend([p.score for p in points[-12:]]), style=score_style(score))
            lines.append(f" {score:.0f}", style="dim")
        if lines:
            lines.append(f"\n(topic score: the mean of its last {RECENT} answers)", style="dim")
        self.query_one("#topic-trends", Static).update(lines)

    # ------------------------------------------------------------------ actions
    def _selected_id(self) -> str | None:
        table = self.query_one("#sessions", DataTable)
        if table.row_count == 0:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return row_key.value

    @on(DataTable.RowSelected, "#sessions")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self._open(event.row_key.value)

    def action_open_session(self) -> None:
        self._open(self._selected_id())

    @work(exclusive=True, group="history-open")
    async def _open(self, session_id: str | None) -> None:
        if session_id is None:
            return
        from interviewer.tui.screens.confirm import ConfirmScreen
        from interviewer.tui.screens.report import ReportScreen

        try:
            await self.app.catalog()
        except Exception:  # the report still shows the stored grades without the deck
            pass
        session = self.app.store.load(session_id)
        if session.status == "active":
            resume = await self.app.push_screen_wait(ConfirmScreen(
                "This session is not finished.", "Resume it now? (No shows its report so far.)",
                yes="Resume", no="Report"))
            if resume:
                from interviewer.tui.app_services import describe_error

                try:
                    await self.app.open_session(resume_id=session_id)
                except Exception as exc:
                    self.notify(describe_error(exc), title="Could not resume", severity="error")
                return
        await self.app.push_screen(ReportScreen(session))

    def action_delete_session(self) -> None:
        from interviewer.tui.screens.confirm import ConfirmScreen

        session_id = self._selected_id()
        if session_id is None:
            return

        summary = self.summaries.get(session_id)
        which = f"id {one_line(session_id, 60)}"
        if summary is not None:
            score = "" if summary.score is None else f", score {summary.score:.0f}"
            which = (f"{when(summary)} · {one_line(summary.deck, 24)} · {summary.mode} · "
                     f"{summary.n_answered}/{summary.n_questions} answered{score}\n{which}")

        def done(yes: bool | None) -> None:
            if yes:
                self.app.store.delete(session_id)
                self.refresh_sessions()
                self.notify(f"Session {short_id(session_id)} deleted.")

        self.app.push_screen(ConfirmScreen(
            "Delete this session?",
            f"{which}\n\nIts answers and grades are removed for good.",
            yes="Delete", no="Keep"), done)

    def action_back(self) -> None:
        self.app.pop_screen()
