"""Helpers for the TUI tests: the frozen fixture deck, and the text a user sees on screen."""

import html
import re
from collections import defaultdict
from pathlib import Path

FIXTURE_ROOT = Path(__file__).parent / "fixtures" / "tui"
DECK = "tui-demo"
#: Width of one terminal cell in Textual's SVG screenshots.
CELL_WIDTH = 12.2

_TEXT = re.compile(r'<text class="[^"]*-r\d+"[^>]*\bx="([\d.]+)"[^>]*\by="([\d.]+)"[^>]*>(.*?)</text>',
                   re.S)


def use_fixture_deck(monkeypatch) -> None:
    """Make the frozen nine-question deck the only shipped deck (stable screens)."""
    import interviewer.data_paths

    monkeypatch.setattr(interviewer.data_paths, "shipped_root", lambda: FIXTURE_ROOT)


def svg_text(svg: str) -> str:
    """The characters an SVG screenshot shows, one line per terminal row."""
    rows: dict[float, list[tuple[int, str]]] = defaultdict(list)
    for x, y, content in _TEXT.findall(svg):
        column = round(float(x) / CELL_WIDTH)
        rows[float(y)].append((column, html.unescape(re.sub(r"<[^>]+>", "", content))))
    lines = []
    for _, parts in sorted(rows.items()):
        line = ""
        for column, text in sorted(parts):
            line = line.ljust(column) + text  # cells with only a background have no text
        lines.append(line.replace("\xa0", " ").rstrip())
    return "\n".join(lines)


def screen_text(app) -> str:
    """What the user sees right now (the whole terminal)."""
    return svg_text(app.export_screenshot())


async def settle(pilot) -> None:
    """Wait until every worker (model I/O, loading) is done and the screen has caught up."""
    app = pilot.app
    for _ in range(20):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.is_running for w in app.workers):
            return


async def open_history(pilot):
    """Open History from wherever the app is (ctrl+o) and return the screen."""
    from interviewer.tui.screens.history import HistoryScreen

    await settle(pilot)
    await pilot.press("ctrl+o")
    await settle(pilot)
    assert isinstance(pilot.app.screen, HistoryScreen)
    return pilot.app.screen


async def type_text(pilot, text: str) -> None:
    """Type `text` key by key, as a user would (newlines as enter)."""
    await pilot.press(*["enter" if ch == "\n" else ("space" if ch == " " else ch) for ch in text])


async def paste(pilot, text: str) -> None:
    """Paste into the focused widget (a terminal's bracketed paste)."""
    from textual import events

    pilot.app.post_message(events.Paste(text))  # as the driver does: the app forwards it
    await pilot.pause()


def first_sentence(text: str) -> str:
    return text.split(". ")[0].replace("\n", " ").strip() + "."


def finished_session(session_id: str, when, *, seed: int, count: int = 4, mode: str = "practice",
                     answer_with_model_answer: int = 2, topics: list[str] | None = None):
    """A session run through the offline engine (no UI): the first
    `answer_with_model_answer` questions answered with their model answer, the rest with
    "I don't know". Timestamps are set to `when` so screens showing dates are stable.
    Not from inside a running event loop (it runs the engine with asyncio.run)."""
    import asyncio

    from interviewer.corpus.catalog import load_catalog
    from interviewer.domain import SessionConfig
    from interviewer.engine.interview import InterviewSession
    from interviewer.grading.offline_grader import OfflineGrader
    from interviewer.engine.offline_interviewer import OfflineInterviewer

    catalog = load_catalog([FIXTURE_ROOT]).raise_for_errors()
    engine = InterviewSession.start(SessionConfig(deck=DECK, count=count, seed=seed, mode=mode,
                                                  topics=topics or []),
                                    catalog, OfflineGrader(), OfflineInterviewer())

    async def run() -> None:
        n = 0
        while not engine.finished:
            if n < answer_with_model_answer:
                engine.submit_answer(engine.rubric.model_answer)
            else:
                engine.dont_know()
            n += 1
            await engine.finish_question()
            if not engine.finished and engine.awaiting_next:
                engine.advance()

    asyncio.run(run())
    session = engine.session
    fixed = session.model_copy(update={"id": session_id, "created_at": when, "updated_at": when})
    for record in fixed.records:
        record.started_at = record.finished_at = when
    return fixed
