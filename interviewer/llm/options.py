"""What a backend is built from, resolved from Settings: name, model, URL, key, limits.

Keys come only from the environment (the variable named by `api_key_env`, or the backend's
default) or from the config file's `api_key`; they are kept out of every repr and registered
with the redactor, so no message ever prints them.

Which key goes where: a default variable only goes to its own provider. OPENAI_API_KEY is
sent to api.openai.com and nowhere else; any other --base-url gets the key named by
--api-key-env / `api_key_env` (or the config file's `api_key`), or else a placeholder. So
pointing the app at a local or third-party server never hands it your OpenAI key.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from interviewer.llm.errors import BackendConfigError
from interviewer.redaction import register_secret

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
#: The only hosts the default OPENAI_API_KEY is sent to.
OPENAI_HOSTS = frozenset({"api.openai.com"})


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
    #: A default key variable that is set but was not sent, because the base URL is not its
    #: provider's host (doctor says so).
    withheld_env: str | None = None

    @property
    def keyless(self) -> bool:
        return self.api_key in (None, PLACEHOLDER_KEY)


def is_openai_host(base_url: str | None) -> bool:
    """True for api.openai.com (or no base URL at all: the SDK's default is that host)."""
    if not base_url:
        return True
    return (urlparse(base_url).hostname or "").lower() in OPENAI_HOSTS


def effective_base_url(name: str, base_url: str | None) -> str | None:
    """The URL the backend will call: the setting, or for openai the SDK's OPENAI_BASE_URL."""
    if base_url:
        return base_url
    if name == "openai":
        return os.environ.get("OPENAI_BASE_URL") or None
    return None


def options_from_settings(settings: Settings) -> BackendOptions:
    """Resolve the key (config file `api_key`, else the env var named by `api_key_env`, else
    the backend's default variable) and return the options for `settings.backend`."""
    name = settings.backend
    key_env = settings.api_key_env or DEFAULT_KEY_ENV.get(name)
    api_key: str | None = None
    withheld: str | None = None
    if settings.api_key is not None:
        api_key = settings.api_key.get_secret_value() or None
        key_env = key_env if settings.api_key_env else "api_key in the config file"
    elif settings.api_key_env:
        api_key = os.environ.get(key_env) or None
        if api_key is None:
            raise BackendConfigError(
                f"{name}: --api-key-env / INTERVIEWER_API_KEY_ENV names {key_env}, but {key_env} "
                f"is not set; export it (export {key_env}=...) or name another variable")
    elif key_env:
        # The backend's default variable (OPENAI_API_KEY) goes only to its own host.
        if is_openai_host(effective_base_url(name, settings.base_url)):
            api_key = os.environ.get(key_env) or None
        else:
            withheld = key_env if os.environ.get(key_env) else None
            key_env = None
    register_secret(api_key)
    return BackendOptions(
        name=name,
        model=settings.model,
        base_url=settings.base_url,
        api_key=api_key,
        key_env=key_env,
        timeout_s=settings.timeout_s,
        max_retries=settings.max_retries,
        withheld_env=withheld,
    )
