"""The openai backend on the SDK's real HTTP layer (respx): what each configuration sends
where, plain and streamed replies, structured output, and cancellation."""

import asyncio
import json

import httpx
import pytest
import respx
from pydantic import BaseModel

from interviewer.llm.errors import BackendConfigError, StreamInterruptedError
from interviewer.llm.options import PLACEHOLDER_KEY, options_from_settings
from interviewer.llm.registry import create_backend
from interviewer.settings import Settings
from tests.support.llm_helpers import (
    BASE_URL,
    CHAT_URL,
    DroppingStream,
    chat_body,
    openai_backend,
    request_json,
    sse_events,
    sse_response,
)

HELLO = [{"role": "user", "content": "hello"}]


class Verdict(BaseModel):
    verdict: str
    quotes: list[str]


@pytest.fixture
def router():
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as mock:
        yield mock


def backend_for(**settings):
    return create_backend(options_from_settings(Settings(backend="openai", max_retries=0, **settings)))


async def test_default_configuration_calls_api_openai_com_with_the_env_key(router, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env")
    route = router.post("https://api.openai.com/v1/chat/completions").mock(
        return_value=httpx.Response(200, json=chat_body("Hi there")))
    backend = backend_for()
    reply = await backend.complete(HELLO)
    assert reply.text == "Hi there"
    sent = route.calls.last.request
    assert sent.headers["authorization"] == "Bearer sk-from-env"
    assert request_json(route.calls.last)["model"] == "gpt-4o-mini"  # the default model


async def test_custom_base_url_and_key_variable(router, monkeypatch):
    monkeypatch.setenv("TEAM_PROXY_KEY", "sk-team")
    route = router.post("http://proxy.internal:4000/v1/chat/completions").mock(
        return_value=httpx.Response(200, json=chat_body("ok")))
    backend = backend_for(base_url="http://proxy.internal:4000/v1", model="fake-interviewer",
                          api_key_env="TEAM_PROXY_KEY")
    await backend.complete(HELLO)
    assert route.calls.last.request.headers["authorization"] == "Bearer sk-team"
    assert request_json(route.calls.last)["model"] == "fake-interviewer"


async def test_keyless_local_server_gets_a_placeholder_key(router):
    route = router.post("http://localhost:11434/v1/chat/completions").mock(
        return_value=httpx.Response(200, json=chat_body("ok")))
    backend = backend_for(base_url="http://localhost:11434/v1", model="llama3")
    await backend.complete(HELLO)
    assert route.calls.last.request.headers["authorization"] == f"Bearer {PLACEHOLDER_KEY}"


def test_missing_key_for_openai_says_which_variable_or_flag():
    with pytest.raises(BackendConfigError) as caught:
        backend_for()
    assert "OPENAI_API_KEY" in str(caught.value) and "--base-url" in str(caught.value)


def test_named_key_variable_that_is_unset_is_reported_by_name():
    with pytest.raises(BackendConfigError, match="MY_KEY is not set"):
        backend_for(api_key_env="MY_KEY")


def test_custom_server_without_model_asks_for_one():
    with pytest.raises(BackendConfigError, match="--model"):
        backend_for(base_url="http://localhost:11434/v1")


def test_key_from_config_file_is_used_and_never_shown(tmp_path, monkeypatch):
    config = tmp_path / "config.yaml"
    config.write_text("backend: openai\napi_key: sk-secret-in-file\n")
    monkeypatch.setenv("INTERVIEWER_CONFIG", str(config))
    from interviewer.settings import load_settings

    options = options_from_settings(load_settings())
    assert options.api_key == "sk-secret-in-file"
    assert "sk-secret" not in repr(options) and "sk-secret" not in repr(load_settings())


async def test_streamed_reply_arrives_in_pieces_with_usage(router):
    route = router.post(CHAT_URL).mock(return_value=sse_response(["What ", "about ", "memory?"]))
    backend = openai_backend()
    pieces = [p async for p in backend.stream(HELLO, temperature=0.3, max_tokens=50)]
    assert pieces == ["What ", "about ", "memory?"]
    body = request_json(route.calls.last)
    assert body["stream"] is True and body["stream_options"] == {"include_usage": True}
    assert body["temperature"] == 0.3 and body["max_tokens"] == 50
    assert (backend.usage.input_tokens, backend.usage.output_tokens, backend.usage.calls) == (20, 5, 1)


async def test_server_that_rejects_stream_options_is_asked_again_without(router):
    route = router.post(CHAT_URL).mock(side_effect=[
        httpx.Response(400, json={"error": {"message": "Unrecognized request argument: stream_options"}}),
        sse_response(["ok"], usage=None)])
    backend = openai_backend()
    assert [p async for p in backend.stream(HELLO)] == ["ok"]
    assert "stream_options" not in request_json(route.calls[1])


async def test_connection_dropped_mid_stream_keeps_the_partial_text(router):
    events = sse_events(["Tell ", "me ", "more"])[:2]
    router.post(CHAT_URL).mock(return_value=httpx.Response(
        200, stream=DroppingStream(events), headers={"content-type": "text/event-stream"}))
    got = []
    with pytest.raises(StreamInterruptedError) as caught:
        async for piece in openai_backend().stream(HELLO):
            got.append(piece)
    assert got == ["Tell ", "me "] and caught.value.partial == "Tell me "
    # what happened, what became of the cut-off text, and what the user can do
    message = str(caught.value)
    assert "dropped mid-reply" in message
    assert "the cut-off reply was discarded" in message and "kept" not in message
    assert "retry" in message and "check the server" in message
    assert "--backend offline" in message and "\n" not in message


async def test_cancelling_a_stream_closes_the_connection(router):
    release = asyncio.Event()
    closed = asyncio.Event()

    class SlowStream(httpx.AsyncByteStream):
        async def __aiter__(self):
            yield sse_events(["first "])[0]
            await release.wait()  # the model is "thinking"; the user cancels here
            yield b"data: [DONE]\n\n"

        async def aclose(self):
            closed.set()

    router.post(CHAT_URL).mock(return_value=httpx.Response(
        200, stream=SlowStream(), headers={"content-type": "text/event-stream"}))
    got = []
    first = asyncio.Event()

    async def consume():
        async for piece in openai_backend().stream(HELLO):
            got.append(piece)
            first.set()

    task = asyncio.create_task(consume())
    await first.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert got == ["first "] and closed.is_set()


async def test_structured_output_sends_a_strict_json_schema(router):
    route = router.post(CHAT_URL).mock(return_value=httpx.Response(
        200, json=chat_body('{"verdict": "met", "quotes": ["a"]}')))
    out = await openai_backend().structured(HELLO, Verdict)
    assert out.value == Verdict(verdict="met", quotes=["a"]) and out.mode == "strict"
    fmt = request_json(route.calls.last)["response_format"]
    assert fmt["type"] == "json_schema" and fmt["json_schema"]["strict"] is True
    schema = fmt["json_schema"]["schema"]
    assert schema["additionalProperties"] is False and schema["required"] == ["verdict", "quotes"]
    assert request_json(route.calls.last)["temperature"] == 0.0


async def test_server_without_json_schema_support_steps_down_once_and_remembers(router):
    route = router.post(CHAT_URL).mock(side_effect=[
        httpx.Response(400, json={"error": {"message": "response_format json_schema is not supported"}}),
        httpx.Response(200, json=chat_body('```json\n{"verdict": "partial", "quotes": []}\n```')),
        httpx.Response(200, json=chat_body('{"verdict": "met", "quotes": []}')),
    ])
    backend = openai_backend()
    first = await backend.structured(HELLO, Verdict)
    second = await backend.structured(HELLO, Verdict)
    assert (first.value.verdict, first.mode, second.mode) == ("partial", "json", "json")
    assert route.call_count == 3  # the refusal cost one call, once
    later = request_json(route.calls[2])
    assert later["response_format"] == {"type": "json_object"}
    assert "validates against this JSON schema" in later["messages"][-1]["content"]


async def test_reasoning_model_parameters_are_adapted(router):
    route = router.post(CHAT_URL).mock(side_effect=[
        httpx.Response(400, json={"error": {"message": "Unsupported parameter: 'max_tokens' is not "
                                            "supported with this model. Use 'max_completion_tokens'."}}),
        httpx.Response(200, json=chat_body("ok"))])
    await openai_backend().complete(HELLO, max_tokens=5)
    assert request_json(route.calls[1])["max_completion_tokens"] == 5


async def test_models_are_listed_from_the_server(router):
    router.get(f"{BASE_URL}/models").mock(return_value=httpx.Response(200, json={
        "object": "list", "data": [{"id": "llama3", "object": "model", "created": 0, "owned_by": "x"}]}))
    assert await openai_backend().list_models() == ["llama3"]


async def test_usage_accumulates_over_calls(router):
    router.post(CHAT_URL).mock(return_value=httpx.Response(200, json=chat_body(
        json.dumps({"verdict": "met", "quotes": []}), prompt_tokens=100, completion_tokens=7)))
    backend = openai_backend()
    await backend.structured(HELLO, Verdict)
    await backend.complete(HELLO)
    assert backend.usage.summary() == "2 requests, 200 tokens in, 14 out"
    assert backend.usage.cost_usd is None  # prices of arbitrary servers are unknown
