"""Pick the grader for the configured backend.

"offline" needs no key and no network. Any other name is looked up in the backend registry
(built-ins openai and litellm, plus plugins); a missing key, model or unknown name raises
interviewer.llm.errors.BackendConfigError naming the flag or env var to set.
"""

from interviewer.grading.protocols import Grader
from interviewer.settings import Settings


def make_grader(settings: Settings) -> Grader:
    """The grader for `settings.backend`: the offline grader, or an LLM grader that wraps
    one (pre-checks, cross-check and fallback)."""
    from interviewer.grading.offline_grader import OfflineGrader

    if settings.backend == "offline":
        return OfflineGrader()
    from interviewer.grading.llm_grader import LLMGrader
    from interviewer.llm.registry import backend_from_settings

    backend = backend_from_settings(settings)
    if backend is None:  # pragma: no cover - only "offline" maps to no backend
        return OfflineGrader()
    return LLMGrader(backend, OfflineGrader(), max_in_flight=settings.concurrency)
