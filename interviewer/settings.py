"""Settings: `INTERVIEWER_*` environment variables, then an optional YAML config file.

Precedence (highest first): command-line flags (applied by the CLI), environment,
config file (`$INTERVIEWER_CONFIG`, else `<home>/config.yaml`), defaults.
API keys are read from the environment variable named by `api_key_env` (or the config file's
`api_key`) and are never written to the store, exports or logs.
"""

import os
from pathlib import Path
from typing import Any

import platformdirs
from pydantic import Field, SecretStr
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    YamlConfigSettingsSource,
)

APP_NAME = "interviewer"


def default_home() -> Path:
    return Path(os.environ.get("INTERVIEWER_HOME") or platformdirs.user_data_path(APP_NAME))


def config_path() -> Path:
    explicit = os.environ.get("INTERVIEWER_CONFIG")
    return Path(explicit) if explicit else default_home() / "config.yaml"


class Settings(BaseSettings):
    """Everything a user can configure."""

    model_config = SettingsConfigDict(env_prefix="INTERVIEWER_", extra="forbid")

    home: Path = Field(default_factory=default_home, description="Data folder (the store lives here).")
    data_dir: Path | None = Field(
        default=None,
        description="Extra folder with `corpus/` and `rubrics/`; its decks add to the shipped ones.",
    )
    backend: str = Field(default="offline", description="offline | openai | litellm | a plugin's name")
    model: str | None = None
    base_url: str | None = Field(default=None, description="OpenAI-compatible server, e.g. Ollama's.")
    api_key_env: str | None = Field(
        default=None, description="Name of the env var holding the API key (default per backend)."
    )
    api_key: SecretStr | None = Field(default=None, description="Key from the config file only.")
    timeout_s: float = Field(default=60.0, gt=0)
    max_retries: int = Field(default=2, ge=0, le=10)
    concurrency: int = Field(default=4, ge=1, le=256)
    follow_up_budget: int = Field(default=2, ge=0, le=5)
    keys: dict[str, str] = Field(
        default_factory=dict, description="Key binding overrides: binding id -> keys."
    )
    theme: str | None = None

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        path = config_path()
        if path.is_file():
            sources.append(YamlConfigSettingsSource(settings_cls, yaml_file=path))
        return tuple(sources)

    @property
    def db_path(self) -> Path:
        return self.home / "interviewer.db"

    def with_overrides(self, **overrides: Any) -> "Settings":
        """A copy with command-line flags applied (None values are ignored)."""
        given = {k: v for k, v in overrides.items() if v is not None}
        return self.model_copy(update=given) if given else self


def load_settings(**overrides: Any) -> Settings:
    """Read settings; a bad config file raises ConfigError naming the file and the field."""
    from pydantic import ValidationError

    try:
        settings = Settings()
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise ConfigError(f"{config_path()}: invalid settings: {problems}") from None
    return settings.with_overrides(**overrides)


class ConfigError(Exception):
    """Settings could not be read; the message names the file or variable to fix."""
