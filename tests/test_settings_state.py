"""Home's last choices are written into the config file's `state:` section, and nothing else
in the file changes: the user's settings, comments and order stay as they were."""

import os
import stat

import yaml

from interviewer.settings import config_path, load_settings, provisional_settings
from interviewer.settings_state import replace_state, save_home_state

STATE = {"deck": "pytorch", "topics": ["cnn"], "count": 5, "mode": "practice"}


def test_a_new_state_section_is_added_at_the_end():
    text = "# mine\nbackend: openai  # my key is in TEAM_KEY\napi_key_env: TEAM_KEY"
    new = replace_state(text, STATE)
    assert new.startswith(text + "\n")
    assert yaml.safe_load(new)["state"] == STATE and yaml.safe_load(new)["backend"] == "openai"


def test_only_the_state_section_is_replaced():
    text = ("theme: textual-light\nstate:\n  deck: old\n  topics:\n  - losses\n\n"
            "# keys below\nkeys:\n  interview.submit: f5\n")
    new = replace_state(text, STATE)
    assert new.startswith("theme: textual-light\nstate:\n  deck: pytorch\n")
    assert new.endswith("\n\n# keys below\nkeys:\n  interview.submit: f5\n")
    assert "losses" not in new and yaml.safe_load(new)["state"] == STATE
    flow = replace_state("state: {deck: old}\nbackend: offline\n", STATE)
    assert yaml.safe_load(flow) == {"state": STATE, "backend": "offline"}


def test_saved_state_is_valid_settings_and_keeps_the_files_mode(isolated_home):
    path = config_path()
    path.write_text("follow_up_budget: 1\n", encoding="utf-8")
    os.chmod(path, 0o600)  # it may hold an API key
    save_home_state({**STATE, "backend": "offline", "model": None})
    settings = load_settings()
    assert settings.follow_up_budget == 1 and settings.state.topics == ["cnn"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not list(path.parent.glob(".*.part"))


def test_a_symlinked_config_file_stays_a_symlink(isolated_home, tmp_path):
    real = tmp_path / "dotfiles" / "interviewer.yaml"
    real.parent.mkdir()
    real.write_text("theme: textual-light\n", encoding="utf-8")
    config_path().symlink_to(real)
    save_home_state(STATE)
    assert config_path().is_symlink() and "deck: pytorch" in real.read_text(encoding="utf-8")


def test_home_reads_the_state_without_validating_and_flags_win(monkeypatch):
    config_path().write_text("backend: openai\nstate:\n  backend: offline\n  count: 3\n",
                             encoding="utf-8")
    early = provisional_settings({})
    assert early["state"] == {"backend": "offline", "count": 3} and not early["backend_fixed"]
    assert provisional_settings({"backend": "litellm"})["backend_fixed"]
    monkeypatch.setenv("INTERVIEWER_BACKEND", "openai")
    assert provisional_settings({})["backend_fixed"]
