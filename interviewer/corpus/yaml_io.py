"""Safe YAML reading that turns every failure into Problems with file and line."""

import functools
import re
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from interviewer.corpus.problems import Problem

M = TypeVar("M", bound=BaseModel)

#: The C-accelerated safe loader when libyaml is present (about 10x faster), else the pure one.
#: Both are the *safe* loader: no arbitrary Python objects.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: The largest deck, rubric or document read. `corpus import` refuses a document over it and
#: a deck that would be written over it, so every deck it writes can be loaded again.
MAX_FILE_BYTES = 20 * 1024 * 1024

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"),
)


def _encoding(raw: bytes) -> str | None:
    """The encoding a byte-order mark names, or UTF-16 without one (every other byte NUL in
    ASCII text, as Windows tools write it); None for plain UTF-8 or binary data."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return name
    sample = raw[:4096]
    if len(sample) >= 4:
        even, odd = sample[0::2], sample[1::2]
        if odd.count(0) >= 0.9 * len(odd) and even.count(0) == 0:
            return "utf-16-le"
        if even.count(0) >= 0.9 * len(even) and odd.count(0) == 0:
            return "utf-16-be"
    return None


def read_text(path: Path) -> tuple[str | None, list[Problem]]:
    """The file's text, or a problem saying why it cannot be read (missing, binary, ...).

    UTF-8 (with or without a byte-order mark), UTF-16 and UTF-32 (with a mark, or UTF-16
    without one) are read."""
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        return None, [Problem(path, "is a folder, not a file")]
    except FileNotFoundError:
        return None, [Problem(path, "no such file")]
    except OSError as exc:
        return None, [Problem(path, f"cannot be read: {exc.strerror or exc}")]
    if len(raw) > MAX_FILE_BYTES:
        return None, [Problem(path, f"is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,} "
                              "(split it into smaller files)")]
    encoding = _encoding(raw)
    if encoding is None and b"\x00" in raw[:8192]:
        return None, [Problem(path, "looks like a binary file, not text")]
    try:
        text = raw.decode(encoding or "utf-8-sig")
    except UnicodeDecodeError as exc:
        if encoding:  # UTF-16 or UTF-32: byte offsets do not count lines
            what = encoding.upper().replace("-SIG", "")
            return None, [Problem(path, f"is not {what} text (byte {exc.start}); save it as UTF-8")]
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [Problem(path, f"is not UTF-8 text: invalid byte 0x{raw[exc.start]:02x} "
                              f"at column {column}; save the file as UTF-8", line=line)]
    return text.removeprefix("\ufeff"), []


def read_yaml(path: Path) -> tuple[Any, yaml.Node | None, list[Problem]]:
    """Parse with the safe loader only; also return the node tree for line numbers."""
    text, problems = read_text(path)
    if text is None:
        return None, None, problems
    try:
        node = yaml.compose(text, Loader=SAFE_LOADER)
        data = yaml.load(text, Loader=SAFE_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        detail = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        context, start = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        if context and start is not None and start.line + 1 != line:
            # e.g. an unclosed quote: the error is at the end, the fix where the quote began
            detail += f" ({context} that starts on line {start.line + 1})"
        return None, None, [Problem(path, f"invalid YAML: {detail}", line=line)]
    if data is None:
        return None, None, [Problem(path, "is empty")]
    return data, node, []


def line_of(node: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
    """The 1-based line of the deepest node along `loc` (a pydantic error location)."""
    if node is None:
        return None
    line = node.start_mark.line + 1
    for part in loc:
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            match = next((v for k, v in node.value if getattr(k, "value", None) == part), None)
            if match is None:
                # an unknown/extra key: point at the key itself
                key = next((k for k, _ in node.value if getattr(k, "value", None) == part), None)
                return key.start_mark.line + 1 if key is not None else line
            node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                return line
            node = node.value[part]
        else:
            return line
        line = node.start_mark.line + 1
    return line


def format_loc(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def validate(
    model: type[M], data: Any, path: Path, node: yaml.Node | None
) -> tuple[M | None, list[Problem]]:
    """Validate data against a model; every error becomes a Problem with its line."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
            msg = err["msg"].removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                msg = "unknown key (check the spelling; see the format docs)"
            elif err["type"] == "missing":
                msg = "required key is missing"
            elif err["type"] == "literal_error":
                msg = f"{msg} (got {err.get('input')!r})"
            for sub_loc, sub_msg in _located(loc, msg):
                problems.append(
                    Problem(path, sub_msg, where=format_loc(sub_loc), line=line_of(node, sub_loc))
                )
        return None, problems


_LOCATED = re.compile(r"^([A-Za-z_]\w*(?:\[\d+\]|\.[A-Za-z_]\w*)*): (.+)$")


def _located(loc: tuple[Any, ...], msg: str) -> list[tuple[tuple[Any, ...], str]]:
    """Split a model-level error into its lines, each with the location it starts with.

    A model validator cannot set an error's location, so ours write one problem per line as
    `questions[3].id: duplicate ...`; the location is read back here to find its line.
    """
    out = []
    for text in msg.splitlines() or [msg]:
        m = _LOCATED.match(text.strip())
        if m is None:
            out.append((loc, text))
            continue
        sub = tuple(
            int(part[1:-1]) if part.startswith("[") else part
            for part in re.findall(r"\[\d+\]|[A-Za-z_]\w*", m.group(1))
        )
        out.append((loc + sub, m.group(2)))
    return out


def line_in_file(path: Path, loc: tuple[Any, ...]) -> int | None:
    """The line of `loc` in a YAML file, for problems found after loading (None if unknown)."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return line_of(_composed(path, stat.st_mtime_ns, stat.st_size), loc)


@functools.lru_cache(maxsize=64)
def _composed(path: Path, _mtime_ns: int, _size: int) -> yaml.Node | None:
    text, _ = read_text(path)
    if text is None:
        return None
    try:
        return yaml.compose(text, Loader=SAFE_LOADER)
    except yaml.YAMLError:
        return None
