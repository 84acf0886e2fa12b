"""Retry (a second attempt at a question, both kept and exported, the trend shown) and
disputes (stored beside the grade, which stays the grader's; shown in the report,
`sessions show` and every export), through the engine and the real store."""

import json

import pytest
from schedule_helpers import FakeClock, start
from tui_helpers import DECK

from interviewer.cli.main import main
from interviewer.cli.sessions_text import render_text
from interviewer.engine.disputes import dispute_verdict, withdraw_dispute
from interviewer.engine.interview import InterviewError
from interviewer.engine.report import build_report
from interviewer.settings import load_settings
from interviewer.store.export_html import export_html
from interviewer.store.export_json import export_json
from interviewer.store.export_markdown import export_markdown
from interviewer.store.export_view import build_view
from interviewer.store.session_store import SessionStore

WEAK = "A convolution slides a filter."


@pytest.fixture
def store():
    with SessionStore.open(load_settings()) as store:
        yield store


async def retried_session(store):
    """One practice question on CNNs: a weak first attempt, then the model answer."""
    clock = FakeClock()
    engine = start(store, clock, count=1, topics=["cnn"])
    engine.submit_answer(WEAK)
    first = await engine.finish_question()
    engine.retry()
    assert engine.attempt == 2 and engine.current_turns()[0].kind == "question"
    assert engine.answer_so_far() == ""
    engine.submit_answer(engine.rubric.model_answer)
    second = await engine.finish_question()
    engine.advance()
    return engine, first, second


async def test_a_retry_keeps_both_attempts_and_shows_the_trend(store):
    engine, first, second = await retried_session(store)
    assert first.score < second.score and (first.attempt, second.attempt) == (1, 2)
    session = store.load(engine.session.id)
    record = session.records[0]
    assert record.attempts == 2 and [g.attempt for g in record.grades] == [1, 2]
    assert session.answer_text("cnn", 1) == WEAK
    assert session.answer_text("cnn") == engine.catalog.rubric(DECK, "cnn").model_answer
    report = build_report(session, engine.catalog)
    assert report.questions[0].attempts == [first.score, second.score]
    assert report.overall == second.score  # the retry is the grade that counts
    view = build_view(session)
    assert view.questions[0].trend == f"{first.score:.1f} → {second.score:.1f}"
    shown = render_text(view)
    assert f"attempts {first.score:.1f} → {second.score:.1f}" in shown
    assert f"Attempt 1: score {first.score:.1f}" in shown and "(answer, attempt 1)" in shown
    markdown = export_markdown(session)
    assert "**Attempt 1** (score" in markdown and WEAK in markdown
    assert "Attempt 1 · " in export_html(session)
    exported = json.loads(export_json(session))["session"]
    assert [t["attempt"] for t in exported["turns"] if t["kind"] == "answer"] == [1, 2]


async def test_retry_is_only_after_feedback_in_practice_mode(store):
    clock = FakeClock()
    engine = start(store, clock, count=2, topics=["cnn", "losses"])
    with pytest.raises(InterviewError, match="once its feedback is shown"):
        engine.retry()
    interview = start(store, clock, count=1, mode="interview", topics=["cnn"], pick="all")
    interview.dont_know()
    await interview.finish_question()
    with pytest.raises(InterviewError):
        interview.retry()


async def test_skipping_a_retry_keeps_the_first_grade(store):
    clock = FakeClock()
    engine = start(store, clock, count=1, topics=["cnn"])
    engine.submit_answer(WEAK)
    first = await engine.finish_question()
    engine.retry()
    engine.skip()
    assert engine.record.status == "graded" and engine.record.grade == first
    report = build_report(engine.session, engine.catalog)
    assert report.questions[0].answer == WEAK and report.questions[0].score == first.score


async def test_a_dispute_is_stored_beside_the_grade_and_shown_everywhere(store):
    engine, _, second = await retried_session(store)
    session = engine.session
    criterion = second.criteria[0].id
    dispute = dispute_verdict(store, session, second, criterion,
                              "  I did say   it in my second sentence. ")
    assert dispute.reason == "I did say it in my second sentence."
    assert dispute.verdict == second.criteria[0].verdict and dispute.attempt == 2
    loaded = store.load(session.id)
    assert loaded.disputes == [dispute]
    assert loaded.records[0].grade.score == second.score  # the grader's score is unchanged
    report = build_report(loaded, engine.catalog)
    assert report.questions[0].disputes == [dispute]
    rubric = {"cnn": engine.catalog.rubric(DECK, "cnn")}
    shown = render_text(build_view(loaded, rubrics=rubric))
    assert "Disputed (attempt 2)" in shown and "reason: I did say it in my second sentence." in shown
    assert "**Disputed** (attempt 2)" in export_markdown(loaded, rubrics=rubric)
    assert "I did say it in my second sentence." in export_html(loaded, rubrics=rubric)
    assert json.loads(export_json(loaded))["session"]["disputes"][0]["reason"] == dispute.reason
    # a second dispute of the same verdict replaces the first; withdrawing removes it
    dispute_verdict(store, session, second, criterion, "Actually: the quote is there.")
    assert [d.reason for d in store.load(session.id).disputes] == ["Actually: the quote is there."]
    withdraw_dispute(store, session, session.disputes[0])
    assert store.load(session.id).disputes == [] and session.disputes == []


async def test_a_dispute_needs_a_reason_and_a_real_criterion(store):
    engine, _, second = await retried_session(store)
    with pytest.raises(ValueError, match="say why"):
        dispute_verdict(store, engine.session, second, second.criteria[0].id, "   ")
    with pytest.raises(ValueError, match="no criterion"):
        dispute_verdict(store, engine.session, second, "no-such-criterion", "because")


async def test_disputes_survive_export_and_import(store, tmp_path, capsys):
    engine, _, second = await retried_session(store)
    dispute_verdict(store, engine.session, second, second.criteria[0].id, "The rubric is too strict.")
    path = tmp_path / "s.json"
    path.write_text(export_json(store.load(engine.session.id)), encoding="utf-8")
    store.close()
    assert main(["sessions", "import", str(path), "--new-id"]) == 0
    new_id = capsys.readouterr().out.strip()
    with SessionStore.open(load_settings()) as again:
        copy = again.load(new_id)
    assert [d.reason for d in copy.disputes] == ["The rubric is too strict."]
    assert copy.records[0].attempts == 2 and copy.config.deck == DECK


def test_a_version_1_export_still_imports(tmp_path, capsys):
    """Exports from before attempts and disputes (schema_version 1) import unchanged."""
    from store_factories import make_session

    doc = json.loads(export_json(make_session("20260301-093000-abc123")))
    doc["schema_version"] = 1
    for turn in doc["session"]["turns"]:
        del turn["attempt"]
    del doc["session"]["disputes"]
    path = tmp_path / "old.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["sessions", "import", str(path)]) == 0
    with SessionStore.open(load_settings()) as store:
        session = store.load("20260301-093000-abc123")
    assert session.disputes == [] and {t.attempt for t in session.turns} == {1}
