"""Pick the grader and interviewer for the configured backend.

"offline" needs no key and no network. Any other name is looked up in the backend registry
(built-ins openai and litellm, plus plugins); a missing key, model or unknown name raises
interviewer.llm.errors.BackendConfigError naming the flag or env var to set.
"""

from interviewer.engine.protocols import Grader, Interviewer
from interviewer.settings import Settings


def make_grader(settings: Settings) -> Grader:
    """The grader for `settings.backend`: the offline grader, or an LLM grader that wraps
    one (pre-checks, cross-check and fallback)."""
    from interviewer.engine.offline_grader import OfflineGrader

    if settings.backend == "offline":
        return OfflineGrader()
    from interviewer.engine.llm_grader import LLMGrader
    from interviewer.llm.registry import backend_from_settings

    backend = backend_from_settings(settings)
    if backend is None:  # pragma: no cover - only "offline" maps to no backend
        return OfflineGrader()
    return LLMGrader(backend, OfflineGrader(), max_in_flight=settings.concurrency)


def make_interviewer(settings: Settings) -> Interviewer:
    """The interviewer (follow-up wording) for `settings.backend`."""
    from interviewer.engine.offline_interviewer import OfflineInterviewer

    if settings.backend == "offline":
        return OfflineInterviewer()
    from interviewer.engine.llm_interviewer import LLMInterviewer
    from interviewer.llm.registry import backend_from_settings

    backend = backend_from_settings(settings)
    if backend is None:  # pragma: no cover
        return OfflineInterviewer()
    return LLMInterviewer(backend)
