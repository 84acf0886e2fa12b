"""Item 4: invalid UTF-8 and lone surrogates anywhere (answer files, standard input, imports,
plain mode) are shown as U+FFFD with a message naming the line, or refused naming the line:
never a traceback, never a lost batch, never a lost answer."""

import json
import os
import subprocess
import sys

from store_factories import make_session

from interviewer.cli import exit_codes
from interviewer.cli.main import main
from interviewer.settings import load_settings
from interviewer.store.export_json import export_json
from interviewer.store.session_store import SessionStore

CHAIN = "backward applies the chain rule to the recorded graph"


def cli(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_invalid_utf8_in_an_answers_file_is_replaced_and_its_line_named(tmp_path, capsys):
    path = tmp_path / "answers.yaml"
    path.write_bytes(b"- question_id: tensors\n  answer: an array\n"
                     b"- question_id: autograd\n  answer: \"" + CHAIN.encode() + b" \xff\xfe!\"\n")
    code, out, err = cli(capsys, "grade", str(path), "--json")
    assert code == exit_codes.OK
    assert f"{path}:4: (warning) invalid UTF-8 shown as U+FFFD" in err
    results = json.loads(out)["results"]
    assert len(results) == 2 and results[1]["score"] > 0


def test_a_lone_surrogate_in_one_answer_does_not_lose_the_batch(tmp_path, capsys):
    """The reported bug: `grade --json` crashed mid-output and the whole batch was lost."""
    path = tmp_path / "answers.json"
    path.write_text('[{"question_id": "autograd", "answer": "' + CHAIN + ' \\ud800"},\n'
                    ' {"question_id": "tensors", "answer": "an n-dimensional array"}]')
    code, out, err = cli(capsys, "grade", str(path), "--json")
    assert code == exit_codes.OK
    assert "answers[0]: (warning) invalid Unicode escape" in err
    doc = json.loads(out)
    assert [r["question_id"] for r in doc["results"]] == ["autograd", "tensors"]
    assert doc["interrupted"] is False


def test_invalid_utf8_on_standard_input_is_graded(tmp_path):
    data = (b'[{"question_id": "autograd", "answer": "' + CHAIN.encode() + b' \xc3\x28"}]')
    env = dict(os.environ)  # the test's own temporary home
    out = subprocess.run([sys.executable, "-m", "interviewer", "grade", "-", "--jsonl"],
                         input=data, capture_output=True, env=env, timeout=120)
    assert out.returncode == exit_codes.OK, out.stderr
    assert b"<stdin>:1: (warning) invalid UTF-8 shown as U+FFFD" in out.stderr
    line = json.loads(out.stdout.decode("utf-8"))
    assert line["question_id"] == "autograd"


def test_an_import_file_that_is_not_utf8_is_refused_naming_the_line(tmp_path, capsys):
    text = export_json(make_session())
    lines = text.split("\n")
    lines[5] += " \xff"
    path = tmp_path / "latin1.json"
    path.write_bytes("\n".join(lines).encode("latin-1", "replace"))
    code, _, err = cli(capsys, "sessions", "import", str(path))
    assert code == exit_codes.USAGE
    assert f"{path}:6: is not UTF-8 text" in err and "Traceback" not in err


def test_a_lone_surrogate_in_an_import_is_stored_as_a_replacement_character(tmp_path, capsys):
    doc = json.loads(export_json(make_session()))
    doc["session"]["turns"][1]["text"] = "half a pair: \ud800 (from another tool)"
    path = tmp_path / "session.json"
    path.write_text(json.dumps(doc), encoding="utf-8")   # json.dumps writes it as \ud800
    code, out, err = cli(capsys, "sessions", "import", str(path))
    assert code == exit_codes.OK, err
    assert "session.turns[1].text: (warning) invalid Unicode" in err
    with SessionStore.open(load_settings()) as store:
        stored = store.load(out.strip())
    assert stored.turns[1].text == "half a pair: \ufffd (from another tool)"


def test_plain_mode_keeps_a_line_of_invalid_utf8_and_the_rest_of_the_answer(tmp_path):
    stdin = (b"first line of my answer\n"
             b"second line \xff\xfe with bad bytes\n"
             b"third line: autograd records the graph\n.\n:quit\n")
    env = dict(os.environ)  # the test's own temporary home
    out = subprocess.run([sys.executable, "-m", "interviewer", "practice", "--plain", "--count",
                          "1", "--topic", "autograd", "--seed", "1"],
                         input=stdin, capture_output=True, env=env, timeout=120)
    assert out.returncode == exit_codes.OK, out.stderr
    assert "Traceback" not in out.stderr.decode()
    assert "line 2 of your answer had bytes that are not UTF-8" in out.stdout.decode("utf-8")
    with SessionStore.open(load_settings()) as store:
        session = store.load(store.list_sessions()[0].id)
    answer = [t.text for t in session.turns if t.kind == "answer"][0]
    assert answer == ("first line of my answer\nsecond line \ufffd\ufffd with bad bytes\n"
                      "third line: autograd records the graph")
