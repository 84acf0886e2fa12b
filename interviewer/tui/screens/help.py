"""Help: how a session works, and every key (as remapped by the config file)."""

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, Static

from interviewer.tui import bindings

ABOUT = (
    "Practice mode: feedback after each question — each criterion's verdict, its points, the "
    "words of your answer that earned them, the model answer; r tries the question again, d "
    "disputes a verdict (the score stays; `interviewer disputes` lists them). Hints go from "
    "what is missing, to a concept, to the model answer's sentence. Interview mode: timed, no "
    "hints, feedback at the end.\n\n"
    "Questions come back for review when due (spaced repetition): Home shows what is due "
    "today. Everything you type is saved as you go: leave at any time and resume from Home. "
    "Export a session from its report (e).\n\n"
    "Remap any key by its id in the config file (<home>/config.yaml), e.g.\n"
    "  keys:\n"
    "    interview.submit: ctrl+j,f5"
)


def keys_table(keymap: dict[str, str]) -> Table:
    """Screen, keys, what they do, and the id to remap them."""
    table = Table(box=None, show_header=True, header_style="bold", pad_edge=False)
    table.add_column("Screen")
    table.add_column("Keys")
    table.add_column("Does")
    table.add_column("Id (config keys:)", style="dim")
    for screen, group in bindings.ALL.items():
        for i, binding in enumerate(group):
            table.add_row(screen if i == 0 else "", bindings.effective_keys(binding, keymap),
                          binding.description, binding.id)
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = bindings.HELP

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog"):
            yield Label("Help", classes="dialog-title")
            yield Static(Text(ABOUT))
            yield Label("Keys", classes="section-title")
            yield Static(keys_table(getattr(self.app, "user_keymap", {})))
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)
