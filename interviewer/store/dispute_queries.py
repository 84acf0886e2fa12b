"""Every dispute across sessions, with the verdict the latest grade of the same attempt gives
now (a re-grade after the dispute). One SQL statement, no per-session loads."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from interviewer.store.timestamps import dt

_SQL = """
SELECT d.created_at, d.session_id, s.deck, d.question_id, d.attempt, d.criterion_id, d.verdict,
       d.reason, d.backend, d.model, d.rubric_version,
       (SELECT c.verdict FROM grades g JOIN criterion_results c ON c.grade_id = g.id
        WHERE g.session_id = d.session_id AND g.question_id = d.question_id
          AND g.attempt = d.attempt AND c.criterion_id = d.criterion_id
          AND g.graded_at > d.created_at
        ORDER BY g.id DESC LIMIT 1) AS now
FROM disputes d JOIN sessions s ON s.id = d.session_id
"""


@dataclass(frozen=True)
class DisputeRow:
    created_at: datetime
    session_id: str
    deck: str
    question_id: str
    attempt: int
    criterion_id: str
    verdict: str
    reason: str
    backend: str
    model: str | None
    rubric_version: int | None
    now: str | None          # the verdict of a grade made after the dispute (None: none yet)

    def to_json(self) -> dict[str, Any]:
        return {**self.__dict__, "created_at": self.created_at.isoformat()}


def list_disputes(store, deck: str | None = None,
                  question_id: str | None = None) -> "DisputeListing":
    """Disputes, oldest first, optionally of one deck or question."""
    sql, where, params = _SQL, [], []
    if deck is not None:
        where.append("s.deck = ?")
        params.append(deck)
    if question_id is not None:
        where.append("d.question_id = ?")
        params.append(question_id)
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY d.created_at, d.session_id"
    with store._read() as conn:
        rows = conn.execute(sql, params).fetchall()
    listing = DisputeListing()
    for r in rows:
        try:
            listing.append(DisputeRow(dt(r[0]), *r[1:]))
        except (ValueError, TypeError):  # hand-edited or damaged: named, the rest still lists
            listing.damaged.append(str(r[1]))
    return listing


class DisputeListing(list):
    """The readable disputes (a list), and the session ids of those that could not be read
    (`damaged`)."""

    def __init__(self, items=()):
        super().__init__(items)
        self.damaged: list[str] = []
