"""What reference-only grading derives from a question's reference answer: its key words
(concepts, weighted by kind of word), one synthetic criterion per sentence (at most six), the
claims each sentence makes, and the acronyms it uses. See `reference_only` for the rules.
"""

import hashlib
import re
from collections import OrderedDict
from dataclasses import dataclass

from interviewer.domain import Criterion, Levels, Question, Rubric
from interviewer.grading.concept_matcher import ConceptMatcher
from interviewer.grading.negation import negation_scope
from interviewer.grading.text_normalise import Token, normalise, phrase_stems
from interviewer.grading.word_lists import NEGATION_WORDS, NT_PREFIXES, STOPWORDS, WEAK_WORDS

#: Words that carry grammar only: never a concept.
GRAMMAR_WORDS = frozenset(
    "a an the is are was were be been being am do does did doing have has had having it its "
    "they them their this that these those there here he she his her we us our you your i me "
    "my of to in on at by for with from as and or but if so than then which who whom whose "
    "what when where how why also can could may might must shall should will would etc eg ie "
    "s t d ll m re ve".split()
)
WEIGHT_CONTENT = 1.0
WEIGHT_WEAK = 0.5
WEIGHT_FUNCTION = 0.3
WEIGHT_QUESTION = 0.2
MAX_CRITERIA = 6
_CACHE_SIZE = 1024


@dataclass(frozen=True)
class RefConcept:
    """One key word of the reference answer."""

    stem: str
    name: str
    weight: float
    negated: bool
    from_question: bool
    criterion: int


@dataclass(frozen=True)
class RefClaim:
    """One claim (sentence) of the reference: its key words and which it negates."""

    weights: dict[str, float]
    negated: set[str]
    criterion: int


@dataclass(frozen=True)
class ReferenceModel:
    """What the grader derived from one reference answer."""

    rubric: Rubric                      # synthetic: one criterion per reference sentence
    rubric_hash: str
    concepts: tuple[RefConcept, ...]
    matcher: ConceptMatcher
    claims: tuple[RefClaim, ...]
    acronyms: dict[str, tuple[int, ...]]   # initials -> concepts they abbreviate
    spelled: dict[str, int]                # acronym written in the reference -> its concept


_models: "OrderedDict[tuple[str, str, str], ReferenceModel | None]" = OrderedDict()


def reference_model(question: Question, reference: str | None = None) -> ReferenceModel | None:
    """The derived concepts and synthetic rubric for a question (None without a reference)."""
    reference = question.reference_answer if reference is None else reference
    key = (question.id, question.question, reference)
    if key in _models:
        _models.move_to_end(key)
        return _models[key]
    model = _derive(question, reference) if reference.strip() else None
    _models[key] = model
    if len(_models) > _CACHE_SIZE:
        _models.popitem(last=False)
    return model


def _weight(tok: Token, question_stems: set[str]) -> tuple[float, bool]:
    norm = tok.norm
    if norm in GRAMMAR_WORDS or norm in NEGATION_WORDS or norm in NT_PREFIXES:
        return 0.0, False
    if len(norm) < 2 and not norm.isdigit():
        return 0.0, False
    if tok.stem in question_stems:
        return WEIGHT_QUESTION, True
    if norm in STOPWORDS:
        return WEIGHT_FUNCTION, False
    if norm in WEAK_WORDS:
        return WEIGHT_WEAK, False
    return WEIGHT_CONTENT, False


def _derive(question: Question, reference: str) -> ReferenceModel | None:
    laid_out = normalise(reference, max_chars=max(len(reference), 1))
    text = laid_out.text
    tokens = list(laid_out.tokens)
    negated = negation_scope(tokens)
    question_stems = set(phrase_stems(question.question))
    sentences = _sentence_groups(tokens)
    concepts: list[RefConcept] = []
    seen: dict[tuple[str, bool], int] = {}
    token_concept: list[int | None] = []
    for i, tok in enumerate(tokens):
        weight, from_question = _weight(tok, question_stems)
        if weight <= 0:
            token_concept.append(None)
            continue
        key = (tok.stem, negated[i])
        if key not in seen:
            seen[key] = len(concepts)
            concepts.append(RefConcept(tok.stem, tok.norm, weight, negated[i], from_question,
                                       sentences[i]))
        token_concept.append(seen[key])
    if not concepts:
        return None
    # Renumber criteria so that only sentences holding a concept become criteria.
    used = sorted({c.criterion for c in concepts})
    renumber = {old: new for new, old in enumerate(used)}
    concepts = [RefConcept(c.stem, c.name, c.weight, c.negated, c.from_question,
                           renumber[c.criterion]) for c in concepts]
    criteria = []
    for n in range(len(used)):
        members = [c for c in concepts if c.criterion == n]
        span_tokens = [t for t, s in zip(tokens, sentences, strict=True) if renumber.get(s) == n]
        sentence = text[span_tokens[0].start:span_tokens[-1].end] if span_tokens else ""
        criteria.append(Criterion(
            id=f"reference-{n + 1}",
            description=clip_sentence(sentence) or "Part of the reference answer.",
            weight=round(sum(c.weight for c in members), 3),
            levels=Levels(
                none="States none of this part of the reference answer.",
                partial="States some of its key words.",
                full=clip_sentence(sentence) or "States this part of the reference answer.",
            ),
            concepts=[[c.name] for c in members],
        ))
    # Built in code from a reference answer, so the 2..6 criteria rule of hand-written
    # rubrics does not apply (a one-sentence reference makes one criterion).
    rubric = Rubric.model_construct(
        schema_version=1, question_id=question.id, version=1, criteria=criteria,
        misconceptions=[], follow_ups=[], model_answer=reference, essential_cap=100.0,
    )
    matcher = ConceptMatcher([[c.name] for c in concepts], "", [True] * len(concepts),
                             [c.negated for c in concepts],
                             known_text=[question.question, reference])
    claims: dict[int, RefClaim] = {}
    for i, tok in enumerate(tokens):
        concept = token_concept[i]
        if concept is None or concepts[concept].from_question:
            continue
        claim = claims.setdefault(tok.sentence, RefClaim({}, set(), concepts[concept].criterion))
        claim.weights[tok.stem] = concepts[concept].weight
        if negated[i]:
            claim.negated.add(tok.stem)
    digest = hashlib.sha256(("reference-only\n" + question.question + "\n" + reference).encode())
    return ReferenceModel(rubric, "ref-" + digest.hexdigest()[:12], tuple(concepts), matcher,
                          tuple(claims.values()),
                          _acronyms(tokens, token_concept), _spelled(text, tokens, token_concept))


def _sentence_groups(tokens: list[Token]) -> list[int]:
    """Sentence index per token, merged down to at most MAX_CRITERIA groups."""
    ids = [t.sentence for t in tokens]
    distinct = sorted(set(ids))
    if len(distinct) <= MAX_CRITERIA:
        return ids
    per_group = -(-len(distinct) // MAX_CRITERIA)
    return [distinct.index(s) // per_group for s in ids]


def _acronyms(tokens: list[Token], token_concept: list[int | None]) -> dict[str, tuple[int, ...]]:
    """Initials of runs of 2-5 reference words in one sentence ("first in, first out" -> fifo)."""
    found: dict[str, tuple[int, ...]] = {}
    for i in range(len(tokens)):
        for n in range(2, 6):
            run = tokens[i:i + n]
            if len(run) < n or run[-1].sentence != run[0].sentence:
                break
            if not all(t.norm[0].isalpha() for t in run):
                break
            members = tuple(c for c in token_concept[i:i + n] if c is not None)
            if len(members) >= 2:
                found.setdefault("".join(t.norm[0] for t in run), members)
    return found


def _spelled(text: str, tokens: list[Token], token_concept: list[int | None]) -> dict[str, int]:
    """Acronyms the reference writes in capitals ("FIFO"): the answer may spell them out."""
    out = {}
    for tok, concept in zip(tokens, token_concept, strict=True):
        raw = text[tok.start:tok.end]
        if concept is not None and 2 <= len(raw) <= 5 and raw.isupper() and raw.isalpha():
            out[tok.norm] = concept
    return out


def clip_sentence(text: str, limit: int = 200) -> str:
    """`text` on one line, shortened to `limit` characters."""
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
