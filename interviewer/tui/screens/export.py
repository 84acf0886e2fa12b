"""Choose an export format: m (Markdown), j (JSON), h (HTML)."""

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from interviewer.tui import bindings


class ExportScreen(ModalScreen[str | None]):
    """Dismissed with "markdown", "json", "html" or None."""

    BINDINGS = bindings.EXPORT

    def __init__(self, folder: str) -> None:
        super().__init__()
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Export this session", classes="dialog-title")
            yield Static(f"The file goes to {self.folder}", classes="dialog-detail", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Markdown (m)", id="markdown", variant="primary")
                yield Button("JSON (j)", id="json")
                yield Button("HTML (h)", id="html")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_export(self, fmt: str) -> None:
        self.dismiss(fmt)

    def action_cancel(self) -> None:
        self.dismiss(None)
