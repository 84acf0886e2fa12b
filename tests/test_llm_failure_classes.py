"""Every backend failure gets one class, one reason and one message whichever backend saw it
(respx on the real HTTP layer): settings to fix stop the grader with the fix; transient and
output failures fall back with the reason recorded on the grade."""

import httpx
import pytest

from interviewer.grading.llm_grader import LLMGrader
from interviewer.grading.protocols import GradeRequest
from interviewer.llm.errors import (
    AuthError,
    BadBaseURLError,
    LLMError,
    MissingCredentialsError,
    ModelNotFoundError,
    ProviderPrefixError,
)
from tests.support.llm_fixtures import make_backend, router  # noqa: F401 (fixtures)
from tests.support.llm_helpers import (
    CHAT_URL,
    chat_body,
    litellm_backend,
    openai_backend,
    zero_grad,
)

ANSWER = ("Because backward() accumulates gradients into .grad, adding to what is there. So you "
          "reset them before each batch, otherwise the update uses stale gradients.")
PROXY_BAD_MODEL = {"error": {"message": (
    "{'error': '/chat/completions: Invalid model name passed in model=gpt-9. Call `/v1/models` "
    "to view available models for your key.'}"), "type": "None", "param": "None", "code": "400"}}


def grade_request():
    question, rubric = zero_grad()
    return GradeRequest(question=question, rubric=rubric, answer=ANSWER)


async def grade_with(backend):
    return await LLMGrader(backend).grade(grade_request())


# -- config: the run stops, the message names the fix ---------------------------------------

async def test_a_rejected_key_stops_with_the_variable_to_fix(make_backend, router):
    router.post(CHAT_URL).mock(return_value=httpx.Response(401, json={"error": {"message": "bad key"}}))
    with pytest.raises(AuthError) as caught:
        await grade_with(make_backend())
    assert caught.value.is_config and caught.value.reason == "auth"
    assert "rejected the API key" in str(caught.value) and "--api-key-env" in str(caught.value)


@pytest.mark.parametrize("status,body", [
    (404, {"error": {"message": "The model `gpt-9` does not exist", "code": "model_not_found"}}),
    (400, PROXY_BAD_MODEL),  # a LiteLLM proxy answers a wrong model name with 400
])
async def test_an_unknown_model_stops_the_run_even_as_a_400(make_backend, router, status, body):
    router.post(CHAT_URL).mock(return_value=httpx.Response(status, json=body))
    backend = make_backend(model="gpt-9" if make_backend is openai_backend else "openai/gpt-9")
    with pytest.raises(ModelNotFoundError) as caught:
        await grade_with(backend)
    assert caught.value.reason == "unknown-model" and caught.value.is_config
    assert "has no model" in str(caught.value) and "--model" in str(caught.value)


async def test_a_400_that_is_not_about_the_model_falls_back(make_backend, router):
    router.post(CHAT_URL).mock(return_value=httpx.Response(400, json={"error": {
        "message": "This model's maximum context length is 8192 tokens; your messages resulted "
                   "in 9000 tokens"}}))
    grade = await grade_with(make_backend())
    flag = next(f for f in grade.flags if f.code == "fallback")
    assert flag.reason == "bad-request" and "refused the request" in flag.detail


async def test_nothing_listening_at_the_base_url_is_a_setting_not_a_500(make_backend, router):
    route = router.post(CHAT_URL).mock(side_effect=httpx.ConnectError("[Errno 111] Connection refused"))
    with pytest.raises(BadBaseURLError) as caught:
        await grade_with(make_backend(max_retries=1))
    message = str(caught.value)
    assert "cannot reach http://127.0.0.1:8765/v1" in message and "--base-url" in message
    assert "500" not in message and "server's logs" not in message
    assert route.call_count == 2  # tried again once, as the SDK does


async def test_a_base_url_without_the_chat_route_names_the_v1_suffix(make_backend, router):
    router.post(CHAT_URL).mock(return_value=httpx.Response(404, text="404 page not found"))
    with pytest.raises(BadBaseURLError, match="/v1"):
        await grade_with(make_backend())


async def test_litellm_without_any_key_says_so_and_sends_nothing(router):
    route = router.post("https://api.openai.com/v1/chat/completions").mock(
        return_value=httpx.Response(200, json=chat_body("x")))
    backend = litellm_backend(base_url=None, api_key=None, max_retries=2)
    with pytest.raises(MissingCredentialsError) as caught:
        await backend.complete([{"role": "user", "content": "hi"}])
    message = str(caught.value)
    assert "no API key" in message and "nothing was sent" in message
    assert "500" not in message and "retries" not in message
    assert route.call_count == 0


async def test_litellm_against_a_keyless_local_server_sends_a_placeholder(router, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-proj-realkeythatmustnotleave0123456789")
    route = router.post(CHAT_URL).mock(return_value=httpx.Response(200, json=chat_body("ok")))
    backend = litellm_backend(api_key=None)
    assert (await backend.complete([{"role": "user", "content": "hi"}])).text == "ok"
    assert route.calls.last.request.headers["authorization"] == "Bearer sk-no-key-required"


async def test_litellm_model_without_a_provider_prefix_is_blamed_on_the_name(router):
    backend = litellm_backend(model="llama3", base_url=None)
    with pytest.raises(ProviderPrefixError) as caught:
        await backend.complete([{"role": "user", "content": "hi"}])
    assert caught.value.is_config and "ollama/llama3" in str(caught.value)
    assert "failed with" not in str(caught.value) and "logs" not in str(caught.value)


# -- transient and output: fall back, and the grade says why ---------------------------------

@pytest.mark.parametrize("reply,reason", [
    (httpx.Response(429, json={"error": {"message": "slow down"}}), "rate-limit"),
    (httpx.Response(503, json={"error": {"message": "down"}}), "server-error"),
    (httpx.ReadTimeout("slow"), "timeout"),
    (httpx.Response(200, json=chat_body("not json at all")), "schema"),
    (httpx.Response(200, json=chat_body(None, refusal="I can't grade this.")), "refusal"),
    (httpx.Response(200, json=chat_body("x", choices=False)), "empty-reply"),
])
async def test_a_fallback_records_its_reason(make_backend, router, reply, reason):
    route = router.post(CHAT_URL)
    if isinstance(reply, httpx.Response):
        route.mock(return_value=reply)
    else:
        route.mock(side_effect=reply)
    grade = await grade_with(make_backend())
    flag = next(f for f in grade.flags if f.code == "fallback")
    assert flag.reason == reason
    assert grade.backend == "offline" and grade.score > 0  # the answer was still graded


async def test_a_key_echoed_in_an_error_body_never_reaches_the_message(make_backend, router):
    leaked = "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z"
    router.post(CHAT_URL).mock(return_value=httpx.Response(500, json={"error": {
        "message": f"upstream rejected key {leaked}"}}))
    grade = await grade_with(make_backend())
    assert leaked not in grade.model_dump_json()
    assert "[redacted]" in next(f.detail for f in grade.flags if f.code == "fallback")


def test_every_error_redacts_configured_keys():
    from interviewer.redaction import register_secret

    register_secret("team-key-0123456789")
    assert "team-key" not in str(LLMError("the server said: team-key-0123456789 is wrong"))
    assert str(LLMError("fine")) == "fine"


def test_openai_without_a_key_or_a_local_server_names_the_variable():
    with pytest.raises(MissingCredentialsError) as caught:
        openai_backend(base_url=None, api_key=None)
    assert "OPENAI_API_KEY" in str(caught.value) and "--base-url" in str(caught.value)
