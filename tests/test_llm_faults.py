"""The fault table: what a user gets when the model server misbehaves, for both backends.

Every row says the outcome — retried and succeeded, fell back to the offline grade (with a
flag saying why), or a clear error — and checks the candidate's answer is kept (graded in
full, quotes taken from it)."""

import httpx
import pytest
import respx

from interviewer.grading.llm_grader import LLMGrader
from interviewer.grading.offline_grader import OfflineGrader
from interviewer.grading.protocols import GradeRequest
from interviewer.llm.errors import AuthError
from tests.support.llm_helpers import (
    CHAT_URL,
    chat_body,
    grading_reply,
    litellm_backend,
    openai_backend,
    request_json,
    zero_grad,
)

ANSWER = ("Because backward() accumulates gradients into .grad, adding to what is there. So you "
          "reset them before each batch, otherwise the update uses stale gradients.")
GOOD = {"accumulation": ("met", ["backward() accumulates gradients into .grad"]),
        "per-batch-reset": ("met", ["you reset them before each batch"])}


@pytest.fixture(params=["openai", "litellm"])
def make_backend(request):
    return {"openai": openai_backend, "litellm": litellm_backend}[request.param]


@pytest.fixture
def sleeps(monkeypatch):
    """Retry waits, recorded instead of slept (the SDK's and the litellm backend's)."""
    import openai._base_client as base

    from interviewer.llm import litellm_backend as lb

    waited: list[float] = []

    async def record(seconds):
        waited.append(seconds)

    monkeypatch.setattr(base.anyio, "sleep", record)
    monkeypatch.setattr(lb, "_sleep", record)
    return waited


@pytest.fixture
def router():
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as mock:
        yield mock


def request_for_answer(answer=ANSWER):
    question, rubric = zero_grad()
    return GradeRequest(question=question, rubric=rubric, answer=answer)


def ok_response():
    _, rubric = zero_grad()
    return httpx.Response(200, json=chat_body(grading_reply(rubric, GOOD)))


def offline_score(answer=ANSWER):
    return OfflineGrader().grade_sync(request_for_answer(answer)).score


def assert_llm_graded(grade, backend):
    assert grade.backend == backend.name and not grade.has_flag("fallback")
    assert grade.score == 75.0
    for result in grade.criteria:
        for ev in result.evidence:  # the answer is kept: every quote is located in it
            assert ev.verified and ANSWER[ev.start:ev.end]


def assert_fell_back(grade, *words):
    assert grade.has_flag("fallback") and grade.confidence == "low"
    detail = next(f.detail for f in grade.flags if f.code == "fallback")
    for word in words:
        assert word in detail, detail
    assert grade.score == offline_score() > 0  # the whole answer was still graded


@pytest.mark.parametrize("status", [429, 500, 503])
async def test_transient_status_is_retried_and_succeeds(make_backend, router, sleeps, status):
    headers = {"retry-after": "7"} if status == 429 else {}
    route = router.post(CHAT_URL).mock(side_effect=[
        httpx.Response(status, headers=headers, json={"error": {"message": "busy"}}), ok_response()])
    backend = make_backend(max_retries=2)
    grade = await LLMGrader(backend).grade(request_for_answer())
    assert route.call_count == 2
    assert_llm_graded(grade, backend)
    if status == 429:
        assert sleeps == [7.0]  # the server's Retry-After was honoured


async def test_rate_limit_that_persists_falls_back_and_says_what_to_do(make_backend, router, sleeps):
    route = router.post(CHAT_URL).mock(return_value=httpx.Response(
        429, headers={"retry-after": "7"}, json={"error": {"message": "Rate limit reached"}}))
    grade = await LLMGrader(make_backend(max_retries=1)).grade(request_for_answer())
    assert route.call_count == 2
    assert_fell_back(grade, "rate limited", "wait 7 s", "--concurrency")


@pytest.mark.parametrize("status", [500, 503])
async def test_server_error_that_persists_falls_back(make_backend, router, status):
    router.post(CHAT_URL).mock(return_value=httpx.Response(status, json={"error": {"message": "down"}}))
    grade = await LLMGrader(make_backend(max_retries=0)).grade(request_for_answer())
    assert_fell_back(grade, str(status))


async def test_timeout_is_retried_and_succeeds(make_backend, router, sleeps):
    route = router.post(CHAT_URL).mock(side_effect=[httpx.ReadTimeout("slow"), ok_response()])
    backend = make_backend(max_retries=1)
    grade = await LLMGrader(backend).grade(request_for_answer())
    assert route.call_count == 2
    assert_llm_graded(grade, backend)


async def test_timeout_that_persists_falls_back_naming_the_setting(make_backend, router):
    router.post(CHAT_URL).mock(side_effect=httpx.ReadTimeout("slow"))
    grade = await LLMGrader(make_backend(max_retries=0)).grade(request_for_answer())
    assert_fell_back(grade, "no reply", "timeout_s")


async def test_malformed_json_is_reasked_with_the_error_and_succeeds(make_backend, router):
    route = router.post(CHAT_URL).mock(side_effect=[
        httpx.Response(200, json=chat_body('{"criteria": {"accumulation": ')), ok_response()])
    backend = make_backend()
    grade = await LLMGrader(backend).grade(request_for_answer())
    assert route.call_count == 2
    reask = request_json(route.calls[1])["messages"]
    assert reask[-2] == {"role": "assistant", "content": '{"criteria": {"accumulation": '}
    assert "not valid JSON" in reask[-1]["content"]
    assert_llm_graded(grade, backend)


async def test_malformed_json_every_time_falls_back_after_two_reasks(make_backend, router):
    route = router.post(CHAT_URL).mock(return_value=httpx.Response(200, json=chat_body("Sure! Here")))
    grade = await LLMGrader(make_backend()).grade(request_for_answer())
    assert route.call_count == 3  # the first try and two re-asks, no more
    assert_fell_back(grade, "failed validation after 3 attempt(s)")


async def test_reasks_stop_at_the_token_budget(make_backend, router):
    route = router.post(CHAT_URL).mock(return_value=httpx.Response(
        200, json=chat_body("nope", prompt_tokens=900, completion_tokens=100)))
    grade = await LLMGrader(make_backend(), token_budget=2500).grade(request_for_answer())
    assert route.call_count == 2  # a third call would pass 2,500 tokens
    assert_fell_back(grade, "token budget")


async def test_json_violating_the_schema_is_reasked_naming_the_missing_criterion(make_backend, router):
    _, rubric = zero_grad()
    import json

    bad = json.loads(grading_reply(rubric, GOOD))
    del bad["criteria"]["set-to-none"]
    bad["criteria"]["made-up"] = {"evidence": [], "rationale": "", "verdict": "met"}
    route = router.post(CHAT_URL).mock(side_effect=[
        httpx.Response(200, json=chat_body(json.dumps(bad))), ok_response()])
    backend = make_backend()
    grade = await LLMGrader(backend).grade(request_for_answer())
    error = request_json(route.calls[1])["messages"][-1]["content"]
    assert "set-to-none: Field required" in error and "made-up" in error
    assert_llm_graded(grade, backend)


async def test_evidence_not_in_the_answer_earns_nothing(make_backend, router):
    _, rubric = zero_grad()
    invented = {**GOOD, "set-to-none": ("met", ["zero_grad sets .grad to None by default"])}
    router.post(CHAT_URL).mock(return_value=httpx.Response(
        200, json=chat_body(grading_reply(rubric, invented))))
    grade = await LLMGrader(make_backend()).grade(request_for_answer())
    result = next(r for r in grade.criteria if r.id == "set-to-none")
    assert result.verdict == "met" and not result.verified and result.points == 0
    assert not result.evidence[0].verified
    assert grade.score == 75.0 and grade.has_flag("unverified-evidence")


async def test_refusal_falls_back_without_reasking(make_backend, router):
    route = router.post(CHAT_URL).mock(return_value=httpx.Response(
        200, json=chat_body(None, refusal="I can't help with that.")))
    grade = await LLMGrader(make_backend()).grade(request_for_answer())
    assert route.call_count == 1
    assert_fell_back(grade, "refused")


async def test_empty_choice_list_falls_back(make_backend, router):
    route = router.post(CHAT_URL).mock(return_value=httpx.Response(200, json=chat_body("x", choices=False)))
    grade = await LLMGrader(make_backend()).grade(request_for_answer())
    assert route.call_count == 1
    assert_fell_back(grade, "no choices")


async def test_rejected_key_is_a_clear_error_not_a_silent_fallback(make_backend, router):
    router.post(CHAT_URL).mock(return_value=httpx.Response(
        401, json={"error": {"message": "Incorrect API key provided: sk-test"}}))
    with pytest.raises(AuthError) as caught:
        await LLMGrader(make_backend()).grade(request_for_answer())
    assert "rejected the API key" in str(caught.value)
    assert "sk-test" not in str(caught.value)


async def test_litellm_proxy_without_database_rejecting_a_key_is_an_auth_error(make_backend, router):
    router.post(CHAT_URL).mock(return_value=httpx.Response(400, json={"error": {
        "message": "No connected db.", "type": "no_db_connection", "code": "400"}}))
    with pytest.raises(AuthError, match="master key"):
        await LLMGrader(make_backend()).grade(request_for_answer())
