"""Helpers for the LLM tests: fixture deck, OpenAI-shaped bodies (JSON and SSE bytes),
backends wired for respx, and a stream that drops mid-way."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx

from interviewer.corpus.catalog import Catalog, load_catalog
from interviewer.domain import Question, Rubric

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "llm"
BASE_URL = "http://127.0.0.1:8765/v1"
CHAT_URL = f"{BASE_URL}/chat/completions"


def catalog() -> Catalog:
    return load_catalog([FIXTURES]).raise_for_errors()


def zero_grad() -> tuple[Question, Rubric]:
    found = catalog()
    return found.question("llmdeck", "zero-grad"), found.rubric("llmdeck", "zero-grad")


def chat_body(text: str | None, *, refusal: str | None = None, finish_reason: str = "stop",
              prompt_tokens: int = 50, completion_tokens: int = 10, choices: bool = True,
              model: str = "m") -> dict[str, Any]:
    """A chat.completion body as the OpenAI API sends it."""
    return {
        "id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": model,
        "choices": [{"index": 0, "finish_reason": finish_reason,
                     "message": {"role": "assistant", "content": text, "refusal": refusal}}]
        if choices else [],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                  "total_tokens": prompt_tokens + completion_tokens},
    }


def sse_events(pieces: list[str], *, usage: tuple[int, int] | None = (20, 5)) -> list[bytes]:
    """SSE events (one bytes object per event) of a streamed chat completion."""
    base = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1, "model": "m"}
    events = []
    for n, piece in enumerate(pieces):
        delta = {"content": piece} if n else {"role": "assistant", "content": piece}
        events.append({**base, "choices": [{"index": 0, "delta": delta, "finish_reason": None}]})
    events.append({**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
    if usage:
        events.append({**base, "choices": [], "usage": {
            "prompt_tokens": usage[0], "completion_tokens": usage[1],
            "total_tokens": sum(usage)}})
    return [b"data: " + json.dumps(e).encode() + b"\n\n" for e in events] + [b"data: [DONE]\n\n"]


def sse_response(pieces: list[str], **kwargs: Any) -> httpx.Response:
    return httpx.Response(200, content=b"".join(sse_events(pieces, **kwargs)),
                          headers={"content-type": "text/event-stream"})


class DroppingStream(httpx.AsyncByteStream):
    """Sends some SSE events, then the connection drops (as httpx reports it)."""

    def __init__(self, events: list[bytes]):
        self.events = events
        self.closed = False

    async def __aiter__(self):
        for event in self.events:
            yield event
        raise httpx.RemoteProtocolError("peer closed connection without sending complete message body")

    async def aclose(self) -> None:
        self.closed = True


def grading_reply(rubric: Rubric, verdicts: dict[str, tuple[str, list[str]]] | None = None,
                  misconceptions: dict[str, list[str]] | None = None,
                  rationale: str = "Judged against the rubric.") -> str:
    """A grading JSON reply: `verdicts` maps criterion id -> (verdict, quotes); criteria not
    given are missed; `misconceptions` maps id -> quotes for the ones present."""
    verdicts = verdicts or {}
    misconceptions = misconceptions or {}
    body: dict[str, Any] = {"criteria": {
        c.id: {"evidence": verdicts.get(c.id, ("missed", []))[1], "rationale": rationale,
               "verdict": verdicts.get(c.id, ("missed", []))[0]}
        for c in rubric.criteria}}
    if rubric.misconceptions:
        body["misconceptions"] = {
            m.id: {"evidence": misconceptions.get(m.id, []), "present": m.id in misconceptions}
            for m in rubric.misconceptions}
    return json.dumps(body)


def request_json(call) -> dict[str, Any]:
    """The JSON body of a respx call."""
    return json.loads(call.request.content)


def openai_backend(*, max_retries: int = 0, base_url: str | None = BASE_URL,
                   api_key: str | None = "sk-test", model: str | None = "m", timeout_s: float = 5.0):
    from interviewer.llm.openai_backend import OpenAIBackend
    from interviewer.llm.options import BackendOptions

    return OpenAIBackend(BackendOptions(
        name="openai", model=model, base_url=base_url, api_key=api_key,
        key_env="OPENAI_API_KEY", timeout_s=timeout_s, max_retries=max_retries))


def prepare_litellm():
    """Import litellm for respx: no aiohttp transport (respx cannot see it), fresh clients."""
    from interviewer.llm.litellm_backend import import_litellm

    litellm = import_litellm()
    litellm.disable_aiohttp_transport = True
    litellm.in_memory_llm_clients_cache.flush_cache()
    return litellm


def litellm_backend(*, max_retries: int = 0, model: str = "openai/m", base_url: str | None = BASE_URL,
                    api_key: str | None = "sk-test", timeout_s: float = 5.0):
    from interviewer.llm.litellm_backend import LiteLLMBackend
    from interviewer.llm.options import BackendOptions

    prepare_litellm()
    return LiteLLMBackend(BackendOptions(
        name="litellm", model=model, base_url=base_url, api_key=api_key, key_env=None,
        timeout_s=timeout_s, max_retries=max_retries))
