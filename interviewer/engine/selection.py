"""Question selection: by deck, topic, difficulty, count, seed and the spaced-repetition
schedule; never a repeat within a session.

The schedule (`due`: question id -> when its card comes back) shapes the choice by
`config.pick`: `random` leaves out questions not due yet (a question is never asked again
inside its interval unless the user asks), `due` asks the due ones first (most overdue
first) and then new ones, `all` ignores the schedule."""

import random
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from interviewer.corpus.problems import CorpusError, Problem
from interviewer.domain import Deck, Question, SessionConfig
from interviewer.local_days import comes_back, is_due


class NothingDue(Exception):
    """Every question the filters match is scheduled for later; the message says when and
    how to practise them anyway."""


def eligible(deck: Deck, config: SessionConfig) -> list[Question]:
    """Questions matching the config's topic and difficulty filters (empty filter = all)."""
    return [
        q
        for q in deck.questions
        if (not config.topics or q.topic in config.topics)
        and (not config.difficulties or q.difficulty in config.difficulties)
        and q.reference_answer
    ]


def _filters(config: SessionConfig) -> str:
    return ", ".join(
        f"{k}={','.join(v)}" for k, v in (("topics", config.topics),
                                          ("difficulty", config.difficulties)) if v
    )


def select_questions(
    deck: Deck, config: SessionConfig, topic_scores: Mapping[str, float] | None = None,
    due: Mapping[str, datetime] | None = None, now: datetime | None = None,
) -> list[Question]:
    """Pick up to `config.count` distinct questions (fewer when fewer are available: see
    `shortfall`).

    With `favour_weak`, topics with low past scores (0-100) are drawn more often: a topic's
    weight is 1 + (100 - score) / 25, so a topic at 20 is five times as likely as one at 100;
    topics never practised count as weak (score 40)."""
    pool = eligible(deck, config)
    if not pool:
        raise CorpusError(
            [Problem(Path(f"corpus/{deck.deck.name}.yaml"),
                     f"no questions match {_filters(config) or 'the deck'}")]
        )
    rng = random.Random(config.seed)
    if due is not None and now is not None and config.pick != "all":
        later = [q for q in pool if q.id in due and not is_due(due[q.id], now)]
        pool = [q for q in pool if q not in later]
        if not pool:
            raise NothingDue(_nothing_due(deck, config, later, due, now))
        if config.pick == "due":
            return _due_first(pool, due, config.count, rng)
    if not (config.favour_weak and topic_scores is not None):
        return rng.sample(pool, k=min(config.count, len(pool)))
    chosen: list[Question] = []
    remaining = list(pool)
    while remaining and len(chosen) < config.count:
        weights = [1 + (100 - topic_scores.get(q.topic, 40.0)) / 25 for q in remaining]
        pick = rng.choices(range(len(remaining)), weights=weights, k=1)[0]
        chosen.append(remaining.pop(pick))
    return chosen


def _due_first(pool: list[Question], due: Mapping[str, datetime], count: int,
               rng: random.Random) -> list[Question]:
    """Due cards, most overdue first, then new questions in random order."""
    reviews = sorted((q for q in pool if q.id in due), key=lambda q: (due[q.id], q.id))
    new = [q for q in pool if q.id not in due]
    rng.shuffle(new)
    return (reviews + new)[:count]


def _nothing_due(deck: Deck, config: SessionConfig, later: list[Question],
                 due: Mapping[str, datetime], now: datetime) -> str:
    first = min(due[q.id] for q in later)
    matching = f" matching {_filters(config)}" if _filters(config) else ""
    return (f"Nothing to ask in deck {deck.deck.name!r}: all {len(later)} questions{matching} "
            f"are scheduled for later (the next comes back {comes_back(first, now)}). "
            "Practise them anyway with `--pick all` (Home: Questions from \"all, even if "
            "not due\").")


def shortfall(deck: Deck, config: SessionConfig, chosen: list[Question],
              due: Mapping[str, datetime] | None = None, now: datetime | None = None) -> str:
    """Why a session has fewer questions than asked for ("" when it has them all)."""
    if len(chosen) >= config.count:
        return ""
    matching = eligible(deck, config)
    where = f" match {_filters(config)}" if _filters(config) else f" are in deck {deck.deck.name!r}"
    text = f"Only {len(chosen)} of the {config.count} questions asked for: "
    later = 0
    if due is not None and now is not None and config.pick != "all":
        later = sum(1 for q in matching if q.id in due and not is_due(due[q.id], now))
    if later:
        text += (f"{len(matching)} questions{where}, and {later} of them are scheduled for "
                 "later (pick \"all\" to include them).")
    else:
        text += f"only {len(matching)} questions{where}."
    return text
