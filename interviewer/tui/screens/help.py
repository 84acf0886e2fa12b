"""Help: how a session works, and every key (as remapped by the config file)."""

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, Static

from interviewer.tui import bindings

ABOUT = (
    "Practice mode: after each question you see feedback — each rubric criterion with its "
    "verdict, its points and the words of your answer that earned them — then the model "
    "answer. Try the question again from there (r); both attempts are kept. Hints go from "
    "what is missing, to a concept to mention, to a sentence of the model answer (recorded; "
    "Home can make them cost points). Interview mode: timed, no hints, feedback at the end, "
    "in the report.\n\n"
    "Think a verdict is wrong? Dispute it on the feedback screen (d) and say why: the score "
    "stays, the dispute is kept beside it (`interviewer disputes` lists them).\n\n"
    "Every question you answer comes back for review when it is due (spaced repetition, "
    "FSRS): Home shows what is due today, and \"due first, then new\" asks those first. A "
    "question is not asked again before it is due unless you choose \"all\".\n\n"
    "The interviewer may ask follow-ups about what your answer left out. Everything you type "
    "is saved as you go: leave at any time and resume from Home. Export a session from its "
    "report (e).\n\n"
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
