"""The store file: migrations recorded, newer stores refused, broken files kept untouched."""

import sqlite3

import pytest
from store_factories import make_session

from interviewer.cli import exit_codes
from interviewer.cli.main import main
from interviewer.settings import load_settings
from interviewer.store import migrations
from interviewer.store.db import StoreError
from interviewer.store.session_store import SessionStore


@pytest.fixture
def db_path():
    return load_settings().db_path


def filled_store(path, sessions: int = 6) -> None:
    """A store big enough to span many pages, then closed (WAL checkpointed into the file)."""
    with SessionStore(path) as store:
        for n in range(sessions):
            store.create(make_session(f"20260301-0930{n:02d}-abc123", answer="x" * 3000))


def test_migrations_are_recorded_with_version_name_and_time(db_path):
    with SessionStore(db_path) as store:
        applied = store.schema_versions()
    assert [v for v, _, _ in applied] == [m.version for m in migrations.MIGRATIONS]
    assert all(name and applied_at.startswith("20") for _, name, applied_at in applied)


def test_a_new_migration_is_applied_once_and_keeps_the_data(db_path, monkeypatch):
    with SessionStore(db_path) as store:
        store.create(make_session())
    extra = migrations.Migration(
        migrations.latest_version() + 1, "add a note column",
        ("ALTER TABLE sessions ADD COLUMN note TEXT",),
    )
    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, extra))
    with SessionStore(db_path) as store:
        assert store.schema_versions()[-1][:2] == (extra.version, "add a note column")
        assert store.load("20260301-093000-abc123").records[0].grades
    with SessionStore(db_path) as store:  # reopening does not apply it again
        assert [v for v, _, _ in store.schema_versions()].count(extra.version) == 1


def test_a_store_at_the_learning_loop_schema_upgrades_to_locks_and_draft_lines(db_path, monkeypatch):
    """A store written by the version whose newest migration was 3 (attempts, reviews, cards,
    disputes) gets migration 4 (draft lines, session locks, kept text) and keeps its data."""
    from interviewer.domain import Dispute

    assert [m.version for m in migrations.MIGRATIONS][:4] == [1, 2, 3, 4]
    assert "disputes" in migrations.MIGRATIONS[2].name
    assert "session locks" in migrations.MIGRATIONS[3].name
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:3])
        with SessionStore(db_path) as store:
            session = make_session()
            session.disputes.append(Dispute(question_id="zero-grad", criterion_id="accumulation",
                                            verdict="partial", reason="I said it sums them"))
            store.create(session)
            assert [v for v, _, _ in store.schema_versions()] == [1, 2, 3]

    with SessionStore(db_path) as store:
        assert [v for v, _, _ in store.schema_versions()] == [m.version for m in migrations.MIGRATIONS]
        loaded = store.load("20260301-093000-abc123")
        assert loaded.disputes[0].reason == "I said it sums them"
        assert loaded.records[0].grades and loaded.records[0].attempts == 1
        store.acquire(loaded.id)
        store.append_draft_lines(loaded.id, "from-numpy", ["first line", "second line"])
        assert store.draft(loaded.id, "from-numpy") == "first line\nsecond line"


def test_a_store_from_a_newer_version_is_refused_and_left_untouched(db_path, capsys):
    filled_store(db_path, sessions=1)
    with sqlite3.connect(db_path) as conn:
        conn.execute("INSERT INTO schema_migrations VALUES (99, 'from the future', '2030-01-01')")
    conn.close()
    before = db_path.read_bytes()

    with pytest.raises(StoreError, match="newer interviewer.*version 99.*Upgrade"):
        SessionStore(db_path)
    assert main(["sessions", "list"]) == exit_codes.STORAGE
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "newer interviewer" in err
    assert db_path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_reported_and_kept(db_path, capsys):
    junk = b"these are my notes, not a database\n" * 200
    db_path.write_bytes(junk)

    assert main(["sessions", "list"]) == exit_codes.STORAGE
    err = capsys.readouterr().err
    assert str(db_path) in err and "left untouched" in err and "mv " in err
    assert db_path.read_bytes() == junk


@pytest.mark.parametrize("cut", ["mid-page", "page-aligned"])
def test_a_truncated_database_is_reported_and_kept(db_path, cut):
    filled_store(db_path)
    data = db_path.read_bytes()
    page = int.from_bytes(data[16:18], "big")
    assert len(data) >= 8 * page
    keep = len(data) // 2 + 100 if cut == "mid-page" else (len(data) // page // 2) * page
    db_path.write_bytes(data[:keep])
    truncated = db_path.read_bytes()

    with pytest.raises(StoreError, match=r"\(truncated: .*\)\. It was left untouched"):
        SessionStore(db_path)
    assert db_path.read_bytes() == truncated


def test_a_damaged_page_is_reported_and_kept(db_path):
    filled_store(db_path)
    data = bytearray(db_path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page + 20: page * 3] = b"\xff" * (page * 2 - 20)  # scribble over pages 2 and 3
    db_path.write_bytes(bytes(data))

    with pytest.raises(StoreError, match="not a usable interviewer database.*left untouched"):
        SessionStore(db_path)
    assert db_path.read_bytes() == bytes(data)


def test_another_programs_sqlite_file_is_not_taken_over(db_path):
    with sqlite3.connect(db_path) as conn:
        conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="not an interviewer database"):
        SessionStore(db_path)
    assert db_path.read_bytes() == before


def test_the_store_uses_wal_and_enforces_foreign_keys(db_path):
    with SessionStore(db_path) as store:
        store.create(make_session())
        with sqlite3.connect(db_path) as other:
            assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        with pytest.raises(StoreError, match="no such question"):
            store.add_grade("20260301-093000-abc123", "not-in-session",
                            make_session().records[0].grades[0])
