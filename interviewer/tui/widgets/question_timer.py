"""The interview-mode timer: time left for the current question (amber near the end, red when
it is up), or time spent when the question has no limit. Hidden in practice mode."""

from textual.widgets import Label

#: Seconds left at which the timer turns amber.
TIMER_WARNING_S = 30


def clock(seconds: float) -> str:
    """`m:ss` for a number of seconds."""
    seconds = round(seconds)
    return f"{seconds // 60}:{seconds % 60:02d}"


class QuestionTimer(Label):
    """Call `show(engine)` every second and whenever the question changes."""

    def show(self, engine) -> None:
        """Show the engine's time left (or spent) on the current question."""
        if engine.config.mode != "interview" or engine.finished:
            self.display = False
            return
        left = engine.seconds_left()
        if left is None:
            self.update(f"⏱ {clock(engine.seconds_elapsed())}")
            return
        self.set_class(0 < left <= TIMER_WARNING_S, "-warning")
        self.set_class(left <= 0, "-over")
        self.update(f"⏱ {clock(left)} left" if left > 0 else "⏱ time is up — submit when ready")
