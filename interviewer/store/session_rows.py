"""Domain models <-> table rows. Every text value goes through the Redactor on the way in;
lists and nested objects are stored as JSON; timestamps as UTC ISO-8601 text."""

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from interviewer.domain import Grade, Session, Turn
from interviewer.store.sanitize import Redactor

INSERT_SESSION = (
    "INSERT INTO sessions (id, created_at, updated_at, status, current, deck, mode, backend,"
    " model, config) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
UPDATE_SESSION = (
    "UPDATE sessions SET updated_at = ?, status = ?, current = ?, deck = ?, mode = ?,"
    " backend = ?, model = ?, config = ? WHERE id = ?"
)
INSERT_RECORD = (
    "INSERT INTO records (session_id, position, question_id, topic, status, follow_ups_asked,"
    " hints_used, started_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
UPSERT_RECORD = INSERT_RECORD + (
    " ON CONFLICT (session_id, position) DO UPDATE SET"
    " topic = coalesce(excluded.topic, topic), status = excluded.status,"
    " follow_ups_asked = excluded.follow_ups_asked, hints_used = excluded.hints_used,"
    " started_at = excluded.started_at, finished_at = excluded.finished_at"
)
INSERT_TURN = (
    "INSERT INTO turns (session_id, seq, question_id, role, kind, text, targets, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
INSERT_GRADE = (
    "INSERT INTO grades (session_id, question_id, score, feedback, confidence, backend, model,"
    " prompt_version, rubric_version, rubric_hash, offline_score, misconceptions, flags,"
    " graded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
INSERT_CRITERION = (
    "INSERT INTO criterion_results (grade_id, position, criterion_id, verdict, points,"
    " max_points, verified, evidence, rationale, matched_concepts, unsure, contradicted_by)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)

# What load() reads; the column order matches session_data() below.
SELECT_SESSION = "SELECT id, created_at, updated_at, status, current, config FROM sessions WHERE id = ?"
SELECT_RECORDS = (
    "SELECT question_id, topic, status, follow_ups_asked, hints_used, started_at, finished_at"
    " FROM records WHERE session_id = ? ORDER BY position"
)
SELECT_GRADES = (
    "SELECT id, question_id, score, feedback, confidence, backend, model, prompt_version,"
    " rubric_version, rubric_hash, offline_score, misconceptions, flags, graded_at"
    " FROM grades WHERE session_id = ? ORDER BY id"
)
SELECT_CRITERIA = (
    "SELECT c.grade_id, c.criterion_id, c.verdict, c.points, c.max_points, c.verified,"
    " c.evidence, c.rationale, c.matched_concepts, c.unsure, c.contradicted_by"
    " FROM criterion_results c"
    " JOIN grades g ON g.id = c.grade_id WHERE g.session_id = ? ORDER BY c.grade_id, c.position"
)
SELECT_TURNS = (
    "SELECT seq, question_id, role, kind, text, targets, created_at FROM turns"
    " WHERE session_id = ? ORDER BY seq"
)


def ts(value: datetime | None) -> str | None:
    """UTC ISO-8601 text, so timestamps sort as text (a naive datetime is taken as UTC)."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def session_values(session: Session, redact: Redactor) -> tuple:
    """(updated_at, status, current, deck, mode, backend, model, config) of a session."""
    config = redact.tree(session.config.model_dump(mode="json"))
    return (
        ts(session.updated_at), session.status, session.current, session.config.deck,
        session.config.mode, session.config.backend, config.get("model"), _json(config),
    )


def record_rows(session: Session) -> list[tuple]:
    return [
        (session.id, position, r.question_id, r.topic, r.status, r.follow_ups_asked,
         r.hints_used, ts(r.started_at), ts(r.finished_at))
        for position, r in enumerate(session.records)
    ]


def turn_row(session_id: str, turn: Turn, redact: Redactor) -> tuple:
    return (
        session_id, turn.seq, turn.question_id, turn.role, turn.kind, redact(turn.text),
        _json(redact.tree(turn.targets)), ts(turn.created_at),
    )


def grade_rows(session_id: str, question_id: str, grade: Grade,
               redact: Redactor) -> tuple[tuple, Callable[[int], list[tuple]]]:
    """The grade's row, and a function giving its criterion rows once the grade id is known."""
    data = redact.tree(grade.model_dump(mode="json"))
    row = (
        session_id, question_id, grade.score, data["feedback"], grade.confidence, data["backend"],
        data["model"], data["prompt_version"], grade.rubric_version, grade.rubric_hash,
        grade.offline_score, _json(data["misconceptions"]), _json(data["flags"]),
        ts(grade.graded_at),
    )

    def criteria(grade_id: int) -> list[tuple]:
        return [
            (grade_id, position, c["id"], c["verdict"], c["points"], c["max_points"],
             int(c["verified"]), _json(c["evidence"]), c["rationale"], _json(c["matched_concepts"]),
             int(c["unsure"]), _json(c["contradicted_by"]))
            for position, c in enumerate(data["criteria"])
        ]

    return row, criteria


class DamagedData(ValueError):
    """A column of a stored session cannot be decoded (hand-edited or damaged)."""


def _loads(value: Any, column: str) -> Any:
    """A JSON column's value; DamagedData naming the column when it is not valid JSON."""
    try:
        return json.loads(value)
    except (TypeError, ValueError, RecursionError):
        raise DamagedData(f"{column}: not valid JSON") from None


def session_data(row, records, grades, criteria, turns) -> dict[str, Any]:
    """The rows of one session (SELECT_* above) as data for `Session.model_validate`;
    DamagedData when a JSON column cannot be decoded."""
    sid, created, updated, status, current, config = row
    by_grade: dict[int, list[dict]] = {}
    for (gid, cid, verdict, points, max_points, verified, evidence, rationale, matched, unsure,
         contradicted_by) in criteria:
        by_grade.setdefault(gid, []).append({
            "id": cid, "verdict": verdict, "points": points, "max_points": max_points,
            "verified": bool(verified), "evidence": _loads(evidence, "evidence"),
            "rationale": rationale, "matched_concepts": _loads(matched, "matched_concepts"),
            "unsure": bool(unsure), "contradicted_by": _loads(contradicted_by, "contradicted_by"),
        })
    by_question: dict[str, list[dict]] = {}
    for (gid, qid, score, feedback, confidence, backend, model, prompt_version, rubric_version,
         rubric_hash, offline_score, misconceptions, flags, graded_at) in grades:
        by_question.setdefault(qid, []).append({
            "question_id": qid, "score": score, "criteria": by_grade.get(gid, []),
            "misconceptions": _loads(misconceptions, "misconceptions"), "flags": _loads(flags, "flags"),
            "feedback": feedback, "confidence": confidence, "backend": backend, "model": model,
            "prompt_version": prompt_version, "rubric_version": rubric_version,
            "rubric_hash": rubric_hash, "offline_score": offline_score, "graded_at": graded_at,
        })
    return {
        "id": sid, "created_at": created, "updated_at": updated, "status": status,
        "current": current, "config": _loads(config, "config"),
        "records": [
            {"question_id": qid, "topic": topic, "status": rstatus, "follow_ups_asked": asked,
             "hints_used": hints, "started_at": started, "finished_at": finished,
             "grades": by_question.get(qid, [])}
            for qid, topic, rstatus, asked, hints, started, finished in records
        ],
        "turns": [
            {"seq": seq, "question_id": qid, "role": role, "kind": kind, "text": text,
             "targets": _loads(targets, "targets"), "created_at": created_at}
            for seq, qid, role, kind, text, targets, created_at in turns
        ],
    }
