"""Words the grader knows to be correctly spelled, so typo correction leaves them alone.

Typo tolerance reads a word it does not know as a misspelling of a nearby rubric word
("gradeints" -> "gradients"). A real word must not be read that way: "production" is not a
misspelt "prediction", "reset" is not "ResNet", "continuous" is not "contiguous". So the
matcher only corrects words outside this vocabulary:

- the fixed word lists of `word_lists` (function words, common English words);
- every word of the shipped decks and rubrics (questions, reference answers, model answers,
  criteria, levels, aliases, claims and corrections): the technical English the grader meets;
- every word of the rubric and question being graded (so a user's own deck is covered too).

Words are compared by stem, so an inflected form of a known word is known as well.
`regex` aliases and patterns are left out: their text holds fragments ("matri(x|ces)"),
not words. British and American spellings are a separate, exact rule (`spelling_variants`),
not a typo.
"""

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from interviewer.domain.rubric import REGEX_PREFIX
from interviewer.grading.text_normalise import phrase_norms, stem
from interviewer.grading.word_lists import COMMON_WORDS, STOPWORDS, WEAK_WORDS


_WORD = re.compile(r"[^\W_]+")


def text_stems(texts: Iterable[str]) -> set[str]:
    """Stems of every alphabetic word of the texts (`re:` patterns skipped)."""
    words: set[str] = set()
    for text in texts:
        if not text.startswith(REGEX_PREFIX):
            words.update(_WORD.findall(text))
    # Distinct words only: a deck repeats a small vocabulary many times over.
    return {stem(norm) for word in words for norm in _normal(word) if norm.isalpha()}


def _normal(word: str) -> tuple[str, ...]:
    return (word.lower(),) if word.isascii() else phrase_norms(word)


def strings_in(data: Any) -> Iterator[str]:
    """Every string inside nested dicts/lists (a parsed YAML file or a model dump)."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings_in(value)
    elif isinstance(data, (list, tuple)):
        for value in data:
            yield from strings_in(value)


@lru_cache(maxsize=1)
def shipped_known_stems() -> frozenset[str]:
    """The word lists plus every word of the shipped decks and rubrics (read once)."""
    import yaml

    from interviewer.corpus.yaml_io import SAFE_LOADER
    from interviewer.data_paths import shipped_root

    stems = text_stems([" ".join(STOPWORDS), " ".join(COMMON_WORDS), " ".join(WEAK_WORDS)])
    root = shipped_root()
    paths = sorted(root.glob("corpus/*.y*ml")) + sorted(root.glob("rubrics/*/*.y*ml"))
    for path in paths:
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)  # noqa: S506 (safe loader)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue  # lint reports broken files; the vocabulary just lacks their words
        stems |= text_stems(strings_in(data))
    return frozenset(stems)


# British <-> American spellings, as (pattern, replacement) rewrites of a word's ending.
# Either direction may be the rubric's: "optimiser" must find "optimizer" and back.
_SPELLINGS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl) for pattern, repl in (
        (r"(?<=\w\w)is(e|es|ed|ing|er|ers|ation|ations|able)$", r"iz\1"),
        (r"(?<=\w\w)iz(e|es|ed|ing|er|ers|ation|ations|able)$", r"is\1"),
        (r"(?<=\w\w)ys(e|es|ed|ing|er|ers)$", r"yz\1"),
        (r"(?<=\w\w)yz(e|es|ed|ing|er|ers)$", r"ys\1"),
        (r"(?<=\w\w)our(s|ed|ing|al|ful)?$", r"or\1"),
        (r"(?<=\w\w)or(s|ed|ing|al|ful)?$", r"our\1"),
        (r"(?<=\w\w)([bt])re$", r"\1er"), (r"(?<=\w\w)([bt])er$", r"\1re"),
        (r"(?<=\w\w)([bt])res$", r"\1ers"), (r"(?<=\w\w)([bt])ers$", r"\1res"),
        (r"(?<=\w\w)([bt])red$", r"\1ered"), (r"(?<=\w\w)([bt])ered$", r"\1red"),
        (r"(?<=\w\w)([bt])ring$", r"\1ering"), (r"(?<=\w\w)([bt])ering$", r"\1ring"),
        (r"(?<=\w\w)ogue(s)?$", r"og\1"), (r"(?<=\w\w)og(s)?$", r"ogue\1"),
    )
)
# Irregular past forms the stemmer leaves alone.
_IRREGULAR = {"learnt": "learned", "spelt": "spelled", "burnt": "burned"}


def spelling_variants(word: str) -> list[str]:
    """Other spellings of the same word ("optimiser" -> ["optimizer"], "centred" ->
    ["centered"]); the caller decides whether any of them is a word it is looking for."""
    out = [_IRREGULAR[word]] if word in _IRREGULAR else []
    for pattern, repl in _SPELLINGS:
        variant = pattern.sub(repl, word, count=1)
        if variant != word:
            out.append(variant)
    return out
