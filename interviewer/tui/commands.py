"""Command palette (ctrl+p): new session, export, switch backend, toggle theme, history, help."""

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class InterviewerCommands(Provider):
    """The app's own commands; which ones apply depends on the screen in front."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        from interviewer.tui.screens.home import HomeScreen
        from interviewer.tui.screens.report import ReportScreen

        app = self.app
        screen = self.screen
        commands: list[tuple[str, str, Callable[[], object]]] = [
            ("New session", "Go to Home to choose a deck, topics and mode", app.action_new_session),
            ("History", "Past sessions, their reports and your score trend", app.action_history),
            ("Toggle theme", "Switch between the dark and the light theme", app.action_toggle_theme),
            ("Help", "Keys and how the interview works", app.action_help),
        ]
        if isinstance(screen, ReportScreen):
            for label, fmt in (("Markdown", "markdown"), ("JSON", "json"), ("HTML", "html")):
                commands.append((f"Export report as {label}",
                                 f"Write this session to the exports folder as {label}",
                                 partial(screen.export, fmt)))
        from interviewer.tui.readiness import backend_choices

        for name in backend_choices():
            if name != app.settings.backend:
                commands.append((f"Switch backend to {name}",
                                 "Use this backend from now on (also for the rest of a running "
                                 "interview)", partial(app.switch_backend, name)))
        if isinstance(screen, HomeScreen):
            commands.append(("Start session", "Start with the choices on Home", screen.action_start))
        return commands

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
