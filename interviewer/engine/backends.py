"""Pick the grader and interviewer for the configured backend."""

from interviewer.engine.protocols import Grader, Interviewer
from interviewer.settings import Settings


def make_grader(settings: Settings) -> Grader:
    """The grader for `settings.backend` ("offline" needs no key and no network)."""
    from interviewer.engine.offline_grader import OfflineGrader

    if settings.backend == "offline":
        return OfflineGrader()
    raise NotImplementedError(f"backend {settings.backend!r} is not wired yet")


def make_interviewer(settings: Settings) -> Interviewer:
    """The interviewer (follow-up wording) for `settings.backend`."""
    from interviewer.engine.offline_interviewer import OfflineInterviewer

    if settings.backend == "offline":
        return OfflineInterviewer()
    raise NotImplementedError(f"backend {settings.backend!r} is not wired yet")
