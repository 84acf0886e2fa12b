"""An in-process backend that replies from a script: for tests of code above the HTTP layer
(engine, UI) and as the example plugin in the registry tests."""

from __future__ import annotations

from collections import deque
from collections.abc import AsyncIterator
from typing import Any

from interviewer.llm.chat_backend import ChatBackend
from interviewer.llm.options import BackendOptions
from interviewer.llm.protocol import Completion, Message
from interviewer.llm.usage import Usage


class ScriptedBackend(ChatBackend):
    """Replies with the queued texts in order (then repeats the last one); records calls."""

    name = "scripted"

    def __init__(self, options: BackendOptions | None = None, replies: list[str] | None = None):
        super().__init__(options or BackendOptions(name="scripted", model="script"))
        self.replies: deque[str] = deque(replies or ["Could you say more?"])
        self.calls: list[list[Message]] = []

    def _next(self) -> str:
        return self.replies.popleft() if len(self.replies) > 1 else self.replies[0]

    async def _chat(self, messages: list[Message], *, temperature: float | None,
                    max_tokens: int | None, response_format: dict[str, Any] | None) -> Completion:
        self.calls.append(messages)
        return Completion(text=self._next(), usage=Usage(input_tokens=10, output_tokens=5, calls=1))

    async def _stream(self, messages: list[Message], *, temperature: float | None,
                      max_tokens: int | None) -> AsyncIterator[str | Usage]:
        self.calls.append(messages)
        for word in self._next().split(" "):
            yield word + " "
        yield Usage(input_tokens=10, output_tokens=5, calls=1)


def create(options: BackendOptions) -> ScriptedBackend:
    """Entry-point factory (`interviewer.backends` group)."""
    return ScriptedBackend(options)
