"""JSON export and import. The export is the whole session (records, every grade with its
evidence, the transcript) under a `schema_version`, and imports back unchanged.

Text is kept exactly (no cleaning: the round trip must be faithful) but API keys and machine
paths are redacted, and control characters that JSON does not escape by itself (C1 controls,
bidirectional overrides, line/paragraph separators) are written as \\u escapes, so printing
the file to a terminal cannot run escape sequences.
"""

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from interviewer import __version__
from interviewer.corpus.problems import CorpusError, Problem
from interviewer.corpus.yaml_io import format_loc, line_of, read_text
from interviewer.domain import Question, Rubric, Session
from interviewer.domain.base import StrictModel
from interviewer.store.db import StoreError
from interviewer.domain.limits import MAX_NESTING, nested_deeper_than
from interviewer.store.sanitize import Redactor, json_text
from interviewer.text_safety import valid_unicode_tree

#: 2: attempts (a retry), disputes, hint penalties and the schedule's pick. A version-1 file
#: imports unchanged (every new field has a default); an older interviewer refuses a version-2
#: file with "upgrade" instead of a list of unknown keys.
SCHEMA_VERSION = 2
KIND = "interviewer-session"


class ExportedQuestion(StrictModel):
    """What the deck said about a question at export time (for readers; not imported)."""

    question: str
    topic: str | None = None
    difficulty: str | None = None
    model_answer: str | None = None


class SessionExport(StrictModel):
    """The JSON export file."""

    schema_version: Literal[1, 2] = SCHEMA_VERSION
    kind: Literal["interviewer-session"] = KIND
    exported_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    app_version: str = __version__
    session: Session
    questions: dict[str, ExportedQuestion] = Field(default_factory=dict)


def export_json(
    session: Session,
    questions: Mapping[str, Question] | None = None,
    rubrics: Mapping[str, Rubric] | None = None,
    redactor: Redactor | None = None,
) -> str:
    """The session as a JSON document (ends with a newline)."""
    redactor = redactor or Redactor.from_environment()
    questions = questions or {}
    rubrics = rubrics or {}
    info = {}
    for record in session.records:
        question = questions.get(record.question_id)
        if question is None:
            continue
        rubric = rubrics.get(record.question_id)
        info[record.question_id] = ExportedQuestion(
            question=question.question, topic=question.topic, difficulty=question.difficulty,
            model_answer=rubric.model_answer if rubric else (question.reference_answer or None),
        )
    doc = SessionExport(session=session, questions=info).model_dump(mode="json")
    return json_text(redactor.tree(doc)) + "\n"


def read_export(path: Path, warnings: list[Problem] | None = None) -> Session:
    """Read and validate an export file; every problem is reported with its location.
    Text that was repaired (lone surrogates shown as U+FFFD) is added to `warnings`."""
    text, problems = read_text(path)
    if text is None:
        raise CorpusError(problems)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CorpusError([Problem(path, f"invalid JSON: {exc.msg} (column {exc.colno})",
                                   line=exc.lineno)]) from None
    except RecursionError:
        raise CorpusError([Problem(path, "is nested too deeply to be a session export")]) from None
    if nested_deeper_than(data):
        raise CorpusError([Problem(path, f"is nested more than {MAX_NESTING} levels deep: not a "
                                   "session export")])
    data, bad_text = valid_unicode_tree(data)
    if not isinstance(data, dict):
        raise CorpusError([Problem(path, "not an interviewer session export (expected a JSON "
                                   "object with schema_version and session)", line=1)])
    version = data.get("schema_version")
    if isinstance(version, int) and version > SCHEMA_VERSION:
        raise CorpusError([Problem(
            path, f"exported by a newer interviewer (schema_version {version}; this version "
            f"reads up to {SCHEMA_VERSION}); upgrade interviewer to import it", where="schema_version")])
    doc, problems = _validate(path, text, data)
    if doc is None:
        raise CorpusError(problems)
    problems = _consistency(path, text, doc.session)
    if problems:
        raise CorpusError(problems)
    if bad_text and warnings is not None:
        node = _node_tree(text)
        warnings += [Problem(path, "invalid Unicode (a lone surrogate escape) shown as U+FFFD",
                             where=format_loc(loc), line=line_of(node, loc), severity="warning")
                     for loc in bad_text]
    return doc.session


def import_session(path: Path, store, *, new_id: bool = False,
                   warnings: list[Problem] | None = None) -> Session:
    """Import an export file into the store and return the stored session.

    A session whose id is already stored is refused, unless `new_id` is set: then it is
    stored as a copy under a fresh id. Repairs made while reading go to `warnings`."""
    from interviewer.store.session_store import new_session_id

    session = read_export(path, warnings)
    if store.exists(session.id):
        if not new_id:
            raise StoreError(
                f"session {session.id} is already in the store; pass --new-id to import it "
                "again as a copy"
            )
        session = session.model_copy(update={"id": new_session_id()})
    store.create(session)
    return store.load(session.id)


def _validate(path: Path, text: str, data: Any) -> tuple[SessionExport | None, list[Problem]]:
    from pydantic import ValidationError

    try:
        return SessionExport.model_validate(data), []
    except ValidationError as exc:
        node = _node_tree(text)
        problems = []
        for err in exc.errors(include_url=False):
            loc = err["loc"]
            msg = err["msg"].removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                msg = "unknown key"
            elif err["type"] == "literal_error":
                msg = f"{msg} (got {err.get('input')!r})"
            problems.append(Problem(path, msg, where=format_loc(loc), line=line_of(node, loc)))
        return None, problems


def _consistency(path: Path, text: str, session: Session) -> list[Problem]:
    """What the schema cannot say: unique ids and seqs, grades that match their question."""
    node = _node_tree(text)
    problems: list[Problem] = []

    def problem(loc: tuple, message: str) -> None:
        full = ("session", *loc)
        problems.append(Problem(path, message, where=format_loc(full), line=line_of(node, full)))

    seen: set[str] = set()
    for n, record in enumerate(session.records):
        if record.question_id in seen:
            problem(("records", n, "question_id"), f"question {record.question_id!r} appears twice")
        seen.add(record.question_id)
        for g, grade in enumerate(record.grades):
            if grade.question_id != record.question_id:
                problem(("records", n, "grades", g, "question_id"),
                        f"grade for {grade.question_id!r} inside the record of {record.question_id!r}")
    seqs: set[int] = set()
    for n, turn in enumerate(session.turns):
        if turn.seq in seqs:
            problem(("turns", n, "seq"), f"turn seq {turn.seq} appears twice")
        seqs.add(turn.seq)
    for n, dispute in enumerate(session.disputes):
        if dispute.question_id not in seen:
            problem(("disputes", n, "question_id"),
                    f"a dispute of {dispute.question_id!r}, which is not a question of the session")
    if session.current > len(session.records):
        problem(("current",), f"current is {session.current} but there are only "
                f"{len(session.records)} questions")
    return problems


def _node_tree(text: str):
    """A YAML node tree of the JSON text (JSON is YAML), only to turn error locations into
    line numbers; None when it cannot be built."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.compose(text, Loader=loader)
    except yaml.YAMLError:
        return None
