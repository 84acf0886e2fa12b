"""What a backend is built from, resolved from Settings: name, model, URL, key, limits.

Keys come only from the environment (the variable named by `api_key_env`, or the backend's
default) or from the config file's `api_key`; they are kept out of every repr.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from interviewer.llm.errors import BackendConfigError

if TYPE_CHECKING:
    from interviewer.settings import Settings

#: Sent as the key to a keyless local server (Ollama, llama.cpp, LM Studio): the SDK insists
#: on some key, and these servers ignore it.
PLACEHOLDER_KEY = "sk-no-key-required"
#: The model used against api.openai.com when none is given.
DEFAULT_OPENAI_MODEL = "gpt-4o-mini"
#: The env var each built-in backend reads its key from by default. litellm has none: it
#: reads each provider's own variable (ANTHROPIC_API_KEY, GEMINI_API_KEY, ...).
DEFAULT_KEY_ENV: dict[str, str | None] = {"openai": "OPENAI_API_KEY", "litellm": None}


@dataclass(frozen=True)
class BackendOptions:
    """Everything needed to build a backend. `api_key` never appears in repr or logs."""

    name: str
    model: str | None = None
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    #: Where the key came from (for error messages), e.g. "OPENAI_API_KEY".
    key_env: str | None = None
    timeout_s: float = 60.0
    max_retries: int = 2
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def keyless(self) -> bool:
        return self.api_key in (None, PLACEHOLDER_KEY)


def options_from_settings(settings: Settings) -> BackendOptions:
    """Resolve the key (config file `api_key`, else the env var named by `api_key_env`, else
    the backend's default variable) and return the options for `settings.backend`."""
    name = settings.backend
    key_env = settings.api_key_env or DEFAULT_KEY_ENV.get(name)
    api_key: str | None = None
    if settings.api_key is not None:
        api_key = settings.api_key.get_secret_value() or None
        key_env = key_env if settings.api_key_env else "api_key in the config file"
    elif key_env:
        api_key = os.environ.get(key_env) or None
        if api_key is None and settings.api_key_env:
            raise BackendConfigError(
                f"{name}: --api-key-env / INTERVIEWER_API_KEY_ENV names {key_env}, but {key_env} "
                f"is not set; export it (export {key_env}=...) or name another variable")
    return BackendOptions(
        name=name,
        model=settings.model,
        base_url=settings.base_url,
        api_key=api_key,
        key_env=key_env,
        timeout_s=settings.timeout_s,
        max_retries=settings.max_retries,
    )
