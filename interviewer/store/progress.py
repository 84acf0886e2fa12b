"""Progress over time, per question and per topic, from the latest grade of each question in
each session (a re-grade replaces the earlier grade in progress, not in the store).

Where the topic comes from: each stored question record keeps the topic it had when the
session ran (`QuestionRecord.topic`, filled by the engine from the deck). History therefore
does not depend on today's deck. For records without one (older or imported sessions) pass
`topic_of(deck, question_id) -> topic | None`, e.g. a lookup in the catalog; records whose
topic stays unknown are left out of the per-topic figures.

`revealed_only=True` leaves out grades the user has not seen yet (an interview-mode session
still running shows its feedback only at the end): use it for figures shown on screen.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from interviewer.store.listing_sql import ScoreRow

if TYPE_CHECKING:
    from interviewer.store.session_store import SessionStore

TopicLookup = Callable[[str, str], str | None]

#: How many of a topic's most recent question scores make its current score.
RECENT = 5
#: Topics scoring below this are "weak".
WEAK_BELOW = 70.0


@dataclass(frozen=True)
class ScorePoint:
    """One score at one time: a question's grade, or a topic's mean within one session."""

    when: datetime
    score: float
    session_id: str
    questions: int = 1


def _rows(store: SessionStore, deck: str | None, topic_of: TopicLookup | None,
          revealed_only: bool = False) -> list[ScoreRow]:
    rows = store.score_history(deck, revealed_only=revealed_only)
    if topic_of is None:
        return rows
    return [
        r if r.topic else ScoreRow(**{**r.__dict__, "topic": topic_of(r.deck, r.question_id)})
        for r in rows
    ]


def question_progress(store: SessionStore, deck: str | None = None, *,
                      revealed_only: bool = False) -> dict[str, list[ScorePoint]]:
    """question id -> its scores over time, oldest first (one point per session)."""
    out: dict[str, list[ScorePoint]] = defaultdict(list)
    for row in store.score_history(deck, revealed_only=revealed_only):
        out[row.question_id].append(ScorePoint(row.answered_at, row.score, row.session_id))
    return dict(out)


def topic_progress(
    store: SessionStore, deck: str | None = None, topic_of: TopicLookup | None = None, *,
    revealed_only: bool = False,
) -> dict[str, list[ScorePoint]]:
    """topic -> one point per session that graded questions of that topic (their mean score,
    at the time of the session's last such answer), oldest first."""
    grouped: dict[tuple[str, str], list[ScoreRow]] = defaultdict(list)
    for row in _rows(store, deck, topic_of, revealed_only):
        if row.topic:
            grouped[(row.topic, row.session_id)].append(row)
    out: dict[str, list[ScorePoint]] = defaultdict(list)
    for (topic, session_id), rows in grouped.items():
        mean = round(sum(r.score for r in rows) / len(rows), 1)
        when = max(r.answered_at for r in rows)
        out[topic].append(ScorePoint(when, mean, session_id, questions=len(rows)))
    return {topic: sorted(points, key=lambda p: (p.when, p.session_id)) for topic, points in out.items()}


def topic_scores(
    store: SessionStore,
    deck: str | None = None,
    recent: int = RECENT,
    topic_of: TopicLookup | None = None,
    *,
    revealed_only: bool = False,
) -> dict[str, float]:
    """topic -> current score (0-100): the mean of its `recent` most recent question scores,
    so old mistakes stop counting once the topic has been practised again. Topics never
    graded are absent (question selection treats them as weak)."""
    return topic_scores_from_rows(_rows(store, deck, topic_of, revealed_only), recent)


def topic_scores_from_rows(rows: Iterable[ScoreRow], recent: int = RECENT) -> dict[str, float]:
    """`topic_scores` from score-history rows, oldest first (Home's first listing reads them
    without opening the store)."""
    by_topic: dict[str, list[float]] = defaultdict(list)
    for row in rows:
        if row.topic:
            by_topic[row.topic].append(row.score)
    return {
        topic: round(sum(scores[-recent:]) / len(scores[-recent:]), 1)
        for topic, scores in by_topic.items()
    }


def weak_topics(
    store: SessionStore,
    below: float = WEAK_BELOW,
    deck: str | None = None,
    topic_of: TopicLookup | None = None,
    *,
    revealed_only: bool = False,
) -> list[str]:
    """Topics whose current score is below `below`, weakest first."""
    scores = topic_scores(store, deck, topic_of=topic_of, revealed_only=revealed_only)
    return sorted((t for t, s in scores.items() if s < below), key=lambda t: (scores[t], t))
