"""Is the chosen backend ready to use? Checked on Home as the user picks, without importing
any SDK (openai takes ~1.5 s to import, litellm ~5 s) and without touching the network."""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interviewer.settings_model import Settings


@dataclass(frozen=True)
class Readiness:
    ready: bool
    message: str


def check_backend(settings: Settings) -> Readiness:
    """Whether a session can start on `settings.backend`, and if not, the fix."""
    name = settings.backend
    if name == "offline":
        return Readiness(True, "offline: built-in interviewer and rubric grader — no key, no network")
    from interviewer.llm.errors import BackendConfigError
    from interviewer.llm.options import options_from_settings

    try:
        options = options_from_settings(settings)
    except BackendConfigError as exc:
        return Readiness(False, f"{exc}; or choose offline")
    if name == "openai":
        base_url = options.base_url or os.environ.get("OPENAI_BASE_URL")
        if options.api_key is None and not base_url:
            env = options.key_env or "OPENAI_API_KEY"
            return Readiness(False, f"missing key: export {env}=... (or set a base URL for a "
                             "local server such as Ollama), or choose offline")
        if base_url and not options.model:
            return Readiness(False, f"no model for {base_url}: type the server's model name "
                             "(e.g. llama3.2), or choose offline")
        where = base_url or "api.openai.com"
        key = f"key from {options.key_env}" if options.api_key else "no key (local server)"
        return Readiness(True, f"openai: {options.model or 'gpt-4o-mini'} at {where}, {key}")
    if name == "litellm":
        if importlib.util.find_spec("litellm") is None:
            return Readiness(False, "litellm is not installed: pip install 'interviewer[litellm]', "
                             "or choose offline")
        if not options.model:
            return Readiness(False, "litellm needs a model, e.g. anthropic/claude-3-5-haiku-latest "
                             "or ollama/llama3.2 (type it in Model), or choose offline")
        return Readiness(True, f"litellm: {options.model} (key read from the provider's variable, "
                         "e.g. ANTHROPIC_API_KEY; litellm loads when the session starts)")
    from interviewer.llm.registry import discover

    entry = discover().get(name)
    if entry is None:
        return Readiness(False, f"unknown backend {name!r}; choose one of "
                         f"{', '.join(discover())}")
    return Readiness(True, f"{name}: plugin from {entry.origin} (checked when the session starts)")


#: Shown before the plugin scan (reading every installed package's entry points takes tens
#: of milliseconds, so it waits until Home is on screen).
BUILT_IN_CHOICES = ("offline", "openai", "litellm")


def backend_choices() -> list[str]:
    """offline, the built-ins, then installed plugins."""
    from interviewer.llm.registry import backend_names

    return backend_names()
