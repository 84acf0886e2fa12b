"""The `Settings` model (pydantic-settings). Import it through `interviewer.settings`, whose
`load_settings` turns validation errors into a ConfigError; this module is kept apart because
pydantic-settings takes ~100 ms to import, and the app's first paint does not wait for it."""

import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    YamlConfigSettingsSource,
)

from interviewer.settings import config_path, default_home


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
                          r"\u2028\u2029\ud800-\udfff]")


def _printable(value: str) -> str:
    """Refuse control, bidi and undecodable characters: a name is shown on screen and stored."""
    bad = _UNPRINTABLE.search(value)
    if bad:
        what = "undecodable bytes (not UTF-8)" if "\ud800" <= bad.group() <= "\udfff" \
            else f"a control or text-direction character (U+{ord(bad.group()):04X})"
        raise ValueError(f"contains {what}; use plain text")
    return value


#: A model name or theme: one printable line (the session stores it, screens show it).
PrintableName = Annotated[str, StringConstraints(min_length=1, max_length=200),
                          AfterValidator(_printable)]
#: A backend is a registry or entry-point name.
BackendName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
#: An environment variable name.
EnvName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z_][A-Za-z0-9_]{0,127}$")]
#: A server URL: no spaces or control characters, a sane length.
Url = Annotated[str, StringConstraints(max_length=2000, pattern=r"^[^\s\x00-\x1f\x7f]+$")]
ShortKey = Annotated[str, StringConstraints(max_length=200), AfterValidator(_printable)]


class HomeState(BaseModel):
    """Home's last choices, written by the app to the config file's `state:` section when a
    session starts, and restored on Home next time. Not flags: flags and INTERVIEWER_*
    variables still win. Delete the section to forget them."""

    model_config = ConfigDict(extra="forbid")

    deck: PrintableName | None = None
    topics: list[ShortKey] = Field(default_factory=list, max_length=500)
    difficulty: ShortKey | None = None
    count: int | None = Field(default=None, ge=1, le=100)
    mode: Literal["practice", "interview"] | None = None
    time_limit_s: int | None = Field(default=None, ge=0)
    favour_weak: bool | None = None
    pick: Literal["random", "due", "all"] | None = None
    hints_cost: bool | None = Field(default=None, description="Whether hints cost points.")
    backend: BackendName | None = None
    model: PrintableName | None = None
    base_url: Url | None = None

    @field_validator("*", mode="wrap")
    @classmethod
    def _forget_invalid(cls, value: Any, handler, info: ValidationInfo) -> Any:
        """A remembered choice that is not valid (edited by hand, or from another version)
        is forgotten rather than refused: Home must still open. Checked like the settings
        themselves, so nothing unprintable is shown or used."""
        try:
            return handler(value)
        except ValidationError:
            return cls.model_fields[info.field_name].get_default(call_default_factory=True)


class Settings(BaseSettings):
    """Everything a user can configure."""

    model_config = SettingsConfigDict(env_prefix="INTERVIEWER_", extra="forbid")

    home: Path = Field(default_factory=default_home, description="Data folder (the store lives here).")
    data_dir: Path | None = Field(
        default=None,
        description="Folder with your own `corpus/` and `rubrics/` (default: the home folder); "
        "its decks add to the shipped ones.",
    )
    backend: BackendName = Field(default="offline",
                                 description="offline | openai | litellm | a plugin's name")
    model: PrintableName | None = None
    base_url: Url | None = Field(default=None, description="OpenAI-compatible server, e.g. Ollama's.")
    api_key_env: EnvName | None = Field(
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
    keys: dict[ShortKey, ShortKey] = Field(
        default_factory=dict, max_length=500,
        description="Key binding overrides: binding id -> keys.",
    )
    theme: PrintableName | None = None
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
        """A copy with command-line flags applied (None values are ignored), validated like
        the config file (ValidationError names the setting)."""
        given = {k: v for k, v in overrides.items() if v is not None}
        if not given:
            return self
        # model_validate checks the values without reading env or the config file again
        current = {name: getattr(self, name) for name in type(self).model_fields}
        return type(self).model_validate({**current, **given})
