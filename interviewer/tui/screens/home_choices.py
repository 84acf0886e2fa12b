"""Home's choices as the user changes them: the rows each choice shows or hides, whether the
chosen backend is ready, and the choices read back as settings, a session config and the
state to remember. A part of HomeScreen (tui/screens/home.py)."""

from rich.text import Text
from textual import on
from textual.screen import Screen
from textual.widgets import Checkbox, Input, Select, SelectionList, Static

from interviewer.tui.readiness import backend_choices, check_backend
from interviewer.tui.safe_text import literal
from interviewer.tui.screens.home_form import hint_points


class HomeChoices(Screen):
    """The form's choices. A Screen only so that its `@on` handlers are registered (Textual
    collects those per Screen class)."""

    @on(Select.Changed, "#deck")
    def _deck_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self._fill_topics(event.value)

    @on(Select.Changed, "#mode")
    def _mode_changed(self, event: Select.Changed) -> None:
        self._show_mode(event.value)

    def _show_mode(self, mode) -> None:
        """The time limit is for interview mode, the cost of hints for practice mode."""
        self.query_one("#time-row").display = mode == "interview"
        self.query_one("#hints-row").display = mode != "interview"

    @on(Select.Changed, "#backend")
    @on(Input.Changed, "#model")
    @on(Input.Changed, "#base-url")
    def _backend_changed(self) -> None:
        self._show_backend_rows()
        self._update_readiness()

    def _show_backend_rows(self) -> None:
        offline = self.query_one("#backend", Select).value == "offline"
        self.query_one("#model-row").display = not offline
        self.query_one("#url-row").display = not offline

    @on(Select.Changed)
    @on(Input.Changed)
    @on(Checkbox.Changed)
    @on(SelectionList.SelectedChanged)
    def _choice_changed(self) -> None:
        if self._choice_error:  # it was about the choice before: the readiness line has news
            self._error("")

    def chosen_settings(self):
        """The app's settings with the backend, model and URL chosen here."""
        if not self.form_ready:
            return self.app.settings
        backend = self.query_one("#backend", Select).value
        model = self.query_one("#model", Input).value.strip() or None
        base_url = self.query_one("#base-url", Input).value.strip() or None
        return self.app.settings.model_copy(update={
            "backend": backend, "model": model, "base_url": base_url})

    def chosen_config(self):
        """A SessionConfig from the choices on screen."""
        from interviewer.domain import SessionConfig

        deck = self.query_one("#deck", Select).value
        difficulty = self.query_one("#difficulty", Select).value
        mode = self.query_one("#mode", Select).value
        limit = self.query_one("#time-limit", Select).value
        settings = self.chosen_settings()
        hints_cost = self.query_one("#hints-cost", Checkbox).value and mode == "practice"
        return SessionConfig(
            deck=deck if isinstance(deck, str) else "pytorch",
            topics=list(self.query_one("#topics", SelectionList).selected),
            difficulties=[] if difficulty == "any" else [difficulty],
            count=self.query_one("#count", Select).value,
            mode=mode,
            time_limit_s=(limit or None) if mode == "interview" else None,
            favour_weak=self.query_one("#favour-weak", Checkbox).value,
            pick=self.query_one("#pick", Select).value,
            hint_penalty=hint_points({"hint_cost": settings.hint_cost}) if hints_cost else 0,
            follow_up_budget=settings.follow_up_budget,
            backend=settings.backend,
            model=settings.model,
        )

    def chosen_state(self) -> dict:
        """The choices to remember (the config file's `state:`)."""
        deck = self.query_one("#deck", Select).value
        return {
            "deck": deck if isinstance(deck, str) else None,
            "topics": list(self.query_one("#topics", SelectionList).selected),
            "difficulty": self.query_one("#difficulty", Select).value,
            "count": self.query_one("#count", Select).value,
            "mode": self.query_one("#mode", Select).value,
            "time_limit_s": self.query_one("#time-limit", Select).value,
            "favour_weak": self.query_one("#favour-weak", Checkbox).value,
            "pick": self.query_one("#pick", Select).value,
            "hints_cost": self.query_one("#hints-cost", Checkbox).value,
            "backend": self.query_one("#backend", Select).value,
            "model": self.query_one("#model", Input).value.strip() or None,
            "base_url": self.query_one("#base-url", Input).value.strip() or None,
        }

    def _update_readiness(self) -> None:
        if not self.form_ready:
            return
        readiness = check_backend(self.chosen_settings())
        mark, style = ("✔ ready", "green") if readiness.ready else ("✘ not ready", "red")
        self.query_one("#readiness", Static).update(
            Text.assemble((mark, f"bold {style}"), "  ", literal(readiness.message)))
        self.query_one("#readiness").set_class(not readiness.ready, "-not-ready")

    def show_backend(self, name: str) -> None:
        """Reflect a backend switched from the command palette."""
        if self.form_ready:  # else the form, still to come, shows the app's settings
            self._show_backend_names(backend_choices(), name)

    def _show_backend_names(self, names: list[str], name: str) -> None:
        select = self.query_one("#backend", Select)
        if name not in names:
            names.append(name)
        if names != self._backend_names:
            self._backend_names = names
            select.set_options([(n, n) for n in names])
        if select.value != name:
            select.value = name
