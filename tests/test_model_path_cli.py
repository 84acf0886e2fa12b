"""The model path tells the truth, through the real CLI against a real server on loopback:
`grade` says who graded and why answers fell back and exits accordingly, a wrong model behind
a proxy stops the run, keys go only where they belong and are never printed, and `doctor`
claims schema enforcement only when it has checked it."""

import os
import subprocess
import sys

import pytest

from interviewer.cli.exit_codes import BACKEND_CONFIG, FELL_BACK, OK
from tests.support.fake_openai_server import FakeOpenAIServer, Reply, obedient_responder
from tests.support.llm_helpers import FIXTURES

pytestmark = pytest.mark.slow

ANSWERS = "".join(
    f"- question_id: zero-grad\n  answer: Gradients accumulate in .grad, so clear them before "
    f"each batch (answer {n}).\n" for n in range(3))
LEAKED = "sk-proj-Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe"


def run_cli(*args, stdin=None, env=None):
    full_env = {**os.environ, "INTERVIEWER_DATA_DIR": str(FIXTURES), "INTERVIEWER_MAX_RETRIES": "0",
                **(env or {})}
    return subprocess.run([sys.executable, "-m", "interviewer", *args], capture_output=True,
                          text=True, input=stdin, env=full_env, timeout=120)


@pytest.fixture
def answers(tmp_path):
    path = tmp_path / "answers.yaml"
    path.write_text(ANSWERS)
    return path


def grade(answers, server, *extra, model="m", env=None):
    return run_cli("grade", str(answers), "--deck", "llmdeck", "--backend", "openai",
                   "--base-url", server.url, "--model", model, *extra, env=env)


def test_every_answer_graded_by_the_model_exits_0_and_says_so(answers):
    with FakeOpenAIServer() as server:
        out = grade(answers, server)
    assert out.returncode == OK, out.stderr
    assert "3 graded by m" in out.stderr and "fell back" not in out.stderr


def test_fallbacks_are_counted_by_reason_and_exit_4(answers):
    with FakeOpenAIServer() as server:
        server.script(Reply(status=503), Reply(text="not json"), Reply(text="still not json"),
                      Reply(text="no"))
        out = grade(answers, server, "--concurrency", "1")
    assert out.returncode == FELL_BACK, out.stderr
    assert "1 graded by m, 2 fell back to offline: 1 schema, 1 server-error" in out.stderr
    rows = [line for line in out.stdout.splitlines() if "zero-grad" in line]
    assert any("fallback (server-error)" in r for r in rows)
    assert any("fallback (schema)" in r for r in rows)


@pytest.mark.parametrize("output", ["--json", "--jsonl"])
def test_fallbacks_exit_4_with_json_output_too(answers, output):
    import json

    with FakeOpenAIServer() as server:
        server.script(Reply(status=503), Reply(text="not json"), Reply(text="still not json"),
                      Reply(text="no"))
        out = grade(answers, server, "--concurrency", "1", output)
    assert out.returncode == FELL_BACK, out.stderr
    assert "1 graded by m, 2 fell back to offline: 1 schema, 1 server-error" in out.stderr
    if output == "--json":
        document = json.loads(out.stdout)
        assert document["summary"]["fell_back"] == 2
        assert document["summary"]["fell_back_reasons"] == {"schema": 1, "server-error": 1}
        results = document["results"]
    else:
        results = [json.loads(line) for line in out.stdout.splitlines()]
    reasons = sorted(f["reason"] for r in results for f in r["flags"] if f["code"] == "fallback")
    assert reasons == ["schema", "server-error"]


def test_a_wrong_model_behind_a_proxy_stops_the_run_with_the_fix(answers):
    with FakeOpenAIServer(unknown_model_status=400) as server:
        out = grade(answers, server, model="gpt-9")
    assert out.returncode == BACKEND_CONFIG
    assert "has no model 'gpt-9'" in out.stderr and "--model" in out.stderr
    assert "graded" not in out.stdout and "mean score" not in out.stderr
    assert len(server.chat_requests) <= 3  # stopped, not retried answer after answer


def test_openai_key_is_not_sent_to_another_server(answers):
    with FakeOpenAIServer() as server:
        out = grade(answers, server, env={"OPENAI_API_KEY": LEAKED})
        sent = {r.headers.get("Authorization") for r in server.chat_requests}
    assert out.returncode == OK, out.stderr
    assert sent == {"Bearer sk-no-key-required"}


def test_the_named_key_goes_to_the_base_url(answers):
    with FakeOpenAIServer(api_key=LEAKED) as server:
        out = grade(answers, server, "--api-key-env", "TEAM_LLM_KEY", env={"TEAM_LLM_KEY": LEAKED})
        sent = {r.headers.get("Authorization") for r in server.chat_requests}
    assert out.returncode == OK, out.stderr
    assert sent == {f"Bearer {LEAKED}"}


def test_a_key_echoed_by_the_server_is_never_printed(answers):
    echo = {"error": {"message": f"upstream refused key {LEAKED} for this project"}}
    with FakeOpenAIServer(api_key=LEAKED) as server:
        env = {"TEAM_LLM_KEY": LEAKED}
        server.script(*[Reply(status=500, body=echo)] * 6)
        graded = grade(answers, server, "--api-key-env", "TEAM_LLM_KEY", "--json", env=env)
        server.script(*[Reply(status=500, body=echo)] * 6)
        doctor = run_cli("doctor", "--backend", "openai", "--base-url", server.url, "--model", "m",
                         "--api-key-env", "TEAM_LLM_KEY", env=env)
        server.script(*[Reply(status=500, body=echo)] * 6)
        practice = run_cli("practice", "--plain", "--deck", "llmdeck", "--count", "1", "--topic",
                           "optimization", "--backend", "openai", "--base-url", server.url,
                           "--model", "m", "--api-key-env", "TEAM_LLM_KEY",
                           stdin="You call it so training works.\n.\n:idk\n", env=env)
    for out in (graded, doctor, practice):
        assert LEAKED not in out.stdout + out.stderr
    assert "[redacted]" in graded.stdout + doctor.stdout + practice.stdout


def test_doctor_says_which_key_goes_to_which_host():
    with FakeOpenAIServer() as server:
        url = server.url
        out = run_cli("doctor", "--backend", "openai", "--base-url", url, "--model", "m",
                      env={"OPENAI_API_KEY": LEAKED})
    line = next(li for li in out.stdout.splitlines() if "API key" in li)
    assert f"a placeholder goes to {url}" in line
    assert "OPENAI_API_KEY is set but goes only to api.openai.com" in line
    assert LEAKED not in out.stdout


def test_doctor_claims_schema_enforcement_only_when_verified():
    with FakeOpenAIServer() as enforcing:
        ok = run_cli("doctor", "--backend", "openai", "--base-url", enforcing.url, "--model", "m")
    with FakeOpenAIServer(responder=obedient_responder) as ignoring:
        warn = run_cli("doctor", "--backend", "openai", "--base-url", ignoring.url, "--model", "m")
    assert "[ok  ] structured output: JSON schema enforced by the server (strict mode; verified" in ok.stdout
    line = next(li for li in warn.stdout.splitlines() if "structured output" in li)
    assert line.startswith("[warn]") and "does not enforce it" in line
    assert "enforced by the server" not in warn.stdout


def test_plain_mode_never_shows_a_cut_follow_up():
    with FakeOpenAIServer() as server:
        cut = "Good start. Could you explain how that w"
        server.script(Reply(text=cut, finish_reason=None), Reply(text=cut, drop_after=2))
        out = run_cli("practice", "--plain", "--deck", "llmdeck", "--count", "1", "--topic",
                      "optimization", "--backend", "openai", "--base-url", server.url, "--model", "m",
                      stdin="You call it so training works well.\n.\n:idk\n")
    assert out.returncode == 0, out.stderr
    assert "how that w" not in out.stdout
    assert "using the built-in probe" in out.stdout and "Interviewer: " in out.stdout


def test_usage_summary_matches_the_servers_count(answers):
    with FakeOpenAIServer() as server:
        server.script(Reply(status=429, headers={"retry-after-ms": "5"}), Reply(text="not json"))
        out = grade(answers, server, "--concurrency", "1", env={"INTERVIEWER_MAX_RETRIES": "2"})
        served = len(server.chat_requests)
    assert served == 5  # 3 answers + one 429 retried + one re-ask after invalid JSON
    assert f"openai: {served} requests (1 retry, 1 re-ask)" in out.stderr, out.stderr
