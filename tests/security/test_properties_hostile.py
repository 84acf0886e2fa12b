"""Item 9, property tests over import files and grade inputs: whatever the file holds, never a
traceback, never an escape byte on stdout or stderr, never a file outside the target folder;
and what is accepted can be shown and exported safely."""

import json
import random

from hostile import BIDI, ESCAPES, FORBIDDEN, MARKDOWN, MARKUP
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_factories import make_session

from interviewer.cli import exit_codes
from interviewer.cli.main import main
from interviewer.store.export_json import export_json

HOSTILE_TEXT = st.one_of(
    st.sampled_from([ESCAPES, MARKUP, MARKDOWN, BIDI, "x/../../../NAME", "", " ", "\ufeff",
                     "\ud800", "\udfff tail", "a" * 300, "[/x]", "\x00", "\r\n\r", "20260301"]),
    st.text(max_size=40),
)
HOSTILE_VALUE = st.recursive(
    st.one_of(HOSTILE_TEXT, st.integers(), st.floats(allow_nan=True), st.booleans(), st.none()),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(HOSTILE_TEXT, inner, max_size=3)),
    max_leaves=8,
)
SETTINGS = settings(max_examples=100, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])
EXPORT = json.loads(export_json(make_session()))
#: The fields of an export that hold free text or names (ids, enums and times do not).
FREE_TEXT = {"text", "feedback", "rationale", "quote", "claim", "correction", "detail", "deck",
             "model", "backend", "topic", "question", "model_answer", "code", "prompt_version"}


def paths_in(data, prefix=()):
    """Every location in JSON-like data."""
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths_in(value, (*prefix, key))
    elif isinstance(data, list):
        for n, value in enumerate(data):
            yield from paths_in(value, (*prefix, n))


def mutated(doc, seed: int, values: list, *, text_only: bool):
    """A copy of `doc` with a few locations replaced by hostile values (`text_only`: only
    text is replaced, by text, so most such files are valid and get imported)."""
    doc = json.loads(json.dumps(doc))
    rng = random.Random(seed)
    for value in values:
        places = [p for p in list(paths_in(doc))[1:]
                  if not text_only or (isinstance(_at(doc, p), str) and p[-1] in FREE_TEXT)]
        where = rng.choice(places)
        if text_only and not isinstance(value, str):
            value = json.dumps(value)
        _at(doc, where[:-1])[where[-1]] = value
    return doc


def _at(doc, where):
    for part in where:
        doc = doc[part]
    return doc


def files_outside(root, home) -> set:
    return {p for p in root.rglob("*") if p.is_file() and home not in p.parents}


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))   # an exception here fails the property: a traceback
    out, err = capsys.readouterr()
    assert not FORBIDDEN.search(out), FORBIDDEN.findall(out)[:5]
    assert not FORBIDDEN.search(err), FORBIDDEN.findall(err)[:5]
    return code, out, err


@SETTINGS
@given(seed=st.integers(0, 10_000), values=st.lists(HOSTILE_VALUE, min_size=1, max_size=4),
       text_only=st.booleans(),
       corrupt=st.sampled_from(["none", "none", "none", "truncate", "bytes"]))
def test_any_import_file_is_refused_cleanly_or_imported_safely(tmp_path, isolated_home, capsys,
                                                              seed, values, text_only, corrupt):
    text = json.dumps(mutated(EXPORT, seed, values, text_only=text_only))
    data = text.encode("utf-8", "surrogatepass")
    if corrupt == "truncate":
        data = data[: seed % max(1, len(data))]
    elif corrupt == "bytes":
        position = seed % max(1, len(data))
        data = data[:position] + bytes([0xff, 0x1b, 0x9b]) + data[position:]
    path = tmp_path / "in" / "session.json"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    before = files_outside(tmp_path, isolated_home)

    code, out, _ = run(capsys, "sessions", "import", str(path), "--new-id")
    assert code in (exit_codes.OK, exit_codes.USAGE)
    assert files_outside(tmp_path, isolated_home) == before
    if code == exit_codes.OK:
        session_id = out.strip()
        assert run(capsys, "sessions", "show", session_id)[0] == exit_codes.OK
        for fmt in ("md", "json", "html"):
            assert run(capsys, "sessions", "export", session_id, "-f", fmt)[0] == exit_codes.OK
        assert run(capsys, "sessions", "list")[0] == exit_codes.OK


ENTRY = st.one_of(
    # mostly well-formed entries with hostile text: these get graded
    st.fixed_dictionaries({"question_id": st.sampled_from(["autograd", "tensors", "nope\x1b[2J"]),
                           "answer": HOSTILE_TEXT}),
    st.fixed_dictionaries({"question": HOSTILE_TEXT, "answer": HOSTILE_TEXT}),
    # and anything at all
    st.fixed_dictionaries({}, optional={"question_id": HOSTILE_VALUE, "question": HOSTILE_VALUE,
                                        "answer": HOSTILE_VALUE, "extra": HOSTILE_VALUE}),
)
YAMLISH = st.lists(st.sampled_from([
    "- question_id: autograd\n", "  answer: ", "answers:\n", "- {question_id: tensors, answer: ",
    "}\n", "'", '"', "&a ", "*a ", "!!python/object:os.system ", "? ", ": ", "- ", "\t", "---\n",
    "[", "]", "{", "\\ud800", "\\x1b", ESCAPES, MARKUP, "\n",
]), max_size=30).map("".join)


def _bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")   # lone surrogates become invalid UTF-8


ANSWERS_FILES = st.one_of(
    st.tuples(st.lists(ENTRY, max_size=4).map(lambda items: _bytes(json.dumps(items))),
              st.sampled_from([".json", ".yaml"])),                    # JSON is YAML too
    st.tuples(st.lists(ENTRY, max_size=4).map(lambda items: _bytes(
        "\n".join(json.dumps(i, ensure_ascii=False) for i in items))), st.just(".jsonl")),
    st.tuples(YAMLISH.map(_bytes), st.just(".yaml")),
    st.tuples(st.binary(max_size=200), st.sampled_from([".yaml", ".json", ".jsonl"])),
)


@SETTINGS
@given(file=ANSWERS_FILES, fmt=st.sampled_from([[], ["--json"], ["--jsonl"]]))
def test_any_answers_file_is_graded_or_refused_cleanly(tmp_path, isolated_home, capsys, file,
                                                       fmt):
    content, suffix = file
    path = tmp_path / "in" / f"answers{suffix}"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(content)
    before = files_outside(tmp_path, isolated_home)

    code, out, _ = run(capsys, "grade", str(path), *fmt)
    assert code in (exit_codes.OK, exit_codes.PROBLEMS, exit_codes.USAGE)
    assert files_outside(tmp_path, isolated_home) == before
    if code != exit_codes.USAGE and fmt == ["--json"]:
        doc = json.loads(out)
        assert doc["interrupted"] is False
    if code != exit_codes.USAGE and fmt == ["--jsonl"]:
        assert all(json.loads(line) for line in out.splitlines())
    if code == exit_codes.USAGE:
        assert out == ""   # a broken file: nothing graded, nothing half-written
