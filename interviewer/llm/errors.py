"""Our own exceptions for everything a model backend can do wrong, and the one place that
maps provider (openai / litellm / httpx) exceptions to them.

Every message says what to do next: which env var, which flag, which config key. No message
ever contains an API key.
"""

from __future__ import annotations

from dataclasses import dataclass


class LLMError(Exception):
    """Base of every backend problem. `str(exc)` is one line a user can act on."""

    #: Whether retrying later could help (rate limits, outages) — as opposed to a setting
    #: the user has to fix (key, URL, model).
    transient: bool = False


class BackendConfigError(LLMError):
    """The backend cannot be set up: unknown name, missing key or model, missing extra."""


class AuthError(LLMError):
    """The server rejected the credentials (401/403)."""


class ModelNotFoundError(LLMError):
    """The server does not serve the requested model (404)."""


class BadRequestError(LLMError):
    """The server refused the request itself (400/422): context too long, unsupported option."""


class RateLimitError(LLMError):
    """Still rate limited (429) after the SDK's own retries."""

    transient = True

    def __init__(self, message: str, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


class UnavailableError(LLMError):
    """The server could not be reached, timed out, or failed (5xx) after retries."""

    transient = True


class BackendTimeoutError(UnavailableError):
    """No reply within the configured timeout."""


class StreamInterruptedError(UnavailableError):
    """The connection dropped part-way through a streamed reply; `partial` keeps the text."""

    def __init__(self, message: str, partial: str = ""):
        super().__init__(message)
        self.partial = partial


class BadOutputError(LLMError):
    """The model's reply could not be used (malformed or schema-violating JSON after the
    bounded re-asks). `raw` keeps the last output for the error report."""

    def __init__(self, message: str, raw: str = "", attempts: int = 0):
        super().__init__(message)
        self.raw = raw
        self.attempts = attempts


class RefusalError(BadOutputError):
    """The model declined to answer (an explicit refusal); re-asking does not help."""


class EmptyResponseError(BadOutputError):
    """The server replied without any choice or text."""


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


def _short(text: object, limit: int = 200) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _server_message(exc: BaseException) -> str:
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and isinstance(inner.get("message"), str):
            return _short(inner["message"])
        if isinstance(body.get("message"), str):
            return _short(body["message"])
    message = getattr(exc, "message", None) or str(exc)
    return _short(message)


def retry_after_seconds(exc: BaseException) -> float | None:
    """The wait a 429/503 reply asked for (Retry-After-Ms or Retry-After), if any."""
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None) or getattr(exc, "litellm_response_headers", None)
    if not headers:
        return None
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is None:
            continue
        try:
            return float(value) * scale
        except (TypeError, ValueError):
            continue
    return None


def stream_dropped(ctx: ErrorContext, cause: BaseException,
                   partial: str = "") -> StreamInterruptedError:
    """A streamed reply cut off part-way. The cut-off text stays on the exception for
    diagnostics, but callers do not use it (a session asks its built-in probe or offline hint
    instead, and says so), so the message must not promise it was kept. Kept short: the TUI
    shows it in a four-line status area, followed by its own advice."""
    return StreamInterruptedError(
        f"{ctx.backend}: the connection to {ctx.where} dropped mid-reply "
        f"({_short(cause, 80) or type(cause).__name__}); the cut-off reply was discarded: "
        f"retry, check the server, or use --backend offline", partial=partial)


def map_provider_error(exc: BaseException, ctx: ErrorContext, *, partial: str = "") -> LLMError:
    """Our exception for `exc` (an openai, litellm or httpx exception; litellm's subclass
    openai's). Returns `exc` unchanged if it is already ours. Never maps cancellation."""
    if isinstance(exc, LLMError):
        return exc
    import openai  # imported here: the caller already loaded it by making the request

    who = f"{ctx.backend}"
    if partial:
        # Text had already arrived: whatever broke (a dropped connection, an error event,
        # litellm's MidStreamFallbackError), the user's view is "the reply was cut off".
        return stream_dropped(ctx, exc.__cause__ or exc, partial)
    retries = f" after {ctx.max_retries} retr{'y' if ctx.max_retries == 1 else 'ies'}" if ctx.max_retries else ""
    if isinstance(exc, openai.APITimeoutError | TimeoutError):
        secs = f" within {ctx.timeout_s:g} s" if ctx.timeout_s else ""
        return BackendTimeoutError(
            f"{who}: no reply from {ctx.where}{secs}{retries}; raise timeout_s in the config file "
            f"(or INTERVIEWER_TIMEOUT_S), or check that the server is not overloaded"
        )
    if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
        status = getattr(exc, "status_code", 401)
        return AuthError(f"{who}: {ctx.where} rejected the API key ({status}); {ctx.key_hint}")
    if isinstance(exc, openai.NotFoundError):
        model = ctx.model or "(none given)"
        return ModelNotFoundError(
            f"{who}: {ctx.where} has no model {model!r} (404: {_server_message(exc)}); pick one "
            f"with --model (`interviewer doctor` lists the server's models) or check --base-url"
        )
    if isinstance(exc, openai.RateLimitError):
        wait = retry_after_seconds(exc)
        asked = f" (the server asked to wait {wait:g} s)" if wait is not None else ""
        return RateLimitError(
            f"{who}: rate limited by {ctx.where}{retries}{asked}; lower --concurrency, "
            f"raise max_retries (INTERVIEWER_MAX_RETRIES) or try again later",
            retry_after=wait,
        )
    if isinstance(exc, openai.BadRequestError) and "no connected db" in _server_message(exc).lower():
        # A LiteLLM proxy without a database answers a key that is not its master key with
        # 400 "No connected db." (it tries to look the key up as a virtual key).
        return AuthError(f"{who}: {ctx.where} did not accept the API key (a LiteLLM proxy "
                         f"without a database knows only its master key); {ctx.key_hint}")
    if isinstance(exc, openai.BadRequestError | openai.UnprocessableEntityError):
        return BadRequestError(
            f"{who}: {ctx.where} refused the request ({getattr(exc, 'status_code', 400)}: "
            f"{_server_message(exc)}); check --model, or try a shorter answer"
        )
    if isinstance(exc, openai.APIStatusError):
        return UnavailableError(
            f"{who}: {ctx.where} failed with {exc.status_code}{retries} ({_server_message(exc)}); "
            f"try again later or check the server's logs"
        )
    if isinstance(exc, openai.APIConnectionError):
        cause = exc.__cause__ or exc
        return UnavailableError(
            f"{who}: cannot reach {ctx.where}{retries} ({_short(cause, 80)}); is the server "
            f"running? check --base-url (INTERVIEWER_BASE_URL) and your network"
        )
    if isinstance(exc, openai.APIError):  # an error event inside a stream, or similar
        return UnavailableError(f"{who}: {ctx.where} reported an error: {_server_message(exc)}")

    import httpx

    if isinstance(exc, httpx.TransportError | httpx.StreamError):
        # The SDK retries a failed *request*; a body cut mid-stream surfaces raw from httpx.
        return stream_dropped(ctx, exc, partial)
    return UnavailableError(f"{who}: unexpected {type(exc).__name__}: {_short(exc)}")
