"""Export a session from the app to `<home>/exports/` (Markdown, JSON or one HTML file)."""

from pathlib import Path

from interviewer.corpus.catalog import Catalog
from interviewer.domain import Session
from interviewer.settings import Settings

#: Format -> file extension.
FORMATS = {"markdown": "md", "json": "json", "html": "html"}


def export_folder(settings: Settings) -> Path:
    return Path(settings.home) / "exports"


def export_path(settings: Settings, session: Session, fmt: str) -> Path:
    """Where the export goes: always inside `<home>/exports/` (PathOutsideFolder otherwise:
    the file name is built from the session id, which an imported file sets)."""
    from interviewer.store.safe_paths import file_in_folder

    return file_in_folder(export_folder(settings), f"session-{session.id}.{FORMATS[fmt]}")


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
    from interviewer.atomic_files import atomic_write_text
    from interviewer.store.db import os_error

    text = render(session, questions, rubrics)
    try:
        export_folder(settings).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise os_error(exc, f"create {export_folder(settings)}") from None
    path = export_path(settings, session, fmt)
    try:
        atomic_write_text(path, text)  # a reader never sees half a file
    except OSError as exc:
        raise os_error(exc, f"write {path}") from None
    return path
