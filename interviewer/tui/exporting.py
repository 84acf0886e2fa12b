"""Export a session from the app to `<home>/exports/` (Markdown, JSON or one HTML file)."""

import os
from pathlib import Path

from interviewer.corpus.catalog import Catalog
from interviewer.domain import Session
from interviewer.settings import Settings

#: Format -> file extension.
FORMATS = {"markdown": "md", "json": "json", "html": "html"}


def export_path(settings: Settings, session: Session, fmt: str) -> Path:
    return Path(settings.home) / "exports" / f"session-{session.id}.{FORMATS[fmt]}"


def export_session(session: Session, catalog: Catalog | None, settings: Settings, fmt: str) -> Path:
    """Write the export and return its path (an earlier export of the same format is
    replaced: the session may have moved on since)."""
    deck = catalog.decks.get(session.config.deck) if catalog else None
    questions = {q.id: q for q in deck.questions} if deck else {}
    rubrics = dict(catalog.rubrics.get(session.config.deck, {})) if catalog else {}
    if fmt == "json":
        from interviewer.store.export_json import export_json as render
    elif fmt == "html":
        from interviewer.store.export_html import export_html as render
    elif fmt == "markdown":
        from interviewer.store.export_markdown import export_markdown as render
    else:
        raise ValueError(f"unknown export format {fmt!r} (choose {', '.join(FORMATS)})")
    text = render(session, questions, rubrics)
    path = export_path(settings, session, fmt)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)  # a reader never sees half a file
    return path
