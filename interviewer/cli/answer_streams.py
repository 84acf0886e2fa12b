"""Streaming readers for `interviewer grade`'s ANSWERS: one entry at a time, whatever the size
of the file, so memory does not grow with the number of answers.

- `Utf8Text` decodes bytes as UTF-8 chunk by chunk; an invalid byte becomes U+FFFD and its
  line is remembered (to be named in a warning), never a traceback.
- `json_entries` walks a JSON array (or `{"answers": [...]}`) element by element.
- `jsonl_entries` reads JSON Lines: one entry per line.
- `yaml_entries` walks a YAML sequence (or `answers:` mapping) node by node with the safe
  loader's events; anchors and aliases are refused (they could expand without end).

Each yields `(n, line, data)`: the entry's index, its 1-based line and its plain data.
Problems that stop reading raise CorpusError naming the line.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from interviewer.corpus.problems import CorpusError, Problem
from interviewer.domain.limits import nested_deeper_than

#: Nesting deeper than this inside one entry is refused (an answer is text, not a tree).
MAX_DEPTH = 50
_CHUNK = 1 << 16


class Utf8Text:
    """A text stream over a binary one: UTF-8 (a leading BOM is skipped), invalid bytes shown
    as U+FFFD and their lines kept in `bad_lines`."""

    def __init__(self, raw: IO[bytes]):
        self._raw = raw
        self._pending = b""
        self._line = 1           # the line the next decoded character is on
        self._started = False
        self.bad_lines: list[int] = []

    def read(self, size: int = -1) -> str:
        """Up to about `size` characters ('' at the end)."""
        size = _CHUNK if size is None or size < 0 else max(size, 1)
        while True:
            chunk = self._raw.read(size)
            final = not chunk
            data = self._pending + chunk
            if not self._started and (len(data) >= 3 or final):
                self._started = True
                data = data.removeprefix(codecs.BOM_UTF8)
            text, self._pending = self._decode(data, final)
            if text or final:
                return text

    def _decode(self, data: bytes, final: bool) -> tuple[str, bytes]:
        out: list[str] = []
        while True:
            try:
                text, used = codecs.utf_8_decode(data, "strict", final)
            except UnicodeDecodeError as exc:
                good = data[:exc.start].decode("utf-8")
                out.append(good)
                self._line += good.count("\n")
                if not self.bad_lines or self.bad_lines[-1] != self._line:
                    self.bad_lines.append(self._line)
                out.append("\ufffd")
                data = data[exc.end:]
                continue
            out.append(text)
            self._line += text.count("\n")
            return "".join(out), data[used:]


def _problem(path: Path, message: str, line: int | None = None) -> CorpusError:
    return CorpusError([Problem(path, message, line=line)])


def _too_deep(value: Any) -> bool:
    return nested_deeper_than(value, MAX_DEPTH)


# ------------------------------------------------------------------------------ JSON Lines
def jsonl_entries(text: Utf8Text, path: Path) -> Iterator[tuple[int, int, Any]]:
    """One JSON value per non-blank line."""
    n, line, rest = 0, 0, ""
    while True:
        chunk = text.read(_CHUNK)
        rest += chunk
        lines = rest.split("\n")
        rest = lines.pop() if chunk else ""
        for raw in lines:
            line += 1
            if not raw.strip():
                continue
            try:
                data = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise _problem(path, f"invalid JSON: {exc.msg} (column {exc.colno})", line) from None
            except RecursionError:
                raise _problem(path, "nested too deeply", line) from None
            if _too_deep(data):
                raise _problem(path, f"nested more than {MAX_DEPTH} levels deep", line)
            yield n, line, data
            n += 1
        if not chunk:
            return


# ------------------------------------------------------------------------------ JSON
_WS = re.compile(r"[ \t\n\r]*")


class _JsonCursor:
    """A window over the text: values are decoded in place; what is behind is dropped."""

    def __init__(self, text: Utf8Text, path: Path):
        self.text, self.path = text, path
        self.buf, self.pos, self.eof = "", 0, False
        # The line at `counted` in buf: lines are counted forward from the last question,
        # never from the start of the buffer again (that made each lookup O(buffer)).
        self.counted, self.counted_line = 0, 1
        self.decoder = json.JSONDecoder()
        self.read_size = _CHUNK

    def line(self, pos: int | None = None) -> int:
        pos = self.pos if pos is None else pos
        if pos < self.counted:  # an earlier place (an error's start): count from the start
            return self.counted_line - self.buf.count("\n", pos, self.counted)
        self.counted_line += self.buf.count("\n", self.counted, pos)
        self.counted = pos
        return self.counted_line

    def more(self) -> bool:
        """Read more text; False at the end."""
        if self.eof:
            return False
        if self.pos > _CHUNK:  # drop what has been decoded, counting its lines
            self.line()
            self.buf, self.pos, self.counted = self.buf[self.pos:], 0, 0
        chunk = self.text.read(self.read_size)
        if not chunk:
            self.eof = True
            return False
        self.buf += chunk
        return True

    def peek(self) -> str:
        """The next non-blank character ('' at the end)."""
        while True:
            self.pos = _WS.match(self.buf, self.pos).end()
            if self.pos < len(self.buf) or not self.more():
                return self.buf[self.pos:self.pos + 1]

    def expect(self, char: str, what: str) -> None:
        if self.peek() != char:
            found = self.buf[self.pos:self.pos + 1]
            raise _problem(self.path, f"invalid JSON: expected {what}"
                           + (f", found {found!r}" if found else " before the end of the file"),
                           self.line())
        self.pos += 1

    def value(self) -> Any:
        """The next JSON value, reading as much text as it needs."""
        self.peek()
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                # Cut off by the end of what was read so far? Read more (twice as much each
                # time, so one huge value costs O(n log n), not O(n^2)) and decode again.
                unfinished = exc.msg.startswith("Unterminated") or len(self.buf) - exc.pos < 16
                if unfinished and self.more():
                    self.read_size *= 2
                    continue
                raise _problem(self.path, f"invalid JSON: {exc.msg}", self.line(exc.pos)) from None
            except RecursionError:
                raise _problem(self.path, "nested too deeply", self.line()) from None
            if end == len(self.buf) and not self.eof and not isinstance(value, dict | list | str):
                if self.more():  # a number or literal may go on in the next chunk
                    continue
            self.read_size = _CHUNK
            self.pos = end
            return value


def json_entries(text: Utf8Text, path: Path) -> Iterator[tuple[int, int, Any]]:
    """The elements of a top-level array, or of the `answers` array of a top-level object."""
    cursor = _JsonCursor(text, path)
    first = cursor.peek()
    if first == "":
        raise _problem(path, "is empty")
    if first == "{":
        cursor.pos += 1
        keys, has_answers = 0, False
        while cursor.peek() != "}":
            if keys:
                cursor.expect(",", "',' or '}'")
            line = cursor.line()
            if cursor.peek() != '"':
                raise _problem(path, "invalid JSON: expected a key in double quotes", line)
            key = cursor.value()
            cursor.expect(":", "':'")
            if key == "answers" and cursor.peek() == "[":
                yield from _array(cursor)
                has_answers = True
            else:
                cursor.value()  # another key: not ours, skipped
            keys += 1
        cursor.pos += 1
        if not has_answers:
            raise _problem(path, "must be a list of {question_id, answer} items (got dict)", 1)
    elif first == "[":
        yield from _array(cursor)
    else:
        line = cursor.line()
        value = cursor.value()
        raise _problem(path, "must be a list of {question_id, answer} items "
                       f"(got {type(value).__name__})", line)
    if cursor.peek() != "":
        raise _problem(path, "invalid JSON: Extra data after the answers", cursor.line())


def _array(cursor: _JsonCursor) -> Iterator[tuple[int, int, Any]]:
    cursor.expect("[", "'['")
    n = 0
    while cursor.peek() != "]":
        if n:
            cursor.expect(",", "',' or ']'")
        line = cursor.line()
        value = cursor.value()
        if _too_deep(value):
            raise _problem(cursor.path, f"nested more than {MAX_DEPTH} levels deep", line)
        yield n, line, value
        n += 1
    cursor.pos += 1


# ------------------------------------------------------------------------------ YAML
def yaml_entries(text: Utf8Text, path: Path) -> Iterator[tuple[int, int, Any]]:
    """The items of a top-level sequence, or of the `answers:` sequence of a mapping."""
    import yaml

    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_class(text)
    try:
        yield from _yaml_items(loader, path)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        detail = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise _problem(path, f"invalid YAML: {detail}", mark.line + 1 if mark else None) from None
    finally:
        loader.dispose()


def _yaml_items(loader, path: Path) -> Iterator[tuple[int, int, Any]]:
    import yaml

    loader.get_event()  # StreamStart
    if loader.check_event(yaml.StreamEndEvent):
        raise _problem(path, "is empty")
    loader.get_event()  # DocumentStart
    if loader.check_event(yaml.ScalarEvent) and loader.peek_event().value == "" \
            and loader.peek_event().implicit[0]:
        raise _problem(path, "is empty")
    start = loader.peek_event()
    if isinstance(start, yaml.MappingStartEvent):
        loader.get_event()
        found = False
        while not loader.check_event(yaml.MappingEndEvent):
            key = _construct(loader, _compose(loader, path, 0))
            if key == "answers" and loader.check_event(yaml.SequenceStartEvent):
                yield from _yaml_sequence(loader, path)
                found = True
            else:
                _compose(loader, path, 0)  # another key's value: not ours, skipped
        loader.get_event()
        if not found:
            raise _problem(path, "must be a list of {question_id, answer} items (got dict)",
                           start.start_mark.line + 1)
    elif isinstance(start, yaml.SequenceStartEvent):
        yield from _yaml_sequence(loader, path)
    else:
        value = _construct(loader, _compose(loader, path, 0))
        raise _problem(path, "must be a list of {question_id, answer} items "
                       f"(got {type(value).__name__})", start.start_mark.line + 1)
    loader.get_event()  # DocumentEnd
    if not loader.check_event(yaml.StreamEndEvent):
        raise _problem(path, "holds more than one YAML document; put every answer in one list",
                       loader.peek_event().start_mark.line + 1)


def _yaml_sequence(loader, path: Path) -> Iterator[tuple[int, int, Any]]:
    import yaml

    loader.get_event()  # SequenceStart
    n = 0
    while not loader.check_event(yaml.SequenceEndEvent):
        line = loader.peek_event().start_mark.line + 1
        yield n, line, _construct(loader, _compose(loader, path, 0))
        n += 1
    loader.get_event()


def _compose(loader, path: Path, depth: int):
    """One node from the event stream (PyYAML's composer, without anchors or aliases)."""
    import yaml

    event = loader.get_event()
    line = event.start_mark.line + 1
    if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
        raise _problem(path, "YAML anchors and aliases (&, *) are not supported in an answers "
                       "file; write each answer out", line)
    if depth > MAX_DEPTH:
        raise _problem(path, f"nested more than {MAX_DEPTH} levels deep", line)
    if isinstance(event, yaml.ScalarEvent):
        tag = _tag(loader, event, yaml.ScalarNode, event.value)
        return yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark,
                               style=event.style)
    collections = {yaml.SequenceStartEvent: (yaml.SequenceNode, yaml.SequenceEndEvent),
                   yaml.MappingStartEvent: (yaml.MappingNode, yaml.MappingEndEvent)}
    if type(event) in collections:
        node_class, end = collections[type(event)]
        node = node_class(_tag(loader, event, node_class, None), [], event.start_mark, None,
                          flow_style=event.flow_style)
        while not loader.check_event(end):
            item = _compose(loader, path, depth + 1)
            if node_class is yaml.MappingNode:
                item = (item, _compose(loader, path, depth + 1))
            node.value.append(item)
        node.end_mark = loader.get_event().end_mark
        return node
    raise _problem(path, f"invalid YAML: unexpected {type(event).__name__}", line)


def _tag(loader, event, node_class, value) -> str:
    """The event's tag, or the one the resolver gives a plain (untagged) node."""
    if event.tag is None or event.tag == "!":
        return loader.resolve(node_class, value, event.implicit)
    return event.tag


def _construct(loader, node) -> Any:
    """The plain value of a node (the safe constructor: strings, numbers, lists, maps; an
    unknown tag raises a YAMLError with its line)."""
    return loader.construct_document(node)
