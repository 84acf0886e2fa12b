"""Find a rubric's concepts in an answer: stemmed phrase matching with typo tolerance,
question-repeat filtering and negation handling. Every match carries its character span.

A concept is a group of aliases; the first alias names it. An alias is either a phrase
(matched as a sequence of stemmed words) or a `re:` regular expression. The matcher is
compiled once per rubric and reused for every answer.
"""

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import OSA

from interviewer.domain.rubric import compile_pattern
from interviewer.engine.regex_prefilter import Condition, holds, required_text
from interviewer.engine.text_normalise import NormalisedText, Token, phrase_stems, tokenise
from interviewer.engine.word_lists import (
    COMMON_WORDS,
    NEGATION_BREAKERS,
    NEGATION_WORDS,
    NT_PREFIXES,
    STOPWORDS,
)

#: How many words before a match a negation may stand and still cancel it ("does not
#: really compute gradients"), always within the same clause.
NEGATION_REACH = 4
#: Answer words skipped inside a phrase ("compute the gradients" matches "compute gradients").
_FILLERS = frozenset("a an the its their our your my this these those that all each every any".split())
_ARTICLES = frozenset(("a", "an", "the"))
_MAX_FILLERS = 2
#: Shortest word that may be a misspelling (shorter words are too easy to confuse).
MIN_TYPO_LENGTH = 5
_TYPO_CACHE_LIMIT = 50_000


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


@dataclass(frozen=True)
class Alias:
    """One compiled alias."""

    text: str
    stems: tuple[str, ...] = ()         # phrase aliases: required stems, in order
    joined: str = ""                    # multi-word alias written as one word ("dataloader")
    regex: re.Pattern[str] | None = None  # `re:` aliases
    repeats_question: bool = False      # every word is already in the question: worth nothing
    split_key: str = ""                 # one-word alias an answer may type as two words
    prefilter: Condition = None         # `re:` aliases: text the regex cannot match without


@dataclass(frozen=True)
class ConceptMatch:
    """Where one concept was found in an answer."""

    concept: int        # index of the concept group
    name: str           # the concept's name (its first alias)
    alias: str          # the alias that matched
    start: int          # character span in the answer
    end: int
    exact: bool = True  # False when found through a typo or a reordering


@dataclass
class AnswerView:
    """An answer prepared for one matcher: typo-corrected stems and negation scope."""

    text: NormalisedText
    stems: list[str]
    positions: dict[str, list[int]]
    negated: list[bool]
    typo: list[bool]
    starts: list[int] = field(default_factory=list)

    split_words: dict[str, int] = field(default_factory=dict)
    joined_words: dict[str, int] = field(default_factory=dict)
    lowered: str | None = None   # the text lower-cased, when it is ASCII (regex prefilters)

    def token_at(self, offset: int) -> int:
        """Index of the token that holds a character offset (or the one before it)."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)


def negation_scope(tokens: Sequence[Token]) -> list[bool]:
    """For each token: is it preceded closely, in the same clause, by a negation?"""
    negated = [False] * len(tokens)
    last_cue = -10**9
    last_clause = -1
    for i, tok in enumerate(tokens):
        if tok.clause != last_clause:
            last_cue, last_clause = -10**9, tok.clause
        negated[i] = i - last_cue <= NEGATION_REACH
        if (tok.norm in NEGATION_WORDS or tok.norm == "t") and _is_negation(tokens, i):
            last_cue = i
        elif tok.norm in ("or", "nor") and (negated[i] or (i and negated[i - 1])):
            last_cue = i  # "never uses A or B": the negation covers both
    return negated


def _is_negation(tokens: Sequence[Token], i: int) -> bool:
    tok = tokens[i]
    if tok.glued:  # part of an identifier such as torch.no_grad
        return False
    if tok.norm == "t" and i and tokens[i - 1].norm in NT_PREFIXES:
        cue = True
    else:
        cue = tok.norm in NEGATION_WORDS
    if cue and i + 1 < len(tokens) and tokens[i + 1].clause == tok.clause:
        if tokens[i + 1].norm in NEGATION_BREAKERS:  # "not only", "no matter"
            return False
    if cue and tok.norm == "not" and i and tokens[i - 1].norm == "or":  # "whether or not"
        return False
    return cue


class ConceptMatcher:
    """Compiled concept groups for one rubric (or one reference answer)."""

    def __init__(
        self,
        groups: Sequence[Sequence[str]],
        question_text: str = "",
        repeat_exempt: Sequence[bool] | None = None,
        negated: Sequence[bool] | None = None,
    ):
        """`repeat_exempt[n]`: concept n counts even in the question's own words.
        `negated[n]`: concept n is a negative statement ("no constructor is given") and
        matches only where the answer negates it too (reference-derived concepts)."""
        self.names = [group[0] for group in groups]
        self.polarity = [bool(negated and negated[n]) for n in range(len(groups))]
        question = set(phrase_stems(question_text)) if question_text else set()
        self.groups: list[list[Alias]] = []
        for n, group in enumerate(groups):
            exempt = bool(repeat_exempt and repeat_exempt[n])
            self.groups.append([_compile_alias(a, question, question_text, exempt) for a in group])
        # Every alias word of 5+ letters, by first letter: what a misspelling may stand for.
        words: dict[str, str] = {}
        self._joined: set[str] = set()
        for group in self.groups:
            for alias in group:
                if alias.repeats_question or alias.regex is not None:
                    continue
                for norm, st in zip(phrase_norms_of(alias.text), alias.stems, strict=False):
                    if len(norm) >= MIN_TYPO_LENGTH:
                        words.setdefault(norm, st)
                    if len(st) >= MIN_TYPO_LENGTH:
                        words.setdefault(st, st)
                if alias.joined:
                    self._joined.add(alias.joined)
        self._vocab = set(words.values())
        self._typo_targets: dict[str, tuple[list[str], list[str]]] = {}
        for form, st in words.items():
            forms, stems = self._typo_targets.setdefault(form[0], ([], []))
            forms.append(form)
            stems.append(st)
        self._typo_cache: dict[str, str | None] = {}
        # One-word aliases an answer may split in two ("dataloader" typed "data loader").
        self._single = {alias.split_key: alias for group in self.groups for alias in group
                        if alias.split_key}
        # First halves a split word can start with ("data" for "dataloader"): most word
        # pairs of an answer are rejected by one set lookup.
        self._split_heads = {key[:n] for key in self._single for n in range(2, len(key) - 1)}

    @property
    def live(self) -> list[bool]:
        """Per concept: can it be earned at all (some alias says more than the question)?"""
        return [any(not a.repeats_question for a in group) for group in self.groups]

    # -- answer preparation ---------------------------------------------------------------

    def view(self, text: NormalisedText) -> AnswerView:
        """Prepare an answer once; `find` can then be called for any concept."""
        stems: list[str] = []
        typo: list[bool] = []
        positions: dict[str, list[int]] = {}
        vocab, cache = self._vocab, self._typo_cache
        for i, tok in enumerate(text.tokens):
            st = tok.stem
            corrected = False
            if st not in vocab and len(tok.norm) >= MIN_TYPO_LENGTH:
                fixed = cache[tok.norm] if tok.norm in cache else self._correct(tok.norm, st)
                if fixed is not None:
                    st, corrected = fixed, True
            stems.append(st)
            typo.append(corrected)
            if st in positions:
                positions[st].append(i)
            else:
                positions[st] = [i]
        joined_at: dict[str, int] = {}
        if self._joined:
            for i, tok in enumerate(text.tokens):
                if tok.norm in self._joined and tok.norm not in joined_at:
                    joined_at[tok.norm] = i
        split: dict[str, int] = {}
        if self._single:
            toks = text.tokens
            heads = self._split_heads
            for i in range(len(toks) - 1):
                a = toks[i].norm
                if a not in heads or toks[i + 1].clause != toks[i].clause:
                    continue
                b = toks[i + 1].norm
                for joined in (a + b, a + b[:-1] if b.endswith("s") else ""):
                    if joined in self._single:
                        split.setdefault(joined, i)
        return AnswerView(
            text, stems, positions, negation_scope(text.tokens), typo,
            [t.start for t in text.tokens], split, joined_at,
            text.text.lower() if text.text.isascii() else None,
        )

    def _correct(self, norm: str, st: str) -> str | None:
        """The alias stem a misspelt word stands for, if it is within the typo budget."""
        if norm in self._typo_cache:
            return self._typo_cache[norm]
        found = None
        if norm.isalpha() and norm not in STOPWORDS and norm not in COMMON_WORDS:
            targets = self._typo_targets.get(norm[0])
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
        if len(self._typo_cache) > _TYPO_CACHE_LIMIT:
            self._typo_cache.clear()
        self._typo_cache[norm] = found
        return found

    # -- matching -------------------------------------------------------------------------

    def find(self, view: AnswerView, concept: int) -> ConceptMatch | None:
        """The first place the concept is stated (not negated) in the answer, or None."""
        best: ConceptMatch | None = None
        positions = view.positions
        for alias in self.groups[concept]:
            if alias.repeats_question:
                continue
            # Cheap skip: a phrase alias needs every one of its stems somewhere in the answer,
            # unless it can match as one joined word or a split word.
            if alias.regex is None and not alias.joined \
                    and not (alias.split_key and alias.split_key in view.split_words) \
                    and any(st not in positions for st in alias.stems):
                continue
            found = self._find_alias(view, concept, alias, self.polarity[concept])
            # An exact phrase beats a typo or reordered one; then the earliest wins.
            if found is not None and (best is None or (not found.exact, found.start)
                                      < (not best.exact, best.start)):
                best = found
        return best

    def find_all(self, view: AnswerView) -> list[ConceptMatch | None]:
        return [self.find(view, n) for n in range(len(self.groups))]

    def _find_alias(self, view: AnswerView, concept: int, alias: Alias, want: bool) -> ConceptMatch | None:
        name = self.names[concept]
        if alias.regex is not None:
            if view.lowered is not None and not holds(alias.prefilter, view.lowered):
                return None
            for m in alias.regex.finditer(view.text.text):
                if m.end() == m.start():
                    continue
                i = view.token_at(m.start())
                if i < len(view.negated) and view.negated[i] != want:
                    continue
                return ConceptMatch(concept, name, alias.text, m.start(), m.end())
            return None
        found = self._find_phrase(view, alias.stems, want)
        if found is not None:
            i, j, exact = found
            tokens = view.text.tokens
            return ConceptMatch(concept, name, alias.text, tokens[i].start, tokens[j].end, exact)
        if alias.joined:
            return self._find_joined(view, concept, alias, want)
        i = view.split_words.get(alias.split_key) if alias.split_key else None
        if i is not None and view.negated[i] == want:
            tokens = view.text.tokens
            return ConceptMatch(concept, name, alias.text, tokens[i].start, tokens[i + 1].end, False)
        return None

    def _find_phrase(
        self, view: AnswerView, stems: tuple[str, ...], want: bool
    ) -> tuple[int, int, bool] | None:
        if not stems:
            return None
        starts = view.positions.get(stems[0])
        tokens = view.text.tokens
        n_tok = len(tokens)
        if starts:
            for i in starts:
                if view.negated[i] != want:
                    continue
                j, ok = i, True
                for next_stem in stems[1:]:
                    k, skipped = j + 1, 0
                    while (k < n_tok and view.stems[k] != next_stem and skipped < _MAX_FILLERS
                           and tokens[k].norm in _FILLERS):
                        k, skipped = k + 1, skipped + 1
                    if k >= n_tok or view.stems[k] != next_stem:
                        ok = False
                        break
                    j = k
                if ok:
                    return i, j, not any(view.typo[i:j + 1])
        if 2 <= len(stems) <= 3:
            return self._find_unordered(view, stems, want)
        return None

    def _find_unordered(
        self, view: AnswerView, stems: tuple[str, ...], want: bool
    ) -> tuple[int, int, bool] | None:
        """All the phrase's words close together in one clause, in any order
        ("gradients are computed" for "compute gradients")."""
        lists = [view.positions.get(s) for s in stems]
        if not all(lists) or len(set(stems)) < len(stems):
            return None
        window = len(stems) + 3
        tokens = view.text.tokens
        anchor = min(lists, key=len)
        for a in anchor:
            clause = tokens[a].clause
            picked = []
            for plist in lists:
                near = [p for p in plist if abs(p - a) <= window and tokens[p].clause == clause]
                if not near:
                    break
                picked.append(min(near, key=lambda p: abs(p - a)))
            else:
                lo, hi = min(picked), max(picked)
                if hi - lo < window and view.negated[lo] == want:
                    return lo, hi, False
        return None

    def _find_joined(
        self, view: AnswerView, concept: int, alias: Alias, want: bool
    ) -> ConceptMatch | None:
        """A multi-word alias typed as one word ("data loader" -> "DataLoader")."""
        i = view.joined_words.get(alias.joined)
        if i is None or view.negated[i] != want:
            return None
        tok = view.text.tokens[i]
        return ConceptMatch(concept, self.names[concept], alias.text, tok.start, tok.end, False)


def phrase_norms_of(text: str) -> list[str]:
    return [t.norm for t in tokenise(text)]


def _compile_alias(text: str, question: set[str], question_text: str, exempt: bool) -> Alias:
    regex = compile_pattern(text)
    if regex is not None:
        repeats = not exempt and bool(question_text) and regex.search(question_text) is not None
        return Alias(text, regex=regex, repeats_question=repeats,
                     prefilter=required_text(regex.pattern))
    toks = tokenise(text)
    # Articles inside an alias are optional ("the forward pass" == "forward pass").
    kept = [t for t in toks if t.norm not in _ARTICLES] or toks
    stems = tuple(t.stem for t in kept)
    joined = "".join(t.norm for t in kept) if len(kept) > 1 else ""
    if len(joined) < 6:
        joined = ""
    repeats = not exempt and bool(stems) and all(s in question for s in stems)
    split_key = text.lower() if len(stems) == 1 and len(text) >= 6 and text.isalnum() else ""
    return Alias(text, stems, joined, None, repeats, split_key)
