"""Item 5: a batch is never lost. `grade` writes each result as it is finished (--jsonl line by
line); --json is one document, closed even after a failed answer, a backend set-up error or
Ctrl-C, with what was finished and an `errors` / `interrupted` section; exit codes are the
documented ones."""

import asyncio
import contextlib
import io
import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from interviewer.cli import exit_codes
from interviewer.cli.grade_batch import window_for
from interviewer.cli.main import main
from interviewer.grading.offline_grader import OfflineGrader
from interviewer.llm.errors import AuthError

CHAIN = "backward applies the chain rule to the recorded graph"
README = Path(__file__).resolve().parents[2] / "README.md"


def answers_file(tmp_path, n: int, *, special: dict[int, str] | None = None) -> Path:
    special = special or {}
    items = [{"question_id": "autograd", "answer": special.get(i, f"{CHAIN} ({i})")}
             for i in range(n)]
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    return path


class ScriptedGrader(OfflineGrader):
    """The offline grader, with answers that fail, stop the run, or press Ctrl-C; it also
    records how many answers were in hand (started, not yet written) at most."""

    def __init__(self, stdout: io.StringIO):
        super().__init__()
        self.stdout = stdout
        self.started = 0
        self.most_in_hand = 0

    def written(self) -> int:
        text = self.stdout.getvalue()
        return text.count('"index"') if text.lstrip().startswith("{\n") else text.count("\n")

    async def grade(self, request):
        self.started += 1
        self.most_in_hand = max(self.most_in_hand, self.started - self.written())
        await asyncio.sleep(0)  # let other answers start, as a model call would
        if "BOOM" in request.answer:
            raise ValueError("the grader tripped over this answer")
        if "BADKEY" in request.answer:
            raise AuthError("the server rejected the API key (401); set OPENAI_API_KEY")
        if "CTRL-C" in request.answer:
            signal.raise_signal(signal.SIGINT)
        return await super().grade(request)


@pytest.fixture
def grader(monkeypatch):
    scripted = ScriptedGrader(io.StringIO())
    monkeypatch.setattr("interviewer.grading.factory.make_grader",
                        lambda settings, *more, **named: scripted)
    return scripted


def grade(grader: ScriptedGrader, *argv: str) -> int:
    """`interviewer grade ...` with stdout in `grader.stdout` (read while it runs)."""
    with contextlib.redirect_stdout(grader.stdout):
        return main(["grade", *argv])


def test_jsonl_results_are_written_while_the_batch_runs_and_memory_is_a_window(tmp_path, grader):
    path = answers_file(tmp_path, 300)
    code = grade(grader, str(path), "--jsonl", "--concurrency", "2")
    assert code == exit_codes.OK
    lines = grader.stdout.getvalue().splitlines()
    assert [json.loads(line)["index"] for line in lines] == list(range(300))
    # never more than a window of answers in hand: the rest were already written out
    assert grader.most_in_hand <= window_for(2) < 300


def test_one_failing_answer_is_listed_in_errors_and_the_rest_are_graded(tmp_path, grader, capsys):
    path = answers_file(tmp_path, 6, special={2: "BOOM"})
    code = grade(grader, str(path), "--json")
    doc = json.loads(grader.stdout.getvalue())
    assert code == exit_codes.PROBLEMS
    assert [r["index"] for r in doc["results"]] == [0, 1, 3, 4, 5]
    assert doc["errors"] == [{"index": 2, "question_id": "autograd", "where": f"{path}:1: answers[2]",
                              "error": "grading failed: the grader tripped over this answer"}]
    assert doc["interrupted"] is False and doc["summary"]["errors"] == 1
    assert "answers[2]: grading failed" in capsys.readouterr().err


def test_a_backend_setup_error_stops_the_run_and_keeps_what_was_finished(tmp_path, grader, capsys):
    path = answers_file(tmp_path, 200, special={100: "BADKEY"})
    code = grade(grader, str(path), "--json")
    doc = json.loads(grader.stdout.getvalue())
    assert code == exit_codes.BACKEND_CONFIG
    graded = [r["index"] for r in doc["results"]]
    # everything before it, and whatever had already finished after it, is kept
    assert graded[:100] == list(range(100)) and 100 not in graded and len(graded) < 199
    assert doc["errors"][0]["index"] == 100
    assert doc["summary"]["stopped"].startswith("the server rejected the API key")
    not_reached = 200 - len(graded) - 1
    assert doc["summary"]["not_reached"] == not_reached
    err = capsys.readouterr().err
    assert err.count("rejected the API key") == 1 and f"{not_reached} not reached (stopped)" in err


def test_ctrl_c_writes_what_is_finished_as_a_valid_document(tmp_path, grader, capsys):
    path = answers_file(tmp_path, 500, special={60: "CTRL-C"})
    code = grade(grader, str(path), "--json")
    doc = json.loads(grader.stdout.getvalue())
    assert code == exit_codes.INTERRUPTED
    assert doc["interrupted"] is True
    indexes = [r["index"] for r in doc["results"]]
    assert indexes == sorted(indexes) and 60 <= len(indexes) < 500
    assert doc["summary"]["not_reached"] == 500 - len(indexes)
    assert "interrupted: writing the finished results" in capsys.readouterr().err


def test_ctrl_c_in_jsonl_leaves_only_whole_lines(tmp_path, grader):
    path = answers_file(tmp_path, 500, special={80: "CTRL-C"})
    assert grade(grader, str(path), "--jsonl") == exit_codes.INTERRUPTED
    lines = grader.stdout.getvalue().splitlines()
    assert 80 <= len(lines) < 500
    assert all(json.loads(line)["score"] >= 0 for line in lines)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["--json", "--jsonl"])
def test_a_real_ctrl_c_from_the_terminal(tmp_path, fmt):
    """SIGINT to a running `grade`: the finished results are written, exit code 130."""
    path = answers_file(tmp_path, 4000)
    results = tmp_path / "results.out"
    with results.open("wb") as stdout:  # a file, not a pipe: the child never blocks on it
        proc = subprocess.Popen([sys.executable, "-m", "interviewer", "grade", str(path), fmt],
                                stdout=stdout, stderr=subprocess.PIPE, env=dict(os.environ))
        # wait until grading is under way (a progress line on stderr), then press Ctrl-C
        while b"graded " not in proc.stderr.readline():
            assert proc.poll() is None, "grade ended before it could be interrupted"
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=120)
    out = results.read_bytes()
    assert proc.returncode == exit_codes.INTERRUPTED, err
    if fmt == "--json":
        doc = json.loads(out)
        assert doc["interrupted"] is True and 0 < len(doc["results"]) < 4000
    else:
        lines = out.decode().splitlines()
        assert 0 < len(lines) < 4000 and all(json.loads(line) for line in lines)
    assert b"Traceback" not in err


def test_every_exit_code_is_documented_in_the_readme():
    text = README.read_text(encoding="utf-8")
    safety = text[text.index("## Safety"):]
    safety = safety[:safety.find("\n## ", 5)]
    names = {n: v for n, v in vars(exit_codes).items() if n.isupper()}
    assert len(names) == 7
    for name, value in names.items():
        assert re.search(rf"\|\s*`?{value}`?\s*\|\s*`?{name}`?", safety), f"{name} ({value})"
