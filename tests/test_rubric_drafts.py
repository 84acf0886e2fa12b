"""`corpus draft-rubrics` asks a model (respx-mocked) for a rubric per question, checks it like
`corpus lint`, writes it as a draft, resumes; `corpus review` shows and accepts drafts; grades
made with a draft rubric say so."""

import json
from pathlib import Path

import httpx
import pytest
import respx
import yaml

from interviewer.cli.main import main
from tests.support.llm_helpers import BASE_URL, CHAT_URL, chat_body, request_json

FIXTURES = Path(__file__).parent / "fixtures" / "authoring"
GOOD = json.loads((FIXTURES / "early_stopping_draft.json").read_text())


@pytest.fixture
def deck(isolated_home, monkeypatch, capsys) -> Path:
    """The `training` deck imported into the data folder; the openai backend configured."""
    assert main(["corpus", "import", str(FIXTURES / "training_notes.md"), "--deck", "training"]) == 0
    capsys.readouterr()
    monkeypatch.setenv("INTERVIEWER_BACKEND", "openai")
    monkeypatch.setenv("INTERVIEWER_BASE_URL", BASE_URL)
    monkeypatch.setenv("INTERVIEWER_MODEL", "m")
    monkeypatch.setenv("INTERVIEWER_MAX_RETRIES", "0")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    return isolated_home / "rubrics" / "training"


@pytest.fixture
def router():
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as mock:
        yield mock


def draft(capsys, *args: str) -> tuple[int, str]:
    code = main(["corpus", "draft-rubrics", "--deck", "training", "--question", "early-stopping",
                 *args])
    return code, capsys.readouterr().err


def test_a_draft_is_validated_linted_and_written_with_status_draft_and_usage(deck, router, capsys):
    route = router.post(CHAT_URL).mock(return_value=httpx.Response(200, json=chat_body(
        json.dumps(GOOD), prompt_tokens=900, completion_tokens=600)))
    code, err = draft(capsys)
    assert code == 0, err
    path = deck / "early-stopping.yaml"
    text = path.read_text()
    assert text.startswith("# Drafted by openai model m (draft-rubric-v1)")
    data = yaml.safe_load(text)
    assert data["status"] == "draft" and data["version"] == 1
    assert data["criteria"][0]["concepts"][0] == {
        "aliases": ["validation loss", "validation error", "held-out loss"],
        "opposites": ["training loss stops improving"]}
    assert data["misconceptions"][0]["contradicts"] == ["watch-validation"]
    assert "openai m: 1 request, 900 tokens in, 600 out" in err
    assert f"wrote 1 draft rubric(s) to {deck}" in err
    # the question and its reference answer went to the model as delimited data
    sent = request_json(route.calls[0])["messages"][1]["content"]
    assert "<<<QUESTION\nWhat is early stopping?\nQUESTION>>>" in sent
    assert "Stop training when the validation loss has stopped improving" in sent
    # lint accepts it (its own model answer meets every criterion); the one error left is the
    # other question's placeholder answer
    main(["corpus", "lint"])
    lint = capsys.readouterr().err
    assert "early-stopping.yaml" not in lint and "1 error(s)" in lint


def test_drafting_resumes_skipping_questions_that_already_have_a_rubric(deck, router, capsys):
    route = router.post(CHAT_URL).mock(return_value=httpx.Response(200, json=chat_body(json.dumps(GOOD))))
    assert draft(capsys)[0] == 0
    code, err = draft(capsys)
    assert code == 0
    assert "1 question(s) already have a rubric: skipped" in err and "nothing to draft" in err
    assert route.call_count == 1


def test_a_draft_failing_lint_is_sent_back_with_the_problems(deck, router, capsys):
    broken = json.loads(json.dumps(GOOD))
    broken["criteria"][1]["concepts"] = [{"aliases": ["generalisation gap"], "opposites": []}]
    route = router.post(CHAT_URL).mock(side_effect=[
        httpx.Response(200, json=chat_body(json.dumps(broken))),
        httpx.Response(200, json=chat_body(json.dumps(GOOD))),
    ])
    code, err = draft(capsys)
    assert code == 0, err
    assert route.call_count == 2
    revision = request_json(route.calls[1])["messages"][-1]["content"]
    assert revision.startswith("The rubric failed the project's checks:")
    assert "why-overfitting" in revision and "'generalisation gap'" in revision
    assert (deck / "early-stopping.yaml").is_file()


def test_a_draft_that_never_passes_is_not_written_and_the_run_says_why(deck, router, capsys):
    broken = json.loads(json.dumps(GOOD))
    broken["criteria"] = broken["criteria"][:1]          # one criterion: the schema needs two
    router.post(CHAT_URL).mock(return_value=httpx.Response(200, json=chat_body(json.dumps(broken))))
    code, err = draft(capsys)
    assert code == 1
    assert "not drafted: early-stopping: criteria: List should have at least 2 items" in err
    assert not (deck / "early-stopping.yaml").exists()
    assert "openai m: 3 requests" in err                  # the first ask and two revisions


def test_a_rejected_key_stops_the_run_with_the_fix(deck, router, capsys):
    router.post(CHAT_URL).mock(return_value=httpx.Response(
        401, json={"error": {"message": "Incorrect API key", "type": "invalid_request_error"}}))
    code, err = draft(capsys)
    assert code == 1
    # OPENAI_API_KEY goes only to api.openai.com: the fix for another server names the flag
    assert "rejected the API key" in err and "--api-key-env" in err
    assert "run the same command again to resume" in err


def test_drafting_needs_a_model(isolated_home, capsys):
    assert main(["corpus", "import", str(FIXTURES / "training_notes.md"), "--deck", "training"]) == 0
    capsys.readouterr()
    code = main(["corpus", "draft-rubrics", "--deck", "training"])
    assert code == 2
    assert "drafting rubrics needs a model: pass --backend openai --model NAME" in capsys.readouterr().err


def test_grades_with_a_draft_rubric_say_so_until_it_is_reviewed(deck, router, capsys, tmp_path,
                                                                 monkeypatch):
    router.post(CHAT_URL).mock(return_value=httpx.Response(200, json=chat_body(json.dumps(GOOD))))
    assert draft(capsys)[0] == 0
    monkeypatch.setenv("INTERVIEWER_BACKEND", "offline")
    answers = tmp_path / "answers.yaml"
    answers.write_text("- question_id: early-stopping\n  answer: You stop training when the "
                       "validation loss stops improving, which prevents overfitting.\n")

    def grade_flags() -> list[dict]:
        assert main(["grade", str(answers), "--deck", "training", "--json"]) == 0
        return json.loads(capsys.readouterr().out)["results"][0]["flags"]

    assert {"code": "draft-rubric", "reason": None,
            "detail": "draft rubric: written by a model, not yet reviewed by a person"} in grade_flags()

    # review: the list, the draft beside the reference answer, then accept it
    assert main(["corpus", "review", "--deck", "training"]) == 0
    listed = capsys.readouterr()
    assert listed.out.startswith("early-stopping")
    assert "1 draft rubric(s) of 1 in deck training" in listed.err
    assert main(["corpus", "review", "--deck", "training", "early-stopping"]) == 0
    shown = capsys.readouterr().out
    assert "REFERENCE ANSWER (from the deck)" in shown and "DRAFT RUBRIC" in shown
    assert "Stop training when the validation" in shown
    assert "[watch-validation] weight 2, essential" in shown
    assert main(["corpus", "review", "--deck", "training", "--accept", "early-stopping"]) == 0
    assert "early-stopping: marked reviewed" in capsys.readouterr().err
    path = deck / "early-stopping.yaml"
    assert yaml.safe_load(path.read_text())["status"] == "reviewed"
    assert path.read_text().startswith("# Drafted by")          # the file is otherwise kept
    assert all(f["code"] != "draft-rubric" for f in grade_flags())


def test_a_request_the_server_refuses_fails_only_its_question(deck, router, capsys):
    """A 400 (here: the prompt is over the context length) is that request's problem: the
    question is not drafted, and the other questions still are asked."""
    def reply(request):
        if "What is early stopping?" in json.loads(request.content)["messages"][1]["content"]:
            return httpx.Response(400, json={"error": {
                "message": "This model's maximum context length is 8192 tokens",
                "type": "invalid_request_error", "code": "context_length_exceeded"}})
        return httpx.Response(200, json=chat_body(json.dumps(GOOD)))

    route = router.post(CHAT_URL).mock(side_effect=reply)
    code = main(["corpus", "draft-rubrics", "--deck", "training", "--concurrency", "1"])
    err = capsys.readouterr().err
    assert code == 1
    assert "not drafted: early-stopping:" in err and "maximum context length" in err
    assert "run the same command again to resume" not in err  # the run was not stopped
    asked = [request_json(c)["messages"][1]["content"] for c in route.calls]
    assert any("What is weight decay?" in text for text in asked)
    assert not (deck / "early-stopping.yaml").exists()


@pytest.mark.parametrize("value", ["0", "two"])
def test_concurrency_must_be_a_positive_whole_number(isolated_home, capsys, value):
    with pytest.raises(SystemExit) as exited:
        main(["corpus", "draft-rubrics", "--deck", "training", "--concurrency", value])
    assert exited.value.code == 2
    assert "--concurrency" in capsys.readouterr().err
