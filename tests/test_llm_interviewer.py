"""The LLM interviewer: streamed follow-ups that build on the answer and probe what the
rubric says it missed, without giving the rubric or model answer away in interview mode."""

import httpx
import pytest
import respx

from interviewer.domain import SessionConfig
from interviewer.engine.interview import FollowUpFellBack, InterviewSession
from interviewer.grading.llm_grader import LLMGrader
from interviewer.engine.llm_interviewer import LLMInterviewer, confidential_texts
from interviewer.engine.protocols import FollowUpRequest
from interviewer.llm.errors import BadOutputError
from tests.support.llm_helpers import (
    CHAT_URL,
    DroppingStream,
    catalog,
    grading_reply,
    openai_backend,
    request_json,
    sse_events,
    sse_response,
    zero_grad,
)

WEAK = "You call it so the gradients from before do not mess up the next update of the weights."


@pytest.fixture
def router():
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as mock:
        yield mock


def follow_up_request(mode="interview"):
    question, rubric = zero_grad()
    target = rubric.criterion("accumulation")
    return FollowUpRequest(question=question, rubric=rubric, answer_so_far=WEAK, targets=[target],
                           probe=rubric.follow_ups[0], mode=mode)


async def test_follow_up_streams_and_aims_at_the_missed_criterion(router):
    route = router.post(CHAT_URL).mock(return_value=sse_response(
        ["You mention ", "earlier gradients: ", "what does backward() do with them?"]))
    chunks = [c async for c in LLMInterviewer(openai_backend()).follow_up(follow_up_request())]
    assert chunks == ["You mention ", "earlier gradients: ", "what does backward() do with them?"]
    body = request_json(route.calls.last)
    prompt = body["messages"][1]["content"]
    assert body["stream"] is True
    assert zero_grad()[1].criterion("accumulation").description in prompt
    assert zero_grad()[1].follow_ups[0].question in prompt
    assert WEAK in prompt and "<<<ANSWER-" in prompt


async def test_interview_mode_prompt_holds_no_model_answer_or_levels(router):
    route = router.post(CHAT_URL).mock(return_value=sse_response(["Why?"]))
    _ = [c async for c in LLMInterviewer(openai_backend()).follow_up(follow_up_request("interview"))]
    prompt = "\n".join(m["content"] for m in request_json(route.calls.last)["messages"])
    _, rubric = zero_grad()
    assert rubric.model_answer.strip()[:60] not in prompt
    for c in rubric.criteria:
        assert c.levels.full not in prompt and c.levels.partial not in prompt


async def test_a_follow_up_that_recites_the_model_answer_is_cut_off(router):
    _, rubric = zero_grad()
    leak = rubric.model_answer.split()
    pieces = ["Good. ", "As you know, "] + [w + " " for w in leak[:12]]
    router.post(CHAT_URL).mock(return_value=sse_response(pieces))
    shown = []
    with pytest.raises(BadOutputError, match="recite the rubric"):
        async for chunk in LLMInterviewer(openai_backend()).follow_up(follow_up_request("interview")):
            shown.append(chunk)
    # stopped as the sixth consecutive word of the model answer arrived: five reach the screen
    assert shown == pieces[:2 + 5]


def test_confidential_texts_cover_model_answer_and_every_level():
    texts = confidential_texts(follow_up_request())
    _, rubric = zero_grad()
    assert rubric.model_answer in texts
    assert all(c.levels.full in texts for c in rubric.criteria)


async def test_practice_hint_streams(router):
    router.post(CHAT_URL).mock(return_value=sse_response(["Think about ", "what backward() adds to."]))
    hint = "".join([c async for c in LLMInterviewer(openai_backend()).hint(follow_up_request("practice"))])
    assert hint == "Think about what backward() adds to."


def start_session(backend):
    cfg = SessionConfig(deck="llmdeck", count=1, topics=["optimization"], seed=1, mode="practice")
    return InterviewSession.start(cfg, catalog(), LLMGrader(backend), LLMInterviewer(backend), None)


async def test_session_with_streamed_follow_up_then_llm_grade(router):
    _, rubric = zero_grad()
    route = router.post(CHAT_URL).mock(side_effect=[
        sse_response(["What does ", "backward() do ", "to .grad?"]),
        httpx.Response(200, json={"id": "x", "object": "chat.completion", "created": 1, "model": "m",
                                  "choices": [{"index": 0, "finish_reason": "stop", "message": {
                                      "role": "assistant", "content": grading_reply(rubric, {
                                          "accumulation": ("met", ["it adds to what is already in .grad"]),
                                          "per-batch-reset": ("partial", ["mess up the next update"])})}}]}),
    ])
    engine = start_session(openai_backend())
    plan = engine.submit_answer(WEAK)
    assert plan is not None
    streamed = "".join([c async for c in engine.stream_follow_up(plan)])
    assert streamed == "What does backward() do to .grad?"
    assert engine.current_turns()[-1].kind == "follow_up" and engine.current_turns()[-1].text == streamed
    engine.submit_answer("it adds to what is already in .grad")
    shown = await engine.finish_question()
    assert shown.backend == "offline" and shown.has_flag("provisional")  # at once, marked
    await engine.grading.wait()
    grade = engine.session.records[0].grade  # the model's, in place of the provisional one
    assert grade.backend == "openai" and grade.criteria[0].verdict == "met"
    assert [g.backend for g in engine.session.records[0].grades] == ["openai"]
    assert route.call_count == 2


async def test_connection_dropped_mid_follow_up_keeps_the_answer_and_asks_the_probe(router):
    router.post(CHAT_URL).mock(return_value=httpx.Response(
        200, stream=DroppingStream(sse_events(["What does ", "backward"])[:1]),
        headers={"content-type": "text/event-stream"}))
    engine = start_session(openai_backend())
    plan = engine.submit_answer(WEAK)
    with pytest.raises(FollowUpFellBack) as caught:
        _ = [c async for c in engine.stream_follow_up(plan)]
    # the message matches what the session did: the cut-off text is not shown as the follow-up
    assert "dropped mid-reply" in str(caught.value.error)
    assert "discarded" in str(caught.value.error) and "kept" not in str(caught.value.error)
    turns = engine.current_turns()
    assert [t.kind for t in turns] == ["question", "answer", "note", "follow_up"]
    assert turns[1].text == WEAK  # the answer is kept
    assert turns[-1].text == plan.probe.question
