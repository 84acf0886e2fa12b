"""Item 9 (the app): with every crafted session stored, History, Report, Feedback and the three
exports stay up, show hostile names as typed (markup is not read, escapes are gone), and a
`[@click=app.quit]` name does nothing when clicked."""

import sqlite3

from hostile import FORBIDDEN
from tui_helpers import open_history, screen_text, settle

from interviewer.settings import load_settings
from interviewer.store.session_store import SessionStore
from interviewer.tui.app import make_app
from interviewer.tui.screens.confirm import ConfirmScreen
from interviewer.tui.screens.feedback import FeedbackScreen
from interviewer.tui.screens.history import HistoryScreen
from interviewer.tui.screens.report import ReportScreen

SIZE = (120, 40)


async def screen_changes(pilot, old) -> None:
    """Wait for the next screen (not `settle`: a worker waits on a question dialog)."""
    for _ in range(100):
        if pilot.app.screen is not old:
            await pilot.pause()
            return
        await pilot.pause(0.05)
    raise AssertionError("the screen did not change")


def shown(app) -> str:
    text = screen_text(app)
    assert not FORBIDDEN.search(text), FORBIDDEN.findall(text)[:5]
    return text


async def test_history_report_feedback_and_exports_stay_up(stored_crafted):
    settings = load_settings()
    app = make_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "[/x]" in shown(app)                # Home's "Resume" list: the deck, as typed
        history = await open_history(pilot)
        text = shown(app)
        assert "[/x]" in text                      # the deck name, as typed
        assert "[@click=app.quit]" in text         # a model name, not an action
        table = history.query_one("#sessions")
        assert table.row_count == len(stored_crafted)

        for row, session_id in enumerate(stored_crafted):
            table.move_cursor(row=table.get_row_index(session_id), animate=False)
            await pilot.press("enter")
            await screen_changes(pilot, history)
            if isinstance(app.screen, ConfirmScreen):   # an unfinished one: "Report" (no)
                await pilot.press("n")
                await settle(pilot)
            report = app.screen
            assert isinstance(report, ReportScreen), type(report)
            shown(app)
            await pilot.press("enter")                  # the report opens with the page focused:
            await settle(pilot)                         # enter goes to the question list...
            await pilot.press("enter")                  # ...and opens the first question's feedback
            await settle(pilot)
            assert isinstance(app.screen, FeedbackScreen)
            shown(app)
            await pilot.press("escape")
            await settle(pilot)
            for fmt in ("markdown", "json", "html"):
                report.export(fmt)
                await pilot.pause()
                assert report.last_export is not None
                exported = settings.home / "exports"
                assert (exported / report.last_export.split("/")[-1]).is_file()
            shown(app)
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, HistoryScreen)
        assert app.is_running


async def test_clicking_a_click_action_in_a_name_does_nothing(stored_crafted):
    app = make_app(load_settings())
    async with app.run_test(size=SIZE) as pilot:
        history = await open_history(pilot)
        lines = shown(app).splitlines()
        spots = [(line.index("[@click"), y) for y, line in enumerate(lines) if "[@click" in line]
        assert spots
        for x, y in spots:
            await pilot.click(offset=(x + 3, y))   # right on "click me" / the model name
            await pilot.pause()
            assert app.is_running                 # markup would have run app.quit
            while app.screen is not history:      # a click may open the row: go back
                await pilot.press("n" if isinstance(app.screen, ConfirmScreen) else "escape")
                await pilot.pause()
        assert app.is_running


async def test_history_names_a_damaged_row_and_lists_the_rest(stored_crafted):
    with SessionStore.open(load_settings()) as store:
        path = store.path
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE sessions SET created_at = 'garbage' WHERE id = ?", (stored_crafted[0],))
    conn.close()
    app = make_app(load_settings())
    async with app.run_test(size=SIZE) as pilot:
        history = await open_history(pilot)
        assert history.query_one("#sessions").row_count == len(stored_crafted) - 1
        text = shown(app)
        assert "cannot be read and are not listed" in text and stored_crafted[0] in text


async def test_a_markup_model_name_from_the_command_line_starts_and_shows(tmp_path):
    """`--model '[/x]'` used to crash the app when History opened."""
    settings = load_settings(model="[/x]")
    from interviewer.domain import SessionConfig

    app = make_app(settings, start_config=SessionConfig(count=1, topics=["autograd"]))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")          # leave the interview...
        await settle(pilot)
        if isinstance(app.screen, ConfirmScreen):
            await pilot.press("y")
            await settle(pilot)
        await pilot.press("ctrl+o")          # ...and open History
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert "offline [/x]" in shown(app)
