"""Shared behaviour of chat-completion backends: error mapping, streaming with usage, and
structured output with a bounded re-ask. A concrete backend implements `_chat` and `_stream`
(one request each); plugins may subclass this or implement the protocol themselves."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel

from interviewer.llm.errors import (
    BadOutputError,
    BadRequestError,
    EmptyResponseError,
    ErrorContext,
    LLMError,
    RefusalError,
    map_provider_error,
    stream_incomplete,
)
from interviewer.llm.json_output import (
    T,
    parse_reply,
    reask_message,
    schema_instructions,
    schema_name,
    strict_json_schema,
)
from interviewer.llm.options import BackendOptions
from interviewer.llm.protocol import Completion, Message, Structured
from interviewer.llm.usage import Usage

StructuredMode = Literal["strict", "json", "prompt"]
#: Downgrade order when a server refuses a response_format it does not support.
_NEXT_MODE: dict[str, StructuredMode | None] = {"strict": "json", "json": "prompt", "prompt": None}
#: A 400 about these means "this server does not do that response_format", not a bad prompt.
_FORMAT_COMPLAINT = re.compile(r"response_format|json_schema|json_object|strict|schema|guided",
                               re.IGNORECASE)
#: Finish reasons that mean the reply is not complete.
_INCOMPLETE = {None, "length", "content_filter"}


@dataclass
class StreamEnd:
    """What a `_stream` yields last: the usage and the finish reason the server sent (None when
    it sent none: the stream was cut, even if the connection closed cleanly)."""

    finish_reason: str | None
    usage: Usage = field(default_factory=Usage)


class ChatBackend:
    """Base for chat-completion backends. Subclasses set `name` and implement `_chat`,
    `_stream` (yielding text pieces and, last, a StreamEnd — or a bare Usage when the
    backend cannot know the finish reason) and optionally `list_models`."""

    name: str = "chat"
    #: True when the subclass counts every HTTP request itself (retries included) through
    #: `count_request`; otherwise each call counts as one request.
    counts_requests: bool = False

    def __init__(self, options: BackendOptions):
        self.options = options
        self.model: str = options.model or ""
        self.usage = Usage()
        #: The structured-output mode that works with this server; starts at the most
        #: reliable one the backend expects and steps down (once) if the server refuses it.
        self.structured_mode: StructuredMode = self._initial_mode()

    # -- what subclasses implement ---------------------------------------------------------

    def _initial_mode(self) -> StructuredMode:
        return "strict"

    async def _chat(self, messages: list[Message], *, temperature: float | None,
                    max_tokens: int | None, response_format: dict[str, Any] | None) -> Completion:
        raise NotImplementedError

    def _stream(self, messages: list[Message], *, temperature: float | None,
                max_tokens: int | None) -> AsyncIterator[str | Usage | StreamEnd]:
        raise NotImplementedError

    async def list_models(self) -> list[str] | None:
        return None

    async def aclose(self) -> None:
        return None

    # -- the protocol ----------------------------------------------------------------------

    @property
    def error_context(self) -> ErrorContext:
        o = self.options
        return ErrorContext(backend=self.name, model=self.model or None, base_url=o.base_url,
                            key_env=o.key_env, timeout_s=o.timeout_s, max_retries=o.max_retries)

    def _map(self, exc: BaseException, partial: str = "") -> LLMError:
        return map_provider_error(exc, self.error_context, partial=partial)

    def count_request(self, *_: Any) -> None:
        """One HTTP request went out (an httpx event hook, or a retry loop, calls this)."""
        self.usage.requests += 1

    def _count_call(self) -> None:
        self.usage.calls += 1
        if not self.counts_requests:
            self.usage.requests += 1

    async def stream(self, messages: list[Message], *, temperature: float | None = None,
                     max_tokens: int | None = None) -> AsyncIterator[str]:
        """Yield text as it arrives; cancellation closes the connection (the subclass's
        `_stream` releases its response in a finally block). A stream that ends without a
        finish reason, or at the length limit, raises StreamInterruptedError after its text:
        the caller must not keep that text as a finished reply."""
        parts: list[str] = []
        end: StreamEnd | None = None
        self._count_call()
        try:
            async for piece in self._stream(messages, temperature=temperature, max_tokens=max_tokens):
                if isinstance(piece, StreamEnd):
                    end = piece
                    self.usage.add_tokens(piece.usage)
                elif isinstance(piece, Usage):
                    self.usage.add_tokens(piece)
                elif piece:
                    parts.append(piece)
                    yield piece
        except LLMError:
            raise
        except Exception as exc:  # CancelledError/GeneratorExit are BaseException: not mapped
            raise self._map(exc, partial="".join(parts)) from exc
        if not parts:
            raise EmptyResponseError(f"{self.name}: {self.error_context.where} sent an empty reply "
                                     f"(model {self.model!r}); try again or another --model")
        if end is not None and end.finish_reason in _INCOMPLETE:
            raise stream_incomplete(self.error_context, end.finish_reason, "".join(parts))

    def _first_choice(self, response: Any, advice: str) -> Any:
        """The reply's first choice; a reply with none is an EmptyResponseError."""
        if not response.choices:
            raise EmptyResponseError(
                f"{self.name}: {self.error_context.where} returned no choices for model "
                f"{self.model!r}; {advice}")
        return response.choices[0]

    async def complete(self, messages: list[Message], *, temperature: float | None = None,
                       max_tokens: int | None = None) -> Completion:
        """The whole reply at once."""
        completion = await self._call(messages, temperature=temperature, max_tokens=max_tokens,
                                      response_format=None)
        if completion.refusal:
            raise RefusalError(f"{self.name}: the model refused: {completion.refusal[:200]}")
        return completion

    async def _call(self, messages: list[Message], **kwargs: Any) -> Completion:
        self._count_call()
        try:
            completion = await self._chat(messages, **kwargs)
        except LLMError:
            raise
        except Exception as exc:
            raise self._map(exc) from exc
        self.usage.add_tokens(completion.usage)
        return completion

    async def structured(self, messages: list[Message], schema: type[T], *,
                         temperature: float | None = 0.0, max_tokens: int | None = None,
                         max_reasks: int = 2, token_budget: int | None = None) -> Structured[T]:
        """A reply validated as `schema`, re-asked with the validation error at most
        `max_reasks` times within `token_budget` tokens. Transport errors are not re-asked
        here: the SDK's retry loop owns those."""
        spent = Usage()
        convo = list(messages)
        attempt = 0
        while True:
            attempt += 1
            completion, mode = await self._structured_call(convo, schema, temperature, max_tokens)
            spent = spent + completion.usage
            if completion.refusal:
                raise RefusalError(f"{self.name}: the model refused to answer "
                                   f"({completion.refusal[:160]})", raw=completion.text,
                                   attempts=attempt)
            try:
                value = parse_reply(completion.text, schema)
            except ValueError as exc:
                error = str(exc)
            else:
                return Structured(value=value, usage=spent, attempts=attempt, raw=completion.text,
                                  mode=mode)
            over_budget = (token_budget is not None
                           and spent.total_tokens + completion.usage.total_tokens > token_budget)
            if attempt > max_reasks or over_budget:
                why = (f"the token budget ({token_budget:,}) would be exceeded" if over_budget
                       and attempt <= max_reasks else f"{attempt} attempt(s)")
                raise BadOutputError(
                    f"{self.name}: the model's output failed validation after {why} ({error}); "
                    f"try a stronger --model", raw=completion.text, attempts=attempt)
            # Only the last bad reply goes back, so a re-ask costs no more than the first try.
            self.usage.reasks += 1
            convo = [*messages, {"role": "assistant", "content": completion.text},
                     {"role": "user", "content": reask_message(
                         error, truncated=completion.finish_reason == "length")}]

    async def _structured_call(self, convo: list[Message], schema: type[BaseModel],
                               temperature: float | None, max_tokens: int | None
                               ) -> tuple[Completion, StructuredMode]:
        while True:
            mode = self.structured_mode
            try:
                return await self._call(self._with_schema_text(convo, schema, mode),
                                        temperature=temperature, max_tokens=max_tokens,
                                        response_format=self._response_format(schema, mode)), mode
            except BadRequestError as exc:
                nxt = _NEXT_MODE[mode]
                if nxt is None or not _FORMAT_COMPLAINT.search(str(exc)):
                    raise
                # This server does not support that response_format: step down and remember.
                self.structured_mode = nxt

    @staticmethod
    def _response_format(schema: type[BaseModel], mode: StructuredMode) -> dict[str, Any] | None:
        if mode == "strict":
            return {"type": "json_schema", "json_schema": {
                "name": schema_name(schema), "schema": strict_json_schema(schema), "strict": True}}
        if mode == "json":
            return {"type": "json_object"}
        return None

    @staticmethod
    def _with_schema_text(convo: list[Message], schema: type[BaseModel],
                          mode: StructuredMode) -> list[Message]:
        """Outside strict mode the schema travels in the prompt (appended to the last user
        turn, after everything else)."""
        if mode == "strict":
            return convo
        out = list(convo)
        for i in range(len(out) - 1, -1, -1):
            if out[i]["role"] == "user":
                out[i] = {"role": "user",
                          "content": out[i]["content"] + "\n\n" + schema_instructions(schema)}
                break
        return out
