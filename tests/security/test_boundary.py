"""Item 1: one boundary for outside data. An import file, a config file, a flag and a database
row are validated (with explicit limits) before use; errors name the field; a damaged row is
named with its session id while the rest still lists."""

import json
import sqlite3

import pytest
from hostile import ESCAPES
from store_factories import make_session

from interviewer.cli import exit_codes
from interviewer.cli.main import main
from interviewer.settings import load_settings
from interviewer.store.export_json import export_json
from interviewer.store.session_store import SessionStore


def cli(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def export_doc(**changes) -> dict:
    """A valid export file's data, with `changes` applied to its session."""
    doc = json.loads(export_json(make_session()))
    doc["session"].update(changes)
    return doc


def write_doc(tmp_path, doc, name="session.json"):
    path = tmp_path / name
    path.write_text(json.dumps(doc) if not isinstance(doc, str) else doc, encoding="utf-8")
    return path


def stored_ids() -> list[str]:
    with SessionStore.open(load_settings()) as store:
        return [s.id for s in store.list_sessions()]


def every_file(root) -> set:
    return {p for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("bad_id", ["x/../../../NAME", "../escape", "UPPER-case", "a" * 81,
                                    "with space", "semi;colon", "dot.dot", ""])
def test_an_import_with_an_id_outside_the_pattern_is_refused_naming_the_field(
        tmp_path, capsys, bad_id):
    path = write_doc(tmp_path, export_doc(id=bad_id))
    before = every_file(tmp_path.parent)
    code, out, err = cli(capsys, "sessions", "import", str(path))
    assert code == exit_codes.USAGE
    assert "session.id" in err and "not a valid session id" in err
    assert "Traceback" not in err and out == ""
    assert stored_ids() == []
    created = every_file(tmp_path.parent) - before
    assert all(p.name.startswith("interviewer.db") for p in created)  # only the store itself


@pytest.mark.parametrize("field, value, message", [
    ("config", {"deck": "d" * 201}, "session.config.deck"),
    ("config", {"model": "m" * 201}, "session.config.model"),
    ("config", {"backend": "b" * 201}, "session.config.backend"),
    ("records", [{"question_id": "q" * 81}], "session.records[0].question_id"),
    ("records", [{"question_id": f"q{n}"} for n in range(501)], "session.records"),
])
def test_names_and_lists_have_limits(tmp_path, capsys, field, value, message):
    doc = export_doc()
    if field == "config":
        doc["session"]["config"].update(value)
    else:
        doc["session"][field] = value
    code, _, err = cli(capsys, "sessions", "import", str(write_doc(tmp_path, doc)))
    assert code == exit_codes.USAGE
    assert message in err and "at most" in err
    assert stored_ids() == []


def test_a_deeply_nested_import_is_an_error_not_a_traceback(tmp_path, capsys):
    path = write_doc(tmp_path, '{"session": ' + "[" * 100_000 + "]" * 100_000 + "}")
    code, _, err = cli(capsys, "sessions", "import", str(path))
    assert code == exit_codes.USAGE
    assert "nested too deeply" in err and "Traceback" not in err


def test_a_deep_but_parseable_json_value_is_refused_before_use(tmp_path, capsys):
    doc = export_doc()
    doc["session"]["turns"][0]["text"] = json.loads("[" * 500 + "]" * 500)
    code, _, err = cli(capsys, "sessions", "import", str(write_doc(tmp_path, doc)))
    assert code == exit_codes.USAGE and "nested more than 32 levels" in err


def insert_damaged_rows(db_path) -> None:
    """Rows as a hand edit or an old bug could leave them."""
    with sqlite3.connect(db_path) as conn:
        conn.execute("INSERT INTO sessions VALUES ('20260301-093000-bad001', 'not a date',"
                     " '2026-03-01T09:30:00+00:00', 'active', 0, 'd', 'practice', 'offline',"
                     " NULL, '{}')")
        conn.execute("INSERT INTO sessions VALUES ('x/../../../NAME', '2026-03-01T09:30:00+00:00',"
                     " '2026-03-01T09:30:00+00:00', 'active', 0, 'd', 'practice', 'offline',"
                     " NULL, '{}')")
        conn.execute("INSERT INTO sessions VALUES (?, '2026-03-01T09:30:00+00:00',"
                     " '2026-03-01T09:30:00+00:00', 'weird', 0, 'd', 'practice', 'offline',"
                     " NULL, '{}')", (f"20260301-093000-bad00{ESCAPES[:8]}",))
    conn.close()


def test_damaged_rows_are_named_and_the_rest_still_lists(capsys):
    with SessionStore.open(load_settings()) as store:
        store.create(make_session("20260301-093000-good01"))
        path = store.path
    insert_damaged_rows(path)

    with SessionStore.open(load_settings()) as store:
        listing = store.list_sessions()
    assert [s.id for s in listing] == ["20260301-093000-good01"]
    assert len(listing.damaged) == 3
    assert "created_at" in str(listing.damaged[0]) or "created_at" in str(listing.damaged)

    code, out, err = cli(capsys, "sessions", "list")
    assert code == exit_codes.PROBLEMS
    assert "20260301-093000-good01" in out
    assert "20260301-093000-bad001" in err and "x/../../../NAME" in err
    assert "\x1b" not in err + out and "Traceback" not in err


def test_homes_listings_leave_damaged_rows_out(capsys):
    """Home's first listing (sqlite3 only, before the domain models load) gives way to the
    store's when a row is odd; the store's validates every row and leaves the damaged out."""
    from datetime import UTC, datetime

    from interviewer.store.home_listing import read_home_listing, store_home_listing

    with SessionStore.open(load_settings()) as store:
        store.create(make_session("20260301-093000-good01"))
        path = store.path
    now = datetime.now(UTC)
    assert [s.id for s in read_home_listing(path, now).sessions] == ["20260301-093000-good01"]
    insert_damaged_rows(path)
    assert read_home_listing(path, now) is None         # Home waits for the store
    with SessionStore.open(load_settings()) as store:
        assert [s.id for s in store_home_listing(store, now).sessions] == ["20260301-093000-good01"]


def test_a_damaged_json_column_is_named_with_its_session_and_others_still_show(capsys):
    with SessionStore.open(load_settings()) as store:
        store.create(make_session("20260301-093000-good01"))
        store.create(make_session("20260301-093000-bad002"))
        path = store.path
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE sessions SET config = '{not json' WHERE id = '20260301-093000-bad002'")
        conn.execute("UPDATE turns SET targets = '[[[' WHERE session_id = '20260301-093000-good01'"
                     " AND seq = 99")  # no such row: the good session stays good
    conn.close()

    code, _, err = cli(capsys, "sessions", "show", "20260301-093000-bad002")
    assert code == exit_codes.USAGE
    assert "session '20260301-093000-bad002'" in err and "config: not valid JSON" in err
    assert "Traceback" not in err
    assert cli(capsys, "sessions", "show", "20260301-093000-good01")[0] == exit_codes.OK


@pytest.mark.parametrize("flag, value, named", [
    ("--model", "gpt\x1b]0;x\x07", "--model"),
    ("--model", "m" * 201, "--model"),
    ("--backend", "../../evil", "--backend"),
    ("--api-key-env", "NOT A NAME", "--api-key-env"),
    ("--base-url", "http://x\n/v1", "--base-url"),
])
def test_flags_are_checked_like_the_config_file(tmp_path, capsys, flag, value, named):
    answers = tmp_path / "a.yaml"
    answers.write_text("- {question_id: autograd, answer: chain rule}\n")
    code, out, err = cli(capsys, "grade", str(answers), flag, value)
    assert code == exit_codes.USAGE
    assert err.startswith("error: invalid option:") and named in err
    assert out == "" and "\x1b" not in err


def test_a_config_file_value_is_checked_and_named(isolated_home, capsys, tmp_path):
    (isolated_home / "config.yaml").write_text('model: "a\\u001b[31m"\n')
    answers = tmp_path / "a.yaml"
    answers.write_text("- {question_id: autograd, answer: chain rule}\n")
    code, _, err = cli(capsys, "grade", str(answers))
    assert code == exit_codes.USAGE
    assert "config.yaml: invalid settings: model:" in err and "\x1b" not in err


def test_markup_in_a_model_name_is_a_valid_name_shown_as_typed(tmp_path, capsys):
    answers = tmp_path / "a.yaml"
    answers.write_text("- {question_id: autograd, answer: chain rule}\n")
    code, out, _ = cli(capsys, "grade", str(answers), "--model", "[/x]", "--json")
    assert code == exit_codes.OK
    assert json.loads(out)["results"][0]["backend"] == "offline"
