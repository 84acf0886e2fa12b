"""Every block of a document that could be a question, with the pattern it follows.

A pattern is one way of writing a question: a heading of some level, a numbered bold list
item, a `**1)** task`, a bold line, a `Q:` line, a bold bullet with a nested answer, a
`<summary>`, a numbered plain line, a plain line ending in "?". `layout_detect` then picks the
document's dominant pattern; this module only finds and describes candidates.
"""

import re
from dataclasses import dataclass

from interviewer.corpus.markdown_blocks import Block, first_line
from interviewer.corpus.question_text import clean_question, difficulty_of, inline_words

#: `21)`, `1.`, `3 -` before the question text.
_NUMBER = re.compile(r"^(\d{1,5})(?:[.):]|\s+[-–—])\s+")
#: `Q:`, `Q1.`, `Question 4:`, `Question:` before the question text (a dash only after a
#: space: "Q - What ...", never "Q-learning ...").
_Q_PREFIX = re.compile(r"^(?:q|question)[ \t]*(\d{1,5})?(?:[ \t]*[.:)]|[ \t]+[-–—])[ \t]*",
                       re.IGNORECASE)
_LIST_MARK = re.compile(r"^\s*(?:[-*+]|(\d{1,9})[.)])\s+")
#: A line that starts (after any list marker) with a bold span: group 3 is what follows it.
_BOLD_SPAN_LINE = re.compile(r"^\s*(?:(?:[-*+]|\d{1,9}[.)])\s+)?(\*\*|__)(.+?)\1(.*)$")
#: An answer marker inside a Q: line (`Q: What is X? A: It is ...`).
_INLINE_ANSWER = re.compile(r"\s(?:\*\*|__)?(?:a|ans|answer)\s*[:]\s*(?:\*\*|__)?\s*", re.IGNORECASE)
ANSWER_WORD = re.compile(r"^(?:answers?|ans|a|solution)\s*\d{0,5}\s*[:.\-–—]", re.IGNORECASE)
_SUMMARY = re.compile(r"<summary>(.+?)</summary>(.*)$", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]*>")
#: A bold span that is only a number: `**1)**`, `**12.**`, `**3**`.
_NUMBER_ONLY = re.compile(r"^\s*#?(\d{1,5})\s*[.):]?\s*$")

_WH_WORDS = frozenset(
    "what what's whats why how when where which who whom whose is are was were do does did can "
    "could should would will shall may might have has".split()
)
_IMPERATIVES = frozenset(
    "explain describe define compare contrast list name give state write show discuss "
    "differentiate distinguish mention outline summarise summarize tell illustrate elaborate "
    "enumerate identify implement demonstrate suggest provide walk derive prove calculate "
    "compute design build create find".split()
)

#: How strongly a pattern says "question" on its own (plain lines ending in "?" are often
#: sentences inside an answer).
WEIGHTS = {
    "heading": 3, "q-line": 3, "summary": 3, "numbered-bold": 3, "bold-number": 3,
    "bold": 2, "bullet-bold": 2, "numbered-plain": 1, "bullet-plain": 1, "plain": 0.5,
}
DESCRIPTIONS = {
    "heading": "level-{level} headings ('{hashes} What is X?')",
    "q-line": "'Q:' lines",
    "summary": "collapsible <summary> sections",
    "numbered-bold": "numbered bold lines ('1. **What is X?**')",
    "bold-number": "numbered bold tasks ('**1)** Task' or '**1) Title**. task')",
    "bold": "bold question lines ('**What is X?**')",
    "bullet-bold": "bold bullets with the answer below ('- **What is X?**')",
    "numbered-plain": "numbered plain lines ('1. What is X?')",
    "bullet-plain": "bulleted questions ('- What is X?')",
    "plain": "plain lines ending in '?'",
}


@dataclass
class Candidate:
    """A block that may be a question. Lines are 0-based; the answer starts at `end`."""

    start: int
    end: int
    pattern: str               # a key of WEIGHTS
    question: str              # clean text
    raw: str                   # the source line(s), as written
    number: int | None = None
    answer_head: str = ""      # answer text on the question's own line
    level: int | None = None   # heading level, for heading questions
    depth: int = 0             # list nesting

    @property
    def key(self) -> str:
        """The pattern with its level or depth: `heading-3`, `bullet-bold-0`."""
        if self.pattern == "heading":
            return f"heading-{self.level}"
        if self.pattern in ("bullet-bold", "numbered-bold", "numbered-plain", "bullet-plain", "bold"):
            return f"{self.pattern}-{self.depth}"
        return self.pattern

    @property
    def qmark(self) -> bool:
        """Ends in '?', or asks a question and then adds an instruction ("What is a
        hyperparameter? Give one example.")."""
        text = self.question.rstrip(" *_)")
        if text.endswith(("?", "？")):
            return True
        first, mark, _rest = text.partition("? ")
        words = re.findall(r"[\w']+", first.lower())
        return bool(mark) and bool(words) and (words[0] in _WH_WORDS or words[0] in _IMPERATIVES)

    @property
    def asks(self) -> bool:
        """Reads as a question: a '?', an imperative asking verb, or a question word not
        followed by 'to' ("When to choose PyTorch" is a sub-heading, not a question)."""
        if self.qmark:
            return True
        words = re.findall(r"[\w']+", self.question.lower())
        if not words:
            return False
        if words[0] in _IMPERATIVES:
            return True
        return words[0] in _WH_WORDS and (len(words) < 2 or words[1] != "to")

    @property
    def imperative(self) -> bool:
        words = re.findall(r"[\w']+", self.question.lower())
        return bool(words) and words[0] in _IMPERATIVES

    @property
    def difficulty(self) -> str | None:
        return difficulty_of(self.raw)

    def describe(self) -> str:
        text = DESCRIPTIONS[self.pattern]
        if self.pattern == "heading":
            text = text.format(level=self.level, hashes="#" * (self.level or 1))
        return text


def has_text(text: str) -> bool:
    """True if the text has at least one letter or digit."""
    return any(ch.isalnum() for ch in text)


def split_number(text: str) -> tuple[int | None, str]:
    """Take a leading question number or `Q3:` prefix off a question's text."""
    text = text.strip()
    m = _Q_PREFIX.match(text)
    if m:
        return (int(m.group(1)) if m.group(1) else None), text[m.end():]
    m = _NUMBER.match(text)
    if m:
        rest = text[m.end():]
        m2 = _Q_PREFIX.match(rest)
        if m2:
            rest = rest[m2.end():]
        return int(m.group(1)), rest
    return None, text


def find_candidates(blocks: list[Block], lines: list[str]) -> list[Candidate]:
    """Every block that could be a question, in document order."""
    out: list[Candidate] = []
    for block in blocks:
        if block.kind == "heading":
            found = _heading(block, lines)
        elif block.kind == "paragraph":
            found = _paragraph(block, lines)
            out += [c for c in _later_lines(block, lines) if has_text(c.question)]
        elif block.kind == "html":
            found = _summary(block, lines)
        else:
            found = None
        if found is not None and has_text(found.question):
            out.append(found)
    return out


def _heading(block: Block, lines: list[str]) -> Candidate:
    number, text = split_number(clean_question(inline_words(block.children)))
    raw = "\n".join(lines[block.start:block.end]).strip()
    return Candidate(block.start, block.end, "heading", text, raw, number, level=block.level)


def _later_lines(block: Block, lines: list[str]) -> list[Candidate]:
    """Bold questions on the later lines of one paragraph: `**10. What is X?**` directly
    under the previous answer, with no blank line between them."""
    out: list[Candidate] = []
    rest = block.children
    offset = 0
    while True:
        _head, rest = first_line(rest)
        offset += 1
        if not rest or block.start + offset >= block.end:
            return out
        line_tokens, _ = first_line(rest)
        significant = [t for t in line_tokens if not (t.type == "text" and not t.content.strip())]
        if not significant:
            continue
        if significant[0].type != "strong_open":
            at = block.start + offset
            plain = _plain(at, clean_question(inline_words(line_tokens)), lines[at], block.list_depth)
            if plain is not None:
                out.append(plain)
            continue
        sub = Block("paragraph", block.start + offset, block.end, children=rest)
        found = _bold(sub, lines, line_tokens)
        if found is not None:
            out.append(found)


def _list_number(block: Block, line: str) -> int | None:
    if block.list_kind != "ordered" or not block.first_in_item:
        return None
    m = _LIST_MARK.match(line)
    return int(m.group(1)) if m and m.group(1) else None


def _paragraph(block: Block, lines: list[str]) -> Candidate | None:
    head, _rest = first_line(block.children)
    line = lines[block.start]
    depth = block.list_depth
    q = _q_line(block, lines)
    if q is not None:
        return q
    significant = [t for t in head if not (t.type == "text" and not t.content.strip())]
    if significant and significant[0].type == "strong_open":
        return _bold(block, lines, head)
    if significant and significant[0].type == "em_open" and significant[-1].type == "em_close":
        # a whole-line italic question reads like a bold one
        return _bold(block, lines, head)
    text = clean_question(inline_words(head))
    number = _list_number(block, line)
    if block.list_kind == "ordered" and block.first_in_item:
        return Candidate(block.start, block.start + 1, "numbered-plain", text, line.strip(),
                         number, depth=depth)
    if block.list_kind == "bullet" and block.first_in_item:
        candidate = Candidate(block.start, block.start + 1, "bullet-plain", text, line.strip(),
                              depth=depth)
        return candidate if candidate.asks else None
    return _plain(block.start, text, line, depth)


def _plain(start: int, text: str, line: str, depth: int) -> Candidate | None:
    """A line on its own that asks: `What is X?`, `Explain X.` (used only when a document has
    no stronger pattern)."""
    if depth or len(text) >= 300:
        return None
    candidate = Candidate(start, start + 1, "plain", text, line.strip())
    return candidate if candidate.asks else None


def _bold(block: Block, lines: list[str], head) -> Candidate | None:
    """`**What is X?**`, `1. **X**`, `- **X?**`, `**1)** Task`, `**1) Title**. task`."""
    line = lines[block.start]
    opener = next(t for t in head if t.type in ("strong_open", "em_open"))
    close = {"strong_open": "strong_close", "em_open": "em_close"}[opener.type]
    start = head.index(opener)
    depth_count, end = 0, len(head)
    for n in range(start, len(head)):
        if head[n].type == opener.type:
            depth_count += 1
        elif head[n].type == close:
            depth_count -= 1
            if depth_count == 0:
                end = n
                break
    inner = clean_question(inline_words(head[start + 1:end]))
    rest = clean_question(inline_words(head[end + 1:]))
    m = _BOLD_SPAN_LINE.match(line)
    rest_md = m.group(3).strip() if m else ""
    number = _list_number(block, line)
    depth = block.list_depth
    only = _NUMBER_ONLY.match(inner)
    if only:                                   # **1)** Task
        if not has_text(rest):
            return None
        return Candidate(block.start, block.start + 1, "bold-number", rest, line.strip(),
                         int(only.group(1)), depth=depth)
    if _Q_PREFIX.match(inner):                 # **Q1. What is X?** / **Q:** What is X?
        num, text = split_number(inner)
        head_text, answer = (text, rest_md) if has_text(text) else (rest, "")
        return Candidate(block.start, block.start + 1, "q-line", head_text, line.strip(), num,
                         answer_head=answer)
    inner_number, text = split_number(inner)
    number = number if number is not None else inner_number
    asks_inline = text.rstrip(" *_)").endswith(("?", "？"))
    if has_text(rest) and not asks_inline:
        if inner_number is None:
            return None                        # `**Note:** text`: a label, not a question
        # **1) Title**. task: the title and the task are the question
        task = rest.lstrip(" .:-–—")
        return Candidate(block.start, block.start + 1, "bold-number",
                         f"{text.rstrip(' .:')}: {task}", line.strip(), inner_number, depth=depth)
    answer_head = rest_md if has_text(rest) else ""
    if block.list_kind == "ordered" and block.first_in_item or inner_number is not None:
        pattern = "numbered-bold"
    elif block.list_kind == "bullet" and block.first_in_item:
        pattern = "bullet-bold"
    else:
        pattern = "bold"
    return Candidate(block.start, block.start + 1, pattern, text, line.strip(), number,
                     answer_head=answer_head, depth=depth)


def _q_line(block: Block, lines: list[str]) -> Candidate | None:
    """`Q: What is X?` (the question may run over several lines, up to `A:`), also with the
    answer on the same line (`Q: What is X? A: It is Y.`)."""
    first = lines[block.start]
    plain = _LIST_MARK.sub("", first, count=1) if block.first_in_item else first
    plain = plain.strip().lstrip("*_").strip()
    m = _Q_PREFIX.match(plain)
    if not m:
        return None
    number = int(m.group(1)) if m.group(1) else None
    body = plain[m.end():].lstrip("*_ ")
    dashed = "-" in m.group(0) or "–" in m.group(0) or "—" in m.group(0)
    head = ""
    split = _INLINE_ANSWER.search(" " + body)
    end = block.start + 1
    if split:
        head = (" " + body)[split.end():]
        body = (" " + body)[: split.start()]
    else:
        while end < block.end and not ANSWER_WORD.match(lines[end].strip().lstrip("*_")):
            body += " " + lines[end].strip()
            end += 1
    text = clean_question(_TAG.sub(" ", body))
    candidate = Candidate(block.start, end, "q-line", text, "\n".join(lines[block.start:end]).strip(),
                          number, answer_head=head)
    if dashed and not candidate.asks:
        return None  # "Q - it learns values" is a sentence, "Q - What is X?" a question
    return candidate


def _summary(block: Block, lines: list[str]) -> Candidate | None:
    for offset, line in enumerate(block.content.splitlines()):
        m = _SUMMARY.search(line)
        if m:
            number, text = split_number(clean_question(_TAG.sub(" ", m.group(1))))
            at = block.start + offset
            return Candidate(at, at + 1, "summary", text, line.strip(), number,
                             answer_head=m.group(2))
    return None
