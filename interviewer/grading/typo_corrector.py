"""Read a misspelt answer word as the rubric word it stands for ("gradeints" -> gradient).

Only a word the grader does not know may be a misspelling: a correctly spelled word
("production", "reset", "continuous", see `known_words`) is never turned into a different
rubric word ("prediction", "ResNet", "contiguous"). British and American spellings of the
same word ("optimiser"/"optimizer") are matched exactly, not as typos.
"""

from collections.abc import Iterable

from rapidfuzz import process
from rapidfuzz.distance import OSA

from interviewer.grading.known_words import spelling_variants
from interviewer.grading.text_normalise import stem
from interviewer.grading.word_lists import COMMON_WORDS, STOPWORDS

#: Shortest word that may be a misspelling (shorter words are too easy to confuse).
MIN_TYPO_LENGTH = 5
_CACHE_LIMIT = 50_000


def typo_budget(word: str) -> int:
    """Edits tolerated in a word: one up to 9 letters, two for longer words."""
    return 1 if len(word) <= 9 else 2


def is_typo_of(word: str, target: str) -> bool:
    """Whether `word` (already within the edit budget of `target`) reads as a misspelling.

    Short words allow a swapped, dropped or doubled letter but not a changed one: a one-letter
    substitution in a short word is usually another real word ("modal"/"model",
    "later"/"layer", "strike"/"stride"). From 8 letters on any edit counts.
    """
    if word[0] != target[0]:
        return False
    if len(word) >= 8 and len(target) >= 8:
        return True
    if len(word) != len(target):
        return True                      # a letter dropped or added
    return sorted(word) == sorted(target)  # same letters: a transposition


class TypoCorrector:
    """The rubric words a misspelling may stand for, and the words that are never typos."""

    def __init__(self, words: Iterable[tuple[str, str]], known: frozenset[str] | set[str]):
        """`words`: (form, stem) of each alias word a misspelling may stand for;
        `known`: stems of correctly spelled words, which are never corrected."""
        self.targets: dict[str, tuple[list[str], list[str]]] = {}
        self.vocab: set[str] = set()
        for form, st in dict(words).items():
            forms, stems = self.targets.setdefault(form[0], ([], []))
            forms.append(form)
            stems.append(st)
            self.vocab.add(st)
        self.known = known
        self.cache: dict[str, str | None] = {}

    def correct(self, norm: str, st: str) -> str | None:
        """The rubric stem a word stands for (a spelling variant or a misspelling), or None."""
        if norm in self.cache:
            return self.cache[norm]
        found = None
        if norm.isalpha() and norm not in STOPWORDS and norm not in COMMON_WORDS:
            found = next((s for s in map(stem, spelling_variants(norm)) if s in self.vocab), None)
            targets = None if found is not None or st in self.known else self.targets.get(norm[0])
            if targets:
                forms, stems = targets
                for query in (norm, st):
                    for form, _dist, k in process.extract(
                        query, forms, scorer=OSA.distance, score_cutoff=typo_budget(query), limit=4
                    ):
                        if is_typo_of(query, form):
                            found = stems[k]
                            break
                    if found is not None:
                        break
        if len(self.cache) > _CACHE_LIMIT:
            self.cache.clear()
        self.cache[norm] = found
        return found
