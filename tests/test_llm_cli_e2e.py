"""End to end through the real CLI against a local OpenAI-compatible server (loopback, no
network): batch grading, a session with a streamed follow-up, and `doctor`."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from interviewer.cli import exit_codes
from tests.support.fake_openai_server import DEFAULT_TEXT, FakeOpenAIServer
from tests.support.llm_helpers import FIXTURES

pytestmark = pytest.mark.slow

ANSWERS = """\
- question_id: zero-grad
  answer: Because backward() accumulates gradients into .grad, you reset them before each batch.
- question_id: zero-grad
  answer: ""
- question_id: no-grad
  answer: It turns off gradient tracking, which saves memory during inference.
"""


def run_cli(*args, stdin=None):
    env = {**os.environ, "INTERVIEWER_DATA_DIR": str(FIXTURES), "INTERVIEWER_MAX_RETRIES": "0"}
    return subprocess.run([sys.executable, "-m", "interviewer", *args], capture_output=True,
                          text=True, input=stdin, env=env, timeout=120)


@pytest.fixture
def server():
    with FakeOpenAIServer(models=("m",)) as running:
        yield running


@pytest.fixture
def answers(tmp_path) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(ANSWERS)
    return path


def test_grade_batch_against_a_local_server(server, answers):
    out = run_cli("grade", str(answers), "--deck", "llmdeck", "--backend", "openai",
                  "--base-url", server.url, "--model", "m", "--json")
    assert out.returncode == 0, out.stderr
    results = json.loads(out.stdout)["results"]
    first, empty, no_rubric = results
    assert (first["backend"], first["model"], first["prompt_version"]) == ("openai", "m", "grade-v2")
    assert first["offline_score"] is not None
    assert all(e["verified"] for c in first["criteria"] for e in c["evidence"])
    assert empty["score"] == 0 and any(f["code"] == "empty" for f in empty["flags"])
    assert no_rubric["backend"] == "offline"  # reference-only: no criteria for the model
    assert len(server.chat_requests) == 1  # only the gradeable answer with a rubric went out
    sent = server.chat_requests[0]
    assert sent.path == "/v1/chat/completions"
    assert sent.headers["Authorization"] == "Bearer sk-no-key-required"
    assert sent.json["response_format"]["json_schema"]["strict"] is True
    assert "openai: 1 request" in out.stderr


def test_grade_with_a_rejected_key_is_one_clear_line(answers):
    with FakeOpenAIServer(api_key="sk-right") as server:
        env_key = {"WRONG_KEY": "sk-wrong"}
        os.environ.update(env_key)
        try:
            out = run_cli("grade", str(answers), "--deck", "llmdeck", "--backend", "openai",
                          "--base-url", server.url, "--model", "m", "--api-key-env", "WRONG_KEY")
        finally:
            os.environ.pop("WRONG_KEY")
    assert out.returncode == exit_codes.BACKEND_CONFIG  # a setting to fix: the run stops
    assert out.stderr.count("rejected the API key") == 1 and "WRONG_KEY" in out.stderr
    assert "Traceback" not in out.stderr and "sk-wrong" not in out.stderr + out.stdout


def test_session_streams_a_follow_up_from_the_server(server):
    stdin = "You call it so that training works well.\n.\nIt adds to .grad each time.\n.\n:idk\n"
    out = run_cli("practice", "--plain", "--deck", "llmdeck", "--count", "1", "--topic",
                  "optimization", "--backend", "openai", "--base-url", server.url, "--model", "m",
                  stdin=stdin)
    assert out.returncode == 0, out.stderr
    assert f"Interviewer: {DEFAULT_TEXT}" in out.stdout
    streamed = [r for r in server.chat_requests if r.json.get("stream")]
    assert streamed, "the follow-up was requested as a stream"
    # the offline verdicts at once, then the model's grade when it lands
    assert "Provisional score (offline" in out.stdout
    assert "Score from openai (m):" in out.stdout


def test_doctor_passes_against_a_working_server(server):
    out = run_cli("doctor", "--backend", "openai", "--base-url", server.url, "--model", "m")
    assert out.returncode == 0, out.stdout + out.stderr
    for label in ("server reachable", "model listed", "one-token completion", "streaming",
                  "structured output"):
        assert f"[ok  ] {label}" in out.stdout


def test_doctor_names_the_fix_for_a_wrong_model(server):
    out = run_cli("doctor", "--backend", "openai", "--base-url", server.url, "--model", "gpt-9")
    assert out.returncode == 1
    assert "[FAIL] model listed: 'gpt-9' is not among the server's models (m); pass one with --model" in out.stdout


def test_doctor_names_the_fix_for_a_server_that_is_not_running():
    out = run_cli("doctor", "--backend", "openai", "--base-url", "http://127.0.0.1:9/v1", "--model", "m")
    assert out.returncode == 1
    assert "cannot reach http://127.0.0.1:9/v1" in out.stdout and "--base-url" in out.stdout


def test_a_large_batch_shows_progress_on_stderr_and_keeps_stdout_clean(server, tmp_path):
    answers = tmp_path / "cohort.yaml"
    answers.write_text("".join(
        f"- question_id: zero-grad\n  answer: Gradients accumulate in .grad, so clear them (answer {n}).\n"
        for n in range(24)))
    out = run_cli("grade", str(answers), "--deck", "llmdeck", "--backend", "openai", "--base-url",
                  server.url, "--model", "m", "--json", "--concurrency", "8")
    assert out.returncode == 0, out.stderr
    assert len(json.loads(out.stdout)["results"]) == 24
    assert "graded 24/24" in out.stderr, out.stderr
    assert len(server.chat_requests) == 24, out.stderr
