"""The `Settings` model (pydantic-settings). Import it through `interviewer.settings`, whose
`load_settings` turns validation errors into a ConfigError; this module is kept apart because
pydantic-settings takes ~100 ms to import, and the app's first paint does not wait for it."""

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    YamlConfigSettingsSource,
)

from interviewer.settings import config_path, default_home


class HomeState(BaseModel):
    """Home's last choices, written by the app to the config file's `state:` section when a
    session starts, and restored on Home next time. Not flags: flags and INTERVIEWER_*
    variables still win. Delete the section to forget them."""

    model_config = ConfigDict(extra="forbid")

    deck: str | None = None
    topics: list[str] = Field(default_factory=list)
    difficulty: str | None = None
    count: int | None = Field(default=None, ge=1, le=100)
    mode: Literal["practice", "interview"] | None = None
    time_limit_s: int | None = Field(default=None, ge=0)
    favour_weak: bool | None = None
    pick: Literal["random", "due", "all"] | None = None
    hints_cost: bool | None = Field(default=None, description="Whether hints cost points.")
    backend: str | None = None
    model: str | None = None
    base_url: str | None = None


class Settings(BaseSettings):
    """Everything a user can configure."""

    model_config = SettingsConfigDict(env_prefix="INTERVIEWER_", extra="forbid")

    home: Path = Field(default_factory=default_home, description="Data folder (the store lives here).")
    data_dir: Path | None = Field(
        default=None,
        description="Folder with your own `corpus/` and `rubrics/` (default: the home folder); "
        "its decks add to the shipped ones.",
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
    hint_cost: float = Field(
        default=0, ge=0, le=50,
        description="Practice mode: points each hint costs (0: hints are free). Home can turn "
        "it on for a session.",
    )
    keys: dict[str, str] = Field(
        default_factory=dict, description="Key binding overrides: binding id -> keys."
    )
    theme: str | None = None
    state: HomeState = Field(
        default_factory=HomeState, description="Home's last choices (written by the app)."
    )

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
    def user_data_dir(self) -> Path:
        """Where the user's own decks and rubrics live (`corpus/`, `rubrics/`): `data_dir`
        when set, else the home folder. `corpus import` writes there; every command reads it."""
        return self.data_dir if self.data_dir is not None else self.home

    @property
    def db_path(self) -> Path:
        return self.home / "interviewer.db"

    def with_overrides(self, **overrides: Any) -> "Settings":
        """A copy with command-line flags applied (None values are ignored)."""
        given = {k: v for k, v in overrides.items() if v is not None}
        return self.model_copy(update=given) if given else self
