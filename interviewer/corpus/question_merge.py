"""Find near-duplicate questions: the same question asked in other words or another document.

Two questions are the same when their content words match after normalisation: asking
phrases dropped ("what do you understand from the word ..."), words stemmed, "how is X
different from Y" read as "difference between X and Y". Besides, words may differ only by
spelling (rapidfuzz), by a generic noun ("module", "class", "library") or by the documents'
subject (a word in a tenth or more of all questions, e.g. "PyTorch"), and a specific word must
be shared: "What is the Autograd module in PyTorch?" matches "What is Autograd?", but "What is
Max Pooling?" never matches "What is Average Pooling?", and "CIFAR-10" never matches
"CIFAR-100" (numbers must agree).
"""

import functools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence

import snowballstemmer
from rapidfuzz import fuzz, process

_STEMMER = snowballstemmer.stemmer("english")
#: Stemming is the slow part of comparing questions, and the same words recur.
_stem = functools.lru_cache(maxsize=100_000)(_STEMMER.stemWord)

#: Asking phrases removed from the start of a question before comparing.
_ASKING_PREFIX = re.compile(
    r"^(?:what do you (?:mean|understand) (?:by|from)|what is meant by|what does it mean by"
    r"|what are you meant by)(?: the (?:word|term|concept))?\s+"
)
_STOPWORDS = frozenset(
    "a an the of in on for to at by as into from with about between and or vs versus "
    "what whats what's which who whom whose why how when where "
    "is are was were be been being do does did can could would should will shall may might "
    "you your we our i me my it its this that these those there their they them "
    "explain describe define tell give state mention discuss briefly please "
    "anyone any one some "
    "term word s".split()
)
#: Words that all mean "difference", so "How is X different from Y?" matches
#: "What is the difference between X and Y?".
_DIFFERENCE = frozenset("differ different difference differences differs differentiate "
                        "distinguish compare comparison contrast vs versus".split())
#: Generic nouns: two questions may differ by these alone ("autograd" / "autograd module").
GENERIC = frozenset(
    _STEMMER.stemWords(
        "module class library package function layer method object concept api framework "
        "tool dataset algorithm technique process type".split()
    )
)
#: Relational words never count as a document's subject.
_NEVER_CONTEXT = frozenset({"differ"})


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


@functools.lru_cache(maxsize=65_536)
def _tokens(question: str) -> tuple[str, ...]:
    return tuple(_tokens_uncached(question))


def tokens(question: str) -> list[str]:
    """The question's content words, stemmed, in order (asking words and filler dropped)."""
    return list(_tokens(question))


def _tokens_uncached(question: str) -> list[str]:
    """The question's content words, stemmed, in order (asking words and filler dropped)."""
    text = _fold(question)
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    # British and American spellings compare equal (optimiser / optimizer)
    text = re.sub(r"\b(\w{3,})is(e|es|ed|er|ers|ing|ation|ations)\b", r"\1iz\2", text)
    text = _ASKING_PREFIX.sub("", text)
    out = []
    for word in text.split():
        if word in _DIFFERENCE:
            word = "differ"
        elif word in _STOPWORDS:
            continue
        else:
            word = _stem(word)
        if word not in out:
            out.append(word)
    return out


def context_terms(questions: Sequence[str]) -> frozenset[str]:
    """Words so common across all questions that they name the subject, not the question.

    A word counts when it appears in at least a tenth of the questions (and at least 3).
    """
    counts = Counter(t for q in questions for t in set(tokens(q)))
    floor = max(3, len(questions) / 10)
    return frozenset(
        t for t, n in counts.items() if n >= floor and t not in _NEVER_CONTEXT and not t.isdigit()
    )


#: Marks a question that asks "why": "Why is Naive Bayes naive?" asks for a reason, "What is
#: Naive Bayes?" for a definition, though their content words are the same.
WHY = "?why"


def question_key(question: str) -> tuple[str, ...]:
    """The words two questions are compared on."""
    words = tokens(question)
    asks_why = re.match(r"\W*why\b", _fold(question)) is not None
    return tuple([WHY, *words] if asks_why else words)


@functools.lru_cache(maxsize=65536)
def _digits(word: str) -> str:
    return "".join(ch for ch in word if ch.isdigit())


@functools.lru_cache(maxsize=262144)
def _spelling_variants(a: str, b: str) -> bool:
    """Same word spelt differently ("optimiser"/"optimizer", a typo); numbers must agree.

    A word inside the other is a different word ("supervised"/"unsupervised").
    """
    return (
        min(len(a), len(b)) >= 5
        and _digits(a) == _digits(b)
        and a not in b
        and b not in a
        and fuzz.ratio(a, b) >= 85
    ) or (a == b and bool(a))


def same_question(a: Sequence[str], b: Sequence[str], context: Iterable[str] = ()) -> bool:
    """Do two question keys (from `question_key`) ask the same thing?

    They may differ by spelling, by generic nouns, and by the documents' subject words
    (`context`), but must share a specific word.
    """
    if (WHY in a) != (WHY in b):
        return False
    a = [w for w in a if w != WHY]
    b = [w for w in b if w != WHY]
    ignorable = GENERIC | frozenset(context)
    set_a, set_b = set(a), set(b)
    if not set_a or not set_b:
        return False
    if set_a == set_b:
        return True
    only_a = [w for w in a if w not in set_b]
    only_b = [w for w in b if w not in set_a]
    # a specific word in common, or spelt two ways, is required: "What is a Module?" and
    # "What is a Function?" share nothing specific, nor do "What is PyTorch?" and "Why use PyTorch?"
    specific = any(w not in ignorable for w in set_a & set_b)
    for word in list(only_a):
        match = next((w for w in only_b if _spelling_variants(word, w)), None)
        if match is not None:
            only_a.remove(word)
            only_b.remove(match)
            specific = specific or word not in ignorable
    # words written as one or as two ("autoencoder" / "auto encoder")
    joined_a = "".join(w for w in only_a if w not in ignorable)
    joined_b = "".join(w for w in only_b if w not in ignorable)
    if joined_a and joined_b and _spelling_variants(joined_a, joined_b):
        only_a = [w for w in only_a if w in ignorable]
        only_b = [w for w in only_b if w in ignorable]
        specific = True
    return specific and all(w in ignorable for w in only_a + only_b)


def group_near_duplicates(questions: Sequence[str],
                          progress: Callable[[int, int], None] | None = None) -> list[list[int]]:
    """Indices of the questions grouped by near-duplicate, each group in input order.

    A question joins the first earlier group holding a question it matches. Only questions
    that could match are compared (see `_CandidateIndex`), so the work grows about linearly
    with the number of questions; `progress(done, total)` is called every 500 questions.
    """
    context = context_terms(questions)
    ignorable = GENERIC | context
    keys = [question_key(q) for q in questions]
    index = _CandidateIndex(ignorable)
    group_of: list[int] = []
    groups: list[list[int]] = []
    for i, key in enumerate(keys):
        matches = [j for j in index.candidates(key) if same_question(key, keys[j], context)]
        if matches:
            home = min(group_of[j] for j in matches)  # the group created first
            groups[home].append(i)
            group_of.append(home)
        else:
            group_of.append(len(groups))
            groups.append([i])
        index.add(i, key)
        if progress is not None and ((i + 1) % 500 == 0 or i + 1 == len(keys)):
            progress(i + 1, len(keys))
    return groups


class _CandidateIndex:
    """The earlier questions that could be the same as a new one.

    `same_question` needs every specific (non-ignorable) word of one question to be in the
    other, spelt the same or as a spelling variant (or two words written as one), and
    questions with no specific word to have the same words. So a question is compared only
    with: those sharing its rarest specific word or a spelling variant of it; those whose
    specific words, run together, start alike (`auto encoder` / `autoencoder`); and those
    with exactly its words.
    """

    def __init__(self, ignorable: frozenset[str]):
        self.ignorable = ignorable
        self.by_word: dict[str, list[int]] = defaultdict(list)
        self.by_joined: dict[tuple[str, str, int], list[int]] = defaultdict(list)
        self.by_words: dict[frozenset[str], list[int]] = defaultdict(list)
        #: spelling-variant lookup (see `_buckets`)
        self.by_spelling: dict[tuple[str, str, int], set[str]] = defaultdict(set)

    def _specific(self, key: Sequence[str]) -> list[str]:
        return [w for w in key if w not in self.ignorable and w != WHY]

    @staticmethod
    def _buckets(word: str, probe: bool = False) -> list[tuple[str, str, int]]:
        """Buckets for spelling variants of a word: the same first (or last) three letters,
        the same digits ("cifar10" is never "cifar100") and a similar length (a variant is
        within about a quarter of the other's length)."""
        digits, size = _digits(word), len(word) // 3
        sizes = (size - 1, size, size + 1) if probe else (size,)
        return ([(word[:3], digits, n) for n in sizes]
                + [("$" + word[-3:], digits, n) for n in sizes])

    @staticmethod
    def _joined_buckets(joined: str, probe: bool = False) -> list[tuple[str, str, int]]:
        """Buckets for specific words run together ("auto encoder" / "autoencoder"): the same
        first and last four letters, the same digits, a similar length."""
        size = len(joined) // 4
        sizes = (size - 1, size, size + 1) if probe else (size,)
        return [(joined[:4] + "|" + joined[-4:], _digits(joined), n) for n in sizes]

    def _variants(self, word: str) -> set[str]:
        if len(word) < 5:
            return {word}   # short words have no spelling variants (see _spelling_variants)
        near: set[str] = set()
        for bucket in self._buckets(word, probe=True):
            near.update(self.by_spelling.get(bucket, ()))
        # rapidfuzz scores the whole bucket in C; the few close ones get the full test
        close = process.extract(word, list(near), scorer=fuzz.ratio, score_cutoff=85, limit=None)
        return {w for w, _score, _ in close if _spelling_variants(word, w)} | {word}

    def candidates(self, key: Sequence[str]) -> set[int]:
        found: set[int] = set(self.by_words.get(frozenset(key), ()))
        specific = self._specific(key)
        if specific:
            rarest = min(specific, key=lambda w: len(self.by_word.get(w, ())))
            for word in self._variants(rarest):
                found.update(self.by_word.get(word, ()))
            for bucket in self._joined_buckets("".join(specific), probe=True):
                found.update(self.by_joined.get(bucket, ()))
        return found

    def add(self, i: int, key: Sequence[str]) -> None:
        self.by_words[frozenset(key)].append(i)
        specific = self._specific(key)
        for word in specific:
            if word not in self.by_word and len(word) >= 5:
                for bucket in self._buckets(word):
                    self.by_spelling[bucket].add(word)
            self.by_word[word].append(i)
        if specific:
            for bucket in self._joined_buckets("".join(specific)):
                self.by_joined[bucket].append(i)
