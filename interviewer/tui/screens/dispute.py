"""Dispute a verdict: choose the criterion, say why the verdict is wrong. The dispute is kept
beside the grade (the score stays the grader's) and listed by `interviewer disputes`."""

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from interviewer.domain import Dispute, Grade, Rubric
from interviewer.domain.dispute import MAX_REASON
from interviewer.tui import bindings
from interviewer.tui.safe_text import literal


class DisputeScreen(ModalScreen[tuple[str, str] | None]):
    """Dismissed with (criterion id, reason) — an empty reason withdraws an earlier dispute —
    or None when cancelled."""

    BINDINGS = bindings.DISPUTE
    VERTICAL_BREAKPOINTS: ClassVar = [(0, "-short"), (30, "-tall")]

    def __init__(self, grade: Grade, rubric: Rubric | None, disputes: list[Dispute]) -> None:
        super().__init__()
        self.grade = grade
        self.rubric = rubric
        self.disputes = {d.criterion_id: d for d in disputes}

    def compose(self) -> ComposeResult:
        from interviewer.tui.screens.feedback import VERDICT_MARK

        with Vertical(id="dispute", classes="dialog"):
            yield Label("Dispute a verdict", classes="dialog-title")
            yield Static("Which verdict is wrong? The score stays as graded; the dispute is "
                         "kept with it and shows where the rubric may need fixing.",
                         classes="dialog-detail")
            options = []
            for result in self.grade.criteria:
                criterion = self.rubric.criterion(result.id) if self.rubric else None
                mark, colour = VERDICT_MARK[result.verdict]
                flag = ("⚑ ", "bold yellow") if result.id in self.disputes else ("  ", "")
                options.append(Option(Text.assemble(
                    flag, (f"{mark:<10}", f"bold {colour}"),
                    literal(criterion.description if criterion else result.id)), id=result.id))
            yield OptionList(*options, id="dispute-criteria")
            yield Label("Why is it wrong? (enter saves; empty withdraws a dispute)",
                        classes="section-title")
            yield Input(placeholder="e.g. I said this in my second sentence", id="dispute-reason",
                        max_length=MAX_REASON)
        yield Footer()

    def on_mount(self) -> None:
        if self.app.is_headless:
            self.query_one(Input).cursor_blink = False
        self.query_one(OptionList).focus()

    @on(OptionList.OptionHighlighted, "#dispute-criteria")
    def _show_reason(self, event: OptionList.OptionHighlighted) -> None:
        earlier = self.disputes.get(event.option.id or "")
        self.query_one(Input).value = earlier.reason if earlier else ""

    @on(OptionList.OptionSelected, "#dispute-criteria")
    def _to_reason(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#dispute-reason")
    def _save(self, event: Input.Submitted) -> None:
        listing = self.query_one(OptionList)
        if listing.highlighted is None:
            listing.focus()
            return
        criterion_id = listing.get_option_at_index(listing.highlighted).id
        reason = event.value.strip()
        if not reason and criterion_id not in self.disputes:
            self.notify("Say why the verdict is wrong: that is what makes a dispute useful.",
                        severity="warning")
            return
        self.dismiss((criterion_id, reason))

    def action_cancel(self) -> None:
        self.dismiss(None)
