"""`interviewer doctor`: check the chosen backend end to end and say what to fix.

Checks, in order, stopping at the first that makes the rest meaningless: the settings and
backend name, the key (which variable goes to which host), the server (reachable, model
listed), a one-token completion, a streamed reply, and structured output. Schema enforcement
is claimed only when verified: one probe asks for a reply that breaks the schema, and only a
server that still returns a valid object enforces it.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass

from interviewer.cli import exit_codes
from interviewer.cli.common import add_backend_flags, out, settings_from_args


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "doctor", help="check the chosen model backend end to end and say what to fix",
        description="Checks that the backend is configured, the server is reachable, the model "
        "is listed, a one-token completion and a streamed reply work, and structured output is "
        "supported. Exit status 0 when everything works, 1 otherwise.")
    add_backend_flags(p)
    p.set_defaults(func=cmd_doctor)


@dataclass
class Check:
    ok: bool | None          # None: skipped / warning
    label: str
    detail: str = ""

    def line(self) -> str:
        mark = {True: "ok  ", False: "FAIL", None: "warn"}[self.ok]
        return f"[{mark}] {self.label}" + (f": {self.detail}" if self.detail else "")


def cmd_doctor(args: argparse.Namespace) -> int:
    import asyncio

    from interviewer.redaction import redact

    def emit(check: Check) -> None:
        # a check's detail may quote a server's error body: cleaned for the terminal, no keys
        out(redact(check.line()))
        sys.stdout.flush()

    settings = settings_from_args(args)
    checks = asyncio.run(run_checks(settings, emit=emit))
    failed = [c for c in checks if c.ok is False]
    print(f"{len(failed)} problem(s) found" if failed else "everything works", file=sys.stderr)
    return exit_codes.PROBLEMS if failed else exit_codes.OK


async def run_checks(settings, emit=lambda check: None) -> list[Check]:
    """Run the checks for `settings`, passing each result to `emit` as it is known."""
    from interviewer.llm.errors import LLMError
    from interviewer.llm.options import options_from_settings
    from interviewer.llm.registry import OFFLINE, check_plugins, create_backend, discover

    results: list[Check] = []

    def add(check: Check) -> Check:
        results.append(check)
        emit(check)
        return check

    names = discover()
    for name, error in check_plugins():
        add(Check(error is None, f"plugin {name}", "loads" if error is None else
                  f"{error} (skipped; reinstall or uninstall it)"))
    if settings.backend == OFFLINE:
        add(Check(True, "backend offline", "no model, key or network needed; choose a model "
                  "with --backend openai|litellm|<plugin> --model NAME"))
        return results
    if settings.backend not in names:
        add(Check(False, f"backend {settings.backend}", f"unknown; choose one of "
                  f"{', '.join(names)} with --backend (or INTERVIEWER_BACKEND)"))
        return results
    try:
        options = options_from_settings(settings)
        backend = create_backend(options)
    except LLMError as exc:
        add(Check(False, f"backend {settings.backend}", str(exc)))
        return results
    assert backend is not None
    where = backend.options.base_url if hasattr(backend, "options") else None
    add(Check(True, f"backend {backend.name}", f"model {backend.model!r}"
              + (f" at {where}" if where else "")))
    add(_key_check(options, backend))
    try:
        await _server_checks(backend, add)
    finally:
        await backend.aclose()
    return results


def _key_check(options, backend) -> Check:
    """Which key variable goes to which host (never the key itself)."""
    from interviewer.llm.options import PLACEHOLDER_KEY

    used = getattr(backend, "options", options)
    key = used.api_key
    host = used.base_url or ("api.openai.com" if backend.name == "openai" else None)
    if key == PLACEHOLDER_KEY:
        withheld = (f"; {options.withheld_env} is set but goes only to api.openai.com: name a "
                    f"variable with --api-key-env to send a key here") if options.withheld_env else ""
        return Check(True, "API key", f"none: a placeholder goes to {host} (keyless local "
                     f"server){withheld}")
    if key:
        return Check(True, "API key", f"{options.key_env or 'the configured key'} -> {host or 'the provider'}")
    return _provider_key_check(backend)


def _provider_key_check(backend) -> Check:
    """litellm without a base URL: it reads the provider's own variable."""
    try:
        from interviewer.llm.litellm_backend import import_litellm

        litellm = import_litellm()
        found = litellm.validate_environment(model=backend.model)
        provider = litellm.get_llm_provider(backend.model)[1]
    except Exception:  # not litellm, or a model litellm cannot place: the calls below tell
        return Check(None, "API key", "none given; the provider's own env var is used if set "
                     "(e.g. ANTHROPIC_API_KEY); --api-key-env names another")
    missing = found.get("missing_keys") or []
    if missing:
        return Check(False, "API key", f"{', '.join(missing)} not set: litellm needs it for "
                     f"{backend.model}; export it, or name another variable with --api-key-env")
    return Check(True, "API key", f"the {provider} variable (read by litellm) -> the {provider} API")


async def _server_checks(backend, add) -> None:
    from interviewer.llm.errors import LLMError

    messages = [{"role": "user", "content": "Reply with the single word: OK"}]
    try:
        models = await backend.list_models()
    except LLMError as exc:
        add(Check(False, "server reachable", str(exc)))
        return
    if models is None:
        add(Check(None, "model listed", "this backend cannot list models; checked by a call below"))
    else:
        add(Check(True, "server reachable", f"{len(models)} model(s) listed"))
        if backend.model in models:
            add(Check(True, "model listed", backend.model))
        else:
            shown = ", ".join(models[:8]) + (" ..." if len(models) > 8 else "")
            add(Check(False, "model listed", f"{backend.model!r} is not among the server's "
                      f"models ({shown or 'none'}); pass one with --model"))
    try:
        start = time.perf_counter()
        reply = await backend.complete(messages, max_tokens=1, temperature=0)
        add(Check(True, "one-token completion",
                  f"{reply.text.strip()[:40]!r} in {time.perf_counter() - start:.2f} s"))
    except LLMError as exc:
        add(Check(False, "one-token completion", str(exc)))
        return
    try:
        start = time.perf_counter()
        first = None
        async for _ in backend.stream(messages, max_tokens=5, temperature=0):
            first = first or time.perf_counter() - start
        add(Check(True, "streaming", f"first token after {first or 0:.2f} s"))
    except LLMError as exc:
        add(Check(False, "streaming", f"{exc} (follow-ups will use the rubric's own probes)"))
    try:
        out = await backend.structured(
            [{"role": "user", "content": 'Reply with the JSON object {"ok": true}.'}],
            _probe_model(), max_tokens=20, max_reasks=1)
    except LLMError as exc:
        add(Check(False, "structured output", f"{exc} (grading will fall back to offline)"))
        return
    if out.mode == "strict":
        add(await _enforcement_check(backend))
    else:
        add(Check(None, "structured output", f"the server does not enforce a JSON schema; plain "
                  f"JSON plus validation is used ({out.mode} mode) — grading works, re-asks "
                  f"may be needed"))
    add(Check(True, "usage", backend.usage.summary()))


#: Asks for a reply that breaks the probe schema: a server that enforces the schema cannot
#: send it, one that ignores the schema (and an obedient model) will.
VIOLATION_PROBE = ('Reply with exactly this text and nothing else:\n'
                   '{"ok": "not a boolean", "extra": 1}')


async def _enforcement_check(backend) -> Check:
    """The server took the schema: does it enforce it? One schema-breaking probe says."""
    from interviewer.llm.errors import BadOutputError, LLMError

    try:
        out = await backend.structured([{"role": "user", "content": VIOLATION_PROBE}],
                                       _probe_model(), max_tokens=20, max_reasks=0)
    except BadOutputError:
        return Check(None, "structured output", "the server accepts a JSON schema but does not "
                     "enforce it (a reply that breaks the schema came back); plain JSON plus "
                     "validation is used — grading works, re-asks may be needed")
    except LLMError as exc:
        return Check(None, "structured output", f"schema accepted; enforcement not verified ({exc})")
    if out.mode != "strict":
        return Check(None, "structured output", f"the server refused the schema on the second "
                     f"probe; {out.mode} mode with validation is used")
    return Check(True, "structured output", "JSON schema enforced by the server (strict mode; "
                 "verified: a reply asked to break the schema came back valid)")


def _probe_model():
    """The smallest structured reply: {"ok": true} (pydantic is imported only when run)."""
    from pydantic import BaseModel

    class _Probe(BaseModel):
        ok: bool

    return _Probe
