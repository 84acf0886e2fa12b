"""A horizontal bar chart of scores (0-100) by topic, sized to the widget's width."""

from collections.abc import Sequence

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from interviewer.tui.safe_text import one_line

#: Eighths of a block, for bars that end between cells.
_PARTS = " ▏▎▍▌▋▊▉"


def score_style(score: float) -> str:
    if score >= 70:
        return "#5fb86a"
    if score >= 50:
        return "#e0b84c"
    return "#d9534f"


def bar(score: float, width: int) -> str:
    """A bar `score`% of `width` cells long, in eighth-cell steps."""
    eighths = round(max(0.0, min(100.0, score)) / 100 * width * 8)
    full, part = divmod(eighths, 8)
    return "█" * full + (_PARTS[part] if part else "")


class TopicChart(Widget):
    """One labelled bar per topic, with the score and the number of questions."""

    DEFAULT_CSS = "TopicChart { height: auto; }"

    rows: reactive[tuple[tuple[str, float, int], ...]] = reactive((), layout=True)

    def __init__(self, rows: Sequence[tuple[str, float, int]] = (), **kwargs) -> None:
        super().__init__(**kwargs)
        self.set_reactive(TopicChart.rows, tuple(rows))

    def get_content_height(self, container, viewport, width: int) -> int:
        return max(1, len(self.rows))

    def render(self) -> Text:
        if not self.rows:
            return Text("No graded questions yet.", style="italic")
        label_width = min(16, max(len(name) for name, _, _ in self.rows) + 1)
        tail = 13  # " 100  (12 q)"
        width = max(4, self.size.width - label_width - tail)
        text = Text()
        for i, (name, score, count) in enumerate(self.rows):
            if i:
                text.append("\n")
            text.append(f"{one_line(name, label_width - 1):<{label_width}}", style="bold")
            drawn = bar(score, width)
            text.append(drawn, style=score_style(score))
            text.append("░" * (width - len(drawn)), style="dim")
            text.append(f" {score:>3.0f}", style="bold " + score_style(score))
            text.append(f"  ({count} q)", style="dim")
        return text
