"""Helpers for the TUI tests: the frozen fixture deck, and the text a user sees on screen."""

import html
import re
from collections import defaultdict
from pathlib import Path

FIXTURE_ROOT = Path(__file__).parent / "fixtures" / "tui"
DECK = "tui-demo"

_TEXT = re.compile(r'<text class="[^"]*-r\d+"[^>]*\bx="([\d.]+)"[^>]*\by="([\d.]+)"[^>]*>(.*?)</text>',
                   re.S)


def use_fixture_deck(monkeypatch) -> None:
    """Make the frozen nine-question deck the only shipped deck (stable screens)."""
    import interviewer.data_paths

    monkeypatch.setattr(interviewer.data_paths, "shipped_root", lambda: FIXTURE_ROOT)


def svg_text(svg: str) -> str:
    """The characters an SVG screenshot shows, one line per terminal row."""
    rows: dict[float, list[tuple[float, str]]] = defaultdict(list)
    for x, y, content in _TEXT.findall(svg):
        rows[float(y)].append((float(x), html.unescape(re.sub(r"<[^>]+>", "", content))))
    lines = ["".join(t for _, t in sorted(parts)) for _, parts in sorted(rows.items())]
    return "\n".join(line.replace("\xa0", " ").rstrip() for line in lines)


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
