"""Our own exceptions for everything a model backend can do wrong, each in one of three
classes, and each with a short machine-readable reason:

- config: a setting the user must fix, so a run stops at once with the fix (auth,
  unknown-model, missing-credentials, provider-prefix, bad-base-url, config);
- transient: retrying later could help (rate-limit, server-error, timeout, cut-stream);
- output: the model answered but the reply cannot be used (schema, refusal, empty-reply,
  bad-request).

A grade that falls back to the offline grader records the reason (see
interviewer.grading.llm_grader); `interviewer grade` counts them. The mapping from provider
exceptions lives in interviewer.llm.error_mapping.

Every message says what to do next: which env var, which flag, which config key. No message
ever contains an API key: the base class passes every message through the redactor.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from interviewer.redaction import redact

FailureClass = Literal["config", "transient", "output"]


class LLMError(Exception):
    """Base of every backend problem. `str(exc)` is one line a user can act on."""

    #: config (fix a setting), transient (try again later) or output (the reply was unusable).
    failure_class: FailureClass = "transient"
    #: Short machine-readable reason, e.g. "timeout"; shown in summaries and stored on a
    #: fallback flag.
    reason: str = "error"

    def __init__(self, message: str = "", *args: object):
        # A server may echo the key in an error body; no message leaves here with it.
        super().__init__(redact(str(message)), *args)

    @property
    def transient(self) -> bool:
        """Whether retrying later could help (rate limits, outages, cut streams)."""
        return self.failure_class == "transient"

    @property
    def is_config(self) -> bool:
        """A setting the user has to fix (key, model, URL): never papered over by a fallback."""
        return self.failure_class == "config"


class BackendConfigError(LLMError):
    """The backend cannot be set up: unknown name, missing key or model, missing extra."""

    failure_class = "config"
    reason = "config"


class MissingCredentialsError(BackendConfigError):
    """No key was available for a provider that needs one (nothing was sent)."""

    reason = "missing-credentials"


class ProviderPrefixError(BackendConfigError):
    """litellm could not tell the provider from the model name (no `provider/` prefix)."""

    reason = "provider-prefix"


class BadBaseURLError(BackendConfigError):
    """Nothing answers at the base URL (connection refused, unknown host), or the server there
    has no chat-completions route (a base URL without `/v1`)."""

    reason = "bad-base-url"


class AuthError(LLMError):
    """The server rejected the credentials (401/403)."""

    failure_class = "config"
    reason = "auth"


class ModelNotFoundError(LLMError):
    """The server does not serve the requested model (404, or a 400 naming the model)."""

    failure_class = "config"
    reason = "unknown-model"


class BadRequestError(LLMError):
    """The server refused this request (400/422): context too long, an unsupported option.
    Specific to one request, so a grade falls back rather than stopping the run."""

    failure_class = "output"
    reason = "bad-request"


class RateLimitError(LLMError):
    """Still rate limited (429) after the retries."""

    reason = "rate-limit"

    def __init__(self, message: str, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


class UnavailableError(LLMError):
    """The server failed (5xx) or dropped the connection after the retries."""

    reason = "server-error"


class BackendTimeoutError(UnavailableError):
    """No reply within the configured timeout."""

    reason = "timeout"


class StreamInterruptedError(UnavailableError):
    """A streamed reply is incomplete: the connection dropped part-way, the stream ended
    without a finish reason, or it stopped at the length limit. `partial` keeps the text for
    diagnostics only: a cut text is never shown or stored as a finished reply."""

    reason = "cut-stream"

    def __init__(self, message: str, partial: str = ""):
        super().__init__(message)
        self.partial = partial


class BadOutputError(LLMError):
    """The model's reply could not be used (malformed or schema-violating JSON after the
    bounded re-asks). `raw` keeps the last output for the error report."""

    failure_class = "output"
    reason = "schema"

    def __init__(self, message: str, raw: str = "", attempts: int = 0):
        super().__init__(message)
        self.raw = raw
        self.attempts = attempts


class RefusalError(BadOutputError):
    """The model declined to answer (an explicit refusal); re-asking does not help."""

    reason = "refusal"


class EmptyResponseError(BadOutputError):
    """The server replied without any choice or text."""

    reason = "empty-reply"


def failure_reason(exc: BaseException) -> str:
    """The machine-readable reason for any exception (ours; a plain timeout; else "error")."""
    if isinstance(exc, LLMError):
        return exc.reason
    return "timeout" if isinstance(exc, TimeoutError) else "error"


@dataclass(frozen=True)
class ErrorContext:
    """What the mapping needs to word a fix: never the key itself, only where it comes from."""

    backend: str
    model: str | None = None
    base_url: str | None = None
    key_env: str | None = None
    timeout_s: float | None = None
    max_retries: int = 0

    @property
    def where(self) -> str:
        """The server, as a user would recognise it."""
        if self.base_url:
            return self.base_url
        if self.backend == "openai":
            return "api.openai.com"
        if self.model and "/" in self.model:
            return f"the {self.model.split('/', 1)[0]} API"
        return f"the {self.backend} API"

    @property
    def key_hint(self) -> str:
        if self.key_env:
            return (f"set {self.key_env} to a valid key (or name another variable with "
                    f"--api-key-env / INTERVIEWER_API_KEY_ENV)")
        return ("set the provider's key variable (e.g. ANTHROPIC_API_KEY, GEMINI_API_KEY) or "
                "name one with --api-key-env / INTERVIEWER_API_KEY_ENV")


# The mapping from provider exceptions; re-exported here because callers (and plugins) have
# always imported it from this module. Imported last: it needs the classes above.
from interviewer.llm.error_mapping import (  # noqa: E402
    map_provider_error,
    retry_after_seconds,
    stream_dropped,
    stream_incomplete,
)

__all__ = [
    "AuthError", "BackendConfigError", "BackendTimeoutError", "BadBaseURLError", "BadOutputError",
    "BadRequestError", "EmptyResponseError", "ErrorContext", "FailureClass", "LLMError",
    "MissingCredentialsError", "ModelNotFoundError", "ProviderPrefixError", "RateLimitError",
    "RefusalError", "StreamInterruptedError", "UnavailableError", "failure_reason",
    "map_provider_error", "retry_after_seconds", "stream_dropped", "stream_incomplete",
]
