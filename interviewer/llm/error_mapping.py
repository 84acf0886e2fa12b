"""The one place that turns provider exceptions (openai, litellm, httpx) into ours.

Both backends go through `map_provider_error`, so the same failure gets the same class, reason
and message whichever backend saw it. litellm wraps many failures in its own status errors (a
missing key or a refused connection arrive as "500", a model name without a provider prefix as
"400"): those are recognised by their text and their cause chain before the status is looked
at, so a setting to fix is never reported as a server failure.
"""

from __future__ import annotations

import re

from interviewer.llm.errors import (
    AuthError,
    BackendTimeoutError,
    BadBaseURLError,
    BadRequestError,
    ErrorContext,
    LLMError,
    MissingCredentialsError,
    ModelNotFoundError,
    ProviderPrefixError,
    RateLimitError,
    StreamInterruptedError,
    UnavailableError,
)
from interviewer.redaction import redact

# litellm's wording when no key was available for the provider (it then sends nothing).
_MISSING_CREDENTIALS = re.compile(
    r"missing credentials|api_key client option must be set|no api key|api key (?:is )?(?:missing|"
    r"not (?:set|provided|found))|must (?:pass|provide) an? `?api_key", re.IGNORECASE)
_NO_PROVIDER = re.compile(r"LLM Provider NOT provided|Unable to map your input to a model|"
                          r"get_llm_provider", re.IGNORECASE)
# A 400/404 body that says the model is unknown (a LiteLLM proxy answers a wrong model name
# with 400 "Invalid model name passed in model=..."). "This model's maximum context length"
# is not one: it needs one of these words as well.
_MODEL_UNKNOWN = re.compile(
    r"invalid model|model[_ ]not[_ ]found|unknown model|no such model|model .{0,80}?(?:does ?n[o']t "
    r"exist|not (?:found|available|supported|served|allowed)|is not a valid)|(?:does ?n[o']t exist|"
    r"not found)", re.IGNORECASE)


def _short(text: object, limit: int = 200) -> str:
    line = " ".join(redact(str(text)).split())
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
    # litellm prefixes its own class names: "litellm.BadRequestError: OpenAIException - ..."
    message = re.sub(r"^(?:litellm\.\w+:\s*)?(?:\w+Error:\s*)?(?:\w+Exception - )?", "", str(message))
    return _short(message)


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen and len(seen) < 12:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def is_connect_failure(exc: BaseException) -> bool:
    """Whether `exc` is a failure to connect at all (nothing listening, unknown host)."""
    return _refused(exc) is not None


def _refused(exc: BaseException) -> BaseException | None:
    """The connect failure behind `exc` (nothing listening, unknown host), if that is what it
    was: as opposed to a server that accepted the connection and then dropped it."""
    import httpx

    for link in _chain(exc):
        if isinstance(link, httpx.ConnectError | ConnectionRefusedError):
            return link
        if isinstance(link, OSError) and getattr(link, "errno", None) in (-2, -3, -5, 111, 113):
            return link  # name resolution failure, host unreachable
    return None


def _names_model(message: str, model: str | None) -> bool:
    if not _MODEL_UNKNOWN.search(message):
        return False
    lowered = message.lower()
    bare = (model or "").split("/", 1)[-1].lower()
    return "model" in lowered or (bool(bare) and bare in lowered)


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


def stream_incomplete(ctx: ErrorContext, finish_reason: str | None,
                      partial: str = "") -> StreamInterruptedError:
    """A stream that ended without saying it was complete (no finish reason: the server or a
    proxy cut it), or that stopped at the length limit."""
    if finish_reason == "length":
        why = "stopped at the length limit"
        error = StreamInterruptedError(
            f"{ctx.backend}: the reply from {ctx.where} {why}; the cut-off reply was "
            f"discarded", partial=partial)
        error.reason = "length"
        return error
    why = ("ended without a finish reason" if finish_reason is None
           else f"ended with finish reason {finish_reason!r}")
    return StreamInterruptedError(
        f"{ctx.backend}: the stream from {ctx.where} {why} (cut off on the way); the "
        f"cut-off reply was discarded: retry, check the server, or use --backend offline",
        partial=partial)


def map_provider_error(exc: BaseException, ctx: ErrorContext, *, partial: str = "") -> LLMError:
    """Our exception for `exc` (an openai, litellm or httpx exception; litellm's subclass
    openai's). Returns `exc` unchanged if it is already ours. Never maps cancellation."""
    if isinstance(exc, LLMError):
        return exc
    import httpx
    import openai  # imported here: the caller already loaded it by making the request

    who = ctx.backend
    if partial:
        # Text had already arrived: whatever broke (a dropped connection, an error event,
        # litellm's MidStreamFallbackError), the user's view is "the reply was cut off".
        return stream_dropped(ctx, exc.__cause__ or exc, partial)
    retries = (f" after {ctx.max_retries} retr{'y' if ctx.max_retries == 1 else 'ies'}"
               if ctx.max_retries else "")
    message = _server_message(exc)
    status = getattr(exc, "status_code", None)

    # Settings, recognised by their text whatever status litellm wrapped them in.
    if _MISSING_CREDENTIALS.search(message):
        return MissingCredentialsError(
            f"{who}: no API key for {ctx.where}, so nothing was sent; {ctx.key_hint}; for a "
            f"keyless local server pass --base-url (a placeholder key is then sent)")
    if _NO_PROVIDER.search(message):
        return ProviderPrefixError(
            f"{who}: litellm cannot tell the provider from the model name {ctx.model!r}; give "
            f"it a provider prefix, e.g. openai/{ctx.model} with --base-url for an "
            f"OpenAI-compatible server, ollama/{ctx.model}, anthropic/<model>")
    refused = _refused(exc)
    if refused is not None and not isinstance(exc, openai.APITimeoutError | TimeoutError):
        return BadBaseURLError(
            f"{who}: cannot reach {ctx.where}{retries} ({_short(refused, 80)}); is the server "
            f"running? check --base-url (INTERVIEWER_BASE_URL) and your network")

    if isinstance(exc, openai.APITimeoutError | TimeoutError | httpx.TimeoutException):
        secs = f" within {ctx.timeout_s:g} s" if ctx.timeout_s else ""
        return BackendTimeoutError(
            f"{who}: no reply from {ctx.where}{secs}{retries}; raise timeout_s in the config file "
            f"(or INTERVIEWER_TIMEOUT_S), or check that the server is not overloaded")
    if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
        return AuthError(f"{who}: {ctx.where} rejected the API key ({status or 401}); "
                         f"{ctx.key_hint}")
    if isinstance(exc, openai.NotFoundError):
        if _names_model(message, ctx.model) or not ctx.base_url:
            return _unknown_model(ctx, 404, message)
        return BadBaseURLError(
            f"{who}: {ctx.where} has no chat-completions route (404: {message}); check "
            f"--base-url: OpenAI-compatible servers usually end in /v1")
    if isinstance(exc, openai.RateLimitError):
        wait = retry_after_seconds(exc)
        asked = f" (the server asked to wait {wait:g} s)" if wait is not None else ""
        return RateLimitError(
            f"{who}: rate limited by {ctx.where}{retries}{asked}; lower --concurrency, "
            f"raise max_retries (INTERVIEWER_MAX_RETRIES) or try again later", retry_after=wait)
    if isinstance(exc, openai.BadRequestError) and "no connected db" in message.lower():
        # A LiteLLM proxy without a database answers a key that is not its master key with
        # 400 "No connected db." (it tries to look the key up as a virtual key).
        return AuthError(f"{who}: {ctx.where} did not accept the API key (a LiteLLM proxy "
                         f"without a database knows only its master key); {ctx.key_hint}")
    if isinstance(exc, openai.BadRequestError | openai.UnprocessableEntityError):
        if _names_model(message, ctx.model):
            return _unknown_model(ctx, status or 400, message)
        return BadRequestError(
            f"{who}: {ctx.where} refused the request ({status or 400}: {message}); check "
            f"--model, or try a shorter answer")
    if isinstance(exc, openai.APIStatusError):
        return UnavailableError(
            f"{who}: {ctx.where} failed with {status}{retries} ({message}); try again later "
            f"or check the server's logs")
    if isinstance(exc, openai.APIConnectionError):
        return UnavailableError(
            f"{who}: the connection to {ctx.where} failed{retries} ({_short(exc.__cause__ or exc, 80)}); "
            f"try again, or check the server and --base-url")
    if isinstance(exc, openai.APIError):  # an error event inside a stream, or similar
        return UnavailableError(f"{who}: {ctx.where} reported an error: {message}")
    if isinstance(exc, httpx.TransportError | httpx.StreamError):
        # The SDK retries a failed *request*; a body cut mid-stream surfaces raw from httpx.
        return stream_dropped(ctx, exc, partial)
    return UnavailableError(f"{who}: unexpected {type(exc).__name__}: {_short(exc)}")


def _unknown_model(ctx: ErrorContext, status: int, message: str) -> ModelNotFoundError:
    model = ctx.model or "(none given)"
    return ModelNotFoundError(
        f"{ctx.backend}: {ctx.where} has no model {model!r} ({status}: {message}); pick one "
        f"with --model (`interviewer doctor` lists the server's models) or check --base-url")
