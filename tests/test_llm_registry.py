"""Choosing a backend: built-ins and plugins through one registry, settings from flags, env
and config file, errors that name the fix, and keys that never leak."""

import logging
from importlib.metadata import EntryPoint

import httpx
import pytest
import respx

from interviewer.cli.main import main
from interviewer.engine.backends import make_interviewer
from interviewer.grading.factory import make_grader
from interviewer.grading.llm_grader import LLMGrader
from interviewer.engine.llm_interviewer import LLMInterviewer
from interviewer.grading.offline_grader import OfflineGrader
from interviewer.engine.offline_interviewer import OfflineInterviewer
from interviewer.grading.protocols import GradeRequest
from interviewer.llm import registry
from interviewer.llm.errors import BackendConfigError
from interviewer.settings import Settings, load_settings
from tests.support.llm_helpers import CHAT_URL, grading_reply, zero_grad

GROUP = registry.ENTRY_POINT_GROUP


@pytest.fixture
def plugins(monkeypatch):
    """Install fake entry points: a working plugin, a broken one, and one shadowing a built-in."""
    points = [
        EntryPoint("scripted", "tests.support.scripted_backend:create", GROUP),
        EntryPoint("broken", "no_such_module_for_interviewer:create", GROUP),
        EntryPoint("openai", "no_such_module_for_interviewer:create", GROUP),
    ]
    import importlib.metadata

    monkeypatch.setattr(importlib.metadata, "entry_points",
                        lambda group=None: [p for p in points if p.group == group])
    return points


def test_offline_means_no_model_at_all():
    settings = Settings(backend="offline")
    assert isinstance(make_grader(settings), OfflineGrader)
    assert isinstance(make_interviewer(settings), OfflineInterviewer)


def test_openai_backend_gives_llm_grader_and_interviewer():
    settings = Settings(backend="openai", base_url="http://localhost:11434/v1", model="llama3")
    grader, interviewer = make_grader(settings), make_interviewer(settings)
    assert isinstance(grader, LLMGrader) and isinstance(interviewer, LLMInterviewer)
    assert grader.name == interviewer.name == "openai"
    assert isinstance(grader.offline, OfflineGrader)


def test_unknown_backend_lists_the_choices():
    with pytest.raises(BackendConfigError) as caught:
        make_grader(Settings(backend="gpt"))
    assert "offline, openai, litellm" in str(caught.value) and "--backend" in str(caught.value)


def test_settings_come_from_env_and_flags_override_them(monkeypatch):
    monkeypatch.setenv("INTERVIEWER_BACKEND", "openai")
    monkeypatch.setenv("INTERVIEWER_BASE_URL", "http://localhost:1234/v1")
    monkeypatch.setenv("INTERVIEWER_MODEL", "qwen")
    grader = make_grader(load_settings())
    assert (grader.backend.model, grader.backend.options.base_url) == ("qwen", "http://localhost:1234/v1")
    grader = make_grader(load_settings(model="phi"))
    assert grader.backend.model == "phi"


def test_settings_from_the_config_file(tmp_path, monkeypatch):
    config = tmp_path / "config.yaml"
    config.write_text("backend: openai\nbase_url: http://127.0.0.1:8080/v1\nmodel: local\n"
                      "api_key_env: LOCAL_KEY\n")
    monkeypatch.setenv("INTERVIEWER_CONFIG", str(config))
    monkeypatch.setenv("LOCAL_KEY", "sk-local")
    grader = make_grader(load_settings())
    assert grader.backend.model == "local" and grader.backend.options.api_key == "sk-local"


async def test_plugin_backend_goes_through_the_same_path(plugins):
    _, rubric = zero_grad()
    assert "scripted" in registry.backend_names()
    grader = make_grader(Settings(backend="scripted", model="script"))
    grader.backend.replies.extend([grading_reply(rubric)])
    question, rubric = zero_grad()
    grade = await grader.grade(GradeRequest(question=question, rubric=rubric,
                                            answer="Gradients accumulate, so clear them each batch."))
    assert grade.backend == "scripted" and not grade.has_flag("fallback")


def test_a_broken_plugin_warns_and_breaks_nothing_else(plugins):
    names = registry.backend_names()
    assert {"offline", "openai", "litellm", "scripted", "broken"} <= set(names)
    with pytest.warns(UserWarning, match="broken"):
        results = dict(registry.check_plugins())
    assert results["scripted"] is None and "ModuleNotFoundError" in results["broken"]
    with pytest.raises(BackendConfigError, match="could not be loaded"):
        make_grader(Settings(backend="broken"))
    assert isinstance(make_grader(Settings(backend="offline")), OfflineGrader)
    # the plugin named "openai" cannot replace the built-in
    assert isinstance(make_grader(Settings(backend="openai", base_url="http://x/v1", model="m")), LLMGrader)


def test_plugin_that_fails_to_start_is_a_config_error(monkeypatch):
    import importlib.metadata

    monkeypatch.setattr(importlib.metadata, "entry_points", lambda group=None: [
        EntryPoint("fussy", "builtins:divmod", GROUP)] if group == GROUP else [])
    with pytest.raises(BackendConfigError, match="fussy.*failed to start"):
        make_grader(Settings(backend="fussy"))


async def test_the_key_never_reaches_grades_or_logs(monkeypatch, caplog):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-very-secret-123")
    caplog.set_level(logging.DEBUG)
    question, rubric = zero_grad()
    # named explicitly: only then does OPENAI_API_KEY go to a server other than api.openai.com
    grader = make_grader(Settings(backend="openai", base_url="http://127.0.0.1:8765/v1", model="m",
                                  max_retries=0, api_key_env="OPENAI_API_KEY"))
    with respx.mock(assert_all_mocked=True) as router:
        route = router.post(CHAT_URL).mock(return_value=httpx.Response(500, json={"error": {"message": "boom"}}))
        grade = await grader.grade(GradeRequest(question=question, rubric=rubric, answer="It accumulates gradients each batch."))
    assert route.calls.last.request.headers["authorization"] == "Bearer sk-very-secret-123"
    assert grade.has_flag("fallback")
    assert "sk-very-secret" not in grade.model_dump_json()
    assert "sk-very-secret" not in caplog.text
    assert "sk-very-secret" not in repr(grader.backend.options)


def test_cli_reports_a_backend_problem_in_one_line(capsys, monkeypatch):
    monkeypatch.setenv("INTERVIEWER_BACKEND", "openai")
    code = main(["doctor"])
    out = capsys.readouterr().out
    assert code == 1
    assert "OPENAI_API_KEY" in out and "Traceback" not in out
