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
from interviewer.grading.negation import denial_cues, is_negation, negation_cues
from interviewer.grading.regex_prefilter import holds
from interviewer.grading.stance import muted_tokens
from interviewer.grading.text_normalise import NormalisedText, phrase_stems
from interviewer.grading.typo_corrector import MIN_TYPO_LENGTH, TypoCorrector
from interviewer.grading.visible_text import INVISIBLE

#: Answer words skipped inside a phrase ("compute the gradients" matches "compute gradients").
_FILLERS = frozenset("a an the its their our your my this these those that all each every any".split())
_MAX_FILLERS = 2


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
        for found in self.matches(view, concept):
            if best is None or (not found.exact, found.start) < (not best.exact, best.start):
                best = found
        return best

    def first(self, view: AnswerView, concept: int) -> ConceptMatch | None:
        """Any one place the concept is stated (the first found): enough to know a wrong
        claim is there, and cheaper than `find`."""
        return next(self.matches(view, concept), None)

    def find_all(self, view: AnswerView) -> list[ConceptMatch | None]:
        return [self.find(view, n) for n in range(len(self.groups))]

    def find_each(self, view: AnswerView, concept: int) -> dict[int, ConceptMatch]:
        """Per claim (sentence index): where the concept is stated in it (the best match)."""
        out: dict[int, ConceptMatch] = {}
        tokens = view.text.tokens
        for found in self.matches(view, concept):
            unit = tokens[view.token_at(found.start)].sentence
            best = out.get(unit)
            if best is None or (not found.exact, found.start) < (not best.exact, best.start):
                out[unit] = found
        return out

    def matches(self, view: AnswerView, concept: int) -> Iterator[ConceptMatch]:
        """Every place a claim of the answer states the concept (not negated, denied,
        contrasted, hedged, asked or reported; a negative concept such as "no constructor is
        given" is stated by a claim that negates it)."""
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
            yield from self._alias_matches(view, concept, alias)

    def _alias_matches(self, view: AnswerView, concept: int, alias: Alias) -> Iterator[ConceptMatch]:
        name = self.names[concept]
        want = self.polarity[concept]
        claim = self.claims[concept]
        tokens = view.text.tokens
        if alias.regex is not None:
            if view.lowered is not None and not holds(alias.prefilter, view.lowered):
                return
            at = view.flat_at
            for m in alias.regex.finditer(view.flat):
                if m.end() == m.start() or not tokens:
                    continue
                start, end = (m.start(), m.end()) if at is None else (at[m.start()], at[m.end() - 1] + 1)
                i, j = view.token_at(start), view.token_at(end - 1)
                if _stands(view, i, j, want, claim, alias.owned):
                    yield ConceptMatch(concept, name, alias.text, start, end)
            return
        for i, j, exact in self._phrase_spans(view, alias, want, claim):
            yield ConceptMatch(concept, name, alias.text, tokens[i].start, tokens[j].end, exact)
        for i in view.joined_words.get(alias.joined, ()) if alias.joined else ():
            if _stands(view, i, i, want, claim, alias.owned):
                yield ConceptMatch(concept, name, alias.text, tokens[i].start, tokens[i].end, False)
        for i in view.split_words.get(alias.split_key, ()) if alias.split_key else ():
            if _stands(view, i, i + 1, want, claim, alias.owned):
                yield ConceptMatch(concept, name, alias.text, tokens[i].start, tokens[i + 1].end, False)

    def _phrase_spans(self, view: AnswerView, alias: Alias, want: bool,
                      claim: bool) -> Iterator[tuple[int, int, bool]]:
        stems = alias.stems
        if not stems:
            return
        starts = view.positions.get(stems[0])
        tokens = view.text.tokens
        n_tok = len(tokens)
        found = False
        for i in starts or ():
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
            if ok and _stands(view, i, j, want, claim, alias.owned):
                found = True
                yield i, j, not any(view.typo[i:j + 1])
        # A claim is matched with its words in order only: "the DataLoader shuffles the
        # dataset" does not say "dataset shuffles".
        if not found and 2 <= len(stems) <= 3 and not claim and alias.words_only:
            yield from self._unordered_spans(view, stems, want)

    def _unordered_spans(
        self, view: AnswerView, stems: tuple[str, ...], want: bool
    ) -> Iterator[tuple[int, int, bool]]:
        """All the phrase's words close together in one clause, in any order
        ("gradients are computed" for "compute gradients"), none of them negated ("the
        memory is not shared" does not say "shares memory")."""
        lists = [view.positions.get(s) for s in stems]
        if not all(lists) or len(set(stems)) < len(stems):
            return
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
                if hi - lo >= window or view.negated[lo] != want or any(view.muted[lo:hi + 1]) \
                        or any(view.denied_subject[lo:hi + 1]):
                    continue
                if any(-1 < view.denied_by[k] < lo and not _not_only(view, view.denied_by[k])
                       for k in range(lo, hi + 1)):
                    continue
                if want or _no_foreign_negation(view, lo, hi, picked):
                    yield lo, hi, False


_SPACE_RUN = re.compile(rf"(\s{{2,}}|[^\S ])|[{INVISIBLE}]+")


def fold_spaces(text: str) -> tuple[str, list[int] | None]:
    """The text with each run of whitespace as one space and invisible characters dropped
    ("n\u200bot" reads "not"), and the offset in `text` of each of its characters (None when
    there was nothing to fold)."""
    if "  " not in text and text.isprintable():
        return text, None
    if not _SPACE_RUN.search(text):
        return text, None
    parts: list[str] = []
    at: list[int] = []
    pos = 0
    for m in _SPACE_RUN.finditer(text):
        parts.append(text[pos:m.start()])
        at.extend(range(pos, m.start()))
        if m.group(1):
            parts.append(" ")
            at.append(m.start())
        pos = m.end()
    parts.append(text[pos:])
    at.extend(range(pos, len(text)))
    return "".join(parts), at


def _not_only(view: AnswerView, cue: int) -> bool:
    """Whether a contrast cue still states what it names: "not only X" states X, and "unlike
    X, Y" names X to compare (a rubric may want that comparison); only a misconception's
    claim is cancelled by them ("not only for research")."""
    return view.text.tokens[cue].norm in ("not", "t", "unlike")


def _stands(view: AnswerView, lo: int, hi: int, want: bool, claim: bool,
            owned: frozenset[str] = frozenset()) -> bool:
    """Whether tokens lo..hi (all part of the match) are stated as a claim with the wanted
    polarity: not in a claim that states nothing, no negation from before the match (or
    inside it, unless the alias spells that negation out itself: "does not copy") reaching
    into it, and no contrast or denial ("rather than", "it is a myth that") covering it
    ("not only X" states X, except for a misconception's claim: "not only for research")."""
    muted = view.muted
    tokens = view.text.tokens
    if muted and any(muted[lo:hi + 1]):
        return False
    # "X is not used" states no X; a wrong claim that spells the negation out still stands
    if view.denied_subject and any(view.denied_subject[lo:hi + 1]) and not (claim and owned):
        return False
    if want:
        return view.negated[lo]
    for k in range(lo, hi + 1):
        cue = view.negated_by[k]
        if cue != -1 and (cue < lo or tokens[cue].norm not in owned):
            return False
        denial = view.denied_by[k] if view.denied_by else -1
        if -1 < denial < lo and (claim or not _not_only(view, denial)):
            return False
        if denial >= lo and tokens[denial].norm not in owned and claim:
            return False
        if k > lo and is_negation(tokens, k) and tokens[k].norm not in owned \
                and not tokens[k].code:
            return False
    return True


def _no_foreign_negation(view: AnswerView, lo: int, hi: int, picked: list[int]) -> bool:
    """No word between lo and hi is negated, or is a negation, unless that negation is one
    of the matched words themselves (an alias such as "does not copy")."""
    tokens = view.text.tokens
    for k in range(lo, hi + 1):
        cue = view.negated_by[k]
        if cue != -1 and cue not in picked:
            return False
        if k not in picked and is_negation(tokens, k):
            return False
    return True
