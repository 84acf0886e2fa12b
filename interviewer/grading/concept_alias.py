"""One rubric alias, compiled: a phrase (stemmed words in order, articles optional) or a `re:`
regular expression, with what the matcher needs to know about it (whether it only repeats
the question, the negation words it spells out, how it may be typed)."""

import re
from collections.abc import Callable
from dataclasses import dataclass

from interviewer.domain.rubric import compile_pattern
from interviewer.grading.negation import pattern_words
from interviewer.grading.regex_prefilter import compile_condition, required_text
from interviewer.grading.text_normalise import phrase_stems, tokenise
from interviewer.grading.word_lists import NEGATION_WORDS

_ARTICLES = frozenset(("a", "an", "the"))


@dataclass(frozen=True)
class Alias:
    """One compiled alias."""

    text: str
    stems: tuple[str, ...] = ()         # phrase aliases: required stems, in order
    norms: tuple[str, ...] = ()         # phrase aliases: the same words, unstemmed
    joined: str = ""                    # multi-word alias written as one word ("dataloader")
    regex: re.Pattern[str] | None = None  # `re:` aliases
    repeats_question: bool = False      # every word is already in the question: worth nothing
    split_key: str = ""                 # one-word alias an answer may type as two words
    owned: frozenset[str] = frozenset()  # `re:` aliases: negation/contrast words they spell out
    # may match in another word order ("gradients are computed" for "compute gradients")
    words_only: bool = True
    # `re:` aliases: the text the regex cannot match without, as one test of the lower-cased
    # answer (`regex_prefilter`)
    check: Callable[[str], bool] = compile_condition(None)


def compile_alias(text: str, question: set[str], question_text: str, exempt: bool) -> Alias:
    """Compile one alias. `question`: the question's stems, `question_text`: its text (an
    alias they already contain repeats the question, unless `exempt`)."""
    regex = compile_pattern(text)
    if regex is not None:
        repeats = not exempt and bool(question_text) and regex.search(question_text) is not None
        return Alias(text, regex=regex, repeats_question=repeats,
                     owned=pattern_words(regex.pattern),
                     check=compile_condition(required_text(regex.pattern)))
    toks = tokenise(text)
    # Articles inside an alias are optional ("the forward pass" == "forward pass").
    kept = [t for t in toks if t.norm not in _ARTICLES] or toks
    stems = tuple(t.stem for t in kept)
    norms = tuple(t.norm for t in kept)
    run_together = "".join(norms) if len(kept) > 1 else ""
    # the question's own words, or one of them spelled apart ("in-place" for "inplace")
    together = phrase_stems(run_together) if run_together else []
    repeats = not exempt and bool(stems) and (
        all(s in question for s in stems) or (len(together) == 1 and together[0] in question))
    split_key = text.lower() if len(stems) == 1 and len(text) >= 6 and text.isalnum() else ""
    owned = frozenset(t.norm for t in kept if t.norm in NEGATION_WORDS or t.norm == "t")
    # a code form matches reordered only when none of its parts is a one- or two-letter name
    # ("x.grad" must not match "x with requires_grad"; "tensor.device" may match "the device
    # the tensor is on")
    words_only = all(ch.isalnum() or ch in " -'" for ch in text) or all(len(t.norm) >= 3 for t in kept)
    return Alias(text, stems, norms, run_together if len(run_together) >= 6 else "", None,
                 repeats, split_key, owned=owned, words_only=words_only)
