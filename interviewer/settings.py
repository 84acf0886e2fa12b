"""Settings: `INTERVIEWER_*` environment variables, then an optional YAML config file.

Precedence (highest first): command-line flags (applied by the CLI), environment,
config file (`$INTERVIEWER_CONFIG`, else `<home>/config.yaml`), defaults.
API keys are read from the environment variable named by `api_key_env` (or the config file's
`api_key`) and are never written to the store, exports or logs.

This module is cheap to import (no pydantic): `interviewer --help` and the app's first paint
use it. The `Settings` model lives in `interviewer.settings_model` and is loaded on first use
(`load_settings()`, or `from interviewer.settings import Settings`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from interviewer.settings_model import Settings

APP_NAME = "interviewer"


def default_home() -> Path:
    explicit = os.environ.get("INTERVIEWER_HOME")
    if explicit:
        return Path(explicit)
    import platformdirs

    return Path(platformdirs.user_data_path(APP_NAME))


def config_path() -> Path:
    explicit = os.environ.get("INTERVIEWER_CONFIG")
    return Path(explicit) if explicit else default_home() / "config.yaml"


def load_settings(**overrides: Any) -> Settings:
    """Read settings; a bad config file raises ConfigError naming the file and the field."""
    from pydantic import ValidationError

    from interviewer.settings_model import Settings

    try:
        settings = Settings()
    except ValidationError as exc:
        raise ConfigError(f"{config_path()}: invalid settings: {_problems(exc)}") from None
    try:
        return settings.with_overrides(**overrides)
    except ValidationError as exc:
        raise ConfigError(f"invalid option: {_problems(exc, flags=True)}") from None


def _problems(exc, *, flags: bool = False) -> str:
    """'model: String should have at most 200 characters; ...' (`flags`: as `--model`)."""
    out = []
    for err in exc.errors(include_url=False):
        where = ".".join(str(p) for p in err["loc"])
        if flags:
            where = "--" + where.replace("_", "-")
        out.append(f"{where}: {err['msg'].removeprefix('Value error, ')}")
    return "; ".join(out)


def read_config_file(needs: str | None = None) -> dict[str, Any]:
    """The config file as a plain mapping, read without validating it ({} when it is missing,
    unreadable or not a mapping: `load_settings` reports those). With `needs`, a file whose
    text does not contain it is not parsed at all (most files: no YAML parser to load)."""
    try:
        text = config_path().read_text(encoding="utf-8")
    except (OSError, UnicodeError):
        return {}
    if needs is not None and needs not in text:
        return {}
    import yaml

    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def configured_theme() -> str | None:
    """The theme the environment or the config file names, read without loading or validating
    the settings: the app applies it to its first paint, which does not wait for
    `load_settings` (the validated settings follow). None when unset or unreadable."""
    theme = os.environ.get("INTERVIEWER_THEME")
    if theme:
        return theme
    theme = read_config_file(needs="theme").get("theme")
    return theme if isinstance(theme, str) else None


def provisional_settings(overrides: dict[str, Any]) -> dict[str, Any]:
    """What Home shows before the validated settings arrive (they follow within a fraction of
    a second, and win): backend, model, base URL and data folder from the flags, then the
    INTERVIEWER_* variables, then the config file; and the config file's `state:` (Home's
    remembered choices). Read without pydantic, so the form appears right after the first
    paint. `backend_fixed`: the backend came from a flag or a variable, which the remembered
    choice must not override."""
    config = read_config_file()
    out: dict[str, Any] = {}
    for key in ("backend", "model", "base_url", "data_dir", "hint_cost"):
        value = overrides.get(key)
        if value is None:
            value = os.environ.get(f"INTERVIEWER_{key.upper()}") or config.get(key)
        if value is not None and value != "":
            out[key] = value
    out.setdefault("backend", "offline")
    state = config.get("state")
    out["state"] = state if isinstance(state, dict) else {}
    out["backend_fixed"] = overrides.get("backend") is not None or bool(
        os.environ.get("INTERVIEWER_BACKEND"))
    return out


class ConfigError(Exception):
    """Settings could not be read; the message names the file or variable to fix."""


def __getattr__(name: str) -> Any:
    # `from interviewer.settings import Settings` keeps working; the model (and pydantic) load
    # only when someone asks for it.
    if name == "Settings":
        from interviewer.settings_model import Settings

        return Settings
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
