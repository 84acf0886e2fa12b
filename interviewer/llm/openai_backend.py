"""The OpenAI backend: the official SDK's async client, against api.openai.com or any
OpenAI-compatible server (Ollama, vLLM, LM Studio, llama.cpp server, a LiteLLM proxy).

The SDK owns transport retries (429/5xx/timeouts, honouring Retry-After); this module owns
the request shape and turns replies into Completions.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from typing import Any

from interviewer.llm.chat_backend import ChatBackend, StreamEnd
from interviewer.llm.errors import BackendConfigError, MissingCredentialsError
from interviewer.llm.options import DEFAULT_OPENAI_MODEL, PLACEHOLDER_KEY, BackendOptions
from interviewer.llm.protocol import Completion, Message
from interviewer.llm.usage import Usage


def create(options: BackendOptions) -> OpenAIBackend:
    """Registry factory for `--backend openai`."""
    return OpenAIBackend(options)


def _usage(raw: Any) -> Usage:
    if raw is None:
        return Usage(calls=1)
    return Usage(input_tokens=getattr(raw, "prompt_tokens", 0) or 0,
                 output_tokens=getattr(raw, "completion_tokens", 0) or 0, calls=1)


class OpenAIBackend(ChatBackend):
    """Chat completions through `openai.AsyncOpenAI`."""

    name = "openai"
    counts_requests = True  # an httpx hook counts every request, the SDK's retries included

    def __init__(self, options: BackendOptions, *, http_client: Any = None):
        base_url = options.base_url or os.environ.get("OPENAI_BASE_URL") or None
        api_key = options.api_key
        if api_key is None:
            if base_url is None:
                raise MissingCredentialsError(
                    f"openai: no API key; set {options.key_env or 'OPENAI_API_KEY'} (or name "
                    f"another variable with --api-key-env / INTERVIEWER_API_KEY_ENV), or pass "
                    f"--base-url for a keyless local server such as Ollama")
            api_key = PLACEHOLDER_KEY  # keyless local server: the SDK insists on some key
        model = options.model or (DEFAULT_OPENAI_MODEL if base_url is None else None)
        if not model:
            raise BackendConfigError(
                f"openai: no model given for {base_url}; pass --model (or INTERVIEWER_MODEL); "
                f"`interviewer doctor --backend openai --base-url {base_url}` lists the models")
        options = _replace(options, model=model, base_url=base_url, api_key=api_key)
        super().__init__(options)

        import httpx
        import openai  # imported here: ~1.5 s, and the offline path never needs it

        self._client = openai.AsyncOpenAI(
            api_key=api_key,
            base_url=base_url,
            # Connect fails fast (a server that is not running); reads may take the full
            # timeout (a slow local model producing its first token).
            timeout=httpx.Timeout(options.timeout_s, connect=min(options.timeout_s, 10.0)),
            max_retries=options.max_retries,
            http_client=self._counting(http_client),
        )
        # Optional parameters, dropped or renamed once if the server rejects them (_adapt).
        self._stream_usage = True
        self._token_param = "max_tokens"
        self._send_temperature = True

    def _counting(self, http_client: Any) -> Any:
        """The HTTP client with a hook that counts every request sent: the SDK retries 429s,
        5xx and timeouts inside one call, and the usage summary must match the server's count."""
        import openai

        async def count(_request: Any) -> None:
            self.count_request()

        if http_client is None:
            return openai.DefaultAsyncHttpxClient(event_hooks={"request": [count]})
        hooks = http_client.event_hooks
        http_client.event_hooks = {**hooks, "request": [*hooks.get("request", []), count]}
        return http_client

    async def _chat(self, messages: list[Message], *, temperature: float | None,
                    max_tokens: int | None, response_format: dict[str, Any] | None) -> Completion:
        kwargs = self._params(temperature, max_tokens)
        if response_format is not None:
            # Sent as a body field, not the typed parameter: the SDK would otherwise walk the
            # whole JSON schema through its TypedDict transform on every call (~1 ms of CPU
            # per grade in a batch); the request sent is the same.
            kwargs["extra_body"] = {"response_format": response_format}
        response = await self._create(messages, kwargs)
        choice = self._first_choice(response, "try again, or check the server's logs")
        message = choice.message
        return Completion(
            text=message.content or "",
            usage=_usage(response.usage),
            finish_reason=choice.finish_reason,
            refusal=getattr(message, "refusal", None),
            model=response.model,
        )

    async def _stream(self, messages: list[Message], *, temperature: float | None,
                      max_tokens: int | None) -> AsyncIterator[str | StreamEnd]:
        kwargs = self._params(temperature, max_tokens)
        kwargs["stream"] = True
        if self._stream_usage:
            kwargs["stream_options"] = {"include_usage": True}
        stream = await self._create(messages, kwargs)
        usage: Usage | None = None
        finish: str | None = None
        try:
            async for chunk in stream:
                if chunk.usage is not None:
                    usage = _usage(chunk.usage)
                if chunk.choices:
                    choice = chunk.choices[0]
                    finish = choice.finish_reason or finish
                    delta = choice.delta
                    if delta is not None and delta.content:
                        yield delta.content
        finally:
            # Runs on normal end, on error and on cancellation: the connection is released.
            await stream.close()
        # No finish reason means the server (or a proxy) ended the stream early, even when
        # the connection closed cleanly: the caller must not take the text as complete.
        yield StreamEnd(finish, usage or Usage(calls=1))

    async def _create(self, messages: list[Message], kwargs: dict[str, Any]) -> Any:
        """One chat.completions.create call. A server that rejects one of our optional
        parameters gets the request again without it (remembered for later calls): older
        servers lack stream_options, reasoning models refuse max_tokens and temperature."""
        import openai

        while True:
            try:
                return await self._client.chat.completions.create(
                    model=self.model, messages=messages, **kwargs)
            except openai.BadRequestError as exc:
                if not self._adapt(str(exc), kwargs):
                    raise

    def _adapt(self, complaint: str, kwargs: dict[str, Any]) -> bool:
        if "stream_options" in complaint and "stream_options" in kwargs:
            self._stream_usage = False
            kwargs.pop("stream_options")
            return True
        if "max_tokens" in complaint and "max_tokens" in kwargs:
            self._token_param = "max_completion_tokens"
            kwargs["max_completion_tokens"] = kwargs.pop("max_tokens")
            return True
        if "temperature" in complaint and "temperature" in kwargs:
            self._send_temperature = False
            kwargs.pop("temperature")
            return True
        return False

    async def list_models(self) -> list[str] | None:
        try:
            page = await self._client.models.list()
        except Exception as exc:
            raise self._map(exc) from exc
        return [m.id for m in page.data]

    async def aclose(self) -> None:
        await self._client.close()

    def _params(self, temperature: float | None, max_tokens: int | None) -> dict[str, Any]:
        params: dict[str, Any] = {}
        if temperature is not None and self._send_temperature:
            params["temperature"] = temperature
        if max_tokens is not None:
            # max_tokens first: every OpenAI-compatible server knows it; OpenAI's reasoning
            # models want max_completion_tokens instead (see _adapt).
            params[self._token_param] = max_tokens
        return params


def _replace(options: BackendOptions, **changes: Any) -> BackendOptions:
    from dataclasses import replace

    return replace(options, **changes)
