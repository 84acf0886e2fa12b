"""Turn untrusted answer text into stemmed word tokens that point back into the original.

Every token keeps its character offsets into the text it came from, so evidence quoted from
a match is always an exact substring of what the candidate typed. Cleaning never changes
the length of the text (escape sequences, control characters and text a reader does not see
become spaces), which is what keeps those offsets valid.

Tokens are grouped into claims (`sentence`) and their clauses (`clause`), the units the
grader judges: a sentence ends at . ! ? followed by a space (not after "e.g.", "i.e.",
"etc."), at ; and at a line break that is not a hard wrap inside a paragraph; a list item,
a table row and a heading are units of their own; a fenced or indented code block is one
unit, and its tokens are marked `code` (negation words in code are not negations).

Sentence boundaries are found by a few rules of our own rather than a library: pysbd takes
~3 ms per answer (three times the grader's whole budget) and both it and syntok split at every
line break of a hard-wrapped paragraph and know nothing of Markdown lists, tables or code.
"""

import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

import snowballstemmer

from interviewer.grading.visible_text import INVISIBLE, blank_hidden, fold_confusables
from interviewer.grading.word_lists import CLAUSE_OPENERS

#: Only this many characters of an answer are graded: a 1 MB paste is graded on its start
#: (and flagged `truncated`) so the cost stays bounded. Real answers are far shorter.
MAX_GRADED_CHARS = 20_000

# ANSI/VT escapes: CSI (colours, cursor moves), OSC (titles, hyperlinks), and two-byte ESC x.
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
# C0/C1 control characters except tab, newline and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Rich console markup ([bold], [/], [link=https://...], [red on white], [#ff0000]) is not
# words; a bracketed plain word such as "[not]" is (a reader reads it).
_STYLE_WORDS = ("bold|b|italic|i|underline|u|strike|s|dim|reverse|blink|conceal|overline|"
                "black|red|green|yellow|blue|magenta|cyan|white|default|bright_[a-z]+|"
                "grey\\d*|gray\\d*|color\\(\\d+\\)|rgb\\([\\d, ]+\\)")
_RICH_TAG = re.compile(
    rf"\[/(?:[a-z_ ]*)\]|\[(?:not\s+)?(?:{_STYLE_WORDS})(?:\s+(?:not\s+)?(?:on\s+)?(?:{_STYLE_WORDS}))*\]"
    r"|\[(?:link|@click|@)[^\]]*\]|\[#[0-9a-fA-F]{3,6}(?:\s+on\s+#[0-9a-fA-F]{3,6})?\]",
    re.IGNORECASE,
)
# Invisible format characters may sit inside a word to dodge matching; they are part of the
# word and dropped from its normal form.
_WORD = re.compile(rf"[^\W_]+(?:[{INVISIBLE}]+[^\W_]+)*")
_INVISIBLE_RE = re.compile(f"[{INVISIBLE}]")
_SUBWORD = re.compile(r"[^\W_]+")
# Between two tokens: a sentence ends at . ! ? followed by space/end, at ; or a line break
# (hard wraps inside a paragraph were turned into spaces before tokenising).
_SENTENCE_GAP = re.compile(r"[.!?]\s|[;\n\u3002]")
# Square brackets are not clause breaks: "does [not] copy" says "not".
_CLAUSE_GAP = re.compile(r"[,:(){}\"|\u2014\u2013]|\s[-\u2013\u2014]\s")
#: Abbreviations whose full stop does not end a sentence ("e.g." tokenises as "e", "g").
_ABBREVIATIONS = frozenset(("eg", "ie", "etc", "vs", "cf", "approx", "resp", "fig", "eq"))

_STEMMER = snowballstemmer.stemmer("english")


class Token(NamedTuple):
    """One word of the text."""

    norm: str       # NFKC, case-folded surface form ("gradients")
    stem: str       # Snowball stem ("gradient")
    start: int      # offsets into the text the token came from
    end: int
    clause: int     # index of the clause (negation never reaches across clauses)
    sentence: int   # index of the claim: sentence, list item, table row or code block
    glued: bool     # joined to a neighbour by "_" or "." without space: part of an identifier
    code: bool = False  # inside a code block


@dataclass(frozen=True)
class NormalisedText:
    """The graded window of a text and its tokens."""

    text: str                  # the cleaned graded window (same offsets as the original)
    tokens: tuple[Token, ...]
    truncated: bool            # True when the original was longer than the graded window
    original_length: int


def sanitise(text: str) -> str:
    """Blank out ANSI escapes and control characters with spaces (same length, same offsets)."""
    if "\x1b" in text:
        text = _ANSI.sub(lambda m: " " * len(m.group()), text)
    return _CONTROL.sub(" ", text)


def readable(text: str) -> str:
    """What a reader sees, same length: escapes and controls, HTML comments and struck-out
    text blanked, look-alike letters inside mixed-script words folded."""
    return fold_confusables(blank_hidden(sanitise(text)))


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
                if kind == 2 and gap[0] == "." and _after_abbreviation(tokens):
                    kind = 1   # "e.g. the sampler": the full stop of an abbreviation
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
            append(_new_token(Token, (form, form_stem, start, end, clause, sentence, glued_to_prev,
                                      False)))
        prev_end = end
    return tokens


def _after_abbreviation(tokens: list[Token]) -> bool:
    last = tokens[-1].norm
    if last in _ABBREVIATIONS:
        return True
    return len(tokens) >= 2 and tokens[-2].glued and tokens[-2].norm + last in _ABBREVIATIONS


def normalise(text: str, max_chars: int = MAX_GRADED_CHARS) -> NormalisedText:
    """Clean, lay out and tokenise at most `max_chars` characters of `text`: what a reader
    sees of it, in claims (see the module docstring)."""
    truncated = len(text) > max_chars
    window = readable(text[:max_chars] if truncated else text)
    if "\n" not in window:
        return NormalisedText(window, tuple(tokenise(window)), truncated, len(text))
    flowing, code = layout(window)
    tokens = tokenise(flowing)
    if code:
        tokens = _code_units(tokens, code)
    return NormalisedText(window, tuple(tokens), truncated, len(text))


# -- layout: hard wraps, lists, tables, code ----------------------------------------------

_FENCE = re.compile(r"^\s*(```|~~~)")
_BLOCK_START = re.compile(r"^\s*(?:[-*+•]\s|\d{1,3}[.)]\s|#{1,6}\s|\||>)")
_CODE_LINE = re.compile(
    r"^\s*(?:>>>|\.\.\.\s|(?:if|elif|else|for|while|def|class|return|import|from|with|try|except|"
    r"finally|raise|assert|yield|lambda|print)\b[^\n]*[:)\]]\s*(?:#.*)?$"
    r"|[A-Za-z_][\w.]*(?:\[[^\]\n]*\])?\s*(?:[-+*/@|&]|//|\*\*)?=(?!=)\s*\S"
    r"|[A-Za-z_][\w.]*\([^\n]*\)\s*(?:#.*)?$)"
)
# Four plain words in a row: prose, not a statement ("shuffle=True shuffles the data once").
_PROSE_RUN = re.compile(r"[A-Za-z']+(?:,? [A-Za-z']+){3}")
#: A line at least this long that does not end a sentence is a hard wrap: the next line
#: continues the same sentence.
_WRAP_WIDTH = 40


def layout(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text with hard-wrapped line breaks turned into spaces (same length), and the
    character ranges of code blocks (fenced, `>>>` sessions, indented or statement-like
    lines)."""
    lines = text.split("\n")
    starts = []
    pos = 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    code_line = [False] * len(lines)
    fenced = False
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            code_line[i] = True
            fenced = not fenced
            continue
        if fenced:
            code_line[i] = True
        elif line.strip() and (_is_statement(line) or (
                line.startswith(("    ", "\t")) and i and (code_line[i - 1] or not lines[i - 1].strip())
                and not _in_list(lines, i))):
            code_line[i] = True
    chars = list(text)
    for i in range(len(lines) - 1):
        here, nxt = lines[i], lines[i + 1]
        if code_line[i] or code_line[i + 1] or not nxt.strip():
            continue
        stripped = here.rstrip()
        if len(stripped) >= _WRAP_WIDTH and not stripped.endswith((".", "!", "?", ":", ";", "|")) \
                and not _BLOCK_START.match(nxt) and not here.lstrip().startswith(("#", "|")):
            chars[starts[i] + len(here)] = " "
    ranges = []
    i = 0
    while i < len(lines):
        if code_line[i]:
            j = i
            while j + 1 < len(lines) and (code_line[j + 1] or (not lines[j + 1].strip()
                                                               and j + 2 < len(lines) and code_line[j + 2])):
                j += 1
            ranges.append((starts[i], starts[j] + len(lines[j])))
            i = j + 1
        else:
            i += 1
    return "".join(chars), ranges


def _is_statement(line: str) -> bool:
    """A line that reads as a line of code rather than a sentence."""
    if not _CODE_LINE.match(line):
        return False
    if line.lstrip().startswith((">>>", "... ")):
        return True
    code = line.split("#", 1)[0].rstrip()
    return bool(code) and not code.endswith(".") and not _PROSE_RUN.search(code)


def _in_list(lines: list[str], i: int) -> bool:
    """Whether an indented line continues a list item above it."""
    for k in range(i - 1, -1, -1):
        if not lines[k].strip():
            return False
        if _BLOCK_START.match(lines[k]) and lines[k].lstrip()[:1] in "-*+•0123456789":
            return True
        if not lines[k].startswith((" ", "\t")):
            return False
    return False


def _code_units(tokens: list[Token], code: list[tuple[int, int]]) -> list[Token]:
    """Each code block becomes one claim (its lines its clauses) marked `code`; sentence and
    clause numbers are renumbered so they stay in order."""
    out: list[Token] = []
    block = 0
    sentence = clause = -1
    last_key: tuple | None = None
    for tok in tokens:
        while block < len(code) and code[block][1] < tok.start:
            block += 1
        in_code = block < len(code) and code[block][0] <= tok.start < code[block][1]
        key = ("code", block) if in_code else ("text", tok.sentence)
        if key != last_key:
            sentence += 1
            clause += 1
            last_key = key
            last_clause = tok.clause
        elif tok.clause != last_clause:
            clause += 1
            last_clause = tok.clause
        out.append(_new_token(Token, (tok.norm, tok.stem, tok.start, tok.end, clause, sentence,
                                      tok.glued, in_code)))
    return out


def phrase_stems(phrase: str) -> tuple[str, ...]:
    """Stems of a short phrase (an alias, a question), cleaned the same way as answers."""
    return tuple(t.stem for t in tokenise(sanitise(phrase)))


def phrase_norms(phrase: str) -> tuple[str, ...]:
    return tuple(t.norm for t in tokenise(sanitise(phrase)))
