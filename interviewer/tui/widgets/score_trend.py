"""Scores over time as a small column chart on a fixed 0-100 scale (one column per session,
oldest left), so a flat line at 40 does not look like full marks the way a min-max-scaled
sparkline would."""

from collections.abc import Sequence

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from interviewer.tui.widgets.topic_chart import score_style

_EIGHTHS = " ▁▂▃▄▅▆▇█"
#: Cells per column, and the gap between columns.
COLUMN, GAP = 2, 1
AXIS = 4  # "100┤"


class ScoreTrend(Widget):
    """Columns of height score/100 x the widget's height, with a 0/100 axis."""

    DEFAULT_CSS = "ScoreTrend { height: 5; }"

    scores: reactive[tuple[float, ...]] = reactive(())

    def __init__(self, scores: Sequence[float] = (), **kwargs) -> None:
        super().__init__(**kwargs)
        self.set_reactive(ScoreTrend.scores, tuple(scores))

    def render(self) -> Text:
        height = max(1, self.size.height)
        fits = max(1, (self.size.width - AXIS) // (COLUMN + GAP))
        shown = self.scores[-fits:]
        if not shown:
            return Text("No finished sessions yet.", style="dim italic")
        text = Text()
        for row in range(height):  # top row first
            if row:
                text.append("\n")
            label = "100┤" if row == 0 else ("  0┤" if row == height - 1 else "   │")
            text.append(label, style="dim")
            floor = (height - 1 - row) * 8  # eighths below this row
            for score in shown:
                filled = round(max(0.0, min(100.0, score)) / 100 * height * 8)
                part = max(0, min(8, filled - floor))
                cell = _EIGHTHS[part] if part else ("▁" if row == height - 1 else " ")
                style = score_style(score) if part else "dim"
                text.append(cell * COLUMN, style=style)
                text.append(" " * GAP)
        return text
