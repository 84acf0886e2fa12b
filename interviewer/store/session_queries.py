"""Read-side queries over many sessions: the `sessions list` summaries and the score
history progress is computed from. Both are single SQL statements (no per-session loads)."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from interviewer.store.timestamps import dt


@dataclass(frozen=True)
class SessionSummary:
    """One line of `sessions list`: enough to choose a session without loading it."""

    id: str
    created_at: datetime
    updated_at: datetime
    deck: str
    mode: str
    status: str
    n_questions: int
    n_answered: int          # questions with at least one typed answer
    score: float | None      # as the report computes it; None before anything is graded
    backend: str
    model: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(), "deck": self.deck, "mode": self.mode,
            "status": self.status, "n_questions": self.n_questions, "n_answered": self.n_answered,
            "score": self.score, "backend": self.backend, "model": self.model,
        }


@dataclass(frozen=True)
class ScoreRow:
    """The latest grade of one question in one session (the unit of progress)."""

    session_id: str
    deck: str
    question_id: str
    topic: str | None
    score: float
    answered_at: datetime    # when the question was finished (else when the session began)
    rubric_version: int | None
    backend: str


# The session score follows engine.report.build_report: a finished session counts every
# question (ungraded = 0); an active one counts graded and skipped questions only.
SUMMARY_SQL = """
WITH latest AS (
    SELECT g.session_id, g.question_id, g.score
    FROM grades g JOIN (SELECT max(id) AS id FROM grades GROUP BY session_id, question_id) m
         ON m.id = g.id
),
rec AS (
    SELECT r.session_id,
           count(*) AS n_questions,
           coalesce(sum(l.score), 0) AS score_sum,
           sum(l.score IS NOT NULL) AS n_graded,
           sum(l.score IS NULL AND r.status = 'skipped') AS n_skipped
    FROM records r LEFT JOIN latest l
         ON l.session_id = r.session_id AND l.question_id = r.question_id
    GROUP BY r.session_id
),
ans AS (
    SELECT session_id, count(DISTINCT question_id) AS n_answered
    FROM turns WHERE role = 'candidate' AND kind = 'answer' GROUP BY session_id
)
SELECT s.id, s.created_at, s.updated_at, s.deck, s.mode, s.status, s.backend, s.model,
       coalesce(rec.n_questions, 0), coalesce(ans.n_answered, 0),
       coalesce(rec.score_sum, 0), coalesce(rec.n_graded, 0), coalesce(rec.n_skipped, 0)
FROM sessions s
LEFT JOIN rec ON rec.session_id = s.id
LEFT JOIN ans ON ans.session_id = s.id
"""

SCORE_HISTORY_SQL = """
SELECT s.id, s.deck, r.question_id, r.topic, g.score,
       coalesce(r.finished_at, s.created_at) AS answered_at, g.rubric_version, g.backend
FROM grades g
JOIN (SELECT max(id) AS id FROM grades GROUP BY session_id, question_id) m ON m.id = g.id
JOIN records r ON r.session_id = g.session_id AND r.question_id = g.question_id
JOIN sessions s ON s.id = g.session_id
"""


def summary_from_row(row: tuple) -> SessionSummary:
    """A SessionSummary from a SUMMARY_SQL row."""
    (sid, created, updated, deck, mode, status, backend, model,
     n_questions, n_answered, score_sum, n_graded, n_skipped) = row
    counted = n_questions if status == "finished" else n_graded + n_skipped
    return SessionSummary(
        id=sid, created_at=dt(created), updated_at=dt(updated), deck=deck, mode=mode,
        status=status, n_questions=n_questions, n_answered=n_answered,
        score=round(score_sum / counted, 1) if counted else None, backend=backend, model=model,
    )


def score_row(row: tuple) -> ScoreRow:
    """A ScoreRow from a SCORE_HISTORY_SQL row."""
    sid, deck, qid, topic, score, answered_at, rubric_version, backend = row
    return ScoreRow(session_id=sid, deck=deck, question_id=qid, topic=topic, score=score,
                    answered_at=dt(answered_at), rubric_version=rubric_version, backend=backend)
