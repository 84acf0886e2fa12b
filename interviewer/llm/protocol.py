"""The backend protocol: what the engine may ask of a model, and nothing more."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Generic, Literal, Protocol, TypedDict, TypeVar, runtime_checkable

from pydantic import BaseModel

from interviewer.llm.usage import Usage

T = TypeVar("T", bound=BaseModel)


class Message(TypedDict):
    """One chat message, in the OpenAI shape every backend accepts."""

    role: Literal["system", "user", "assistant"]
    content: str


@dataclass
class Completion:
    """A whole (non-streamed) reply."""

    text: str
    usage: Usage = field(default_factory=Usage)
    finish_reason: str | None = None
    refusal: str | None = None
    model: str | None = None


@dataclass
class Structured(Generic[T]):
    """A reply validated against a pydantic schema, with what it took to get it."""

    value: T
    usage: Usage
    attempts: int                 # 1 = valid first time; 2-3 = after re-asks with the error
    raw: str                      # the JSON text that validated
    mode: str                     # "strict" (server-enforced JSON schema), "json" or "prompt"


@runtime_checkable
class Backend(Protocol):
    """A model behind some API. Implementations: interviewer.llm.openai_backend,
    interviewer.llm.litellm_backend, and plugins from the `interviewer.backends` entry points.

    Errors are raised as interviewer.llm.errors.LLMError subclasses only. Cancelling the
    calling task cancels the request and closes its connection.
    """

    name: str
    model: str
    #: Running total over every call this backend made.
    usage: Usage

    def stream(
        self, messages: list[Message], *, temperature: float | None = None,
        max_tokens: int | None = None,
    ) -> AsyncIterator[str]:
        """Yield the reply's text as it arrives (usage is added to `self.usage` at the end)."""
        ...

    async def complete(
        self, messages: list[Message], *, temperature: float | None = None,
        max_tokens: int | None = None,
    ) -> Completion:
        """The whole reply at once."""
        ...

    async def structured(
        self, messages: list[Message], schema: type[T], *, temperature: float | None = 0.0,
        max_tokens: int | None = None, max_reasks: int = 2, token_budget: int | None = None,
    ) -> Structured[T]:
        """A reply validated as `schema`. Output that fails validation is re-asked with the
        error, at most `max_reasks` times and while the tokens spent stay within
        `token_budget`; then BadOutputError (with the last raw output)."""
        ...

    async def list_models(self) -> list[str] | None:
        """The models the server offers, or None when the backend cannot list them."""
        ...

    async def aclose(self) -> None:
        """Release connections."""
        ...
