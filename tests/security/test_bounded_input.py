"""Item 7: bounded memory and time. `grade` refuses input past its documented size (standard
input too), refuses YAML that could expand without end or nest without end, and plain mode
saves a paste as it arrives, not line by line with the whole draft rewritten each time.
(Peak memory for 100,000 answers and the paste timing are printed by bench/grade_memory.py
and bench/plain_paste.py.)"""

import io
import json
import os
import threading
import time

import pytest

from interviewer.cli import exit_codes, grade_input
from interviewer.cli.main import main
from interviewer.settings import load_settings
from interviewer.store.session_store import SessionStore


def cli(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_standard_input_has_the_same_limit_as_a_file(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(grade_input, "MAX_INPUT_BYTES", 4096)
    items = json.dumps([{"question_id": "autograd", "answer": "x" * 100}] * 60)
    assert len(items) > 4096
    path = tmp_path / "a.json"
    path.write_text(items)
    code, out, err = cli(capsys, "grade", str(path))
    assert code == exit_codes.USAGE and "the limit is 0 MiB (4,096 bytes)" in err and out == ""

    monkeypatch.setattr("sys.stdin", io.StringIO(items))
    code, out, err = cli(capsys, "grade", "-")
    assert code == exit_codes.USAGE and out == ""
    assert "<stdin>: is larger than the limit" in err and "4,096 bytes" in err


def test_yaml_aliases_are_refused_so_nothing_expands(tmp_path, capsys):
    laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi"))
    path = tmp_path / "laughs.yaml"
    path.write_text(laughs + "answers:\n  - {question_id: autograd, answer: *i}\n")
    code, _, err = cli(capsys, "grade", str(path))
    assert code == exit_codes.USAGE
    assert f"{path}:1: YAML anchors and aliases" in err


@pytest.mark.parametrize("name, text, line", [
    ("deep.yaml", "- question_id: autograd\n  answer: " + "[" * 60 + "]" * 60 + "\n", 2),
    ("deep.json", '[{"question_id": "autograd",\n "answer": ' + "[" * 60 + "]" * 60 + "}]", 1),
    ("deeper.json", "[" * 200_000, 1),
    ("deep.jsonl", '{"question_id": "autograd", "answer": 1}\n' + "[" * 200_000 + "\n", 2),
])
def test_nesting_without_end_is_an_error_with_its_line(tmp_path, capsys, name, text, line):
    path = tmp_path / name
    path.write_text(text)
    code, out, err = cli(capsys, "grade", str(path))
    assert code == exit_codes.USAGE and out == ""
    assert f"{path}:{line}:" in err and "nested" in err and "Traceback" not in err


def test_a_large_file_is_checked_whole_before_anything_is_graded(tmp_path, capsys):
    items = [{"question_id": "autograd", "answer": f"answer {n}"} for n in range(3000)]
    items[2999] = {"question_id": "autograd", "answr": "typo at the very end"}
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(json.dumps(i) for i in items) + "\n")
    code, out, err = cli(capsys, "grade", str(path), "--jsonl")
    assert code == exit_codes.USAGE
    assert out == ""                                   # nothing graded from a broken file
    assert f"{path}:3000: answers[2999]: unknown key(s) answr" in err


class CountingStore(SessionStore):
    """The real store, counting the transactions that save a draft (whole or by lines)."""

    draft_saves = 0

    def append_draft_lines(self, session_id, question_id, lines):
        CountingStore.draft_saves += 1
        super().append_draft_lines(session_id, question_id, lines)

    def save_draft(self, session_id, question_id, text):
        CountingStore.draft_saves += 1
        super().save_draft(session_id, question_id, text)


def stored_draft(session_id: str, question_id: str) -> str:
    with SessionStore.open(load_settings()) as store:  # another connection, as after a crash
        return store.draft(session_id, question_id) or ""


def wait_for(condition, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.mark.slow
def test_a_paste_is_saved_at_once_and_a_typed_line_before_the_next_wait(monkeypatch):
    from interviewer.cli import plain_runner
    from interviewer.domain import SessionConfig

    monkeypatch.setattr("interviewer.store.session_store.SessionStore", CountingStore)
    CountingStore.draft_saves = 0
    read_end, write_end = os.pipe()
    stdin = os.fdopen(read_end, "r")
    out = io.StringIO()
    config = SessionConfig(count=1, topics=["autograd"], seed=1)
    runner = threading.Thread(target=plain_runner.run_plain,
                              args=(load_settings(), config, None, stdin, out), daemon=True)
    runner.start()
    wait_for(lambda: "Question 1 of 1" in out.getvalue())
    session_id = out.getvalue().split()[1]
    with SessionStore.open(load_settings()) as store:
        question_id = store.load(session_id).records[0].question_id

    pasted = [f"pasted line {n}: autograd records operations" for n in range(2000)]
    os.write(write_end, ("\n".join(pasted) + "\n").encode())
    wait_for(lambda: stored_draft(session_id, question_id).count("\n") == 1999)
    assert stored_draft(session_id, question_id) == "\n".join(pasted)  # while it waits for more
    assert CountingStore.draft_saves < 20                              # not one per line

    os.write(write_end, b"one more line, typed\n")
    wait_for(lambda: stored_draft(session_id, question_id).endswith("one more line, typed"))

    os.write(write_end, b".\n:quit\n")               # send the answer, then stop
    os.close(write_end)
    runner.join(timeout=120)
    assert not runner.is_alive()
    with SessionStore.open(load_settings()) as store:
        answer = store.load(session_id).answer_text(question_id)
    assert answer == "\n".join([*pasted, "one more line, typed"])
    assert stored_draft(session_id, question_id) == ""  # sent: no draft left
