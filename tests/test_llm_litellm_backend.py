"""The litellm backend on the SDK/HTTP layer (respx, aiohttp transport off): provider model
strings hit the right URLs with the right headers; streaming, structured output, cost."""

import subprocess
import sys

import httpx
import pytest
import respx
from pydantic import BaseModel

from interviewer.llm.errors import BackendConfigError, StreamInterruptedError
from interviewer.llm.options import options_from_settings
from interviewer.llm.registry import create_backend
from interviewer.settings import Settings
from tests.support.llm_helpers import (
    CHAT_URL,
    DroppingStream,
    chat_body,
    litellm_backend,
    prepare_litellm,
    request_json,
    sse_events,
    sse_response,
)

HELLO = [{"role": "user", "content": "hello"}]
ANTHROPIC_REPLY = {
    "id": "msg_1", "type": "message", "role": "assistant", "model": "claude-haiku-4-5",
    "content": [{"type": "text", "text": "Tell me more."}], "stop_reason": "end_turn",
    "usage": {"input_tokens": 1000, "output_tokens": 100},
}


class Verdict(BaseModel):
    verdict: str


@pytest.fixture
def router():
    prepare_litellm()
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as mock:
        yield mock


def backend_for(**settings):
    prepare_litellm()
    return create_backend(options_from_settings(Settings(backend="litellm", max_retries=0, **settings)))


async def test_openai_compatible_model_with_api_base(router, monkeypatch):
    monkeypatch.setenv("PROXY_KEY", "sk-proxy")
    route = router.post("http://127.0.0.1:4000/v1/chat/completions").mock(
        return_value=httpx.Response(200, json=chat_body("ok")))
    backend = backend_for(model="openai/fake-interviewer", base_url="http://127.0.0.1:4000/v1",
                          api_key_env="PROXY_KEY")
    assert (await backend.complete(HELLO)).text == "ok"
    assert route.calls.last.request.headers["authorization"] == "Bearer sk-proxy"
    assert request_json(route.calls.last)["model"] == "fake-interviewer"  # prefix stripped


async def test_anthropic_model_uses_the_provider_key_and_reports_cost(router, monkeypatch):
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test")
    route = router.post("https://api.anthropic.com/v1/messages").mock(
        return_value=httpx.Response(200, json=ANTHROPIC_REPLY))
    backend = backend_for(model="anthropic/claude-haiku-4-5")
    reply = await backend.complete(HELLO, max_tokens=50)
    assert reply.text == "Tell me more."
    assert route.calls.last.request.headers["x-api-key"] == "sk-ant-test"
    assert reply.usage.cost_usd and reply.usage.cost_usd > 0  # from litellm's local price list
    assert backend.usage.cost_usd == reply.usage.cost_usd


async def test_ollama_model_goes_to_the_local_ollama_api(router):
    route = router.post("http://localhost:11434/api/generate").mock(return_value=httpx.Response(
        200, json={"model": "llama3", "created_at": "2026-01-01T00:00:00Z", "response": "Why?",
                   "done": True, "prompt_eval_count": 10, "eval_count": 2}))
    backend = backend_for(model="ollama/llama3")
    assert (await backend.complete(HELLO)).text == "Why?"
    assert request_json(route.calls.last)["model"] == "llama3"


async def test_streamed_reply(router):
    route = router.post(CHAT_URL).mock(return_value=sse_response(["Go ", "on."]))
    backend = litellm_backend()
    assert [p async for p in backend.stream(HELLO)] == ["Go ", "on."]
    assert request_json(route.calls.last)["stream"] is True
    assert backend.usage.output_tokens == 5


async def test_stream_dropped_mid_way_keeps_the_partial_text(router):
    router.post(CHAT_URL).mock(return_value=httpx.Response(
        200, stream=DroppingStream(sse_events(["Go ", "on"])[:1]),
        headers={"content-type": "text/event-stream"}))
    got = []
    with pytest.raises(StreamInterruptedError) as caught:
        async for piece in litellm_backend().stream(HELLO):
            got.append(piece)
    assert got == ["Go "] and caught.value.partial == "Go "


async def test_structured_output_against_an_openai_compatible_server(router):
    route = router.post(CHAT_URL).mock(return_value=httpx.Response(200, json=chat_body('{"verdict": "met"}')))
    out = await litellm_backend().structured(HELLO, Verdict)
    assert out.value.verdict == "met"
    fmt = request_json(route.calls.last)["response_format"]
    assert fmt["type"] == "json_schema" and fmt["json_schema"]["schema"]["required"] == ["verdict"]


def test_no_model_is_a_clear_error():
    with pytest.raises(BackendConfigError, match="anthropic/"):
        backend_for()


def test_litellm_is_imported_only_when_chosen_and_never_fetches_prices():
    code = (
        "import os, sys\n"
        "os.environ.pop('LITELLM_LOCAL_MODEL_COST_MAP', None)\n"
        "from interviewer.grading.factory import make_grader\n"
        "from interviewer.llm import registry\n"
        "registry.backend_names()\n"
        "assert 'litellm' not in sys.modules\n"
        "from interviewer.llm.litellm_backend import import_litellm\n"
        "import_litellm()\n"
        "print(os.environ['LITELLM_LOCAL_MODEL_COST_MAP'], os.environ['LITELLM_MODE'])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PATH": "/usr/bin:/bin", "HTTPS_PROXY": "http://127.0.0.1:9"})
    assert out.stdout.split() == ["True", "PRODUCTION"]
