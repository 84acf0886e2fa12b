"""Item 3: a path built from data never leaves its folder. The export's file name comes from
the session id; a bad id cannot even be stored, an id damaged in the database is refused
before any file is written, and a link planted in the exports folder is not followed out."""

import sqlite3

import pytest
from store_factories import make_session

from interviewer.cli import exit_codes
from interviewer.cli.main import main
from interviewer.settings import load_settings
from interviewer.store.safe_paths import PathOutsideFolder, file_in_folder
from interviewer.store.session_store import SessionStore
from interviewer.tui.exporting import export_session

TRAVERSAL = "x/../../../NAME"


def files_under(root) -> set:
    return {p for p in root.rglob("*") if p.is_file() or p.is_symlink()}


@pytest.mark.parametrize("name", ["../x.json", "a/b.json", "/etc/passwd", "..", ".", "",
                                  "x\\..\\y", "nul\x00byte"])
def test_a_name_that_would_leave_the_folder_is_refused(tmp_path, name):
    with pytest.raises(PathOutsideFolder):
        file_in_folder(tmp_path, name)


def test_a_plain_name_resolves_inside(tmp_path):
    assert file_in_folder(tmp_path, "session-1.json") == (tmp_path / "session-1.json").resolve()


def stored_with_id(session_id: str) -> None:
    """A session whose id was changed in the database (a hand edit, or an old import)."""
    with SessionStore.open(load_settings()) as store:
        store.create(make_session("20260301-093000-abc123"))
        path = store.path
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        for table in ("records", "turns", "grades"):
            conn.execute(f"UPDATE {table} SET session_id = ?", (session_id,))  # noqa: S608
        conn.execute("UPDATE sessions SET id = ?", (session_id,))
    conn.close()


def test_the_cli_export_of_a_traversal_id_writes_nothing_anywhere(tmp_path, capsys):
    stored_with_id(TRAVERSAL)
    out_dir = tmp_path / "out" / "deeper"
    out_dir.mkdir(parents=True)
    before = files_under(tmp_path)
    code = main(["sessions", "export", TRAVERSAL, "-f", "json", "-o", str(out_dir)])
    err = capsys.readouterr().err
    assert code == exit_codes.USAGE
    assert "cannot be read" in err and "not a valid session id" in err
    assert "Traceback" not in err
    assert files_under(tmp_path) - before <= {p for p in files_under(tmp_path)
                                              if p.name.startswith("interviewer.db")}


def test_the_app_export_refuses_a_link_that_points_out_of_the_exports_folder(tmp_path):
    settings = load_settings()
    session = make_session()
    exports = settings.home / "exports"
    exports.mkdir(parents=True)
    outside = tmp_path / "outside.json"
    (exports / f"session-{session.id}.json").symlink_to(outside)
    with pytest.raises(PathOutsideFolder, match="outside"):
        export_session(session, None, settings, "json")
    assert not outside.exists()


def test_the_app_export_writes_inside_the_exports_folder(tmp_path):
    settings = load_settings()
    path = export_session(make_session(), None, settings, "markdown")
    assert path.parent == (settings.home / "exports").resolve()
    assert path.read_text(encoding="utf-8").startswith("# Interview session")


def test_the_cli_export_into_a_folder_refuses_a_planted_link(tmp_path, capsys):
    with SessionStore.open(load_settings()) as store:
        store.create(make_session())
    folder = tmp_path / "exports"
    folder.mkdir()
    outside = tmp_path / "outside.md"
    (folder / "session-20260301-093000-abc123.md").symlink_to(outside)
    code = main(["sessions", "export", "20260301-093000-abc123", "-o", str(folder), "--force"])
    assert code == exit_codes.USAGE
    assert "outside" in capsys.readouterr().err
    assert not outside.exists()
