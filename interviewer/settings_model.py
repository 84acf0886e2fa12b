"""The `Settings` model (pydantic-settings). Import it through `interviewer.settings`, whose
`load_settings` turns validation errors into a ConfigError; this module is kept apart because
pydantic-settings takes ~100 ms to import, and the app's first paint does not wait for it."""

import re
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, Field, SecretStr, StringConstraints
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


class Settings(BaseSettings):
    """Everything a user can configure."""

    model_config = SettingsConfigDict(env_prefix="INTERVIEWER_", extra="forbid")

    home: Path = Field(default_factory=default_home, description="Data folder (the store lives here).")
    data_dir: Path | None = Field(
        default=None,
        description="Extra folder with `corpus/` and `rubrics/`; its decks add to the shipped ones.",
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
    keys: dict[ShortKey, ShortKey] = Field(
        default_factory=dict, max_length=500,
        description="Key binding overrides: binding id -> keys.",
    )
    theme: PrintableName | None = None

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
        """A copy with command-line flags applied (None values are ignored), validated like
        the config file (ValidationError names the setting)."""
        given = {k: v for k, v in overrides.items() if v is not None}
        if not given:
            return self
        # model_validate checks the values without reading env or the config file again
        current = {name: getattr(self, name) for name in type(self).model_fields}
        return type(self).model_validate({**current, **given})
