"""Progress: per topic and per question scores over time, and the weak topics selection uses."""

import pytest
from store_factories import at, old_zero_grad_grade

from interviewer.domain import QuestionRecord, Session, SessionConfig
from interviewer.settings import load_settings
from interviewer.store.progress import question_progress, topic_progress, topic_scores, weak_topics
from interviewer.store.session_store import SessionStore


@pytest.fixture
def store():
    with SessionStore.open(load_settings()) as opened:
        yield opened


def add_session(store, day: int, scores: dict[str, float], topics: dict[str, str | None], *,
                mode: str = "practice", status: str = "finished") -> str:
    """A session graded on `day` (question id -> score), finished unless told otherwise."""
    session_id = f"202603{day:02d}-090000-{day:06d}"
    records = [
        QuestionRecord(question_id=qid, topic=topics[qid], status="graded",
                       finished_at=at(60 * 24 * day + n))
        for n, qid in enumerate(scores)
    ]
    store.create(Session(id=session_id, created_at=at(60 * 24 * day),
                         config=SessionConfig(mode=mode), status=status,
                         current=len(records) if status == "finished" else 0, records=records))
    for qid, score in scores.items():
        store.add_grade(session_id, qid, old_zero_grad_grade(score).model_copy(update={"question_id": qid}))
    return session_id


TOPICS = {"zero-grad": "optimization", "adam": "optimization", "from-numpy": "tensors",
          "views": "tensors"}


def test_question_scores_over_time_use_the_latest_grade_per_session(store):
    first = add_session(store, 1, {"zero-grad": 20.0, "from-numpy": 90.0}, TOPICS)
    add_session(store, 2, {"zero-grad": 50.0}, TOPICS)
    store.add_grade(first, "zero-grad", old_zero_grad_grade(35.0))  # a later re-grade of day 1

    history = question_progress(store)
    assert [p.score for p in history["zero-grad"]] == [35.0, 50.0]
    assert history["zero-grad"][0].when < history["zero-grad"][1].when
    assert [p.score for p in history["from-numpy"]] == [90.0]


def test_topic_scores_over_time_are_one_mean_per_session(store):
    add_session(store, 1, {"zero-grad": 20.0, "adam": 40.0, "from-numpy": 90.0}, TOPICS)
    add_session(store, 3, {"adam": 80.0}, TOPICS)
    progress = topic_progress(store)
    assert [(p.score, p.questions) for p in progress["optimization"]] == [(30.0, 2), (80.0, 1)]
    assert [p.score for p in progress["tensors"]] == [90.0]


def test_current_topic_score_counts_only_recent_answers(store):
    for day, score in enumerate([0.0, 0.0, 0.0, 100.0, 100.0, 100.0], start=1):
        add_session(store, day, {"zero-grad": score}, TOPICS)
    assert topic_scores(store, recent=3) == {"optimization": 100.0}
    assert topic_scores(store, recent=6) == {"optimization": 50.0}


def test_weak_topics_are_listed_weakest_first(store):
    add_session(store, 1, {"zero-grad": 30.0, "from-numpy": 60.0, "views": 95.0}, TOPICS)
    # optimization 30; tensors is the mean of its recent scores, (60 + 95) / 2 = 77.5
    assert weak_topics(store) == ["optimization"]
    assert weak_topics(store, below=80) == ["optimization", "tensors"]


def test_records_without_a_topic_use_the_lookup_or_are_left_out(store):
    add_session(store, 1, {"zero-grad": 40.0}, {"zero-grad": None})
    assert topic_scores(store) == {}
    lookup = {("pytorch", "zero-grad"): "optimization"}
    assert topic_scores(store, topic_of=lambda deck, qid: lookup.get((deck, qid))) == {
        "optimization": 40.0
    }


def test_a_running_interview_mode_session_is_left_out_of_revealed_figures(store):
    # interview mode shows its feedback only at the end: Home must not show those grades early
    add_session(store, 1, {"zero-grad": 80.0, "from-numpy": 90.0}, TOPICS)
    add_session(store, 2, {"zero-grad": 10.0, "views": 20.0}, TOPICS, mode="interview",
                status="active")
    add_session(store, 3, {"adam": 40.0}, TOPICS, mode="practice", status="active")
    add_session(store, 4, {"views": 60.0}, TOPICS, mode="interview")  # finished: revealed

    assert topic_scores(store, revealed_only=True) == {"optimization": 60.0, "tensors": 75.0}
    assert [p.score for p in topic_progress(store, revealed_only=True)["tensors"]] == [90.0, 60.0]
    assert "views" in question_progress(store) and \
        [p.score for p in question_progress(store, revealed_only=True)["views"]] == [60.0]
    assert weak_topics(store, revealed_only=True) == ["optimization"]
    # without the flag (question selection, the CLI) every stored grade still counts
    assert topic_scores(store) == {"optimization": round((80 + 10 + 40) / 3, 1),
                                   "tensors": round((90 + 20 + 60) / 3, 1)}


def test_the_interview_mode_grades_count_once_the_session_is_finished(store):
    session_id = add_session(store, 1, {"zero-grad": 30.0}, TOPICS, mode="interview",
                             status="active")
    assert topic_scores(store, revealed_only=True) == {}
    finished = store.load(session_id).model_copy(update={"status": "finished"})
    store.save_state(finished)
    assert topic_scores(store, revealed_only=True) == {"optimization": 30.0}
