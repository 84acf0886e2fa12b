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

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence

import snowballstemmer
from rapidfuzz import fuzz

_STEMMER = snowballstemmer.stemmer("english")

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


def tokens(question: str) -> list[str]:
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
            word = _STEMMER.stemWord(word)
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


def question_key(question: str) -> tuple[str, ...]:
    """The words two questions are compared on."""
    return tuple(tokens(question))


def _digits(word: str) -> str:
    return "".join(ch for ch in word if ch.isdigit())


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
        self.by_joined: dict[str, list[int]] = defaultdict(list)
        self.by_words: dict[frozenset[str], list[int]] = defaultdict(list)
        #: spelling-variant lookup: words by their first and their last three letters
        self.by_prefix: dict[str, set[str]] = defaultdict(set)
        self.by_suffix: dict[str, set[str]] = defaultdict(set)

    def _specific(self, key: Sequence[str]) -> list[str]:
        return [w for w in key if w not in self.ignorable]

    def _variants(self, word: str) -> set[str]:
        near = self.by_prefix.get(word[:3], set()) | self.by_suffix.get(word[-3:], set())
        return {w for w in near if _spelling_variants(word, w)} | {word}

    def candidates(self, key: Sequence[str]) -> set[int]:
        found: set[int] = set(self.by_words.get(frozenset(key), ()))
        specific = self._specific(key)
        if specific:
            rarest = min(specific, key=lambda w: len(self.by_word.get(w, ())))
            for word in self._variants(rarest):
                found.update(self.by_word.get(word, ()))
            found.update(self.by_joined.get("".join(specific)[:4], ()))
        return found

    def add(self, i: int, key: Sequence[str]) -> None:
        self.by_words[frozenset(key)].append(i)
        specific = self._specific(key)
        for word in specific:
            if word not in self.by_word:
                self.by_prefix[word[:3]].add(word)
                self.by_suffix[word[-3:]].add(word)
            self.by_word[word].append(i)
        if specific:
            self.by_joined["".join(specific)[:4]].append(i)
