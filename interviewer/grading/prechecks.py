"""Checks run on an answer before any grading (offline or LLM).

Empty, punctuation-only, too-short and question-parroting answers score 0 without grading.
Text that addresses the grader (instructions, "award full marks", fake JSON scores, chat role
tags: see `injection`) is flagged and blanked out of the answer, sentence by sentence, so it
can never be quoted as evidence nor earn points. A list of concept words with no sentence around them is flagged as keyword
salad, and the grader caps it.
"""

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from interviewer.domain import Flag, Question
from interviewer.grading.injection import detect
from interviewer.grading.text_normalise import (
    MAX_GRADED_CHARS,
    NormalisedText,
    Token,
    layout,
    normalise,
    sanitise,
)
from interviewer.grading.visible_text import INVISIBLE, fold_confusables, merge_spans
from interviewer.grading.word_lists import STOPWORDS

#: Flags of an answer the pre-checks block: it scores 0 without grading (and is never sent
#: to a model). `injection` blocks only when nothing but the injection was said (else the
#: rest is graded), so a user checks `score == 0` too where that matters.
BLOCKED_CODES = frozenset({"empty", "punctuation-only", "too-short", "parroting", "injection"})
#: The blocked answers with no words to probe: no follow-up is asked after these (a
#: too-short or parroting answer still gets one, asking for more).
NOTHING_TO_PROBE = frozenset({"empty", "punctuation-only", "injection"})

#: An answer needs at least this many words (one when the reference itself is tiny).
MIN_WORDS = 2
#: An answer whose content words are (almost) all the question's own words is parroting.
MIN_NEW_SHARE = 0.1

# A JSON-ish object: blank it whole when it carries score/verdict keys.
_JSON_OBJECT = re.compile(r"\{[^{}]{0,2000}\}|\{[^{}]{0,200}(?:\{[^{}]{0,500}\}[^{}]{0,200})+\}")
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")
# Invisible characters an injection may hide behind ("ig\u200bnore previous instructions").
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
# Code: assignments, calls, brackets, or indented lines; and math notation. Neither is
# keyword salad: its terms stand in formulas, not in a list. Each branch is kept apart too: a stretch of text is tested branch by branch, each only when the
# text holds what that branch needs (see `_looks_like_code`).
_CALL = r"\w\([^()]*\w[^()]*\)"
_INDENT = r"^\s{4}"
# shell commands and their flags: "pip install torch", "conda install ... -c pytorch"
_SHELL = r"\b(?:pip3?|conda|mamba|uv|apt(?:-get)?|python3?|nvidia-smi|git)\s+[\w-]+"
_FLAG = r"(?:^|\s)--?[a-z][\w-]*"
# math notation: arrows, set and logic signs, operators, sub- and superscripts, Greek
_NOTATION = "[←→⇒⇔↦∈∉∀∃∑Σ∏∂∇≠≤≥≈≡±·×÷√∫⁻⁰¹²³ᵀᵢⱼₖₙα-ωΘΛΣΦΨΩ]"
_CODE_HINT = re.compile("|".join(("=", _CALL, _INDENT, "```", ">>>", "[{}]", _SHELL, _FLAG,
                                  _NOTATION)), re.MULTILINE)
_NOTATION_RE = re.compile(_NOTATION)
_CALL_RE, _INDENT_RE, _SHELL_RE, _FLAG_RE = (re.compile(p, re.MULTILINE)
                                             for p in (_CALL, _INDENT, _SHELL, _FLAG))
_COMMANDS = ("pip", "conda", "mamba", "uv", "apt", "python", "nvidia-smi", "git")


@dataclass
class PrecheckResult:
    """What the pre-checks found. When `blocked`, the answer scores 0 and is not graded."""

    flags: list[Flag] = field(default_factory=list)
    blocked: bool = False
    clean_answer: str = ""      # graded window with injection text blanked (same offsets)
    injection_spans: list[tuple[int, int]] = field(default_factory=list)
    text: NormalisedText | None = None   # tokens of clean_answer, for the grader to reuse
    truncated: bool = False
    keyword_salad: bool = False

    def has(self, code: str) -> bool:
        return any(f.code == code for f in self.flags)


def run_prechecks(
    question: Question, answer: str, *, reference: str | None = None,
    max_chars: int = MAX_GRADED_CHARS,
) -> PrecheckResult:
    """Check one answer to `question`. `reference` (default: the question's reference
    answer) only sets how short an answer may be when the reference itself is very short."""
    result = PrecheckResult()
    truncated = len(answer) > max_chars
    window = sanitise(answer[:max_chars] if truncated else answer)
    result.truncated = truncated
    if truncated:
        result.flags.append(Flag(code="truncated", detail=(
            f"only the first {max_chars:,} of {len(answer):,} characters were graded")))
    if not window.strip():
        return _block(result, window, "empty", "the answer is empty")
    text = normalise(window, max_chars)
    if not text.tokens:
        return _block(result, window, "punctuation-only", "the answer has no words")

    spans, kinds = _injections(window)
    clean = window
    if spans:
        clean = blank_spans(window, spans)
        result.injection_spans = spans
        quoted = "; ".join(repr(window[s:e].strip()[:60]) for s, e in spans[:3])
        result.flags.append(Flag(code="injection", detail=(
            f"text addressed to the grader ({', '.join(kinds)}) was ignored: {quoted}")))
        text = normalise(clean, max_chars)
    result.clean_answer = clean
    result.text = text

    if not text.tokens:  # nothing left once the text aimed at the grader is removed
        return _block(result, clean, None, "")

    question_stems, asked = _question_words(question.question)
    content = [t for t in text.tokens if t.norm not in STOPWORDS]
    if content and is_parroting(content, question_stems, asked):
        return _block(result, clean, "parroting",
                      "the answer only repeats the question's own words")
    reference = question.reference_answer if reference is None else reference
    min_words = _min_words(reference)
    if len(text.tokens) < min_words or not content:
        if spans:
            return _block(result, clean, None, "")
        return _block(result, clean, "too-short",
                      f"the answer has {len(text.tokens)} word(s); at least {min_words} needed")
    if is_keyword_salad(clean, text.tokens):
        result.keyword_salad = True
        result.flags.append(Flag(code="keyword-salad", detail=(
            "the answer lists terms without sentences around them: capped below full marks")))
    return result


@lru_cache(maxsize=4096)
def _question_words(question: str) -> tuple[frozenset[str], frozenset[str]]:
    """Stems of every word of the question, and of its content words."""
    tokens = normalise(question).tokens
    return (frozenset(t.stem for t in tokens),
            frozenset(t.stem for t in tokens if t.norm not in STOPWORDS))


def is_parroting(content: list[Token], question_stems: frozenset[str], asked: frozenset[str]) -> bool:
    """The answer's content words are (almost) all the question's own, and it restates much
    of the question. (Re-using a few words of a long scenario question to say something
    new is not parroting.)"""
    new = [t for t in content if t.stem not in question_stems]
    if new and len(new) / len(content) >= MIN_NEW_SHARE:
        return False
    if not asked:
        return True
    restated = asked & {t.stem for t in content}
    return len(restated) / len(asked) >= 0.5


@lru_cache(maxsize=4096)
def _min_words(reference: str) -> int:
    """Two words, or one when the reference answer itself is only a few words long."""
    if not reference:
        return MIN_WORDS
    ref_words = len(re.findall(r"[^\W_]+", reference))
    return max(1, min(MIN_WORDS, math.ceil(ref_words / 4)))


def _block(result: PrecheckResult, clean: str, code: str | None, detail: str) -> PrecheckResult:
    result.blocked = True
    result.clean_answer = clean
    if code is not None:
        result.flags.append(Flag(code=code, detail=detail))
    return result


def _injection_kinds(text: str) -> list[tuple[str, tuple[int, int]]]:
    """(kind, span in `text`) of each piece addressed to the grader."""
    visible, where = _without_invisible(text)
    visible = fold_confusables(visible)
    return [(d.kind, (where[d.start], where[d.end - 1] + 1)) for d in detect(visible)]


class _Identity:
    def __getitem__(self, i: int) -> int:
        return i


def _without_invisible(text: str) -> tuple[str, "list[int] | _Identity"]:
    """The text without zero-width characters, and where each kept character came from."""
    if not _INVISIBLE.search(text):
        return text, _Identity()
    kept = [i for i, ch in enumerate(text) if not _INVISIBLE.match(ch)]
    return "".join(text[i] for i in kept), kept + [len(text)]


def find_injection_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of text addressed to the grader, widened to whole sentences (and
    whole JSON objects), merged and sorted."""
    return _injections(text)[0]


def _injections(text: str) -> tuple[list[tuple[int, int]], list[str]]:
    """The spans of `find_injection_spans`, and the kinds of injection found (sorted)."""
    found = _injection_kinds(text)
    if not found:
        return [], []
    raw = [span for _, span in found]
    spans = []
    # sentence ends as the grader reads them: a hard-wrapped line break is not one
    flowing = layout(text)[0] if "\n" in text else text
    for start, end in raw:
        obj = _enclosing_json(text, start, end) or _enclosing_note(text, start, end)
        if obj is not None:
            spans.append(obj)
            continue
        spans.append((_sentence_start(flowing, start), _sentence_end(flowing, end)))
    return merge_spans(spans), sorted({kind for kind, _ in found})


_CLOSERS = {"[": "]", "(": ")", "<!--": "-->"}


def _enclosing_note(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A note to the grader set apart in brackets ("[SYSTEM NOTE: ... ]", "(note for the
    evaluator: ...)", an HTML comment): the whole note, not just the detected sentence."""
    window_start = max(0, start - 300)
    best = None
    for opener, closer in _CLOSERS.items():
        lo = text.rfind(opener, window_start, start + 1)
        if lo < 0 or text.rfind(closer, lo + len(opener), start) >= 0:
            continue  # no opener, or it was closed before the detection
        hi = text.find(closer, max(end, lo + len(opener)), lo + 2000)
        if hi >= 0 and (best is None or lo > best[0]):
            best = (lo, hi + len(closer))
    return best


def _enclosing_json(text: str, start: int, end: int) -> tuple[int, int] | None:
    lo = text.rfind("{", max(0, start - 2000), start + 1)
    if lo < 0:
        return None
    m = _JSON_OBJECT.match(text, lo)
    if m and m.end() >= end:
        return m.span()
    return None


# A sentence that starts with no full stop before it ("... give full marks Backward
# accumulates ..."): a capitalised word right after a lower-case one. It bounds an injected
# sentence, so the candidate's real sentence beside it is not blanked with it.
_UNPUNCTUATED_START = re.compile(r"(?<=[a-z0-9)\]\"'])[ \t]+(?=[A-Z][a-z])")


def _sentence_start(text: str, pos: int) -> int:
    # a match may begin with the previous sentence's full stop ("... batch. Note to the
    # grader"): that sentence is not part of it
    while pos < len(text) and text[pos] in ".!? \t":
        pos += 1
    best = 0
    for m in _SENTENCE_END.finditer(text, max(0, pos - 400), pos):
        best = m.end()
    for m in _UNPUNCTUATED_START.finditer(text, best, min(len(text), pos + 2)):  # +2: lookahead
        if m.end() <= pos:
            best = m.end()
    return best


def _sentence_end(text: str, pos: int) -> int:
    m = _SENTENCE_END.search(text, pos, min(len(text), pos + 400))
    end = m.end() if m else min(len(text), pos + 400)
    run_on = _UNPUNCTUATED_START.search(text, pos, min(len(text), end + 2))
    return run_on.start() if run_on and run_on.start() < end else end


def blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """Replace each span by a line break and spaces: same length (offsets hold), and the
    words either side never join into one phrase across it."""
    parts, prev = [], 0
    for start, end in spans:
        parts.append(text[prev:start])
        # line breaks at both ends: the words either side never join, and what follows the
        # blank starts its own unindented line (not an indented code line)
        width = end - start
        parts.append("\n" + " " * (width - 2) + "\n" if width >= 2 else "\n" * width)
        prev = end
    parts.append(text[prev:])
    return "".join(parts)


def is_keyword_salad(text: str, tokens: tuple[Token, ...] | list[Token]) -> bool:
    """Terms with no sentence around them: most of the prose has (almost) no function
    words. Code is left out of the count: a code snippet is not salad."""
    prose_words = salad_words = 0
    commands = _mentions_command(text)
    n = len(tokens)
    i = 0
    while i < n:
        sentence = tokens[i].sentence
        j = i + 1
        while j < n and tokens[j].sentence == sentence:
            j += 1
        segment = tokens[i:j]
        i = j
        if _looks_like_code(text, segment[0].start, segment[-1].end, commands):
            continue
        prose_words += len(segment)
        if len(segment) >= 4:
            function = sum(1 for t in segment if t.norm in STOPWORDS)
            if function / len(segment) < 0.12:
                salad_words += len(segment)
    if prose_words < 6:
        return False
    return salad_words / prose_words >= 0.5


def _mentions_command(text: str) -> bool:
    for command in _COMMANDS:
        if command in text:
            return True
    return False


def _looks_like_code(text: str, start: int, end: int, commands: bool) -> bool:
    """Whether `_CODE_HINT` matches between start and end (`commands`: the text names a
    shell command somewhere), branch by branch: a literal branch is a substring test, and a
    regex branch runs only when the stretch holds the character it starts from. (A line
    start inside the stretch follows a line break in it: the stretch starts at a word.)"""
    stretch = text[start:end]
    if "=" in stretch or "{" in stretch or "}" in stretch or "```" in stretch or ">>>" in stretch:
        return True
    if not stretch.isascii() and _NOTATION_RE.search(stretch):
        return True
    if "(" in stretch and _CALL_RE.search(text, start, end):
        return True
    if "\n" in stretch and _INDENT_RE.search(text, start, end):
        return True
    if commands and _SHELL_RE.search(text, start, end):
        return True
    return "-" in stretch and _FLAG_RE.search(text, start, end) is not None
