"""When the grader finds a wrong claim, the next follow-up asks about that claim (quoting the
candidate's sentence) instead of probing a gap — offline and with a model — once per claim."""

from pathlib import Path

import pytest
import respx

from interviewer.corpus.catalog import load_catalog, load_default_catalog
from interviewer.domain import SessionConfig
from interviewer.engine.interview import InterviewSession
from interviewer.engine.llm_interviewer import LLMInterviewer
from interviewer.engine.offline_interviewer import OfflineInterviewer
from interviewer.grading.offline_grader import OfflineGrader
from tests.support.llm_helpers import CHAT_URL, openai_backend, request_json, sse_response

ENGINE = Path(__file__).parent / "fixtures" / "engine"
COPIES = "It makes a copy of the array as a tensor with the same dtype."


def engine_on(catalog, deck: str, question: str, interviewer=None, mode="practice"):
    topic = catalog.question(deck, question).topic
    engine = InterviewSession.start(
        SessionConfig(deck=deck, count=1, seed=0, mode=mode, topics=[topic]), catalog,
        OfflineGrader(), interviewer or OfflineInterviewer())
    assert engine.record.question_id == question  # the only question of its topic
    return engine


async def follow_up(engine, text: str) -> str | None:
    plan = engine.submit_answer(text)
    if plan is None:
        return None
    return "".join([c async for c in engine.stream_follow_up(plan)])


async def test_the_follow_up_challenges_the_wrong_claim_not_a_gap():
    engine = engine_on(load_catalog([ENGINE]).raise_for_errors(), "mini", "from-numpy")
    asked = await follow_up(engine, COPIES)
    assert asked == (f"You said: “{COPIES}” Is that right? Walk me through what actually "
                     "happens there.")
    assert "misconception:copies-data" in engine.current_turns()[-1].targets
    # the wrong claim is not challenged twice: the next follow-up probes a gap (the rubric's
    # probe, its identifiers shown as code since ac5ac65)
    from interviewer.engine.offline_interviewer import code_names_as_code

    second = await follow_up(engine, "I think so, yes.")
    assert second == code_names_as_code(engine.rubric.follow_ups[0].question)
    assert "`torch.from_numpy`" in second


async def test_the_walkthrough_claim_about_backward_is_challenged():
    """The claim from the walkthrough: the follow-up must not assume it."""
    catalog = load_default_catalog(None).raise_for_errors()
    engine = InterviewSession.start(
        SessionConfig(deck="pytorch", count=1, seed=0), catalog, OfflineGrader(),
        OfflineInterviewer())
    engine.session.records[0].question_id = "backpropagation"
    engine.session.turns.clear()
    engine._ask_current()
    asked = await follow_up(engine, "Backprop computes gradients with the chain rule. You don't "
                            "need an optimizer, backward() updates the weights directly.")
    assert asked.startswith("You said: “You don't need an optimizer, backward() updates the "
                            "weights directly.” Is that right?")


async def test_a_candidates_markup_in_the_quote_is_shown_literally():
    engine = engine_on(load_catalog([ENGINE]).raise_for_errors(), "mini", "from-numpy")
    asked = await follow_up(engine, "It **makes a copy** of the [array](http://x.test).")
    # the one Markdown function (text_safety.markdown_text) also keeps a bare URL from
    # becoming a link: its ':' is escaped
    assert "\\*\\*makes a copy\\*\\*" in asked and "\\[array\\](http\\://x.test)" in asked


@pytest.mark.parametrize("mode", ["practice", "interview"])
async def test_a_model_is_asked_to_challenge_the_claim_without_the_correction(mode):
    catalog = load_catalog([ENGINE]).raise_for_errors()
    with respx.mock(assert_all_mocked=True) as router:
        route = router.post(CHAT_URL).mock(return_value=sse_response(
            ["You said it copies: ", "what happens to the tensor if you change the array?"]))
        engine = engine_on(catalog, "mini", "from-numpy", LLMInterviewer(openai_backend()), mode)
        asked = await follow_up(engine, COPIES)
    assert asked == "You said it copies: what happens to the tensor if you change the array?"
    prompt = request_json(route.calls.last)["messages"][1]["content"]
    assert "wrong claim: torch.from_numpy copies the array's data." in prompt
    assert COPIES in prompt and "Do not accept the claim" in prompt
    assert "It shares the array's memory" not in prompt  # the correction stays out


async def test_when_the_model_fails_the_built_in_challenge_is_asked():
    catalog = load_catalog([ENGINE]).raise_for_errors()
    from interviewer.engine.interview import FollowUpFellBack

    with respx.mock(assert_all_mocked=True) as router:
        router.post(CHAT_URL).respond(500)
        engine = engine_on(catalog, "mini", "from-numpy", LLMInterviewer(openai_backend()))
        plan = engine.submit_answer(COPIES)
        with pytest.raises(FollowUpFellBack) as fell:
            _ = [c async for c in engine.stream_follow_up(plan)]
    assert fell.value.text.startswith(f"You said: “{COPIES}”")
    assert engine.current_turns()[-1].text == fell.value.text
