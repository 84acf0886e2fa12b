"""Question selection: by deck, topic, difficulty, count and seed; never a repeat."""

import random
from collections.abc import Mapping
from pathlib import Path

from interviewer.corpus.problems import CorpusError, Problem
from interviewer.domain import Deck, Question, SessionConfig


def eligible(deck: Deck, config: SessionConfig) -> list[Question]:
    """Questions matching the config's topic and difficulty filters (empty filter = all)."""
    return [
        q
        for q in deck.questions
        if (not config.topics or q.topic in config.topics)
        and (not config.difficulties or q.difficulty in config.difficulties)
        and q.reference_answer
    ]


def select_questions(
    deck: Deck, config: SessionConfig, topic_scores: Mapping[str, float] | None = None
) -> list[Question]:
    """Pick `config.count` distinct questions.

    With `favour_weak`, topics with low past scores (0-100) are drawn more often: a topic's
    weight is 1 + (100 - score) / 25, so a topic at 20 is five times as likely as one at 100;
    topics never practised count as weak (score 40)."""
    pool = eligible(deck, config)
    if not pool:
        filters = ", ".join(
            f"{k}={v}" for k, v in (("topics", config.topics), ("difficulty", config.difficulties)) if v
        )
        raise CorpusError(
            [Problem(Path(f"corpus/{deck.deck.name}.yaml"), f"no questions match {filters or 'the deck'}")]
        )
    rng = random.Random(config.seed)
    if not (config.favour_weak and topic_scores is not None):
        return rng.sample(pool, k=min(config.count, len(pool)))
    chosen: list[Question] = []
    remaining = list(pool)
    while remaining and len(chosen) < config.count:
        weights = [1 + (100 - topic_scores.get(q.topic, 40.0)) / 25 for q in remaining]
        pick = rng.choices(range(len(remaining)), weights=weights, k=1)[0]
        chosen.append(remaining.pop(pick))
    return chosen

