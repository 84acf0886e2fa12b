"""Domain models <-> table rows. Every text value goes through the Redactor on the way in;
lists and nested objects are stored as JSON; timestamps as UTC ISO-8601 text."""

import json
from collections.abc import Callable
from typing import Any

from interviewer.domain import Dispute, Grade, Session, Turn
from interviewer.store.sanitize import Redactor
from interviewer.store.timestamps import ts

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
    " hints_used, started_at, finished_at, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
UPSERT_RECORD = INSERT_RECORD + (
    " ON CONFLICT (session_id, position) DO UPDATE SET"
    " topic = coalesce(excluded.topic, topic), status = excluded.status,"
    " follow_ups_asked = excluded.follow_ups_asked, hints_used = excluded.hints_used,"
    " started_at = excluded.started_at, finished_at = excluded.finished_at,"
    " attempts = excluded.attempts"
)
INSERT_TURN = (
    "INSERT INTO turns (session_id, seq, question_id, role, kind, text, targets, created_at,"
    " attempt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
INSERT_GRADE = (
    "INSERT INTO grades (session_id, question_id, score, feedback, confidence, backend, model,"
    " prompt_version, rubric_version, rubric_hash, offline_score, misconceptions, flags,"
    " graded_at, attempt, hint_penalty) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
INSERT_CRITERION = (
    "INSERT INTO criterion_results (grade_id, position, criterion_id, verdict, points,"
    " max_points, verified, evidence, rationale, matched_concepts, unsure, contradicted_by)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
UPSERT_DISPUTE = (
    "INSERT INTO disputes (session_id, question_id, attempt, criterion_id, verdict, reason,"
    " backend, model, rubric_version, rubric_hash, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (session_id, question_id, attempt, criterion_id) DO UPDATE SET"
    " verdict = excluded.verdict, reason = excluded.reason, backend = excluded.backend,"
    " model = excluded.model, rubric_version = excluded.rubric_version,"
    " rubric_hash = excluded.rubric_hash, created_at = excluded.created_at"
)

# What load() reads; the column order matches session_data() below.
SELECT_SESSION = "SELECT id, created_at, updated_at, status, current, config FROM sessions WHERE id = ?"
SELECT_RECORDS = (
    "SELECT question_id, topic, status, follow_ups_asked, hints_used, started_at, finished_at,"
    " attempts FROM records WHERE session_id = ? ORDER BY position"
)
SELECT_GRADES = (
    "SELECT id, question_id, score, feedback, confidence, backend, model, prompt_version,"
    " rubric_version, rubric_hash, offline_score, misconceptions, flags, graded_at, attempt,"
    " hint_penalty FROM grades WHERE session_id = ? ORDER BY id"
)
SELECT_CRITERIA = (
    "SELECT c.grade_id, c.criterion_id, c.verdict, c.points, c.max_points, c.verified,"
    " c.evidence, c.rationale, c.matched_concepts, c.unsure, c.contradicted_by"
    " FROM criterion_results c"
    " JOIN grades g ON g.id = c.grade_id WHERE g.session_id = ? ORDER BY c.grade_id, c.position"
)
SELECT_DISPUTES = (
    "SELECT question_id, attempt, criterion_id, verdict, reason, backend, model, rubric_version,"
    " rubric_hash, created_at FROM disputes WHERE session_id = ? ORDER BY created_at"
)
SELECT_TURNS = (
    "SELECT seq, question_id, role, kind, text, targets, created_at, attempt FROM turns"
    " WHERE session_id = ? ORDER BY seq"
)


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
         r.hints_used, ts(r.started_at), ts(r.finished_at), r.attempts)
        for position, r in enumerate(session.records)
    ]


def turn_row(session_id: str, turn: Turn, redact: Redactor) -> tuple:
    return (
        session_id, turn.seq, turn.question_id, turn.role, turn.kind, redact(turn.text),
        _json(redact.tree(turn.targets)), ts(turn.created_at), turn.attempt,
    )


def grade_rows(session_id: str, question_id: str, grade: Grade,
               redact: Redactor) -> tuple[tuple, Callable[[int], list[tuple]]]:
    """The grade's row, and a function giving its criterion rows once the grade id is known."""
    data = redact.tree(grade.model_dump(mode="json"))
    row = (
        session_id, question_id, grade.score, data["feedback"], grade.confidence, data["backend"],
        data["model"], data["prompt_version"], grade.rubric_version, grade.rubric_hash,
        grade.offline_score, _json(data["misconceptions"]), _json(data["flags"]),
        ts(grade.graded_at), grade.attempt, grade.hint_penalty,
    )

    def criteria(grade_id: int) -> list[tuple]:
        return [
            (grade_id, position, c["id"], c["verdict"], c["points"], c["max_points"],
             int(c["verified"]), _json(c["evidence"]), c["rationale"], _json(c["matched_concepts"]),
             int(c["unsure"]), _json(c["contradicted_by"]))
            for position, c in enumerate(data["criteria"])
        ]

    return row, criteria


def dispute_row(session_id: str, dispute: Dispute, redact: Redactor) -> tuple:
    return (
        session_id, dispute.question_id, dispute.attempt, dispute.criterion_id, dispute.verdict,
        redact(dispute.reason), redact(dispute.backend),
        redact(dispute.model) if dispute.model else None, dispute.rubric_version,
        dispute.rubric_hash, ts(dispute.created_at),
    )


def dispute_data(row) -> dict[str, Any]:
    """A SELECT_DISPUTES row as data for `Dispute.model_validate`."""
    (qid, attempt, cid, verdict, reason, backend, model, rubric_version, rubric_hash,
     created_at) = row
    return {"question_id": qid, "attempt": attempt, "criterion_id": cid, "verdict": verdict,
            "reason": reason, "backend": backend, "model": model,
            "rubric_version": rubric_version, "rubric_hash": rubric_hash,
            "created_at": created_at}


class DamagedData(ValueError):
    """A column of a stored session cannot be decoded (hand-edited or damaged)."""


def _loads(value: Any, column: str) -> Any:
    """A JSON column's value; DamagedData naming the column when it is not valid JSON."""
    try:
        return json.loads(value)
    except (TypeError, ValueError, RecursionError):
        raise DamagedData(f"{column}: not valid JSON") from None


def session_data(row, records, grades, criteria, turns, disputes=()) -> dict[str, Any]:
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
         rubric_hash, offline_score, misconceptions, flags, graded_at, attempt,
         hint_penalty) in grades:
        by_question.setdefault(qid, []).append({
            "question_id": qid, "score": score, "criteria": by_grade.get(gid, []),
            "misconceptions": _loads(misconceptions, "misconceptions"), "flags": _loads(flags, "flags"),
            "feedback": feedback, "confidence": confidence, "backend": backend, "model": model,
            "prompt_version": prompt_version, "rubric_version": rubric_version,
            "rubric_hash": rubric_hash, "offline_score": offline_score, "graded_at": graded_at,
            "attempt": attempt, "hint_penalty": hint_penalty,
        })
    return {
        "id": sid, "created_at": created, "updated_at": updated, "status": status,
        "current": current, "config": _loads(config, "config"),
        "records": [
            {"question_id": qid, "topic": topic, "status": rstatus, "follow_ups_asked": asked,
             "hints_used": hints, "started_at": started, "finished_at": finished,
             "attempts": attempts, "grades": by_question.get(qid, [])}
            for qid, topic, rstatus, asked, hints, started, finished, attempts in records
        ],
        "turns": [
            {"seq": seq, "question_id": qid, "role": role, "kind": kind, "text": text,
             "targets": _loads(targets, "targets"), "created_at": created_at,
             "attempt": attempt}
            for seq, qid, role, kind, text, targets, created_at, attempt in turns
        ],
        "disputes": [dispute_data(d) for d in disputes],
    }
