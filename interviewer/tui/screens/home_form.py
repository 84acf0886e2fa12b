"""Home's form: the choices, their first values (the remembered ones from the config file's
`state:` section when they are still valid), the deck labels with what is due today, and the
choices as the state to remember. Widgets only: no pydantic, no store."""

from __future__ import annotations

from typing import Any

from textual.containers import Horizontal
from textual.widgets import Checkbox, Input, Label, Select, SelectionList, Static

# not interviewer.domain's copy: Home's first paint does not wait for the pydantic models
from interviewer.taxonomy import DIFFICULTIES
from interviewer.tui.readiness import BUILT_IN_CHOICES

COUNTS = (3, 5, 8, 10, 15, 20)
DEFAULT_COUNT = 8
TIME_LIMITS = ((0, "untimed"), (120, "2 min"), (180, "3 min"), (300, "5 min"), (600, "10 min"))
DEFAULT_TIME_LIMIT = 180
#: Which questions: (label, SessionConfig.pick). A question inside its review interval is
#: only asked with "all".
PICKS = (("due or new", "random"), ("due first, then new", "due"), ("all, even not due", "all"))
#: Points a hint costs when the user turns the cost on and the config file names none.
DEFAULT_HINT_COST = 5.0


def row(label: str, *widgets, row_id: str | None = None) -> Horizontal:
    return Horizontal(Label(label, classes="field-label"), *widgets, classes="field", id=row_id)


def remembered(provisional: dict[str, Any]) -> dict[str, Any]:
    """The remembered choices that are still possible (anything else is ignored: a deck or
    count from an older version must not break Home)."""
    state = provisional.get("state") or {}
    out: dict[str, Any] = {}
    if state.get("count") in COUNTS:
        out["count"] = state["count"]
    if state.get("mode") in ("practice", "interview"):
        out["mode"] = state["mode"]
    if state.get("time_limit_s") in [secs for secs, _ in TIME_LIMITS]:
        out["time_limit_s"] = state["time_limit_s"]
    if state.get("difficulty") in DIFFICULTIES:
        out["difficulty"] = state["difficulty"]
    if state.get("pick") in [value for _, value in PICKS]:
        out["pick"] = state["pick"]
    for key in ("favour_weak", "hints_cost"):
        if isinstance(state.get(key), bool):
            out[key] = state[key]
    if isinstance(state.get("deck"), str):
        out["deck"] = state["deck"]
        topics = state.get("topics")
        out["topics"] = [t for t in topics if isinstance(t, str)] if isinstance(topics, list) else []
    if isinstance(state.get("backend"), str) and not provisional.get("backend_fixed"):
        out["backend"] = state["backend"]
        out["model"] = state.get("model") if isinstance(state.get("model"), str) else None
        out["base_url"] = state.get("base_url") if isinstance(state.get("base_url"), str) else None
    return out


def first_backend(provisional: dict[str, Any]) -> tuple[str, str, str]:
    """(backend, model, base URL) the form opens with: the remembered ones, unless a flag or
    an INTERVIEWER_* variable names the backend."""
    memory = remembered(provisional)
    if "backend" in memory:
        return memory["backend"], memory.get("model") or "", memory.get("base_url") or ""
    return (provisional.get("backend", "offline"), provisional.get("model") or "",
            provisional.get("base_url") or "")


def hint_points(provisional: dict[str, Any]) -> float:
    try:
        points = float(provisional.get("hint_cost") or 0)
    except (TypeError, ValueError):
        points = 0.0
    return points if 0 < points <= 50 else DEFAULT_HINT_COST


def backend_names(provisional: dict[str, Any]) -> list[str]:
    """The backends the backend choice offers before the plugin scan."""
    names = list(BUILT_IN_CHOICES)
    backend = first_backend(provisional)[0]
    return names if backend in names else [*names, backend]


def deck_row(options: list, value: str | None) -> Horizontal:
    """The deck choice."""
    if not options:
        return row("Deck", Select([], prompt="Loading decks…", id="deck", compact=True,
                                  allow_blank=True), row_id="deck-row")
    return row("Deck", Select(options, value=value, id="deck", compact=True, allow_blank=True),
               row_id="deck-row")


def deck_preview(options: list, value: str | None) -> Horizontal:
    """What Home's first paint shows of the deck choice: the chosen deck, drawn as the
    drop-down will look. The drop-down itself (~30 ms of widgets) replaces it right after
    the paint, before anything else."""
    label = next((text for text, name in options if name == value), "Loading decks…")
    return row("Deck", Static(label, id="deck-preview", markup=False), row_id="deck-row")


def later_rows(provisional: dict[str, Any]) -> list:
    """Every row after the deck's (mounted right after the first paint)."""
    memory = remembered(provisional)
    backend, model, base_url = first_backend(provisional)
    names = backend_names(provisional)
    mode = memory.get("mode", "practice")
    points = hint_points(provisional)
    return [
        row("Topics", SelectionList[str](id="topics", compact=True)),
        Label("space ticks; none ticked = all", classes="hint-text"),
        row("Difficulty", Select([("any", "any"), *[(d, d) for d in DIFFICULTIES]],
                                 value=memory.get("difficulty", "any"), allow_blank=False,
                                 id="difficulty", compact=True)),
        row("Questions",
            Select([(str(n), n) for n in COUNTS], value=memory.get("count", DEFAULT_COUNT),
                   allow_blank=False, id="count", compact=True),
            Select(list(PICKS), value=memory.get("pick", "random"), allow_blank=False,
                   id="pick", compact=True)),
        row("Mode", Select([("practice — feedback after each question, hints", "practice"),
                            ("interview — timed, feedback at the end", "interview")],
                           value=mode, allow_blank=False, id="mode", compact=True)),
        # one of the next two shows, for the mode chosen
        row("Time per question", Select([(label, secs) for secs, label in TIME_LIMITS],
                                        value=memory.get("time_limit_s", DEFAULT_TIME_LIMIT),
                                        allow_blank=False, id="time-limit", compact=True),
            row_id="time-row"),
        row("Hints", Checkbox(f"each hint costs {points:g} points", id="hints-cost",
                              value=memory.get("hints_cost", False), compact=True),
            row_id="hints-row"),
        row("Weak topics", Checkbox("favour topics I score low on", id="favour-weak",
                                    value=memory.get("favour_weak", False), compact=True)),
        row("Backend", Select([(n, n) for n in names], value=backend, allow_blank=False,
                              id="backend", compact=True)),
        row("Model", Input(model, placeholder="backend default", id="model", compact=True),
            row_id="model-row"),
        row("Base URL", Input(base_url, placeholder="e.g. http://localhost:11434/v1",
                              id="base-url", compact=True), row_id="url-row"),
    ]


def deck_label(title: str, questions: int, due: int) -> str:
    """'PyTorch (53 questions · 4 due today)'."""
    due_text = f" · {due} due today" if due else ""
    return f"{title} ({questions} questions{due_text})"
