"""Is this an answer to this question, or to another question of the deck?

A good answer to a different question, or several model answers pasted together, uses much of
the right vocabulary: a rubric's concepts alone cannot tell. The deck can. Every question of
the deck (its text and model answer) is a TF-IDF vector; an answer that is clearly closer to
another question than to its own (OFF_TOPIC_RATIO times as similar, and at least OFF_TOPIC_MIN)
reads as an answer to that question, and its score is capped at OFF_TOPIC_CAP.

The same test runs on each paragraph (or run of four claims) of a longer answer: pasting
several model answers, this question's among them, leaves most of the answer reading as answers
to other questions. When such parts hold most of the answer's words it is capped as a whole;
otherwise their claims count as off the rubric for the precision cap.

Measured on the tuning half of the calibration set: every off-topic and paste attempt was
flagged (13 of 13), and no strong or partial answer was (0 of 92).
"""

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from interviewer.grading.text_normalise import Token, normalise
from interviewer.grading.word_lists import STOPWORDS

OFF_TOPIC_RATIO = 1.35
OFF_TOPIC_MIN = 0.3
OFF_TOPIC_CAP = 20.0
_COMMON_SHARE = 0.25


@dataclass(frozen=True)
class OffTopic:
    """The other question an answer reads as answering."""

    question_id: str
    question: str
    similarity: float       # cosine to that question
    own: float              # cosine to the question asked


#: Words that code of any topic is made of (Python keywords and the scaffolding of a module):
#: in a code block they say nothing about which question the code answers. Few questions'
#: model answers hold code, so without this the scaffolding's rarity in the deck made a code
#: answer read as an answer to whichever question shows a `class Net(nn.Module)`.
_CODE_SCAFFOLDING = frozenset(
    "def class self super init return import from for while with lambda none true false "
    "print range len module forward torch nn".split())


def _terms(tokens: Iterable[Token]) -> dict[str, int]:
    counts: dict[str, int] = {}
    get = counts.get
    for t in tokens:
        if len(t.norm) > 2 and t.norm not in STOPWORDS and not (
                t.code and t.norm in _CODE_SCAFFOLDING):
            counts[t.stem] = get(t.stem, 0) + 1
    return counts


def is_off_topic(found: OffTopic) -> bool:
    return found.similarity >= OFF_TOPIC_MIN and found.similarity >= OFF_TOPIC_RATIO * found.own


def worth_parts(found: OffTopic | None) -> bool:
    """Whether the answer's parts need judging one by one: another question is nearly as
    close as its own (a paste of several answers); a plainly on-topic answer skips it."""
    return found is not None and found.similarity >= 0.2 and found.similarity >= 0.7 * found.own


class DeckIndex:
    """TF-IDF vectors of a deck's questions (question text + model or reference answer)."""

    def __init__(self, documents: dict[str, tuple[str, str]]):
        """`documents`: question id -> (question text, answer text)."""
        counts = {qid: _terms(normalise(q + "\n" + a, max_chars=200_000).tokens)
                  for qid, (q, a) in documents.items()}
        self._questions = {qid: q for qid, (q, _) in documents.items()}
        n = len(counts)
        df = Counter(term for c in counts.values() for term in c)
        self._idf = {term: math.log((1 + n) / (1 + k)) + 1 for term, k in df.items()}
        self._unseen = math.log(1 + n) + 1
        self._vectors = {qid: self._vector(c) for qid, c in counts.items()}
        # Terms in more than a quarter of the deck's questions tell questions apart little and
        # have the longest lists: they are left out of the dot products (speed).
        common = {term for term, k in df.items() if k > max(2, _COMMON_SHARE * n)}
        self._postings: dict[str, list[tuple[str, float]]] = {}
        for qid, vector in self._vectors.items():
            for term, weight in vector.items():
                if term not in common:
                    self._postings.setdefault(term, []).append((qid, weight))

    def _vector(self, counts: dict[str, int]) -> dict[str, float]:
        vector = {t: (1 + math.log(k)) * self._idf.get(t, self._unseen) for t, k in counts.items()}
        norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
        return {t: w / norm for t, w in vector.items()}

    def similarities(self, tokens: Iterable[Token]) -> dict[str, float]:
        """Cosine of the text (its tokens) to every question of the deck that shares a term."""
        out: dict[str, float] = {}
        get = out.get
        postings = self._postings
        for term, weight in self._vector(_terms(tokens)).items():
            found = postings.get(term)
            if found:
                for qid, other in found:
                    out[qid] = get(qid, 0.0) + weight * other
        return out

    def standing(self, question_id: str, tokens: Iterable[Token]) -> OffTopic | None:
        """How close the text is to its own question and to the closest other one (None when
        the question is not in the deck or nothing is shared)."""
        if question_id not in self._vectors or len(self._vectors) < 2:
            return None
        sims = self.similarities(tokens)
        if not sims:
            return None
        own = sims.get(question_id, 0.0)
        best_id, best = None, 0.0
        for qid, sim in sims.items():   # the first of the closest others, as max() picks
            if qid != question_id and (best_id is None or sim > best):
                best_id, best = qid, sim
        if best_id is None:
            return None
        return OffTopic(best_id, self._questions[best_id], round(best, 3), round(own, 3))

    def off_topic(self, question_id: str, tokens: Iterable[Token]) -> OffTopic | None:
        """The other question the answer clearly reads as answering, or None."""
        found = self.standing(question_id, tokens)
        return found if found is not None and is_off_topic(found) else None


_BLANK_LINE = re.compile(r"\n[ \t]*\n")
#: A part needs this many content words to be judged on its own.
_MIN_PART_WORDS = 15
_CLAIMS_PER_PART = 4


def off_topic_parts(index: DeckIndex, question_id: str, text: str,
                    tokens: tuple[Token, ...]) -> tuple[set[int], float, OffTopic | None]:
    """(claims in parts that read as answers to other questions, their share of the answer's
    content words, the other question of the largest such part). A part is a paragraph, or
    four claims of a longer one."""
    parts: list[list[Token]] = []
    for tok in tokens:
        if parts and tok.sentence != parts[-1][-1].sentence:
            gap = text[parts[-1][-1].end:tok.start]
            if _BLANK_LINE.search(gap) or _claims(parts[-1]) >= _CLAIMS_PER_PART:
                parts.append([])
        elif not parts:
            parts.append([])
        parts[-1].append(tok)
    sizes = [_content(p) for p in parts]
    if sum(1 for n in sizes if n >= _MIN_PART_WORDS) < 2:
        return set(), 0.0, None     # one part to judge: the whole-answer check already did
    total = sum(sizes) or 1
    off_units: set[int] = set()
    off_words = 0
    biggest: tuple[int, OffTopic] | None = None
    for part, words in zip(parts, sizes, strict=True):
        if words < _MIN_PART_WORDS:
            continue
        found = index.off_topic(question_id, part)
        if found is None:
            continue
        off_units.update(t.sentence for t in part)
        off_words += words
        if biggest is None or words > biggest[0]:
            biggest = (words, found)
    return off_units, off_words / total, biggest[1] if biggest else None


def _claims(part: list[Token]) -> int:
    return len({t.sentence for t in part})


def _content(part: list[Token]) -> int:
    return sum(1 for t in part if t.norm not in STOPWORDS and len(t.norm) > 2)


def deck_index(questions: Iterable, rubrics: dict) -> DeckIndex:
    """The index of a deck's questions; a question's model answer is its rubric's, if any."""
    documents = {}
    for question in questions:
        rubric = rubrics.get(question.id)
        answer = rubric.model_answer if rubric is not None else question.reference_answer
        documents[question.id] = (question.question, answer)
    return DeckIndex(documents)
