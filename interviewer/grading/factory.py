"""Pick the grader for the configured backend.

"offline" needs no key and no network. Any other name is looked up in the backend registry
(built-ins openai and litellm, plus plugins); a missing key, model or unknown name raises
interviewer.llm.errors.BackendConfigError naming the flag or env var to set.
"""

from interviewer.grading.protocols import Grader
from interviewer.settings import Settings


def make_grader(settings: Settings, catalog=None) -> Grader:
    """The grader for `settings.backend`: the offline grader, or an LLM grader that wraps
    one (pre-checks, cross-check and fallback). With the catalog, the offline grader also
    tells an answer to another question of the deck from an answer to this one."""
    from interviewer.grading.offline_grader import OfflineGrader

    if settings.backend == "offline":
        return OfflineGrader(catalog)
    from interviewer.grading.llm_grader import LLMGrader
    from interviewer.llm.registry import backend_from_settings

    backend = backend_from_settings(settings)
    if backend is None:  # pragma: no cover - only "offline" maps to no backend
        return OfflineGrader(catalog)
    return LLMGrader(backend, OfflineGrader(catalog), max_in_flight=settings.concurrency)
