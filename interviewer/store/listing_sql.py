"""The statements behind the session listings and the score history, and the score rows they
give. Plain sqlite rows and dataclasses, no pydantic: Home reads them from the store file
before the domain models are loaded (home_listing.py). The validated session summaries are
in session_queries.py."""

from dataclasses import dataclass
from datetime import datetime

from interviewer.store.timestamps import dt


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


def score_row(row: tuple) -> ScoreRow:
    """A ScoreRow from a SCORE_HISTORY_SQL row (ValueError or TypeError when it is damaged:
    such a row is left out of progress, and `sessions list` names its session)."""
    sid, deck, qid, topic, score, answered_at, rubric_version, backend = row
    return ScoreRow(session_id=sid, deck=deck, question_id=qid, topic=topic, score=score,
                    answered_at=dt(answered_at), rubric_version=rubric_version, backend=backend)
