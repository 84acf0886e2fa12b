"""History: each row shows a short session id (two otherwise identical rows, e.g. after
`sessions import --new-id`, can be told apart), the delete confirmation names the session,
and the cursor stays on its row after opening a report or deleting a session."""

from datetime import UTC, datetime, timedelta

import pytest
from tui_helpers import (
    DECK,
    finished_session,
    open_history,
    screen_text,
    settle,
    use_fixture_deck,
)

from interviewer.settings import load_settings
from interviewer.store.session_store import SessionStore
from interviewer.tui.app import make_app
from interviewer.tui.screens.confirm import ConfirmScreen
from interviewer.tui.screens.history import HistoryScreen
from interviewer.tui.screens.report import ReportScreen

WHEN = datetime(2026, 11, 2, 18, 30, tzinfo=UTC)
SHOWN_WHEN = WHEN.astimezone().strftime("%Y-%m-%d %H:%M")  # the table shows local time


def store_sessions(*sessions) -> None:
    with SessionStore.open(load_settings()) as store:
        for session in sessions:
            store.create(session)


def stored_ids() -> set[str]:
    with SessionStore.open(load_settings()) as store:
        return {s.id for s in store.list_sessions()}


def session_rows(app) -> list[str]:
    return [line for line in screen_text(app).splitlines() if DECK in line]


async def move_to(pilot, history: HistoryScreen, session_id: str) -> None:
    table = history.query_one("#sessions")
    await pilot.press(*["down"] * table.get_row_index(session_id))
    assert history._selected_id() == session_id


@pytest.fixture
def twins(monkeypatch):
    """A session and its copy as `sessions import --new-id` stores it: a fresh id, nothing
    else changed. (Built here, not in the test: the engine runs them with asyncio.run.)"""
    use_fixture_deck(monkeypatch)
    original = finished_session("20261102-183000-aaaaaa", WHEN, seed=11, count=4)
    copy = original.model_copy(update={"id": "20261121-101500-bbbbbb"})
    store_sessions(original, copy)
    return original, copy


@pytest.fixture
def four_sessions(monkeypatch):
    use_fixture_deck(monkeypatch)
    store_sessions(*[finished_session(f"2026110{day}-090000-00000{day}",
                                      WHEN + timedelta(days=day), seed=day, count=4)
                     for day in range(1, 5)])


async def test_two_identical_sessions_differ_by_their_id_and_delete_says_which(twins):
    original, copy = twins
    app = make_app(load_settings())
    async with app.run_test(size=(110, 34)) as pilot:
        history = await open_history(pilot)
        rows = session_rows(app)
        assert len(rows) == 2 and all(SHOWN_WHEN in row for row in rows)
        assert {"aaaaaa", "bbbbbb"} == {word for row in rows for word in row.split()
                                        if word in ("aaaaaa", "bbbbbb")}
        assert rows[0].replace("aaaaaa", "bbbbbb") == rows[1].replace("aaaaaa", "bbbbbb")

        await move_to(pilot, history, copy.id)
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmScreen)
        dialog = screen_text(app)
        assert SHOWN_WHEN in dialog and DECK in dialog and "id 20261121-101500-bbbbbb" in dialog
        await pilot.press("y")
        await settle(pilot)
        assert stored_ids() == {original.id}  # the copy went, the original stayed
        rows = session_rows(app)
        assert len(rows) == 1 and "aaaaaa" in rows[0]


async def test_the_cursor_stays_on_its_row_after_a_report_and_after_a_delete(four_sessions):
    app = make_app(load_settings())
    async with app.run_test(size=(110, 34)) as pilot:
        history = await open_history(pilot)
        table = history.query_one("#sessions")
        third = table.coordinate_to_cell_key((2, 0)).row_key.value
        await pilot.press("down", "down")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen) and app.screen.session.id == third
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is history
        assert table.cursor_row == 2 and history._selected_id() == third

        fourth = table.coordinate_to_cell_key((3, 0)).row_key.value
        await pilot.press("delete", "y")
        await settle(pilot)
        assert third not in stored_ids()
        # the row below moved up into the cursor's place
        assert table.cursor_row == 2 and history._selected_id() == fourth
