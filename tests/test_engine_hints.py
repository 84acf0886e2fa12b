"""Hints that teach: progressive (the criterion, then a concept, then a sentence of the model
answer), never about what the answer already says, "no more hints" at the end, and, when
the user turns it on, points off the score."""

from pathlib import Path

import pytest
import respx

from interviewer.corpus.catalog import load_catalog
from interviewer.domain import SessionConfig
from interviewer.engine.hint_ladder import NO_MORE_HINTS
from interviewer.engine.interview import InterviewError, InterviewSession, NoMoreHints
from interviewer.engine.llm_interviewer import LLMInterviewer
from interviewer.engine.offline_interviewer import OfflineInterviewer
from interviewer.grading.offline_grader import OfflineGrader
from tests.support.llm_helpers import CHAT_URL, openai_backend, request_json, sse_response

ENGINE = Path(__file__).parent / "fixtures" / "engine"


def from_numpy(interviewer=None, **config):
    catalog = load_catalog([ENGINE]).raise_for_errors()
    engine = InterviewSession.start(
        SessionConfig(deck="mini", count=1, seed=0, topics=["tensors"], **config), catalog,
        OfflineGrader(), interviewer or OfflineInterviewer())
    assert engine.record.question_id == "from-numpy"
    return engine


async def hint(engine, draft: str = "") -> str:
    return "".join([c async for c in engine.stream_hint(draft=draft)])


async def test_hints_go_from_the_criterion_to_a_concept_to_the_model_answer():
    engine = from_numpy()
    rubric = engine.rubric
    shares, creates = rubric.criterion("shares-memory"), rubric.criterion("creates-tensor")
    given = [await hint(engine) for _ in range(6)]
    # the essential criterion first: its description, a concept, the model answer's sentence
    assert given[0] == f"**What your answer has not shown yet:** {shares.description}"
    assert given[1] == "**A concept to bring in:** shares memory — say what it does here."
    assert given[2].startswith("**From the model answer:** “The tensor shares memory with")
    # then the next criterion's ladder
    assert given[3] == f"**What your answer has not shown yet:** {creates.description}"
    assert given[4] == "**A concept to bring in:** ndarray — say what it does here."
    assert given[5] == ("**From the model answer:** “torch.from_numpy(arr) wraps a NumPy ndarray "
                        "as a tensor with the same shape and dtype (float64 stays float64).”")
    assert len(set(given)) == 6  # no hint twice
    with pytest.raises(NoMoreHints, match="No more hints for this question"):
        await hint(engine)
    assert engine.record.hints_used == 6
    assert [t.kind for t in engine.current_turns()].count("hint") == 6


async def test_a_hint_never_points_at_what_the_answer_box_already_says():
    engine = from_numpy()
    # the draft (not yet sent) fully covers the essential criterion
    draft = "The tensor shares memory with the array, so modifying one in place changes the other."
    first = await hint(engine, draft=draft)
    assert first == ("**What your answer has not shown yet:** "
                     + engine.rubric.criterion("creates-tensor").description)
    # a concept already stated is not the concept hinted at
    engine = from_numpy()
    half = "The tensor shares memory with the array."
    assert (await hint(engine, draft=half)).endswith(
        engine.rubric.criterion("shares-memory").description)
    assert await hint(engine, draft=half) == "**A concept to bring in:** modify — say what it does here."


async def test_when_the_answer_covers_everything_there_are_no_hints():
    engine = from_numpy()
    assert engine.plan_hint(engine.rubric.model_answer) is None
    with pytest.raises(NoMoreHints):
        await hint(engine, draft=engine.rubric.model_answer)
    assert str(NoMoreHints()) == NO_MORE_HINTS


async def test_hints_cost_points_when_turned_on_and_the_feedback_says_so():
    engine = from_numpy(hint_penalty=5)
    await hint(engine)
    await hint(engine)
    engine.submit_answer(engine.rubric.model_answer)
    grade = await engine.finish_question()
    assert grade.hint_penalty == 10 and grade.score == 90


async def test_hints_are_free_by_default():
    engine = from_numpy()
    await hint(engine)
    engine.submit_answer(engine.rubric.model_answer)
    grade = await engine.finish_question()
    assert grade.hint_penalty == 0 and grade.score == 100


async def test_no_hints_in_interview_mode():
    engine = from_numpy(mode="interview")
    with pytest.raises(InterviewError, match="practice mode"):
        await hint(engine)


async def test_a_model_words_the_step_the_engine_chose():
    with respx.mock(assert_all_mocked=True) as router:
        route = router.post(CHAT_URL).mock(return_value=sse_response(
            ["What happens to the tensor ", "when you change the array?"]))
        engine = from_numpy(LLMInterviewer(openai_backend()))
        given = await hint(engine)
    assert given == "What happens to the tensor when you change the array?"
    prompt = request_json(route.calls.last)["messages"][1]["content"]
    assert engine.rubric.criterion("shares-memory").description in prompt
    assert "do not name the key terms" in prompt
    turn = engine.current_turns()[-1]
    assert turn.kind == "hint" and turn.targets == ["shares-memory", "hint-level:1"]
    # the next hint moves on to the next step, whatever the model wrote
    assert engine.plan_hint().level == 2


async def test_without_a_rubric_hints_are_reference_sentences_one_at_a_time():
    catalog = load_catalog([ENGINE]).raise_for_errors()
    question = catalog.question("mini", "overfitting")
    assert catalog.rubric("mini", "overfitting") is None
    engine = InterviewSession.start(
        SessionConfig(deck="mini", count=1, seed=0, topics=["fundamentals"]), catalog,
        OfflineGrader(), OfflineInterviewer())
    first, second = await hint(engine), await hint(engine)
    assert first.startswith("**From the model answer:** “Overfitting is when a model fits noise")
    assert second.startswith("**From the model answer:** “Reduce it with more data")
    with pytest.raises(NoMoreHints):
        await hint(engine)
    assert question.reference_answer


def test_hints_are_counted_per_attempt_from_the_transcript():
    from store_factories import at, make_session

    from interviewer.domain import Turn
    from interviewer.domain.session import count_hints

    session = make_session()
    for seq, attempt in ((10, 1), (11, 2), (12, 2)):
        session.turns.append(Turn(seq=seq, question_id="zero-grad", role="interviewer",
                                  kind="hint", text="Think about .grad.", attempt=attempt,
                                  created_at=at(seq)))
    assert session.hints_for("zero-grad", 1) == 1 and session.hints_for("zero-grad", 2) == 2
    assert session.hints_for("zero-grad") == 3 and session.hints_for("from-numpy") == 0
    assert count_hints(session.turns_for("zero-grad", 2)) == 2
