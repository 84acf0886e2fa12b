"""A streamed follow-up is complete or it is not kept: a stream that ends without a finish
reason, stops at the length limit, or loses its connection is asked once more, then the
rubric's probe is asked. The cut text is never stored, shown as a question, or sent on to the
grader. Both backends, with respx and against a real HTTP server on loopback."""

import json

import httpx
import pytest

from interviewer.domain import SessionConfig
from interviewer.engine.follow_up_stream import collect, is_restart
from interviewer.engine.interview import FollowUpFellBack, InterviewSession
from interviewer.engine.llm_interviewer import LLMInterviewer
from interviewer.grading.offline_grader import OfflineGrader
from interviewer.llm.errors import StreamInterruptedError
from tests.support.fake_openai_server import FakeOpenAIServer, Reply
from tests.support.llm_fixtures import make_backend, router  # noqa: F401 (fixtures)
from tests.support.llm_helpers import (
    CHAT_URL,
    DroppingStream,
    catalog,
    litellm_backend,
    openai_backend,
    sse_events,
    sse_response,
)

HELLO = [{"role": "user", "content": "hi"}]
WEAK = "You call it so the gradients from before do not mess up the next update of the weights."
CUT = ["Good start. ", "Could you explain how that w"]
WHOLE = "What does backward() do with the values already in .grad?"


def sse(events: list[dict]) -> httpx.Response:
    body = b"".join(b"data: " + json.dumps(e).encode() + b"\n\n" for e in events)
    return httpx.Response(200, content=body + b"data: [DONE]\n\n",
                          headers={"content-type": "text/event-stream"})


def no_finish_reason(pieces: list[str]) -> httpx.Response:
    """A stream whose events never carry a finish reason (then [DONE]): a proxy gave up."""
    events = [json.loads(e[6:]) for e in sse_events(pieces, usage=None)[:len(pieces)]]
    return sse(events)


def stopped_at_length(pieces: list[str]) -> httpx.Response:
    events = [json.loads(e[6:]) for e in sse_events(pieces, usage=None)[:len(pieces)]]
    events.append({**events[0], "choices": [{"index": 0, "delta": {}, "finish_reason": "length"}]})
    return sse(events)


def dropped(pieces: list[str]) -> httpx.Response:
    return httpx.Response(200, stream=DroppingStream(sse_events(pieces)[:len(pieces)]),
                          headers={"content-type": "text/event-stream"})


@pytest.mark.parametrize("reply,reason", [(no_finish_reason, "cut-stream"),
                                          (stopped_at_length, "length"),
                                          (dropped, "cut-stream")])
async def test_an_incomplete_stream_is_an_error_after_its_text(make_backend, router, reply, reason):
    router.post(CHAT_URL).mock(return_value=reply(CUT))
    got = []
    with pytest.raises(StreamInterruptedError) as caught:
        async for piece in make_backend().stream(HELLO):
            got.append(piece)
    assert caught.value.reason == reason and caught.value.partial == "".join(got)
    assert "discarded" in str(caught.value)


async def test_a_complete_stream_is_not_an_error(make_backend, router):
    router.post(CHAT_URL).mock(return_value=sse_response(["Go ", "on."]))
    assert "".join([p async for p in make_backend().stream(HELLO)]) == "Go on."


def session(backend, budget=2):
    cfg = SessionConfig(deck="llmdeck", count=1, topics=["optimization"], seed=1, mode="practice",
                        follow_up_budget=budget)
    return InterviewSession.start(cfg, catalog(), OfflineGrader(), LLMInterviewer(backend), None)


@pytest.mark.parametrize("cut", [no_finish_reason, stopped_at_length, dropped])
async def test_a_cut_follow_up_is_asked_once_more(make_backend, router, cut):
    route = router.post(CHAT_URL).mock(side_effect=[cut(CUT), sse_response([WHOLE])])
    engine = session(make_backend())
    plan = engine.submit_answer(WEAK)
    chunks = [c async for c in engine.stream_follow_up(plan)]
    assert any(is_restart(c) for c in chunks) and collect(chunks) == WHOLE
    follow_ups = [t.text for t in engine.current_turns() if t.kind == "follow_up"]
    assert follow_ups == [WHOLE] and route.call_count == 2


async def test_cut_twice_asks_the_rubric_probe_and_never_keeps_the_cut_text(make_backend, router):
    router.post(CHAT_URL).mock(side_effect=[no_finish_reason(CUT), dropped(CUT)])
    engine = session(make_backend())
    plan = engine.submit_answer(WEAK)
    with pytest.raises(FollowUpFellBack) as caught:
        _ = [c async for c in engine.stream_follow_up(plan)]
    assert caught.value.text == plan.probe.question
    turns = engine.current_turns()
    assert [t.kind for t in turns] == ["question", "answer", "note", "follow_up"]
    assert turns[-1].text == plan.probe.question
    assert not any("Could you explain how that w" in t.text for t in turns)
    # and the grader never sees it either: only whole follow-ups reach its prompt
    from interviewer.grading.grading_prompt import build_grading_messages, new_nonce

    prompt = build_grading_messages(engine.question, engine.rubric, engine.answer_so_far(),
                                    new_nonce(), engine.current_turns())[1]["content"]
    assert "Could you explain how that w" not in prompt


async def test_a_follow_up_repeating_an_earlier_one_is_not_asked_again(router):
    router.post(CHAT_URL).mock(side_effect=[sse_response([WHOLE]), sse_response([WHOLE.upper()])])
    engine = session(openai_backend(), budget=3)
    plan = engine.submit_answer(WEAK)
    _ = [c async for c in engine.stream_follow_up(plan)]
    plan = engine.submit_answer("It adds to them.")
    assert plan is not None and plan.probe is not None
    _ = [c async for c in engine.stream_follow_up(plan)]  # the model says WHOLE again
    asked = [t.text for t in engine.current_turns() if t.kind == "follow_up"]
    # the repeat became the rubric's probe, worded as the offline interviewer words it (its
    # identifiers as code)
    from interviewer.engine.offline_interviewer import code_names_as_code

    assert asked == [WHOLE, code_names_as_code(plan.probe.question)]


# -- a real HTTP server on loopback ------------------------------------------------------------

@pytest.mark.parametrize("backend_name", ["openai", "litellm"])
@pytest.mark.parametrize("cut", [Reply(text="Good start. Could you explain how that w", drop_after=2),
                                 Reply(text="Good start. Could you explain how that w", finish_reason=None)],
                         ids=["connection-dropped", "no-finish-reason"])
async def test_cut_streams_from_a_real_server(backend_name, cut):
    with FakeOpenAIServer(models=("m",), words_per_chunk=2) as server:
        server.script(cut, Reply(text=WHOLE))
        backend = (openai_backend(base_url=server.url) if backend_name == "openai"
                   else litellm_backend(base_url=server.url))
        engine = session(backend)
        plan = engine.submit_answer(WEAK)
        chunks = [c async for c in engine.stream_follow_up(plan)]
        await backend.aclose()
    assert collect(chunks) == WHOLE
    assert [t.text for t in engine.current_turns() if t.kind == "follow_up"] == [WHOLE]
    assert len(server.chat_requests) == 2
