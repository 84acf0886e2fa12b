"""Snapshots of every screen at three sizes (80x24, the smallest supported; 100x34; 120x40),
on the frozen fixture deck, with fixed dates (TZ=UTC) and no cursor blink. Regenerate with
`pytest --snapshot-update` after a deliberate change, and look at the SVGs in
tests/__snapshots__/ before committing them."""

import time
from datetime import UTC, datetime

import pytest
from tui_helpers import DECK, finished_session, paste, settle, use_fixture_deck

from interviewer.domain import SessionConfig
from interviewer.settings import load_settings
from interviewer.store.session_store import SessionStore
from interviewer.tui.app import make_app

SIZES = [(80, 24), (100, 34), (120, 40)]
sizes = pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])


@pytest.fixture(autouse=True)
def stable(monkeypatch):
    use_fixture_deck(monkeypatch)
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def store_sessions(*sessions) -> None:
    with SessionStore.open(load_settings()) as store:
        for session in sessions:
            store.create(session)


async def ready(pilot) -> None:
    await settle(pilot)
    pilot.app.clear_notifications()
    await pilot.pause()


@sizes
def test_home(snap_compare, size):
    assert snap_compare(make_app(load_settings()), terminal_size=size, run_before=ready)


@sizes
def test_interview_with_a_follow_up(snap_compare, size):
    app = make_app(load_settings(), start_config=SessionConfig(deck=DECK, count=8, seed=4))

    async def answer(pilot):
        await settle(pilot)
        await paste(pilot, "It holds n-dimensional data, like a NumPy array.")
        await pilot.press("ctrl+j")
        await settle(pilot)
        await paste(pilot, "I would use .to('cuda')")
        await ready(pilot)

    assert snap_compare(app, terminal_size=size, run_before=answer)


@sizes
def test_feedback_quotes_the_answer(snap_compare, size):
    app = make_app(load_settings(), start_config=SessionConfig(deck=DECK, count=8, seed=4))

    async def answer(pilot):
        await settle(pilot)
        await paste(pilot, "A tensor is an n-dimensional array with one dtype, like a NumPy "
                    "ndarray, that can live on a GPU device; autograd records operations on it "
                    "when requires_grad=True.")
        await pilot.press("ctrl+j")
        await settle(pilot)
        await pilot.press("ctrl+g")
        await ready(pilot)

    assert snap_compare(app, terminal_size=size, run_before=answer)


@sizes
def test_report(snap_compare, size):
    when = datetime(2026, 11, 2, 18, 30, tzinfo=UTC)
    store_sessions(finished_session("20261102-183000-aaaaaa", when, seed=11, count=5))
    app = make_app(load_settings())

    async def open_report(pilot):
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        await pilot.press("enter")
        await ready(pilot)

    assert snap_compare(app, terminal_size=size, run_before=open_report)


@sizes
def test_history_with_a_trend(snap_compare, size):
    sessions = [
        finished_session(f"2026110{day}-090000-00000{day}", datetime(2026, 11, day, 9, 0, tzinfo=UTC),
                         seed=day, count=4, answer_with_model_answer=answered,
                         mode="interview" if day % 2 else "practice")
        for day, answered in ((1, 0), (2, 1), (3, 2), (4, 3), (5, 4))
    ]
    store_sessions(*sessions)
    app = make_app(load_settings())

    async def open_history(pilot):
        await settle(pilot)
        await pilot.press("ctrl+o")
        await ready(pilot)

    assert snap_compare(app, terminal_size=size, run_before=open_history)


@sizes
def test_help(snap_compare, size):
    async def open_help(pilot):
        await settle(pilot)
        await pilot.press("f1")
        await ready(pilot)

    assert snap_compare(make_app(load_settings()), terminal_size=size, run_before=open_help)


@sizes
def test_dispute_a_verdict(snap_compare, size):
    app = make_app(load_settings(), start_config=SessionConfig(deck=DECK, count=8, seed=4))

    async def dispute(pilot):
        await settle(pilot)
        await paste(pilot, "It holds n-dimensional data, like a NumPy array.")
        await pilot.press("ctrl+j")
        await settle(pilot)
        await pilot.press("ctrl+g")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("down", "enter")
        await paste(pilot, "I said it holds n-dimensional data: that is the definition.")
        await ready(pilot)

    assert snap_compare(app, terminal_size=size, run_before=dispute)
