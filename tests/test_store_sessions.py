"""SessionStore: what the engine writes comes back exactly, from any app instance."""

import sqlite3
import subprocess
import sys
import textwrap
import threading

import pytest
from store_factories import ZERO_GRAD_ANSWER, at, db_bytes, make_session, old_zero_grad_grade

from interviewer.domain import QuestionRecord, Session, SessionConfig, Turn
from interviewer.settings import load_settings
from interviewer.store.db import StoreError
from interviewer.store.session_store import SessionStore, new_session_id


@pytest.fixture
def store():
    with SessionStore.open(load_settings()) as opened:
        yield opened


def test_a_created_session_loads_back_identical(store):
    session = make_session()
    store.create(session)
    assert store.load(session.id) == session


def test_every_write_is_visible_to_a_second_app_instance_at_once(store):
    session = make_session()
    store.create(session)
    turn = Turn(seq=7, question_id="from-numpy", role="candidate", kind="answer",
                text="…and it shares memory with the array.", created_at=at(10))
    store.append_turn(session.id, turn)
    store.save_draft(session.id, "from-numpy", "half a thought")
    session.records[1].status, session.current = "graded", 2
    store.save_state(session)
    store.add_grade(session.id, "from-numpy", old_zero_grad_grade().model_copy(
        update={"question_id": "from-numpy"}))

    with SessionStore(store.path) as other:   # a second process would see the same
        loaded = other.load(session.id)
        assert loaded.turns[-1] == turn
        assert "shares memory" in loaded.answer_text("from-numpy")
        assert loaded.current == 2 and loaded.records[1].status == "graded"
        assert len(loaded.records[1].grades) == 1
        assert other.draft(session.id, "from-numpy") == "half a thought"


def test_appending_the_same_turn_twice_is_harmless_but_a_different_one_is_refused(store):
    session = make_session()
    store.create(session)
    store.append_turn(session.id, session.turns[0])  # a retried append
    assert len(store.load(session.id).turns) == len(session.turns)
    clash = session.turns[0].model_copy(update={"text": "something else"})
    with pytest.raises(StoreError, match="turn 0 is already stored"):
        store.append_turn(session.id, clash)


def test_a_regrade_is_stored_beside_the_old_grade_never_replacing_it(store):
    session = make_session()
    store.create(session)
    newer = old_zero_grad_grade(score=90.0).model_copy(update={"rubric_version": 3})
    store.add_grade(session.id, "zero-grad", newer)
    grades = store.load(session.id).records[0].grades
    assert [g.score for g in grades] == [20.0, 62.5, 90.0]
    assert grades[1].model == "gpt-4o-mini" and grades[1].prompt_version == "grade-v3"
    assert grades[1].criteria[0].evidence[0].quote == "accumulates gradients"
    assert grades[1].misconceptions[0].id == "zero-grad-frees"
    assert grades[-1].rubric_version == 3


def test_criteria_are_stored_one_row_each_with_their_versions(store):
    session = make_session()
    store.create(session)
    with sqlite3.connect(store.path) as conn:
        rows = conn.execute(
            "SELECT g.backend, g.model, g.prompt_version, g.rubric_version, g.rubric_hash,"
            " c.criterion_id, c.verdict, c.points, c.verified"
            " FROM criterion_results c JOIN grades g ON g.id = c.grade_id ORDER BY g.id, c.position"
        ).fetchall()
    conn.close()
    assert rows[2] == ("openai", "gpt-4o-mini", "grade-v3", 2, "fedcba9876543210",
                       "accumulation", "partial", 33.33, 1)
    assert len(rows) == 4


def test_drafts_survive_until_cleared(store):
    session = make_session()
    store.create(session)
    assert store.draft(session.id, "from-numpy") is None
    store.save_draft(session.id, "from-numpy", "first")
    store.save_draft(session.id, "from-numpy", "first\nsecond")
    assert store.draft(session.id, "from-numpy") == "first\nsecond"
    store.clear_draft(session.id, "from-numpy")
    assert store.draft(session.id, "from-numpy") is None


def test_a_session_loads_by_unique_prefix_and_unknown_or_ambiguous_ids_are_named(store):
    store.create(make_session("20260301-093000-abc123"))
    store.create(make_session("20260301-093000-abd999"))
    assert store.load("20260301-093000-abc").id == "20260301-093000-abc123"
    with pytest.raises(StoreError, match="'20260301-093000-ab' is ambiguous.*abc123.*abd999"):
        store.load("20260301-093000-ab")
    with pytest.raises(StoreError, match="no session 'nope'"):
        store.load("nope")


def test_session_ids_sort_by_creation_time_and_do_not_collide():
    ids = [new_session_id() for _ in range(200)]
    assert len(set(ids)) == 200
    assert ids[0][:15] <= ids[-1][:15]


def test_list_shows_counts_and_the_report_score_most_recent_first(store):
    active = make_session("20260301-093000-aaaaaa")
    finished = make_session("20260302-093000-bbbbbb", status="finished")
    finished.updated_at = at(60 * 24)
    empty = Session(id="20260303-093000-cccccc", config=SessionConfig(deck="store-mini"),
                    created_at=at(60 * 48), updated_at=at(60 * 48),
                    records=[QuestionRecord(question_id="zero-grad")])
    for session in (active, finished, empty):
        store.create(session)

    rows = store.list_sessions()
    assert [r.id for r in rows] == [empty.id, finished.id, active.id]
    by_id = {r.id: r for r in rows}
    # active: only graded (and skipped) questions count; the latest grade (62.5) is used
    assert by_id[active.id].score == 62.5
    # finished: the ungraded question counts as 0, as in the report
    assert by_id[finished.id].score == 31.2
    assert by_id[empty.id].score is None
    assert (by_id[active.id].n_questions, by_id[active.id].n_answered) == (2, 2)
    assert by_id[active.id].backend == "openai" and by_id[active.id].deck == "store-mini"
    assert [r.id for r in store.list_sessions(limit=1)] == [empty.id]
    assert {r.id for r in store.unfinished()} == {active.id, empty.id}
    assert [r.id for r in store.list_sessions(status="finished")] == [finished.id]


def test_delete_removes_everything_and_overwrites_the_text(store):
    secret_answer = "a very distinctive answer string 4f9c2e"
    session = make_session(answer=secret_answer)
    store.create(session)
    store.save_draft(session.id, "from-numpy", "draft 4f9c2e")
    store.create(make_session("20260301-093000-keep00"))

    assert store.delete(session.id[:18]) == session.id
    with pytest.raises(StoreError, match="no session"):
        store.load(session.id)
    assert store.load("20260301-093000-keep00").records[0].grades
    with sqlite3.connect(store.path) as conn:
        for table in ("records", "turns", "grades", "drafts"):
            n = conn.execute(f"SELECT count(*) FROM {table} WHERE session_id = ?",
                             (session.id,)).fetchone()[0]
            assert n == 0, table
        assert conn.execute("SELECT count(*) FROM criterion_results WHERE grade_id NOT IN"
                            " (SELECT id FROM grades)").fetchone()[0] == 0
    conn.close()
    store.close()
    assert b"4f9c2e" not in db_bytes(store.path)


def test_two_app_instances_writing_at_once_lose_nothing(store):
    """Two processes append 200 turns each to the same session, interleaved."""
    session = Session(id="20260301-093000-shared", config=SessionConfig(deck="store-mini"),
                      records=[QuestionRecord(question_id="q")])
    store.create(session)
    script = textwrap.dedent("""
        import sys
        from pathlib import Path
        from interviewer.domain import Turn
        from interviewer.store.session_store import SessionStore
        path, offset = Path(sys.argv[1]), int(sys.argv[2])
        store = SessionStore(path)
        for n in range(200):
            store.append_turn("20260301-093000-shared", Turn(
                seq=offset + n, question_id="q", role="candidate", kind="answer",
                text=f"process {offset} line {n}"))
        store.close()
    """)
    procs = [subprocess.Popen([sys.executable, "-c", script, str(store.path), str(offset)],
                              stderr=subprocess.PIPE, text=True) for offset in (0, 1000)]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err

    turns = store.load(session.id).turns
    assert len(turns) == 400
    assert {t.text for t in turns} == {f"process {o} line {n}" for o in (0, 1000) for n in range(200)}
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_two_connections_in_two_threads_writing_at_once_lose_nothing(store):
    for n in range(2):
        store.create(Session(id=f"20260301-09300{n}-thread", config=SessionConfig(),
                             records=[QuestionRecord(question_id="q")]))
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            with SessionStore(store.path) as own:
                for seq in range(200):
                    own.append_turn(f"20260301-09300{n}-thread", Turn(
                        seq=seq, question_id="q", role="candidate", kind="answer", text=f"{n}:{seq}"))
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    for n in range(2):
        assert len(store.load(f"20260301-09300{n}-thread").turns) == 200


def test_the_answer_is_committed_when_append_turn_returns(tmp_path):
    """Nothing is buffered: a reader that opens the file right after sees the answer."""
    path = tmp_path / "s.db"
    store = SessionStore(path)
    store.create(make_session())
    store.append_turn("20260301-093000-abc123", Turn(
        seq=9, question_id="from-numpy", role="candidate", kind="answer", text="committed?"))
    reader = sqlite3.connect(path)
    texts = [r[0] for r in reader.execute("SELECT text FROM turns ORDER BY seq")]
    reader.close()
    store.close()
    assert texts[-1] == "committed?" and ZERO_GRAD_ANSWER in texts
