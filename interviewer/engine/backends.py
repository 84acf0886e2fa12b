"""Pick the interviewer for the configured backend (the grader: `interviewer.grading.factory`).

"offline" needs no key and no network. Any other name is looked up in the backend registry
(built-ins openai and litellm, plus plugins); a missing key, model or unknown name raises
interviewer.llm.errors.BackendConfigError naming the flag or env var to set.
"""

from interviewer.engine.protocols import Interviewer
from interviewer.settings import Settings


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
