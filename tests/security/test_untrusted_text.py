"""Item 2: one way to show untrusted text per medium, used by every CLI printer and exporter.

The crafted sessions carry escape sequences, Rich markup, Markdown links and images, and bidi
overrides in every field an import can set (deck, model, backend, topics, question ids,
feedback, flags, quotes). Nothing of it may drive the terminal, link, track or run."""

import json
import re

import pytest
from hostile import ESCAPES, FORBIDDEN, MARKDOWN, NAME, TEXT
from store_factories import FIXTURES, make_session

from interviewer.cli.main import main
from interviewer.settings import load_settings
from interviewer.store.sanitize import clean_text, json_text, markdown_text
from interviewer.store.session_store import SessionStore


def cli(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_inert(text: str) -> None:
    found = FORBIDDEN.findall(text)
    assert not found, f"raw control/bidi characters reached the output: {found[:5]!r}"


# ------------------------------------------------------------------ the media themselves
def test_terminal_text_strips_every_kind_of_sequence():
    cleaned = clean_text(ESCAPES + "\u202eabc\u2066x\u2069 \ud800")
    assert_inert(cleaned)
    assert "pwned-title" not in cleaned          # the OSC payload is gone with its sequence
    assert "#0;2;0;0;0" not in cleaned           # so is a DCS string
    assert "red" in cleaned and "abc" in cleaned and "\ufffd" in cleaned


def test_markdown_text_cannot_link_embed_or_open_html():
    md = markdown_text(MARKDOWN)
    assert "](" not in md.replace("\\](", "")    # no [text](url) left unescaped
    assert "![" not in md.replace("!\\[", "").replace("\\!", "")
    assert not re.search(r"(?<!\\)<", md)          # every < escaped: no HTML
    assert "https://evil" not in md and "www.evil" not in md and "a@evil" not in md
    # ...and a reader still sees what was written
    assert "https\\://evil.example/track" in md and "www\\.evil.example" in md


def test_json_text_escapes_controls_and_bidi_and_round_trips():
    text = json_text({"name": NAME, "answer": TEXT})
    assert_inert(text)
    assert "\\u001b" in text and "\\u202e" in text
    assert json.loads(text) == {"name": NAME, "answer": TEXT}


# ------------------------------------------------------------------ every CLI printer
@pytest.mark.parametrize("argv", [
    ["sessions", "list"],
    ["sessions", "list", "--json"],
    ["sessions", "show", "20260301-093000-aaaa00"],
    ["sessions", "show", "20260301-093000-aaaa01"],
    ["sessions", "show", "20260301-093000-aaaa02"],
    ["sessions", "export", "20260301-093000-aaaa00", "-f", "md"],
    ["sessions", "export", "20260301-093000-aaaa01", "-f", "md"],
    ["sessions", "export", "20260301-093000-aaaa00", "-f", "json"],
    ["sessions", "export", "20260301-093000-aaaa02", "-f", "json"],
    ["sessions", "export", "20260301-093000-aaaa00", "-f", "html"],
    ["sessions", "regrade", "20260301-093000-aaaa00"],
])
def test_no_escape_byte_reaches_stdout_or_stderr(stored_crafted, capsys, argv):
    code, out, err = cli(capsys, *argv)
    assert code in (0, 1), err
    assert out or err
    assert_inert(out)
    assert_inert(err)
    assert "Traceback" not in err


def test_regrade_prints_hostile_grader_names_cleaned(monkeypatch, capsys):
    monkeypatch.setenv("INTERVIEWER_DATA_DIR", str(FIXTURES))
    session = make_session("20260301-093000-rrrr00", status="finished")
    for grade in session.records[0].grades:
        grade.backend, grade.model = NAME, NAME
    with SessionStore.open(load_settings()) as store:
        store.create(session)
    code, out, err = cli(capsys, "sessions", "regrade", session.id)
    assert code == 0, err
    assert "zero-grad" in out and "-> offline" in out     # the diff is printed...
    assert_inert(out)                                     # ...without the escapes
    assert "[@click=app.quit]" in out                     # markup is just text here


def test_markdown_export_of_imported_metadata_has_no_live_link_or_image(stored_crafted, capsys):
    code, md, _ = cli(capsys, "sessions", "export", stored_crafted[0], "-f", "md")
    assert code == 0
    unescaped_link = re.compile(r"(?<!\\)\]\(")            # ](  not preceded by a backslash
    assert not unescaped_link.search(md)
    assert "![" not in md and not re.search(r"(?<!\\)<(?!br>)", md)  # <br>: the table's own
    assert not re.search(r"(?<!\\)https?://evil", md)     # no autolink either
    assert "\\[/x\\]" in md                               # the deck name, as written


def test_json_outputs_escape_controls_and_keep_the_text(stored_crafted, capsys):
    _, listing, _ = cli(capsys, "sessions", "list", "--json")
    assert "\\u001b" in listing and "\\u202e" in listing
    assert NAME in {row["deck"] for row in json.loads(listing)}
    _, export, _ = cli(capsys, "sessions", "export", stored_crafted[0], "-f", "json")
    assert json.loads(export)["session"]["config"]["model"] == NAME


def test_html_export_escapes_every_name(stored_crafted, capsys):
    _, page, _ = cli(capsys, "sessions", "export", stored_crafted[0], "-f", "html")
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert_inert(page)


def test_the_grade_table_and_messages_are_cleaned(tmp_path, capsys):
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps([{"question_id": f"nope{ESCAPES}", "answer": TEXT},
                                   {"question_id": "autograd", "answer": TEXT}]))
    code, out, err = cli(capsys, "grade", str(answers))
    assert code == 1                                      # one unknown question
    assert_inert(out)
    assert_inert(err)
    assert "unknown question id" in err
