"""Find a rubric's concepts in an answer: stemmed phrase matching with typo tolerance,
question-repeat filtering and negation handling. Every match carries its character span.

Typo tolerance only reads a word as a misspelling when the word is not itself a known,
correctly spelled word (see `typo_corrector`): "production" never becomes "prediction".
A match stands only if no negation outside its own words covers any of them ("the memory is
not shared" does not state "shares memory"; see `negation`). Misconception patterns are
matched as claims: words in order, and also cancelled by contrast or denial ("rather than
X", "it is a myth that X").

A concept is a group of aliases (`concept_alias`); the first alias names it. An alias is
either a phrase (matched as a sequence of stemmed words) or a `re:` regular expression. The
matcher is compiled once per rubric and reused for every answer.
"""

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from interviewer.grading.concept_alias import Alias, compile_alias
from interviewer.grading.known_words import shipped_known_stems, text_stems
from interviewer.grading.match_spans import phrase_spans, stands
from interviewer.grading.negation import denial_cues, negation_cues
from interviewer.grading.stance import muted_tokens
from interviewer.grading.text_normalise import NormalisedText, phrase_stems
from interviewer.grading.typo_corrector import MIN_TYPO_LENGTH, TypoCorrector
from interviewer.grading.visible_text import INVISIBLE

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
    negated_by: list[int]        # per token: the negation covering it, or -1
    typo: list[bool]
    starts: list[int] = field(default_factory=list)

    split_words: dict[str, list[int]] = field(default_factory=dict)
    joined_words: dict[str, list[int]] = field(default_factory=dict)
    lowered: str | None = None   # the text lower-cased, when it is ASCII (regex prefilters)
    # What `re:` aliases run on: the text with each run of spaces and line breaks read as one
    # space (a hard wrap or a struck-out phrase leaves a gap a pattern's " " must cross), and
    # for each of its characters the offset in the text (None when nothing was folded).
    flat: str = ""
    flat_at: list[int] | None = None
    denied_by: list[int] = field(default_factory=list)  # contrast/denial scope
    muted: list[bool] = field(default_factory=list)  # in a claim that states nothing (`stance`)
    denied_subject: list[bool] = field(default_factory=list)  # "X" of "X is not used"
    negated: list[bool] = field(init=False)

    def __post_init__(self) -> None:
        self.negated = [c != -1 for c in self.negated_by]

    def token_at(self, offset: int) -> int:
        """Index of the token that holds a character offset (or the one before it)."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)


class ConceptMatcher:
    """Compiled concept groups for one rubric (or one reference answer)."""

    def __init__(
        self,
        groups: Sequence[Sequence[str]],
        question_text: str = "",
        repeat_exempt: Sequence[bool] | None = None,
        negated: Sequence[bool] | None = None,
        known_text: Iterable[str] = (),
        claims: Sequence[bool] | None = None,
    ):
        """`repeat_exempt[n]`: concept n counts even in the question's own words.
        `negated[n]`: concept n is a negative statement ("no constructor is given") and
        matches only where the answer negates it too (reference-derived concepts).
        `known_text`: more text whose words are correctly spelled (the rubric, the reference
        answer), on top of the shipped vocabulary, the question and the aliases.
        `claims[n]`: concept n is a misconception pattern: its words must come in order, and a
        contrast or denial ("rather than X", "it is a myth that X", "not only X") cancels it
        as a negation does."""
        self.names = [group[0] for group in groups]
        self.polarity = [bool(negated and negated[n]) for n in range(len(groups))]
        self.claims = [bool(claims and claims[n]) for n in range(len(groups))]
        question = set(phrase_stems(question_text)) if question_text else set()
        self.groups: list[list[Alias]] = []
        for n, group in enumerate(groups):
            exempt = bool(repeat_exempt and repeat_exempt[n])
            self.groups.append([compile_alias(a, question, question_text, exempt) for a in group])
        # Every alias word of 5+ letters, by first letter: what a misspelling may stand for.
        words: dict[str, str] = {}
        self._joined: set[str] = set()
        for group in self.groups:
            for alias in group:
                if alias.repeats_question or alias.regex is not None:
                    continue
                for norm, st in zip(alias.norms, alias.stems, strict=True):
                    if len(norm) >= MIN_TYPO_LENGTH:
                        words.setdefault(norm, st)
                    if len(st) >= MIN_TYPO_LENGTH:
                        words.setdefault(st, st)
                if alias.joined:
                    self._joined.add(alias.joined)
        # Correctly spelled words are never read as a typo of another word.
        known = shipped_known_stems() | text_stems(
            [question_text, *known_text, *(a for g in groups for a in g)])
        self._typos = TypoCorrector(words.items(), known)
        # One-word aliases an answer may split in two ("dataloader" typed "data loader").
        self._single = {alias.split_key: alias for group in self.groups for alias in group
                        if alias.split_key}
        # Per concept, the aliases that can earn it (not those that only repeat the question).
        self._live = [tuple(a for a in group if not a.repeats_question) for group in self.groups]
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
        toks = text.tokens
        stems = [tok.stem for tok in toks]
        typo = [False] * len(toks)
        vocab, cache = self._typos.vocab, self._typos.cache
        for i in [i for i, st in enumerate(stems) if st not in vocab]:
            norm = toks[i].norm
            if len(norm) >= MIN_TYPO_LENGTH:
                fixed = cache[norm] if norm in cache else self._typos.correct(norm, stems[i])
                if fixed is not None:
                    stems[i], typo[i] = fixed, True
        positions: dict[str, list[int]] = {}
        for i, st in enumerate(stems):
            found = positions.get(st)
            if found is None:
                positions[st] = [i]
            else:
                found.append(i)
        joined_at: dict[str, list[int]] = {}
        if self._joined:
            joined = self._joined
            for i in [i for i, tok in enumerate(toks) if tok.norm in joined]:
                joined_at.setdefault(toks[i].norm, []).append(i)
        split: dict[str, list[int]] = {}
        if self._single:
            heads = self._split_heads
            for i in [i for i, tok in enumerate(toks[:-1]) if tok.norm in heads]:
                a = toks[i].norm
                if toks[i + 1].clause != toks[i].clause:
                    continue
                b = toks[i + 1].norm
                for joined in (a + b, a + b[:-1] if b.endswith("s") else ""):
                    if joined in self._single:
                        split.setdefault(joined, []).append(i)
        subjects = [False] * len(text.tokens)
        flat, flat_at = fold_spaces(text.text)
        return AnswerView(
            text, stems, positions, negation_cues(text.tokens), typo,
            [t.start for t in text.tokens], split, joined_at,
            flat.lower() if flat.isascii() else None, flat, flat_at,
            denial_cues(text.tokens, text.text), muted_tokens(text.text, text.tokens, subjects), subjects,
        )

    # -- matching -------------------------------------------------------------------------

    def find(self, view: AnswerView, concept: int) -> ConceptMatch | None:
        """The place the concept is best stated in the answer (an exact phrase before a typo
        or reordering, then the earliest), or None when no claim states it."""
        best: ConceptMatch | None = None
        for alias in self._live[concept]:   # (`matches` without a generator: a hot call)
            for found in self._alias_matches(view, concept, alias):
                if best is None or (not found.exact, found.start) < (not best.exact, best.start):
                    best = found
        return best

    def first(self, view: AnswerView, concept: int) -> ConceptMatch | None:
        """Any one place the concept is stated (the first found): enough to know a wrong
        claim is there, and cheaper than `find`."""
        for alias in self._live[concept]:
            found = self._alias_matches(view, concept, alias)
            if found:
                return found[0]
        return None

    def find_all(self, view: AnswerView) -> list[ConceptMatch | None]:
        return [self.find(view, n) for n in range(len(self.groups))]

    def find_each(self, view: AnswerView, concept: int) -> dict[int, ConceptMatch]:
        """Per claim (sentence index): where the concept is stated in it (the best match)."""
        out: dict[int, ConceptMatch] = {}
        tokens = view.text.tokens
        for alias in self._live[concept]:
            for found in self._alias_matches(view, concept, alias):
                unit = tokens[view.token_at(found.start)].sentence
                best = out.get(unit)
                if best is None or (not found.exact, found.start) < (not best.exact, best.start):
                    out[unit] = found
        return out

    def matches(self, view: AnswerView, concept: int) -> Iterator[ConceptMatch]:
        """Every place a claim of the answer states the concept (not negated, denied,
        contrasted, hedged, asked or reported; a negative concept such as "no constructor is
        given" is stated by a claim that negates it). Lazy per alias."""
        for alias in self._live[concept]:
            found = self._alias_matches(view, concept, alias)
            if found:
                yield from found

    def _alias_matches(self, view: AnswerView, concept: int, alias: Alias) -> list[ConceptMatch]:
        if alias.regex is not None:
            if view.lowered is not None and not alias.check(view.lowered):
                return []
            return self._regex_matches(view, concept, alias)
        # Cheap skip: a phrase alias needs every one of its stems somewhere in the answer,
        # unless it can match as one joined word or a split word.
        if not alias.joined and not (alias.split_key and alias.split_key in view.split_words):
            positions = view.positions
            for st in alias.stems:
                if st not in positions:
                    return []
        return self._phrase_matches(view, concept, alias)

    def _regex_matches(self, view: AnswerView, concept: int, alias: Alias) -> list[ConceptMatch]:
        tokens = view.text.tokens
        if not tokens:
            return []
        name = self.names[concept]
        want = self.polarity[concept]
        claim = self.claims[concept]
        at = view.flat_at
        out = []
        for m in alias.regex.finditer(view.flat):
            start, end = m.span()
            if end == start:
                continue
            if at is not None:
                start, end = at[start], at[end - 1] + 1
            i, j = view.token_at(start), view.token_at(end - 1)
            if stands(view, i, j, want, claim, alias.owned):
                out.append(ConceptMatch(concept, name, alias.text, start, end))
        return out

    def _phrase_matches(self, view: AnswerView, concept: int, alias: Alias) -> list[ConceptMatch]:
        name = self.names[concept]
        want = self.polarity[concept]
        claim = self.claims[concept]
        tokens = view.text.tokens
        out = [ConceptMatch(concept, name, alias.text, tokens[i].start, tokens[j].end, exact)
               for i, j, exact in phrase_spans(view, alias, want, claim)]
        for i in view.joined_words.get(alias.joined, ()) if alias.joined else ():
            if stands(view, i, i, want, claim, alias.owned):
                out.append(ConceptMatch(concept, name, alias.text, tokens[i].start, tokens[i].end, False))
        for i in view.split_words.get(alias.split_key, ()) if alias.split_key else ():
            if stands(view, i, i + 1, want, claim, alias.owned):
                out.append(ConceptMatch(concept, name, alias.text, tokens[i].start, tokens[i + 1].end,
                                        False))
        return out


_SPACE_RUN = re.compile(rf"(\s{{2,}}|[^\S ])|[{INVISIBLE}]+")


def fold_spaces(text: str) -> tuple[str, list[int] | None]:
    """The text with each run of whitespace as one space and invisible characters dropped
    ("n\u200bot" reads "not"), and the offset in `text` of each of its characters (None when
    the offsets are the text's own: nothing folded, or only single line breaks or tabs read
    as single spaces, as in most multi-line answers)."""
    if "  " not in text and text.isprintable():
        return text, None
    parts: list[str] = []
    folds: list[tuple[int, int, bool]] = []   # (start, end, read as a space) of each fold
    pos = 0
    for m in _SPACE_RUN.finditer(text):
        start, end = m.span()
        parts.append(text[pos:start])
        space = bool(m.group(1))
        if space:
            parts.append(" ")
        folds.append((start, end, space))
        pos = end
    if all(space and end - start == 1 for start, end, space in folds):
        return ("".join(parts) + text[pos:]) if folds else text, None
    parts.append(text[pos:])
    return "".join(parts), _offsets(folds, len(text))


def _offsets(folds: list[tuple[int, int, bool]], length: int) -> list[int]:
    """For each character of the folded text, its offset in the original."""
    at: list[int] = []
    pos = 0
    for start, end, space in folds:
        at.extend(range(pos, start))
        if space:
            at.append(start)
        pos = end
    at.extend(range(pos, length))
    return at
