"""The spaced-repetition tables: one review per question per session (the rating its graded
attempt earned) and each card's state, replayed from its reviews by the engine
(`interviewer.engine.spaced_repetition`). The store only keeps rows: it knows nothing of FSRS.

Reached as `SessionStore.schedule`. Plain dataclasses and SQL only (no pydantic), so Home can
count what is due without loading the domain models."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from interviewer.store.timestamps import dt, ts

if TYPE_CHECKING:
    from interviewer.store.session_store import SessionStore


@dataclass(frozen=True)
class ReviewRow:
    """The rating one session's graded attempt at a question earned."""

    session_id: str
    question_id: str
    deck: str
    attempt: int
    rating: int              # FSRS: 1 again, 2 hard, 3 good, 4 easy
    score: float
    hints: int
    reviewed_at: datetime


@dataclass(frozen=True)
class CardRow:
    """A question's FSRS card after replaying its reviews."""

    deck: str
    question_id: str
    card: dict[str, Any]     # fsrs Card.to_dict()
    due: datetime
    last_review: datetime
    reviews: int
    last_rating: int


_SELECT_CARDS = ("SELECT deck, question_id, card, due, last_review, reviews, last_rating"
                 " FROM cards")


def _card(row: tuple) -> CardRow:
    deck, qid, card, due, last, reviews, rating = row
    return CardRow(deck, qid, json.loads(card), dt(due), dt(last), reviews, rating)


class ScheduleStore:
    """Reviews and cards in the session store's file (same connection, same locking)."""

    def __init__(self, store: SessionStore):
        self._store = store

    def reviews_for(self, deck: str, question_id: str) -> list[ReviewRow]:
        """Every review of one card, oldest first."""
        with self._store._read() as conn:
            rows = conn.execute(
                "SELECT session_id, question_id, deck, attempt, rating, score, hints, reviewed_at"
                " FROM reviews WHERE deck = ? AND question_id = ?"
                " ORDER BY reviewed_at, session_id", (deck, question_id)).fetchall()
        return [ReviewRow(s, q, d, a, r, sc, h, dt(at)) for s, q, d, a, r, sc, h, at in rows]

    def save(self, review: ReviewRow, card: CardRow) -> None:
        """Store a review (replacing the same session's earlier one for the question: a retry)
        and the card replayed with it, in one transaction."""
        with self._store._write(review.session_id) as conn:
            conn.execute(
                "INSERT INTO reviews (session_id, question_id, deck, attempt, rating, score,"
                " hints, reviewed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (session_id, question_id) DO UPDATE SET deck = excluded.deck,"
                " attempt = excluded.attempt, rating = excluded.rating, score = excluded.score,"
                " hints = excluded.hints, reviewed_at = excluded.reviewed_at",
                (review.session_id, review.question_id, review.deck, review.attempt,
                 review.rating, review.score, review.hints, ts(review.reviewed_at)))
            conn.execute(
                "INSERT INTO cards (deck, question_id, card, due, last_review, reviews,"
                " last_rating) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (deck, question_id) DO UPDATE SET card = excluded.card,"
                " due = excluded.due, last_review = excluded.last_review,"
                " reviews = excluded.reviews, last_rating = excluded.last_rating",
                (card.deck, card.question_id, json.dumps(card.card), ts(card.due),
                 ts(card.last_review), card.reviews, card.last_rating))

    def cards(self, deck: str) -> dict[str, CardRow]:
        """question id -> card, for every question of `deck` answered at least once."""
        with self._store._read() as conn:
            rows = conn.execute(_SELECT_CARDS + " WHERE deck = ?", (deck,)).fetchall()
        return {row[1]: _card(row) for row in rows}

    def due_counts(self, until: datetime) -> dict[str, int]:
        """deck -> how many of its cards are due at or before `until`."""
        with self._store._read() as conn:
            rows = conn.execute("SELECT deck, count(*) FROM cards WHERE due <= ? GROUP BY deck",
                                (ts(until),)).fetchall()
        return dict(rows)
