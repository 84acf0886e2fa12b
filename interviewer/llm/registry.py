"""Which backends exist and how to build one: the built-ins and any installed plugin.

A plugin is a package with an entry point in the group `interviewer.backends` whose value is
a factory `factory(options: BackendOptions) -> Backend`, e.g. in its pyproject.toml:

    [project.entry-points."interviewer.backends"]
    mymodel = "my_package.backend:create"

The built-ins are registered the same way (by module path), so they go through the same code
as third-party backends. A plugin that fails to load is skipped with a warning: one broken
plugin never breaks the app.
"""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from interviewer.llm.errors import BackendConfigError, LLMError
from interviewer.llm.options import BackendOptions, options_from_settings

if TYPE_CHECKING:
    from interviewer.llm.protocol import Backend
    from interviewer.settings import Settings

ENTRY_POINT_GROUP = "interviewer.backends"
#: "offline" means no model at all: the rubric-driven grader and interviewer.
OFFLINE = "offline"

BackendFactory = Callable[[BackendOptions], "Backend"]

#: Built-ins by dotted path, so their SDKs are imported only when chosen.
BUILTINS: dict[str, str] = {
    "openai": "interviewer.llm.openai_backend:create",
    "litellm": "interviewer.llm.litellm_backend:create",
}


@dataclass(frozen=True)
class BackendEntry:
    """One registered backend: where its factory lives and where it came from."""

    name: str
    target: str                      # "module:attribute"
    origin: str = "built-in"         # or the plugin's distribution name

    def load(self) -> BackendFactory:
        module_name, _, attr = self.target.partition(":")
        factory = getattr(importlib.import_module(module_name), attr)
        if not callable(factory):
            raise TypeError(f"{self.target} is not callable")
        return factory


class _PluginWarning(UserWarning):
    """A backend plugin could not be loaded (it is skipped)."""


def discover() -> dict[str, BackendEntry]:
    """Every backend by name: offline, the built-ins, then plugins (a plugin cannot replace a
    built-in). Entry points are listed, not imported: a plugin's import cost and import
    errors only matter when it is chosen."""
    found: dict[str, BackendEntry] = {OFFLINE: BackendEntry(OFFLINE, "", "built-in")}
    found.update({name: BackendEntry(name, target) for name, target in BUILTINS.items()})
    try:
        from importlib.metadata import entry_points

        points = entry_points(group=ENTRY_POINT_GROUP)
    except Exception as exc:  # a corrupt installed distribution must not break the app
        warnings.warn(f"could not list backend plugins: {exc}", _PluginWarning, stacklevel=2)
        return found
    for point in points:
        if point.name in found:
            warnings.warn(f"backend plugin {point.name!r} ({point.value}) is ignored: the name "
                          f"is taken by a built-in backend", _PluginWarning, stacklevel=2)
            continue
        dist = getattr(getattr(point, "dist", None), "name", None) or "plugin"
        found[point.name] = BackendEntry(point.name, point.value, dist)
    return found


def backend_names() -> list[str]:
    """Names accepted by --backend."""
    return list(discover())


def check_plugins() -> list[tuple[str, str | None]]:
    """Load every plugin: (name, None) if it loads, (name, error) if not. For `doctor`;
    each failure also warns."""
    results = []
    for entry in discover().values():
        if entry.origin == "built-in":
            continue
        try:
            entry.load()
        except Exception as exc:
            warnings.warn(f"backend plugin {entry.name!r} could not be loaded: {exc}",
                          _PluginWarning, stacklevel=2)
            results.append((entry.name, f"{type(exc).__name__}: {exc}"))
        else:
            results.append((entry.name, None))
    return results


def create_backend(options: BackendOptions) -> Backend | None:
    """The backend `options.name` names, or None for "offline". Unknown names, plugins that
    fail to load or to start, and missing settings raise BackendConfigError."""
    entries = discover()
    if options.name == OFFLINE:
        return None
    entry = entries.get(options.name)
    if entry is None:
        raise BackendConfigError(
            f"unknown backend {options.name!r}; choose one of {', '.join(entries)} with "
            f"--backend (or INTERVIEWER_BACKEND)")
    try:
        factory = entry.load()
    except ImportError as exc:
        if entry.origin == "built-in" and options.name == "litellm":
            raise BackendConfigError(
                "litellm backend: litellm is not installed; pip install 'interviewer[litellm]' "
                "(or use --backend openai with --base-url for an OpenAI-compatible server)"
            ) from exc
        raise BackendConfigError(
            f"backend {options.name!r} ({entry.origin}) could not be loaded: {exc}; reinstall "
            f"the plugin or choose another --backend") from exc
    except Exception as exc:
        raise BackendConfigError(
            f"backend {options.name!r} ({entry.origin}) could not be loaded: "
            f"{type(exc).__name__}: {exc}; choose another --backend") from exc
    try:
        return factory(options)
    except LLMError:
        raise
    except Exception as exc:
        raise BackendConfigError(
            f"backend {options.name!r} ({entry.origin}) failed to start: "
            f"{type(exc).__name__}: {exc}") from exc


def backend_from_settings(settings: Settings) -> Backend | None:
    """The configured backend (None for offline); key resolution as in options_from_settings."""
    if settings.backend == OFFLINE:
        return None
    if settings.backend not in discover():
        return create_backend(BackendOptions(name=settings.backend))  # raises, listing names
    return create_backend(options_from_settings(settings))
