"""The LiteLLM backend: the same protocol over `litellm.acompletion`, for the 100+ providers
litellm speaks (anthropic/claude-..., gemini/..., ollama/llama3, openai/<name> + api_base).

litellm is imported only when this backend is chosen: it takes seconds to import. Before the
import we make it use its bundled price list (no network at start), skip .env loading, and
stay quiet.
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from interviewer.llm.chat_backend import ChatBackend, StreamEnd, StructuredMode
from interviewer.llm.error_mapping import is_connect_failure
from interviewer.llm.errors import (
    BackendConfigError,
    BadBaseURLError,
    RateLimitError,
    UnavailableError,
    retry_after_seconds,
)
from interviewer.llm.options import BackendOptions
from interviewer.llm.protocol import Completion, Message
from interviewer.llm.usage import Usage

_litellm: Any = None
#: Indirection so tests can record retry waits without sleeping.
_sleep = asyncio.sleep


def import_litellm() -> Any:
    """Import litellm once, configured for an app: local price list, no .env, no telemetry."""
    global _litellm
    if _litellm is None:
        # Must be set before the import: otherwise it fetches a price list over the network
        # (5 s timeout, two retries) and loads .env files from the working directory up.
        os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
        os.environ.setdefault("LITELLM_MODE", "PRODUCTION")
        import litellm

        litellm.telemetry = False
        litellm.suppress_debug_info = True  # no "Provider List: ..." banners on stdout
        # Its own warnings (e.g. about its background logging worker) are not the user's
        # business; failures reach the user as our exceptions.
        logging.getLogger("LiteLLM").setLevel(logging.ERROR)
        _litellm = litellm
    return _litellm


def create(options: BackendOptions) -> LiteLLMBackend:
    """Registry factory for `--backend litellm`."""
    return LiteLLMBackend(options)


class LiteLLMBackend(ChatBackend):
    """Chat completions through `litellm.acompletion`."""

    name = "litellm"
    counts_requests = True  # _with_retries counts each attempt (litellm's own retries are off)

    def __init__(self, options: BackendOptions):
        if not options.model:
            raise BackendConfigError(
                "litellm: no model given; pass --model (or INTERVIEWER_MODEL) with litellm's "
                "provider prefix, e.g. anthropic/claude-3-5-haiku-latest, ollama/llama3, or "
                "openai/<name> with --base-url")
        if options.base_url and not options.api_key:
            # A keyless server behind --base-url: without a key litellm would either fail on
            # "missing credentials" and send nothing, or send OPENAI_API_KEY (or another
            # provider's key) to that server. Neither: a placeholder goes instead.
            from dataclasses import replace

            from interviewer.llm.options import PLACEHOLDER_KEY

            options = replace(options, api_key=PLACEHOLDER_KEY)
        self._litellm = import_litellm()
        super().__init__(options)

    def _initial_mode(self) -> StructuredMode:
        # litellm knows per model whether the provider enforces a JSON schema; for a model
        # it does not know (openai/<name> on a custom server) start strict anyway when a
        # base URL is given: OpenAI-compatible servers mostly take json_schema, and a
        # refusal steps down once.
        try:
            if self._litellm.supports_response_schema(model=self.model):
                return "strict"
        except Exception:
            pass
        return "strict" if self.options.base_url else "json"

    def _params(self, temperature: float | None, max_tokens: int | None) -> dict[str, Any]:
        o = self.options
        params: dict[str, Any] = {
            "model": self.model,
            "timeout": o.timeout_s,
            # Retries are ours (_with_retries), the same for every provider: litellm's own
            # retry wrapper ignores Retry-After and only some providers pass max_retries on.
            "max_retries": 0,
            # litellm drops parameters a provider does not take instead of failing.
            "drop_params": True,
        }
        if o.base_url:
            params["api_base"] = o.base_url
        if o.api_key:
            params["api_key"] = o.api_key
        if temperature is not None:
            params["temperature"] = temperature
        if max_tokens is not None:
            params["max_tokens"] = max_tokens
        return params

    async def _chat(self, messages: list[Message], *, temperature: float | None,
                    max_tokens: int | None, response_format: dict[str, Any] | None) -> Completion:
        params = self._params(temperature, max_tokens)
        if response_format is not None:
            params["response_format"] = response_format
        response = await self._with_retries(
            lambda: self._litellm.acompletion(messages=messages, **params))
        choice = self._first_choice(response, "try again, or check the provider's status")
        message = choice.message
        usage = self._usage(getattr(response, "usage", None))
        usage.cost_usd = self._cost(response)
        return Completion(
            text=message.content or "",
            usage=usage,
            finish_reason=choice.finish_reason,
            refusal=_refusal(message),
            model=getattr(response, "model", None),
        )

    async def _stream(self, messages: list[Message], *, temperature: float | None,
                      max_tokens: int | None) -> AsyncIterator[str | StreamEnd]:
        params = self._params(temperature, max_tokens)
        params["stream"] = True
        params["stream_options"] = {"include_usage": True}
        stream = await self._with_retries(
            lambda: self._litellm.acompletion(messages=messages, **params))
        usage: Usage | None = None
        finish: str | None = None
        try:
            async for chunk in stream:
                raw_usage = getattr(chunk, "usage", None)
                if raw_usage is not None:
                    usage = self._usage(raw_usage)
                if chunk.choices:
                    finish = getattr(chunk.choices[0], "finish_reason", None) or finish
                    delta = chunk.choices[0].delta
                    content = getattr(delta, "content", None)
                    if content:
                        yield content
        finally:
            # Closing releases the HTTP response, also when the consumer is cancelled.
            closer = getattr(stream, "aclose", None)
            if closer is not None:
                await closer()
        usage = usage or Usage(calls=1)
        if usage.total_tokens:
            usage.cost_usd = self._cost_from_tokens(usage)
        yield StreamEnd(_provider_finish(stream, finish), usage)

    async def _with_retries(self, call: Callable[[], Awaitable[Any]]) -> Any:
        """Run `call`, retrying rate limits, timeouts, dropped connections and 5xx up to
        max_retries times, waiting what Retry-After asks (up to a minute) or backing off."""
        attempt = 0
        while True:
            self.count_request()
            try:
                return await call()
            except Exception as exc:
                if attempt >= self.options.max_retries or not self._retryable(exc):
                    raise
                delay = _retry_delay(exc, attempt)
                attempt += 1
                await _sleep(delay)

    def _retryable(self, exc: BaseException) -> bool:
        """Retry what the OpenAI SDK retries (rate limits, 5xx, timeouts, connection
        failures), judged by what the failure *is*: litellm reports a missing key as a 500,
        and retrying that only repeats the wrong message."""
        mapped = self._map(exc)
        if isinstance(mapped, BadBaseURLError):
            return is_connect_failure(exc)  # nothing listening yet: worth another try
        return isinstance(mapped, RateLimitError | UnavailableError)

    async def list_models(self) -> list[str] | None:
        return None  # litellm has no general listing; doctor checks with a completion instead

    @staticmethod
    def _usage(raw: Any) -> Usage:
        if raw is None:
            return Usage(calls=1)
        return Usage(input_tokens=getattr(raw, "prompt_tokens", 0) or 0,
                     output_tokens=getattr(raw, "completion_tokens", 0) or 0, calls=1)

    def _cost(self, response: Any) -> float | None:
        """The call's price from litellm's local price list; None when it has no price."""
        try:
            cost = self._litellm.completion_cost(completion_response=response)
        except Exception:
            return None
        return float(cost) if cost else None

    def _cost_from_tokens(self, usage: Usage) -> float | None:
        try:
            prompt, completion = self._litellm.cost_per_token(
                model=self.model, prompt_tokens=usage.input_tokens,
                completion_tokens=usage.output_tokens)
        except Exception:
            return None
        total = (prompt or 0.0) + (completion or 0.0)
        return float(total) if total else None


#: Longest server-requested wait we honour (as the OpenAI SDK does); longer means "give up".
MAX_RETRY_AFTER_S = 60.0


def _provider_finish(stream: Any, last_seen: str | None) -> str | None:
    """The finish reason the provider itself sent. litellm's stream wrapper makes up "stop"
    when a stream ends without one (a cut stream would look complete); it keeps what really
    arrived in `received_finish_reason` / `intermittent_finish_reason`."""
    if hasattr(stream, "received_finish_reason"):
        return (getattr(stream, "received_finish_reason", None)
                or getattr(stream, "intermittent_finish_reason", None))
    return last_seen


def _retry_delay(exc: BaseException, attempt: int) -> float:
    asked = retry_after_seconds(exc)
    if asked is not None and 0 < asked <= MAX_RETRY_AFTER_S:
        return asked
    return min(0.5 * 2**attempt, 8.0) * (1 - 0.25 * random.random())


def _refusal(message: Any) -> str | None:
    """litellm keeps OpenAI's `refusal` among provider-specific fields."""
    refusal = getattr(message, "refusal", None)
    if refusal:
        return refusal
    extra = getattr(message, "provider_specific_fields", None) or {}
    return extra.get("refusal") if isinstance(extra, dict) else None
