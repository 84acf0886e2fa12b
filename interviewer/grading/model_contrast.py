"""Claims that negate what the model answer affirms.

`negation` covers the words after a negation ("does not compute gradients"). A concept named
before it, the subject of the denied predicate, stays stated: in "eval() doesn't change the
layers" or "the lr_scheduler doesn't actually change the learning rate" the concept is named
only to be denied. Grammar alone cannot tell that from a right negative claim ("dropout is not
active in eval mode"); the model answer can. Each negated claim of the answer (a clause) is
aligned with the model-answer clause that shares the most content words with it. When that
clause is affirmative, the answer says "not" where the model answer does not: the claim
contradicts it, and no concept earns credit in it.

A clause is aligned only when it shares at least MIN_SHARED content words with a model clause,
and at least half of its own content words (a long clause sharing two words with some
sentence is not about that sentence); a tie between an affirmative and a negative model clause
gives the answer the benefit of the doubt. Words that negate by meaning ("stops", "skips",
"without") make a model clause negative, and make an answer clause's own negation a double
one, which denies nothing. Concept aliases that carry their own negation ("does not copy")
are judged by the matcher as before: their claims are what the rubric asks for.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from interviewer.grading.negation import denial_cues, is_negation
from interviewer.grading.text_normalise import Token, normalise, stem
from interviewer.grading.word_lists import NEGATION_WORDS, STOPWORDS

#: Content words a negated claim must share with a model-answer clause to be read against it.
MIN_SHARED = 2
#: Words that negate through their meaning ("dropout stops dropping", "skips the version
#: counter", "runs without a graph"): a clause holding one is not affirmative, in the model
#: answer or in the answer.
NEGATIVE_MEANING = frozenset(stem(w) for w in (
    "stop stops stopped skip skips skipped disable disables disabled avoid avoids avoided "
    "without prevent prevents prevented lack lacks ignore ignores ignored off fail fails "
    "failed free frees remove removes removed discard discards discarded neither nor instead "
    "rather unlike except zero never cannot".split()))
#: Words that say nothing about which fact is claimed.
_EMPTY = STOPWORDS | NEGATION_WORDS | frozenset(
    "t s really actually just also only always here there thing things stuff way".split())


@lru_cache(maxsize=512)
def model_clauses(model_answer: str) -> tuple[tuple[frozenset[str], bool], ...]:
    """Each clause of the model answer: (its content stems, whether it is negative)."""
    text = normalise(model_answer)
    tokens = text.tokens
    denied = denial_cues(tokens, text.text)
    out: dict[int, tuple[set[str], list[bool]]] = {}
    for i, tok in enumerate(tokens):
        stems, negative = out.setdefault(tok.clause, (set(), [False]))
        if _content(tok):
            stems.add(tok.stem)
        if (not tok.code and is_negation(tokens, i)) or denied[i] != -1 \
                or tok.stem in NEGATIVE_MEANING:
            negative[0] = True
    return tuple((frozenset(stems), negative[0]) for stems, negative in out.values() if stems)


def contradicting_clauses(tokens: Sequence[Token], negated_by: Sequence[int],
                          model: tuple[tuple[frozenset[str], bool], ...]) -> set[int]:
    """The clauses of the answer that negate what the model answer affirms."""
    cues = {c for c in negated_by if c != -1}
    if not cues or not model:
        return set()
    by_clause: dict[int, set[str]] = {}
    for i in cues:
        if i + 1 < len(tokens) and tokens[i + 1].norm == "grad":
            continue    # "no grad": torch.no_grad typed with a space
        by_clause.setdefault(tokens[i].clause, set())
    if not by_clause:
        return set()
    double = set()
    for tok in tokens:
        stems = by_clause.get(tok.clause)
        if stems is not None and _content(tok):
            stems.add(tok.stem)
            if tok.stem in NEGATIVE_MEANING:
                double.add(tok.clause)   # "does not stop": two negatives, not a denial
    for clause in double:
        del by_clause[clause]
    out = set()
    for clause, stems in by_clause.items():
        best, negative = 0, False
        for model_stems, model_negative in model:
            shared = len(stems & model_stems)
            if shared > best:
                best, negative = shared, model_negative
            elif shared == best:
                negative = negative or model_negative
        if best >= MIN_SHARED and 2 * best >= len(stems) and not negative:
            out.add(clause)
    return out


@dataclass(frozen=True)
class Contrast:
    """One answer's clauses that negate what the model answer affirms, and its negation cues."""

    clauses: frozenset[int]
    cues: frozenset[int]

    @classmethod
    def of(cls, view, model: tuple[tuple[frozenset[str], bool], ...]) -> "Contrast":
        """`view`: the answer as the concept matcher prepared it (an `AnswerView`)."""
        clauses = contradicting_clauses(view.text.tokens, view.negated_by, model)
        cues = frozenset(c for c in view.negated_by if c != -1) if clauses else frozenset()
        return cls(frozenset(clauses), cues)

    def keep(self, view, found: dict, negative_concept: bool) -> dict:
        """The matches of `found` (claim -> match) outside the contradicting clauses, unless the
        concept is itself negative or the match carries its own negation ("does not copy")."""
        if not self.clauses or negative_concept:
            return found
        tokens = view.text.tokens
        kept = {}
        for unit, match in found.items():
            i, j = view.token_at(match.start), view.token_at(match.end - 1)
            if tokens[i].clause not in self.clauses or any(i <= c <= j for c in self.cues):
                kept[unit] = match
        return kept


def _content(tok: Token) -> bool:
    return tok.norm not in _EMPTY and (len(tok.norm) > 2 or tok.code) and not tok.norm.isdigit()
