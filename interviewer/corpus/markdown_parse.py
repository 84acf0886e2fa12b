"""Find the questions and answers in a Markdown Q&A document.

The document is parsed by markdown-it-py (`markdown_blocks`); every block that could be a
question becomes a candidate (`question_candidates`); the document's dominant pattern decides
which candidates are questions (`layout_detect`). Each answer is the source text up to the
next question (or a section heading), cleaned by `markdown_cleanup.clean_answer`; an answer
that is only a placeholder ("Answer here", "TBD", a bare link) counts as blank
(`placeholders`). Text before the first question is a preamble and is skipped.

Layouts recognised: headings that are questions (`## 21) What is X?`, `### Q3: Explain X`),
numbered bold lines (`7. **What is X?**`, `**7. What is X?**`), numbered bold tasks
(`**1)** Task`, `**1) Title**. task`), `Q:` / `Question 3:` lines with `A:` answers, bold
question lines (`**What is X?**`, the answer on the same line or below), bold bullets with
nested `- **Answer**:` items, `<details><summary>` sections, and, when nothing stronger is
there, numbered plain lines and plain lines ending in "?".
"""

import bisect
import re
from dataclasses import dataclass, field

from interviewer.corpus.layout_detect import Layout, detect_layout
from interviewer.corpus.markdown_blocks import parse_blocks
from interviewer.corpus.markdown_cleanup import clean_answer
from interviewer.corpus.placeholders import placeholder_reason
from interviewer.corpus.question_candidates import (
    Candidate,
    find_candidates,
    has_text,
    split_number,
)
from interviewer.corpus.question_text import clean_question, inline_words, level_word

__all__ = ["ParsedDocument", "ParsedQA", "has_text", "parse_document", "parse_markdown"]


@dataclass
class ParsedQA:
    """One question found in a document, with its answer as Markdown."""

    number: int | None
    question: str
    answer: str
    line: int  # 1-based line of the question in the document
    dropped: list[str] = field(default_factory=list)  # stray page lines removed from the answer
    raw: str = ""                  # the question's source line(s) as written
    difficulty: str | None = None  # from the document's markers, when it has any
    section: str | None = None     # the section heading the question sits under
    placeholder: str | None = None  # why a non-empty answer counts as blank

    @property
    def blank(self) -> bool:
        return not self.answer.strip()


#: A heading that only numbers a question ("## Question 3", "### Q12"): no topic in it.
_LABEL_ONLY = re.compile(r"^\s*(?:q|question|problem|exercise|task)?\s*#?\d+\s*$", re.IGNORECASE)


@dataclass
class _Heading:
    line: int
    level: int
    text: str


@dataclass
class ParsedDocument:
    """The questions of one document and the layout they were found by."""

    questions: list[ParsedQA]
    layout: Layout
    sections: set[int] = field(default_factory=set)  # 0-based lines of section headings

    def explain(self) -> list[str]:
        """Which lines became questions, and which candidates did not and why."""
        out = [f"layout: {self.layout.describe()}"]
        events = [(c.start, f"line {c.start + 1}: question   {c.raw.splitlines()[0][:90]}")
                  for c in self.layout.chosen]
        for c, why in self.layout.rejected:
            if c.pattern == "heading" and not c.qmark:
                why = ("section heading: ends the answer above" if c.start in self.sections
                       else "heading, not a question")
            events.append((c.start, f"line {c.start + 1}: not taken  {c.raw.splitlines()[0][:70]}  ({why})"))
        return out + [text for _, text in sorted(events)]


def parse_markdown(text: str) -> list[ParsedQA]:
    """Every question in a Markdown Q&A document, in order, with its cleaned answer."""
    return parse_document(text).questions


def parse_document(text: str) -> ParsedDocument:
    """The document's questions and the layout that found them."""
    lines = text.splitlines()
    blocks = parse_blocks(text)
    candidates = find_candidates(blocks, lines)
    layout = detect_layout(candidates)
    chosen = layout.chosen
    chosen_lines = {c.start for c in chosen}
    headings = [
        _Heading(b.start, b.level, split_number(clean_question(inline_words(b.children)))[1])
        for b in blocks
        if b.kind == "heading" and b.start not in chosen_lines
        and lines[b.start].lstrip().startswith("#")   # `text` over `---` is mostly a separator
    ]
    sections = _section_headings(headings, chosen, lines)
    heading_lines = [h.line for h in headings]
    last_question = chosen[-1].start if chosen else -1
    h1s = sum(1 for h in headings if h.level == 1)
    context = _enclosing_headings([h for h in headings if h.line in sections], chosen)
    results = []
    for n, cand in enumerate(chosen):
        stop = chosen[n + 1].start if n + 1 < len(chosen) else len(lines)
        body = [cand.answer_head] if has_text(cand.answer_head) else []
        first = bisect.bisect_left(heading_lines, cand.end)
        cut = next((h.line for h in headings[first:bisect.bisect_left(heading_lines, stop)]
                    if _ends_answer(h, cand, sections, last_question)), stop)
        body += lines[cand.end:cut]
        answer, dropped = clean_answer(body)
        reason = placeholder_reason(answer)
        if reason:
            answer = ""
        section, level = _section_and_level(context[n], h1s)
        results.append(ParsedQA(
            cand.number, cand.question, answer, cand.start + 1, dropped, raw=cand.raw,
            difficulty=cand.difficulty or level, section=section, placeholder=reason))
    return ParsedDocument(results, layout, sections)


def _section_headings(headings: list[_Heading], chosen: list[Candidate],
                      lines: list[str]) -> set[int]:
    """Lines of headings that hold questions: a question follows before the next heading of
    the same or a higher level (and, for heading questions, is deeper than the heading).

    A heading with answer text between it and that question ("### When to Choose X" inside
    an answer, the next question after its paragraphs) is a section only when no deeper than
    the headings that lead straight into a question."""
    starts = [c.start for c in chosen]
    holding: dict[int, bool] = {}  # heading line -> leads straight into its first question
    # the next heading of the same or a higher level, for each heading (one backward pass)
    limits: list[int | None] = [None] * len(headings)
    stack: list[int] = []
    for n in range(len(headings) - 1, -1, -1):
        while stack and headings[stack[-1]].level > headings[n].level:
            stack.pop()
        limits[n] = headings[stack[-1]].line if stack else None
        stack.append(n)
    for n, h in enumerate(headings):
        k = bisect.bisect_right(starts, h.line)
        if k == len(starts) or (limits[n] is not None and starts[k] > limits[n]):
            continue
        q = chosen[k]
        if q.level is None or q.level > h.level:
            holding[h.line] = not any(x.strip() for x in lines[h.line + 1:q.start])
    direct = [h.level for h in headings if holding.get(h.line)]
    ceiling = min(direct) if direct else 6
    return {h.line for h in headings
            if h.line in holding and (holding[h.line] or h.level <= ceiling)}


def _ends_answer(h: _Heading, q: Candidate, sections: set[int], last_question: int) -> bool:
    """Does a heading that is not a question end question `q`'s answer?

    A section heading (one that holds questions) always does, and so does a heading after the
    last question ("## References"). Otherwise, under a heading question only a shallower
    heading does; under any other question, a `#`/`##` heading. Sub-headings inside an answer
    ("### When to Choose PyTorch") stay in it."""
    if h.line in sections or h.line > last_question:
        return True
    if q.level is not None:
        return h.level < q.level
    return h.level <= 2


def _enclosing_headings(headings: list[_Heading], chosen: list[Candidate]) -> list[list[_Heading]]:
    """For each question, the headings it sits under (outermost first)."""
    events = sorted([(h.line, 0, h) for h in headings] + [(c.start, 1, c) for c in chosen],
                    key=lambda e: (e[0], e[1]))
    stack: list[_Heading] = []
    out: list[list[_Heading]] = []
    for _line, kind, item in events:
        level = item.level if kind == 0 else (item.level or 7)
        while stack and stack[-1].level >= level:
            stack.pop()
        if kind == 0:
            stack.append(item)
        else:
            out.append(list(stack))
    return out


def _section_and_level(stack: list[_Heading], h1s: int) -> tuple[str | None, str | None]:
    """The section a question sits in (its innermost heading that is neither the document's
    title nor a difficulty name) and the difficulty a heading names ("## Advanced"); `h1s`:
    how many level-1 headings the document has (a lone one is its title)."""
    difficulty = next((level_word(h.text) for h in reversed(stack) if level_word(h.text)), None)
    section = next((h.text for h in reversed(stack)
                    if not level_word(h.text) and not (h.level == 1 and h1s == 1)
                    and has_text(h.text) and not _LABEL_ONLY.match(h.text)), None)
    return section, difficulty
