"""Turn untrusted answer text into stemmed word tokens that point back into the original.

Every token keeps its character offsets into the text it came from, so evidence quoted from
a match is always an exact substring of what the candidate typed. Cleaning never changes
the length of the text (escape sequences and control characters become spaces), which is
what keeps those offsets valid.
"""

import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

import snowballstemmer

from interviewer.grading.word_lists import CLAUSE_OPENERS

#: Only this many characters of an answer are graded: a 1 MB paste is graded on its start
#: (and flagged `truncated`) so the cost stays bounded. Real answers are far shorter.
MAX_GRADED_CHARS = 20_000

# ANSI/VT escapes: CSI (colours, cursor moves), OSC (titles, hyperlinks), and two-byte ESC x.
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
# C0/C1 control characters except tab, newline and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Rich console markup such as [bold], [/], [link=https://...], [red on white]: not words.
_RICH_TAG = re.compile(r"\[/?(?:[a-z][a-z ]*(?:=[^\]\s]*)?|#[0-9a-fA-F]{3,6}|@[^\]\s]*)?\]")
# Invisible format characters (zero-width space/joiners, soft hyphen, BOM) may sit inside a
# word to dodge matching; they are part of the word and dropped from its normal form.
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_WORD = re.compile(rf"[^\W_]+(?:[{_INVISIBLE}]+[^\W_]+)*")
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]")
_SUBWORD = re.compile(r"[^\W_]+")
# Between two tokens: a sentence ends at . ! ? followed by space/end, at ; or a line break.
_SENTENCE_GAP = re.compile(r"[.!?](?:\s|$)|[;\n\u3002]")
_CLAUSE_GAP = re.compile(r"[,:()\[\]{}\"\u2014\u2013]|\s[-\u2013\u2014]\s")

_STEMMER = snowballstemmer.stemmer("english")


class Token(NamedTuple):
    """One word of the text."""

    norm: str       # NFKC, case-folded surface form ("gradients")
    stem: str       # Snowball stem ("gradient")
    start: int      # offsets into the text the token came from
    end: int
    clause: int     # index of the clause (negation never reaches across clauses)
    sentence: int
    glued: bool     # joined to a neighbour by "_" or "." without space: part of an identifier


@dataclass(frozen=True)
class NormalisedText:
    """The graded window of a text and its tokens."""

    text: str                  # the cleaned graded window (same offsets as the original)
    tokens: tuple[Token, ...]
    truncated: bool            # True when the original was longer than the graded window
    original_length: int

    @property
    def stems(self) -> tuple[str, ...]:
        return tuple(t.stem for t in self.tokens)

    def quote(self, start: int, end: int) -> str:
        return self.text[start:end]


def sanitise(text: str) -> str:
    """Blank out ANSI escapes and control characters with spaces (same length, same offsets)."""
    if "\x1b" in text:
        text = _ANSI.sub(lambda m: " " * len(m.group()), text)
    return _CONTROL.sub(" ", text)


_STEMS: dict[str, str] = {}
_STEM_CACHE_LIMIT = 200_000


def stem(word: str) -> str:
    """Snowball English stem of one normalised word (cached: answers reuse a small vocabulary)."""
    found = _STEMS.get(word)
    if found is None:
        found = word if not word.isascii() or len(word) < 3 else _STEMMER.stemWord(word)
        if len(_STEMS) > _STEM_CACHE_LIMIT:
            _STEMS.clear()
        _STEMS[word] = found
    return found



def _normal_forms(raw: str) -> tuple[str, ...]:
    """NFKC + casefold one raw word; may split it ("½" -> "1", "2")."""
    if raw.isascii():
        return (raw.lower(),)
    word = unicodedata.normalize("NFKC", _INVISIBLE_RE.sub("", raw)).casefold()
    return tuple(_SUBWORD.findall(word)) or (word,)


# raw word -> ((normal form, stem), ...): one lookup per word of an answer.
_WORD_FORMS: dict[str, tuple[tuple[str, str], ...]] = {}


def _forms_and_stems(raw: str) -> tuple[tuple[str, str], ...]:
    found = _WORD_FORMS.get(raw)
    if found is None:
        found = tuple((form, stem(form)) for form in _normal_forms(raw))
        if len(_WORD_FORMS) > _STEM_CACHE_LIMIT:
            _WORD_FORMS.clear()
        _WORD_FORMS[raw] = found
    return found


# gap text between two words -> 0 (nothing), 1 (clause break), 2 (sentence break)
_GAP_KINDS: dict[str, int] = {}


def _gap_kind(gap: str) -> int:
    kind = 2 if _SENTENCE_GAP.search(gap) else 1 if _CLAUSE_GAP.search(gap) else 0
    if len(gap) <= 8:  # short gaps repeat endlessly (", ", ". ", ") "); long ones are rare
        if len(_GAP_KINDS) > 10_000:
            _GAP_KINDS.clear()
        _GAP_KINDS[gap] = kind
    return kind


# Building the tuple directly skips NamedTuple's Python-level __new__ (hot loop).
_new_token = tuple.__new__


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def tokenise(text: str) -> list[Token]:
    """Tokens of an already-cleaned text (no truncation): words on non-alphanumerics, so
    `requires_grad` reads as "requires grad" and `.backward()` as "backward"."""
    words_text = _RICH_TAG.sub(_blank, text) if "[" in text else text
    tokens: list[Token] = []
    append = tokens.append
    clause = sentence = 0
    prev_end = 0
    forms_of = _WORD_FORMS.get
    for match in _WORD.finditer(words_text):
        start, end = match.span()
        glued_to_prev = False
        # Fast path: a single space between words changes nothing.
        if tokens and not (start - prev_end == 1 and words_text[prev_end] == " "):
            gap = words_text[prev_end:start]
            glued_to_prev = gap in ("_", ".", "__")
            if not glued_to_prev:
                kind = _GAP_KINDS.get(gap)
                if kind is None:
                    kind = _gap_kind(gap)
                if kind == 2:
                    sentence += 1
                    clause += 1
                elif kind == 1:
                    clause += 1
            else:
                tokens[-1] = tokens[-1]._replace(glued=True)
        raw = match.group()
        pairs = forms_of(raw) or _forms_and_stems(raw)
        if pairs[0][0] in CLAUSE_OPENERS and tokens:
            clause += 1
        for form, form_stem in pairs:
            append(_new_token(Token, (form, form_stem, start, end, clause, sentence, glued_to_prev)))
        prev_end = end
    return tokens


def normalise(text: str, max_chars: int = MAX_GRADED_CHARS) -> NormalisedText:
    """Clean and tokenise at most `max_chars` characters of `text`."""
    truncated = len(text) > max_chars
    window = sanitise(text[:max_chars] if truncated else text)
    return NormalisedText(window, tuple(tokenise(window)), truncated, len(text))


def phrase_stems(phrase: str) -> tuple[str, ...]:
    """Stems of a short phrase (an alias, a question), cleaned the same way as answers."""
    return tuple(t.stem for t in tokenise(sanitise(phrase)))


def phrase_norms(phrase: str) -> tuple[str, ...]:
    return tuple(t.norm for t in tokenise(sanitise(phrase)))
