"""Find the questions and answers in a Markdown Q&A document.

Layouts recognised (any mix in one document):
- headings that are questions: `## 21) What is X?`, `### What is X?`, `## Q3: Explain X`;
- numbered bold lines: `7. **What is X?**`, `**7. What is X?**`;
- `Q:` / `Question 3:` lines, with the answer after `A:` / `Answer:` (same or next line);
- bold lines that read as a question: `**What is X?**` (the answer may follow on the same line),
  also as a list item (`- **What is X?**`, the answer indented below);
- collapsible sections: `<details><summary>What is X?</summary> ... </details>`.
Only when none of those occur: numbered plain lines ending in "?" (`1. What is X?`), and then
plain one-line paragraphs ending in "?".

The answer is everything up to the next question (or a section heading), cleaned by
`markdown_cleanup.clean_answer`. Text before the first question is a preamble and is skipped.
"""

import re
from dataclasses import dataclass, field

from interviewer.corpus.markdown_cleanup import clean_answer, clean_inline, code_mask

_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*#*[ \t]*$")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_LIST_OR_QUOTE = re.compile(r"^\s*(?:[-*+>]|\d{1,9}[.)])(?:\s|$)")
#: `21)`, `1.`, `3 -` before the question text.
_NUMBER = re.compile(r"^(\d{1,5})(?:[.):]|\s+[-–—])\s+")
#: `Q:`, `Q1.`, `Question 4:`, `Question:` before the question text.
_Q_PREFIX = re.compile(r"^(?:q|question)[ \t]*(\d{1,5})?(?:[ \t]*[.:)]|[ \t]+[-–—])[ \t]*", re.IGNORECASE)
#: `N. **question**` or `N) __question__`, possibly followed by the answer on the same line.
_NUMBERED_BOLD = re.compile(r"^ {0,3}(\d{1,5})[.)][ \t]+(\*\*|__)(.+?)\2[ \t]*(.*)$")
#: A line that starts with a bold span: `**question** rest`.
_BOLD_START = re.compile(r"^ {0,3}(\*\*|__)(.+?)\1[ \t]*(.*)$")
#: `- **question?**` alone on a list item (the answer indented below it).
_BULLET_BOLD = re.compile(r"^ {0,3}[-*+][ \t]+(\*\*|__)(.+?)\1[ \t]*$")
#: GitHub's collapsible Q&A: `<details><summary>question</summary> answer </details>`.
_SUMMARY = re.compile(r"<summary>(.+?)</summary>(.*)$", re.IGNORECASE)
_NUMBERED_PLAIN = re.compile(r"^(\d{1,5})[.)][ \t]+(.+)$")
#: A Q: line in any emphasis: `Q: ...`, `**Q:** ...`, `**Q1.** ...`, `Question 2: ...`.
_Q_LINE = re.compile(
    # a dash only after a space: "Q - What ...", never "Q-learning ..."
    r"^ {0,3}(?:\*\*|__|\*|_)?(?:q|question)[ \t]*(\d{1,5})?(?:[ \t]*[.:)]|[ \t]+([-–—]))[ \t]*"
    r"(?:\*\*|__|\*|_)?"
    r"[ \t]*(.*)$",
    re.IGNORECASE,
)
#: An answer marker inside a Q: line (`Q: What is X? A: It is ...`).
_INLINE_ANSWER = re.compile(r"\s(?:\*\*|__)?(?:a|ans|answer)\s*[:]\s*(?:\*\*|__)?\s*", re.IGNORECASE)
_ANSWER_WORD = re.compile(r"^(?:answers?|ans|a)\s*\d{0,5}\s*[:.\-–—]", re.IGNORECASE)

_ASKING_WORDS = frozenset(
    "what what's whats why how when where which who whom whose is are was were do does did can "
    "could should would will shall may might have has explain describe define compare contrast "
    "list name give state write show discuss differentiate distinguish mention outline summarise "
    "summarize tell illustrate elaborate enumerate identify implement demonstrate suggest provide "
    "walk".split()
)

#: Candidate strengths: strong and medium ones are used together; weak ones only when a
#: document has nothing stronger (they are too easily confused with answer content).
STRONG, MEDIUM, WEAK, WEAKEST = 3, 2, 1, 0


@dataclass
class ParsedQA:
    """One question found in a document, with its answer as Markdown."""

    number: int | None
    question: str
    answer: str
    line: int  # 1-based line of the question in the document
    dropped: list[str] = field(default_factory=list)  # stray page lines removed from the answer

    @property
    def blank(self) -> bool:
        return not self.answer.strip()


@dataclass
class _Candidate:
    start: int          # 0-based index of the question's first line
    end: int            # index after the question's last line (where the answer begins)
    strength: int
    question: str
    number: int | None
    answer_head: str = ""  # answer text on the question's own line
    level: int | None = None  # heading level, for heading questions


def looks_like_question(text: str) -> bool:
    """Ends with '?' or starts with an asking word ('what', 'explain', 'compare', ...)."""
    text = text.strip().strip("*_").strip()
    if not has_text(text):
        return False
    if text.rstrip("*_ )").endswith(("?", "？")):
        return True
    first = re.split(r"[^\w']+", text.lower(), maxsplit=1)[0]
    return first in _ASKING_WORDS


def has_text(text: str) -> bool:
    """True if the text has at least one letter or digit."""
    return any(ch.isalnum() for ch in text)


def _split_number(text: str) -> tuple[int | None, str]:
    """Take a leading question number or `Q3:` prefix off a question's text."""
    text = text.strip()
    m = _Q_PREFIX.match(text)
    if m:
        rest = text[m.end():]
        return (int(m.group(1)) if m.group(1) else None), rest
    m = _NUMBER.match(text)
    if m:
        rest = text[m.end():]
        m2 = _Q_PREFIX.match(rest)
        if m2:
            rest = rest[m2.end():]
        return int(m.group(1)), rest
    return None, text


def _headings(lines: list[str], code: list[bool]) -> dict[int, tuple[int, str, bool]]:
    """Heading lines by index: (level, text, is_atx). Setext headings (`text` over `---`)
    only ever count as questions: authors often mean `---` as a separator."""
    found: dict[int, tuple[int, str, bool]] = {}
    for i, line in enumerate(lines):
        if code[i]:
            continue
        m = _HEADING.match(line)
        if m:
            found[i] = (len(m.group(1)), m.group(2) or "", True)
            continue
        if (
            i > 0
            and _SETEXT_UNDERLINE.match(line)
            and not code[i - 1]
            and lines[i - 1].strip()
            and (i - 1) not in found
            and not _LIST_OR_QUOTE.match(lines[i - 1])
            and not _SETEXT_UNDERLINE.match(lines[i - 1])
            and (i < 2 or not lines[i - 2].strip())
        ):
            found[i - 1] = (1 if line.strip().startswith("=") else 2, lines[i - 1], False)
    return found


def _heading_candidates(
    lines: list[str], headings: dict[int, tuple[int, str, bool]]
) -> list[_Candidate]:
    by_level: dict[int, list[tuple[int, int | None, str, bool]]] = {}
    for i, (level, raw, _atx) in headings.items():
        number, text = _split_number(clean_inline(raw))
        by_level.setdefault(level, []).append((i, number, text, looks_like_question(text)))
    out = []
    for level, items in by_level.items():
        asking = sum(1 for *_, q in items if q)
        # In a level where most headings are questions, a numbered one is a question even
        # when it does not read like one ("## 7. Tensors vs arrays").
        layout = len(items) >= 2 and asking * 2 > len(items)
        for i, number, text, is_question in items:
            if not has_text(text):
                continue
            if is_question or (layout and number is not None):
                end = i + 1
                if end < len(lines) and _SETEXT_UNDERLINE.match(lines[end]) and not _HEADING.match(lines[i]):
                    end += 1  # skip a setext underline
                out.append(_Candidate(i, end, STRONG, text, number, level=level))
    return out


def _q_line_candidate(lines: list[str], i: int, code: list[bool]) -> _Candidate | None:
    m = _Q_LINE.match(lines[i])
    if not m:
        return None
    number = int(m.group(1)) if m.group(1) else None
    dashed, body = m.group(2), m.group(3)
    head = ""
    split = _INLINE_ANSWER.search(" " + body)
    if split:
        head = (" " + body)[split.end():]
        body = (" " + body)[: split.start()]
    end = i + 1
    if not split:
        # the question may continue on the next lines, up to a blank line or the answer
        while (
            end < len(lines)
            and lines[end].strip()
            and not code[end]
            and not _ANSWER_WORD.match(lines[end].strip().lstrip("*_"))
            and not _HEADING.match(lines[end])
            and not _LIST_OR_QUOTE.match(lines[end])
            and not _Q_LINE.match(lines[end])
        ):
            body += " " + lines[end].strip()
            end += 1
    text = clean_inline(body)
    if not has_text(text) or (dashed and not looks_like_question(text)):
        return None  # "Q - it learns values" is a sentence, "Q - What is X?" a question
    return _Candidate(i, end, STRONG, text, number, answer_head=head)


def _line_candidates(
    lines: list[str], code: list[bool], headings: dict[int, tuple[int, str, bool]]
) -> list[_Candidate]:
    out: list[_Candidate] = []
    numbered_bold: list[tuple[int, int, str, str, bool]] = []
    for i, line in enumerate(lines):
        if code[i] or i in headings or not line.strip():
            continue
        if _ANSWER_WORD.match(line.strip().lstrip("*_ ")):
            continue  # `**Answer: **` is a marker, not a question
        q = _q_line_candidate(lines, i, code)
        if q is not None:
            out.append(q)
            continue
        m = _SUMMARY.search(line)
        if m:
            number, text = _split_number(clean_inline(m.group(1)))
            if has_text(text):
                out.append(_Candidate(i, i + 1, STRONG, text, number, answer_head=m.group(2)))
            continue
        m = _BULLET_BOLD.match(line)
        if m:
            number, text = _split_number(clean_inline(m.group(2)))
            if looks_like_question(text):
                out.append(_Candidate(i, i + 1, MEDIUM, text, number))
            continue
        m = _NUMBERED_BOLD.match(line)
        if m:
            number, text = int(m.group(1)), clean_inline(m.group(3))
            if has_text(text):
                numbered_bold.append((i, number, text, m.group(4), looks_like_question(text)))
            continue
        m = _BOLD_START.match(line)
        if m:
            number, text = _split_number(clean_inline(m.group(2)))
            rest = m.group(3)
            reads_as_question = looks_like_question(text)
            ends_with_mark = text.rstrip().endswith(("?", "？"))
            # A whole bold line that reads as a question, or `**Q?** answer...` on one line.
            if has_text(text) and (
                (not rest.strip() and (reads_as_question or number is not None and ends_with_mark))
                or (rest.strip() and ends_with_mark)
            ):
                out.append(_Candidate(i, i + 1, MEDIUM, text, number, answer_head=rest))
            continue
        if not line.startswith((" ", "\t")):
            m = _NUMBERED_PLAIN.match(line)
            if m:
                text = clean_inline(m.group(2))
                if has_text(text) and text.endswith(("?", "？")):
                    out.append(_Candidate(i, i + 1, WEAK, text, int(m.group(1))))
                continue
            if (
                (i == 0 or not lines[i - 1].strip())
                and (i + 1 >= len(lines) or not lines[i + 1].strip())
                and not _LIST_OR_QUOTE.match(line)
            ):
                text = clean_inline(line)
                if has_text(text) and text.endswith(("?", "？")) and len(text) < 300:
                    out.append(_Candidate(i, i + 1, WEAKEST, text, None))
    # Numbered bold lines are the layout when most of them read as questions.
    asking = sum(1 for *_, q in numbered_bold if q)
    layout = len(numbered_bold) >= 2 and asking * 2 > len(numbered_bold)
    for i, number, text, rest, is_question in numbered_bold:
        if is_question or layout:
            out.append(_Candidate(i, i + 1, STRONG, text, number, answer_head=rest))
    return out


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    best = max((c.strength for c in candidates), default=None)
    if best is None:
        return []
    floor = MEDIUM if best >= MEDIUM else best
    chosen = sorted((c for c in candidates if c.strength >= floor), key=lambda c: c.start)
    # a Q: line that continues over the next lines may swallow another candidate's line
    out: list[_Candidate] = []
    for c in chosen:
        if out and c.start < out[-1].end:
            continue
        out.append(c)
    return out


def parse_markdown(text: str) -> list[ParsedQA]:
    """Every question in a Markdown Q&A document, in order, with its cleaned answer."""
    lines = text.splitlines()
    code = code_mask(lines)
    headings = _headings(lines, code)
    chosen = _select(_heading_candidates(lines, headings) + _line_candidates(lines, code, headings))
    starts = {c.start for c in chosen}
    results = []
    for n, cand in enumerate(chosen):
        stop = chosen[n + 1].start if n + 1 < len(chosen) else len(lines)
        body = [cand.answer_head] if cand.answer_head.strip() else []
        for j in range(cand.end, stop):
            heading = headings.get(j)
            if heading and heading[2] and j not in starts and _ends_answer(heading[0], cand):
                break  # a section heading ("## Autograd") closes the answer
            body.append(lines[j])
        answer, dropped = clean_answer(body)
        results.append(ParsedQA(cand.number, cand.question, answer, cand.start + 1, dropped))
    return results


def _ends_answer(level: int, question: _Candidate) -> bool:
    """Does a non-question heading of this level end the question's answer?

    Under a heading question, deeper headings are part of the answer; under any other kind
    of question, every heading starts a new section.
    """
    return question.level is None or level <= question.level
