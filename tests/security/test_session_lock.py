"""Item 8: one session in two processes. The one that has it open holds a lock (pid, host,
heartbeat); the second is told and may view it read-only or take it over; after a take-over
the first can no longer write to it, and nothing typed in either is lost."""

import os
import sqlite3
import subprocess
import sys

import pytest
from tui_helpers import DECK, FIXTURE_ROOT, settle, use_fixture_deck

from interviewer.cli import exit_codes
from interviewer.corpus.catalog import load_catalog
from interviewer.domain import SessionConfig
from interviewer.engine.session_factory import resume_session, start_session
from interviewer.settings import load_settings
from interviewer.store.session_locks import SessionInUse, SessionTakenOver
from interviewer.store.session_store import SessionStore
from interviewer.tui.app import make_app
from interviewer.tui.screens.confirm import ConfirmScreen
from interviewer.tui.screens.interview import InterviewScreen
from interviewer.tui.screens.report import ReportScreen


@pytest.fixture
def two_processes():
    """Two stores on one file: what two interviewer processes have."""
    settings = load_settings()
    first, second = SessionStore.open(settings), SessionStore.open(settings)
    yield settings, first, second
    first.close()
    second.close()


@pytest.fixture
def catalog():
    return load_catalog([FIXTURE_ROOT]).raise_for_errors()


def started(settings, store, catalog):
    return start_session(settings, SessionConfig(deck=DECK, count=2, seed=3), store, catalog)


def test_the_second_process_is_told_who_has_the_session(two_processes, catalog):
    settings, first, second = two_processes
    engine = started(settings, first, catalog)
    with pytest.raises(SessionInUse) as busy:
        resume_session(settings, engine.session.id, second, catalog)
    assert busy.value.holder.pid == os.getpid()
    assert "active 0 s ago" in busy.value.holder.describe()


def test_after_a_take_over_the_first_cannot_write_and_its_text_is_kept(two_processes, catalog):
    settings, first, second = two_processes
    mine = started(settings, first, catalog)
    mine.save_draft("typed here first")
    theirs = resume_session(settings, mine.session.id, second, catalog, take_over=True)
    assert theirs.draft() == "typed here first"          # the draft came along

    turns_before = len(second.load(mine.session.id).turns)
    with pytest.raises(SessionTakenOver, match="taken over"):
        mine.submit_answer("my answer, typed after the take-over")
    with pytest.raises(SessionTakenOver):
        mine.save_draft("typed here first, and more")
    assert len(second.load(mine.session.id).turns) == turns_before   # nothing interleaved

    mine.keep_displaced("my answer, typed after the take-over")
    kept = theirs.take_displaced()
    assert [k.text for k in kept] == ["my answer, typed after the take-over"]
    assert theirs.draft() == "typed here first\nmy answer, typed after the take-over"
    assert theirs.take_displaced() == []                    # merged once


def test_text_kept_for_a_finished_question_goes_into_its_transcript(two_processes, catalog):
    settings, first, second = two_processes
    mine = started(settings, first, catalog)
    old_question = mine.record.question_id
    theirs = resume_session(settings, mine.session.id, second, catalog, take_over=True)
    mine.keep_displaced("late words for the first question")
    theirs.submit_answer("their answer")
    theirs.dont_know()
    import asyncio

    asyncio.run(theirs.finish_question())
    theirs.advance()
    theirs.take_displaced()
    notes = [t.text for t in second.load(mine.session.id).turns_for(old_question)
             if t.kind == "note"]
    assert any("late words for the first question" in n for n in notes)


def test_a_stale_lock_is_taken_without_asking(two_processes, catalog):
    settings, first, second = two_processes
    engine = started(settings, first, catalog)
    with sqlite3.connect(first.path) as conn:
        conn.execute("UPDATE session_locks SET heartbeat_at = '2020-01-01T00:00:00+00:00'")
    conn.close()
    assert resume_session(settings, engine.session.id, second, catalog).session.id


def test_a_lock_whose_process_is_gone_is_taken_without_asking(two_processes, catalog):
    settings, first, second = two_processes
    engine = started(settings, first, catalog)
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()
    with sqlite3.connect(first.path) as conn:
        conn.execute("UPDATE session_locks SET pid = ?", (int(gone),))
    conn.close()
    assert resume_session(settings, engine.session.id, second, catalog).session.id


def test_leaving_releases_the_session(two_processes, catalog):
    settings, first, second = two_processes
    engine = started(settings, first, catalog)
    first.release(engine.session.id)
    assert resume_session(settings, engine.session.id, second, catalog).session.id


def resume_in_plain_mode(session_id: str, typed: str) -> subprocess.CompletedProcess:
    """`practice --plain --resume ID` in another process (this test's home, the fixture
    deck), with `typed` on its standard input."""
    return subprocess.run(
        [sys.executable, "-m", "interviewer", "practice", "--plain", "--resume", session_id],
        input=typed, capture_output=True, text=True, timeout=120,
        env={**os.environ, "INTERVIEWER_DATA_DIR": str(FIXTURE_ROOT)})


@pytest.fixture
def held(catalog, monkeypatch):
    """A session this process has open: (its store, its engine)."""
    use_fixture_deck(monkeypatch)
    settings = load_settings()
    with SessionStore.open(settings) as holder:
        yield holder, started(settings, holder, catalog)


@pytest.mark.slow
def test_plain_mode_offers_a_read_only_view_and_changes_nothing(held):
    holder, engine = held
    engine.save_draft("the holder's draft")
    before = holder.load(engine.session.id)
    out = resume_in_plain_mode(engine.session.id, "v\n")
    assert out.returncode == exit_codes.OK, out.stderr
    assert "is open in another interviewer (pid" in out.stdout
    assert "read-only: nothing was changed" in out.stdout
    assert holder.load(engine.session.id) == before
    engine.submit_answer("the holder still owns it")   # no take-over happened


@pytest.mark.slow
def test_plain_mode_take_over_then_the_first_one_is_told(held):
    _, engine = held
    out = resume_in_plain_mode(engine.session.id, "t\n:quit\n")
    assert out.returncode == exit_codes.OK, out.stderr
    assert "Resuming session" in out.stdout
    # the other process quit: its lock is gone, but this one lost it and is told so
    with pytest.raises(SessionTakenOver):
        engine.save_draft("typed in the first window")


async def test_the_app_asks_and_can_show_the_report_read_only(monkeypatch, catalog):
    use_fixture_deck(monkeypatch)
    settings = load_settings()
    with SessionStore.open(settings) as other_process:
        engine = started(settings, other_process, catalog)
        app = make_app(settings, resume_id=engine.session.id)
        async with app.run_test(size=(100, 34)) as pilot:
            await pilot.pause()
            for _ in range(50):
                if isinstance(app.screen, ConfirmScreen):
                    break
                await pilot.pause(0.05)
            assert isinstance(app.screen, ConfirmScreen)
            assert "open in another interviewer" in app.screen.title_text
            await pilot.press("n")                       # View read-only
            await settle(pilot)
            assert isinstance(app.screen, ReportScreen)
        engine.save_draft("still mine")  # viewing took nothing: the other one still writes


async def test_the_app_takes_over_and_the_first_window_turns_read_only(monkeypatch, catalog):
    use_fixture_deck(monkeypatch)
    settings = load_settings()
    with SessionStore.open(settings) as other_process:
        engine = started(settings, other_process, catalog)
        engine.save_draft("typed in the other window")
        app = make_app(settings, resume_id=engine.session.id)
        async with app.run_test(size=(100, 34)) as pilot:
            for _ in range(50):
                if isinstance(app.screen, ConfirmScreen):
                    break
                await pilot.pause(0.05)
            await pilot.press("y")                       # Take over
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, InterviewScreen)
            assert screen.box.text == "typed in the other window"

            # the other window notices at its next write and keeps its text for us
            with pytest.raises(SessionTakenOver):
                engine.save_draft("typed in the other window, then more")
            engine.keep_displaced("then more")
            screen.lock.beat()                           # our heartbeat picks it up
            await pilot.pause()
            assert screen.box.text == "typed in the other window\nthen more"

            # and now a third window takes it from us: this screen turns read-only
            with SessionStore.open(settings) as third:
                third.acquire(engine.session.id, take_over=True)
                screen.lock.beat()
                await pilot.pause()
                assert screen.lock.lost_to is not None and screen.box.read_only
                assert not screen.check_action("submit", ())
                await pilot.press("ctrl+j")
                await settle(pilot)
                assert third.load(engine.session.id).answer_text(engine.record.question_id) == ""
