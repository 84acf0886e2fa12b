"""Item 6: storage errors tell "disk full", "not writable", "locked by another process", "not
an interviewer database", "newer schema" and "damaged" apart, each with its own fix; a
healthy store is never said to need moving aside; list, show and export work when writing
is impossible."""

import errno
import json
import sqlite3

import pytest
from store_factories import make_session

from interviewer.cli import exit_codes
from interviewer.cli.main import main
from interviewer.settings import load_settings
from interviewer.store import db
from interviewer.store.db import StoreUnusable
from interviewer.store.export_json import export_json
from interviewer.store.session_store import SessionStore

MOVE_ASIDE = ("mv ", "move it aside", "Move it aside")


def cli(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def stored():
    with SessionStore.open(load_settings()) as store:
        store.create(make_session())
        return store.path


@pytest.fixture
def full_disk(monkeypatch, stored):
    """The store's file cannot grow by a single page: SQLite's own "database or disk is full"
    (SQLITE_FULL), as on a full disk."""
    real_open = db._open

    def open_on_a_full_disk(path, uri):
        conn = real_open(path, uri)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    monkeypatch.setattr(db, "_open", open_on_a_full_disk)
    return stored


@pytest.fixture
def unwritable(monkeypatch, stored):
    """The folder refuses writes: opening for writing fails as SQLite reports it."""
    real_connect = db.connect

    def refuse(path):
        conn = real_connect(path)
        conn.close()
        raise db.classify(sqlite3.OperationalError("attempt to write a readonly database"), path)

    monkeypatch.setattr(db, "connect", refuse)
    monkeypatch.setattr("interviewer.store.session_store.connect", refuse)
    return stored


def an_export(tmp_path):
    path = tmp_path / "other.json"
    big = make_session("20260302-093000-def456", answer="a long answer " * 20_000)
    path.write_text(export_json(big), encoding="utf-8")
    return path


def test_a_write_on_a_full_disk_says_so_and_keeps_what_is_stored(full_disk):
    with SessionStore.open(load_settings()) as store:
        with pytest.raises(StoreUnusable) as caught:
            store.save_draft("20260301-093000-abc123", "from-numpy", "x" * 200_000)
        assert caught.value.reason == db.DISK_FULL
        assert "is full" in str(caught.value) and "intact" in str(caught.value)
        assert not any(m in str(caught.value) for m in MOVE_ASIDE)
        assert store.load("20260301-093000-abc123").turns  # what was stored is still there


def test_on_a_full_disk_list_show_and_export_still_work(full_disk, tmp_path, capsys):
    code, out, _ = cli(capsys, "sessions", "list")
    assert code == exit_codes.OK and "20260301-093000-abc123" in out
    assert cli(capsys, "sessions", "show", "20260301-093000-abc123")[0] == exit_codes.OK
    code, out, _ = cli(capsys, "sessions", "export", "20260301-093000-abc123", "-f", "json")
    assert code == exit_codes.OK and json.loads(out)["session"]["id"] == "20260301-093000-abc123"
    code, _, err = cli(capsys, "sessions", "import", str(an_export(tmp_path)))
    assert code == exit_codes.STORAGE
    assert "is full" in err and not any(m in err for m in MOVE_ASIDE)


def test_an_export_file_on_a_full_disk_says_so_and_leaves_no_half_file(stored, monkeypatch,
                                                                       tmp_path, capsys):
    import os

    real_fdopen = os.fdopen

    class FullFile:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, text):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: FullFile(real_fdopen(fd, *a, **k)))
    target = tmp_path / "out.md"
    code, _, err = cli(capsys, "sessions", "export", "20260301-093000-abc123", "-o", str(target))
    assert code == exit_codes.STORAGE
    assert "the disk is full" in err and "Traceback" not in err
    assert [p for p in tmp_path.iterdir() if p.name != "home"] == []  # home: the store


def test_an_unwritable_store_is_read_only_for_list_show_and_export(unwritable, tmp_path, capsys):
    code, out, err = cli(capsys, "sessions", "list")
    assert code == exit_codes.OK and "20260301-093000-abc123" in out
    assert "read-only" in err and "cannot be written" in err
    assert cli(capsys, "sessions", "export", "20260301-093000-abc123")[0] == exit_codes.OK
    code, _, err = cli(capsys, "sessions", "import", str(an_export(tmp_path)))
    assert code == exit_codes.STORAGE
    assert "cannot be written" in err and "INTERVIEWER_HOME" in err
    assert not any(m in err for m in MOVE_ASIDE)


def test_a_read_only_store_refuses_writes_with_the_reason(unwritable):
    with SessionStore.open(load_settings(), read_only_fallback=True) as store:
        assert store.read_only is not None
        with pytest.raises(StoreUnusable, match="cannot be written"):
            store.delete("20260301-093000-abc123")
        assert store.exists("20260301-093000-abc123")


def test_a_store_locked_by_another_process_says_so(stored, monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 200)
    other = sqlite3.connect(stored, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")   # another program holds the write lock
    try:
        code, _, err = cli(capsys, "sessions", "import", str(an_export(tmp_path)))
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert code == exit_codes.STORAGE
    assert "locked by another process" in err and "try again" in err
    assert not any(m in err for m in MOVE_ASIDE)


def test_each_unusable_file_has_its_own_message(tmp_path):
    not_sqlite = tmp_path / "notes.db"
    not_sqlite.write_bytes(b"my notes " * 100)
    foreign = tmp_path / "photos.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE photos (id INTEGER)")
    conn.close()
    newer = tmp_path / "newer.db"
    SessionStore(newer).close()
    with sqlite3.connect(newer) as conn:
        conn.execute("INSERT INTO schema_migrations VALUES (999, 'future', '2031-01-01')")
    conn.close()

    reasons = {}
    for path in (not_sqlite, foreign, newer):
        with pytest.raises(StoreUnusable) as caught:
            SessionStore(path)
        reasons[path.name] = (caught.value.reason, str(caught.value))
    assert reasons["notes.db"][0] == reasons["photos.db"][0] == db.NOT_A_STORE
    assert "not an interviewer database" in reasons["photos.db"][1]
    assert reasons["newer.db"][0] == db.NEWER_SCHEMA
    assert "Upgrade interviewer" in reasons["newer.db"][1]
    assert not any(m in reasons["newer.db"][1] for m in MOVE_ASIDE)


@pytest.mark.parametrize("message, reason", [
    ("database or disk is full", db.DISK_FULL),
    ("attempt to write a readonly database", db.NOT_WRITABLE),
    ("database is locked", db.LOCKED),
    ("unable to open database file", db.NOT_WRITABLE),
    ("disk I/O error", db.IO_ERROR),
    ("file is not a database", db.NOT_A_STORE),
    ("database disk image is malformed", db.DAMAGED),
])
def test_sqlite_errors_are_told_apart(tmp_path, message, reason):
    error = db.classify(sqlite3.OperationalError(message), tmp_path / "interviewer.db")
    assert isinstance(error, StoreUnusable) and error.reason == reason
    healthy = reason in db.READABLE_REASONS
    assert any(m in str(error) for m in MOVE_ASIDE) == (not healthy and reason != db.NEWER_SCHEMA)


@pytest.mark.skipif(not hasattr(__import__("os"), "geteuid") or __import__("os").geteuid() == 0,
                    reason="root can write to any folder")
def test_a_real_read_only_folder(stored, capsys, tmp_path):
    import os

    home = stored.parent
    os.chmod(home, 0o555)
    try:
        code, out, _ = cli(capsys, "sessions", "list")
        assert code == exit_codes.OK and "20260301-093000-abc123" in out
        code, _, err = cli(capsys, "sessions", "import", str(an_export(tmp_path)))
        assert code == exit_codes.STORAGE and not any(m in err for m in MOVE_ASIDE)
    finally:
        os.chmod(home, 0o755)


async def test_the_app_opens_an_unwritable_store_read_only(unwritable):
    """Home says the store is read-only; History still lists; starting a session says why
    it cannot (nothing is lost: nothing was typed yet)."""
    from tui_helpers import open_history, screen_text, settle

    from interviewer.tui.app import make_app

    app = make_app(load_settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "Read-only:" in screen_text(app) and "cannot be written" in screen_text(app)
        await open_history(pilot)
        assert "abc123" in screen_text(app)
        await pilot.press("escape", "ctrl+s")        # back to Home, start a session
        await settle(pilot)
        shown = screen_text(app)
        assert "Could not start the session" in shown and "cannot be written" in shown
