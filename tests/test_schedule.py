"""Spaced repetition: graded attempts become FSRS reviews, due questions come back first, and
a question is never asked again inside its interval unless the user asks. All on a fake clock
(no sleeping), through the real engine, grader and store."""

from datetime import timedelta

import pytest
from fsrs import Rating
from schedule_helpers import DAY1, DECK, FakeClock, answer, start

from interviewer.domain import Flag, Grade
from interviewer.engine.selection import NothingDue
from interviewer.engine.spaced_repetition import rating_for
from interviewer.local_days import comes_back
from interviewer.settings import load_settings
from interviewer.store.session_store import SessionStore


@pytest.fixture
def store():
    with SessionStore.open(load_settings()) as store:
        yield store


def grade(score: float, *flags: str, hint_penalty: float = 0.0) -> Grade:
    return Grade(question_id="q", score=score, flags=[Flag(code=f) for f in flags],
                 hint_penalty=hint_penalty)


@pytest.mark.parametrize(("g", "kwargs", "rating"), [
    (grade(95), {}, Rating.Easy),
    (grade(85), {}, Rating.Easy),
    (grade(84.9), {}, Rating.Good),
    (grade(70), {}, Rating.Good),
    (grade(60), {}, Rating.Hard),
    (grade(49), {}, Rating.Again),
    (grade(95), {"hints": 1}, Rating.Good),          # each hint: one step down
    (grade(95), {"hints": 5}, Rating.Again),         # never below Again
    (grade(80, hint_penalty=10), {"hints": 2}, Rating.Hard),  # 90 before the penalty, 2 hints
    (grade(0, "dont-know"), {}, Rating.Again),
    (grade(100), {"dont_know": True}, Rating.Again),
    (grade(100), {"retry": True}, Rating.Good),      # a retry follows the model answer
    (grade(0, "injection"), {}, Rating.Again),
])
def test_how_a_graded_attempt_becomes_a_rating(g, kwargs, rating):
    assert rating_for(g, **kwargs) == rating


async def test_three_days_questions_return_on_the_fsrs_schedule(store, capsys):
    clock = FakeClock()
    log: list[str] = []

    async def day(n: int, plan: list[str]) -> list[str]:
        engine = start(store, clock, count=len(plan), pick="due", seed=n)
        asked = []
        for how in plan:
            asked.append(engine.record.question_id)
            await answer(engine, how)
        cards = store.schedule.cards(DECK)
        log.append(f"day {n}: " + ", ".join(
            f"{q} ({how}; back {comes_back(cards[q].due, clock()) if q in cards else 'as new'})"
            for q, how in zip(asked, plan, strict=True)))
        return asked

    # Day 1: four new questions: one strong, one weak, one "I don't know", one skipped.
    first = await day(1, ["model", "weak", "idk", "skip"])
    strong, weak, unknown, _skipped = first
    cards = store.schedule.cards(DECK)
    assert set(cards) == {strong, weak, unknown}          # a skip is no review
    assert cards[strong].due == DAY1 + timedelta(days=8)  # FSRS: a new card rated Easy
    assert cards[weak].due == cards[unknown].due == DAY1 + timedelta(days=1)  # Again

    # Day 2: the two due cards come first (most overdue first), then new questions; the
    # strong answer (due on day 9) is not asked.
    clock.advance(days=1)
    second = await day(2, ["model", "weak", "model"])
    assert set(second[:2]) == {weak, unknown}
    assert strong not in second
    assert second[2] not in (strong, weak, unknown)  # new (or skipped on day 1: no card)
    cards = store.schedule.cards(DECK)
    relearned, failed_again = second[0], second[1]
    assert cards[failed_again].due == clock() + timedelta(days=1)
    assert cards[relearned].due > clock() + timedelta(days=1)

    # Day 3: only the card failed again on day 2 is due; it comes first.
    clock.advance(days=1)
    third = await day(3, ["model", "model"])
    assert third[0] == failed_again
    assert not {strong, relearned} & set(third)
    due_later = {q: c.due for q, c in store.schedule.cards(DECK).items()}
    assert all(due > clock() for due in due_later.values())
    with capsys.disabled():
        print("\n" + "\n".join(log))


async def test_a_question_is_never_asked_again_inside_its_interval(store):
    clock = FakeClock()
    engine = start(store, clock, count=9, pick="all")
    answered = []
    while not engine.finished:
        answered.append(engine.record.question_id)
        await answer(engine, "model" if len(answered) <= 5 else "idk")
    clock.advance(hours=20)  # still day 1 plus; model answers are due in 8 days, idk tomorrow
    for seed in range(12):
        picked = start(store, clock, count=9, seed=seed).session.records
        assert {r.question_id for r in picked} == set(answered[5:])


async def test_nothing_due_says_when_and_how_to_practise_anyway(store):
    clock = FakeClock()
    engine = start(store, clock, count=2, topics=["tensors"], pick="all")
    while not engine.finished:
        await answer(engine, "model")
    with pytest.raises(NothingDue) as caught:
        start(store, clock, count=2, topics=["tensors"])
    message = str(caught.value)
    assert "all 2 questions matching topics=tensors are scheduled for later" in message
    assert "in 8 days" in message and "--pick all" in message
    again = start(store, clock, count=2, topics=["tensors"], pick="all")
    assert len(again.session.records) == 2


async def test_fewer_questions_than_asked_for_is_said(store):
    clock = FakeClock()
    engine = start(store, clock, count=8, topics=["autograd"])
    assert len(engine.session.records) == 2
    assert engine.selection_note == "Only 2 of the 8 questions asked for: only 2 questions match topics=autograd."
    while not engine.finished:
        await answer(engine, "model" if engine.record.question_id == "autograd" else "idk")
    clock.advance(days=1)
    later = start(store, clock, count=8, topics=["autograd"])
    assert [r.question_id for r in later.session.records] == ["gradient"]
    assert "1 of them are scheduled for later" in later.selection_note


async def test_the_retry_is_the_review_that_counts(store):
    clock = FakeClock()
    engine = start(store, clock, count=1, topics=["cnn"])
    engine.dont_know()
    await engine.finish_question()
    assert store.schedule.cards(DECK)["cnn"].last_rating == Rating.Again
    clock.advance(minutes=3)
    engine.retry()
    engine.submit_answer(engine.rubric.model_answer)
    await engine.finish_question()
    card = store.schedule.cards(DECK)["cnn"]
    assert card.reviews == 1 and card.last_rating == Rating.Good  # replaced, capped at Good
    assert card.due == clock() + timedelta(days=2)
    (review,) = store.schedule.reviews_for(DECK, "cnn")
    assert review.attempt == 2


async def test_i_dont_know_to_a_follow_up_after_a_good_answer_is_not_a_lapse(store):
    clock = FakeClock()
    engine = start(store, clock, count=1, topics=["cnn"], mode="practice")
    engine.submit_answer(engine.rubric.model_answer)
    engine.dont_know()  # to the follow-up: the answer stands
    grade = await engine.finish_question()
    assert grade.score >= 70 and not grade.has_flag("dont-know")
    assert store.schedule.cards(DECK)["cnn"].last_rating in (Rating.Good, Rating.Easy)


async def test_i_dont_know_as_the_answer_is_still_a_lapse(store):
    clock = FakeClock()
    engine = start(store, clock, count=1, topics=["cnn"], mode="practice")
    engine.dont_know()
    grade = await engine.finish_question()
    assert grade.has_flag("dont-know")
    assert store.schedule.cards(DECK)["cnn"].last_rating == Rating.Again
