"""Spaced repetition with FSRS (the `fsrs` package): every question a user has answered is a
card, and each graded attempt becomes one review of it.

How a graded attempt becomes an FSRS rating (also in the README):

- a skipped question is no review: its card does not change;
- "I don't know", or an answer that earned nothing, is **Again**;
- otherwise the score before any hint penalty, in the report's bands: below 50 **Again**,
  50-69 **Hard**, 70-84 **Good**, 85 and up **Easy**;
- each hint used in the attempt lowers that by one step (never below Again);
- a retry is at most **Good**: the feedback and the model answer were read just before.

One review per question per session counts: a retry replaces the first attempt's review, so
the retry's grade is the one that updates the card. A card's state is replayed from all its
reviews, oldest first, so replacing one review is exact.

The scheduler has no learning steps (FSRS's default brings a new card back after 1 and 10
minutes, which is how the same question came up twice in ten minutes) and no fuzzing (a
schedule a user, and a test, can predict). Days are the user's local days: a card is due on
the local date its interval ends, at any time of that day.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from fsrs import Card, Rating, Scheduler

from interviewer.domain import Grade
from interviewer.grading.prechecks import BLOCKED_CODES
from interviewer.local_days import end_of_day
from interviewer.store.schedule_store import CardRow, ReviewRow, ScheduleStore

#: (lowest score, rating), highest first: the report's bands (engine.report.BANDS).
SCORE_RATINGS: tuple[tuple[float, Rating], ...] = (
    (85, Rating.Easy), (70, Rating.Good), (50, Rating.Hard), (0, Rating.Again),
)
#: Flags that mean the answer was not an attempt worth a rating of its own (it earns Again).
NOTHING_SAID = BLOCKED_CODES | {"dont-know"}

SCHEDULER = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)

Clock = Callable[[], datetime]


def rating_for(grade: Grade, *, hints: int = 0, dont_know: bool = False,
               retry: bool = False) -> Rating:
    """The FSRS rating a graded attempt earns (the mapping in the module docstring)."""
    if dont_know or (grade.score == 0 and any(f.code in NOTHING_SAID for f in grade.flags)):
        return Rating.Again
    score = grade.score + grade.hint_penalty  # hints count below, once
    rating = next(r for floor, r in SCORE_RATINGS if score >= floor)
    rating = Rating(max(Rating.Again, rating - hints))
    if retry:
        rating = Rating(min(rating, Rating.Good))
    return rating


def replay(deck: str, question_id: str, reviews: list[ReviewRow]) -> CardRow:
    """The card after every review, oldest first (there is at least one)."""
    card = Card(card_id=1)  # ids are unused; a fixed one avoids fsrs's clock-based default
    for review in reviews:
        card, _ = SCHEDULER.review_card(card, Rating(review.rating),
                                        review_datetime=review.reviewed_at)
    last = reviews[-1]
    return CardRow(deck=deck, question_id=question_id, card=card.to_dict(), due=card.due,
                   last_review=last.reviewed_at, reviews=len(reviews), last_rating=last.rating)


class SpacedRepetition:
    """Reviews and cards for one store, on one clock (a fake one in tests)."""

    def __init__(self, schedule: ScheduleStore, clock: Clock):
        self.schedule = schedule
        self.clock = clock

    def review(self, *, session_id: str, deck: str, question_id: str, attempt: int,
               grade: Grade, hints: int, dont_know: bool) -> CardRow:
        """Record what this graded attempt earned and return the card it leaves."""
        rating = rating_for(grade, hints=hints, dont_know=dont_know, retry=attempt > 1)
        review = ReviewRow(session_id=session_id, question_id=question_id, deck=deck,
                           attempt=attempt, rating=int(rating), score=grade.score, hints=hints,
                           reviewed_at=self.clock())
        reviews = [r for r in self.schedule.reviews_for(deck, question_id)
                   if r.session_id != session_id]
        reviews.append(review)
        reviews.sort(key=lambda r: (r.reviewed_at, r.session_id))
        card = replay(deck, question_id, reviews)
        self.schedule.save(review, card)
        return card

    def due_dates(self, deck: str) -> dict[str, datetime]:
        """question id -> when it comes back, for every card of the deck."""
        return {qid: card.due for qid, card in self.schedule.cards(deck).items()}

    def due_counts(self) -> dict[str, int]:
        """deck -> cards due today (or overdue)."""
        return self.schedule.due_counts(end_of_day(self.clock()))
