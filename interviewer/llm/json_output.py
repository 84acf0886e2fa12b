"""Getting a JSON object out of a model: the strict JSON schema we send, the text we pull the
object from, and the validation error we feed back on a re-ask."""

from __future__ import annotations

import copy
import json
import re
from functools import lru_cache
from typing import Any

from typing import TypeVar

from pydantic import BaseModel, ValidationError

T = TypeVar("T", bound=BaseModel)

_FENCE = re.compile(r"```(?:json|JSON)?\s*\n?(.*?)```", re.DOTALL)


@lru_cache(maxsize=256)
def strict_json_schema(schema: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON schema in the form OpenAI's strict mode accepts: every object closed
    (additionalProperties false) with all its properties required, no defaults or titles.
    Cached per model class (generating it costs milliseconds): treat the result as read-only."""
    raw = schema.model_json_schema(by_alias=True, mode="validation")
    strict = _strict(copy.deepcopy(raw))
    defs = strict.pop("$defs", None)
    if not defs:
        return strict
    try:
        # Inlined: some local servers' grammar converters (and OpenAI, when a $ref has
        # sibling keys) handle plain nested objects better than references.
        return _inline(strict, defs, depth=0)
    except RecursionError:  # a recursive model: keep the references
        strict["$defs"] = defs
        return strict


def _inline(node: Any, defs: dict[str, Any], depth: int) -> Any:
    if depth > 32:
        raise RecursionError("recursive schema")
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            target = copy.deepcopy(defs[ref.removeprefix("#/$defs/")])
            siblings = {k: v for k, v in node.items() if k != "$ref"}
            return _inline({**target, **siblings}, defs, depth + 1)
        return {k: _inline(v, defs, depth + 1) for k, v in node.items()}
    if isinstance(node, list):
        return [_inline(item, defs, depth + 1) for item in node]
    return node


def _strict(node: Any) -> Any:
    if isinstance(node, dict):
        node.pop("default", None)
        node.pop("title", None)
        if node.get("type") == "object" and "properties" in node:
            node["additionalProperties"] = False
            node["required"] = list(node["properties"])
        for key, value in list(node.items()):
            if key in ("properties", "$defs", "definitions"):
                node[key] = {k: _strict(v) for k, v in value.items()}
            elif isinstance(value, dict | list):
                node[key] = _strict(value)
        return node
    if isinstance(node, list):
        return [_strict(item) for item in node]
    return node


def schema_name(schema: type[BaseModel]) -> str:
    """A response_format name the API accepts (^[a-zA-Z0-9_-]{1,64}$)."""
    return re.sub(r"[^a-zA-Z0-9_-]", "_", schema.__name__)[:64] or "response"


def extract_json_text(text: str) -> str:
    """The JSON object in a reply that may wrap it in a code fence or a sentence."""
    stripped = text.strip()
    if stripped.startswith("{"):
        return stripped
    fenced = _FENCE.search(stripped)
    if fenced:
        return fenced.group(1).strip()
    start, end = stripped.find("{"), stripped.rfind("}")
    if 0 <= start < end:
        return stripped[start : end + 1]
    return stripped


def parse_reply(text: str, schema: type[T]) -> T:
    """Validate a reply as `schema`; raises ValueError with a message fit to send back."""
    candidate = extract_json_text(text)
    try:
        data = json.loads(candidate)
    except json.JSONDecodeError as exc:
        raise ValueError(f"the reply is not valid JSON ({exc.msg} at line {exc.lineno} "
                         f"column {exc.colno})") from None
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        raise ValueError("the JSON does not match the schema: " + describe_errors(exc)) from None


def describe_errors(exc: ValidationError, limit: int = 12) -> str:
    """A compact list of validation errors: 'criteria.foo: Field required; ...'."""
    parts = []
    for err in exc.errors()[:limit]:
        where = ".".join(str(p) for p in err["loc"]) or "(root)"
        parts.append(f"{where}: {err['msg']}")
    more = len(exc.errors()) - limit
    if more > 0:
        parts.append(f"and {more} more")
    return "; ".join(parts)


@lru_cache(maxsize=256)
def schema_instructions(schema: type[BaseModel]) -> str:
    """Text that asks for the schema when the server cannot enforce it."""
    return (
        "Reply with one JSON object only, no prose and no code fence, that validates against "
        "this JSON schema:\n" + json.dumps(strict_json_schema(schema), ensure_ascii=False)
    )


def reask_message(error: str, *, truncated: bool) -> str:
    """The user turn that re-asks after invalid output (sent with only the last bad reply, so
    the cost of a re-ask does not grow with each attempt)."""
    cut = (" Your reply was cut off by the length limit: be more concise (short rationales, "
           "at most two short quotes per item).") if truncated else ""
    return (f"Your reply could not be used: {error}.{cut} Reply again with only the corrected "
            f"JSON object, following the same instructions and schema.")
