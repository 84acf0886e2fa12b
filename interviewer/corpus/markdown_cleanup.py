"""Clean the question and answer text found in imported Markdown.

Web pages pasted into Markdown leave residue: `**Answer: **` prefixes, stray HTML (`/p>`,
`<br>`, `&nbsp;`), bold labels run together on one line, and the page's own trailing lines
(article lists, copyright, "share this"). Lists and fenced code blocks are kept as written.
"""

import html
import re
import textwrap

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_THEMATIC_BREAK = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")

#: `Answer:`, `**Answer: **`, `Ans.`, `A:`, `*Answer -*` at the start of an answer.
_ANSWER_MARKER = re.compile(
    r"^(?P<open>\*\*|__|\*|_)?[ \t]*(?:(?:answers?|ans|solution)[ \t]*\d{0,5}[ \t]*"
    r"(?P<closed>\*\*|__|\*|_)?[ \t]*[:.\-–—]"
    r"|a[ \t]*\d{0,5}[ \t]*:|a[ \t]+[-–—])[ \t]*",
    re.IGNORECASE,
)
#: A list item that holds the answer: `- **Answer**: text` (nested under the question).
_ANSWER_ITEM = re.compile(r"^([ \t]*[-*+][ \t]+)(?=(?:\*\*|__|\*|_)?[ \t]*(?:answers?|ans|solution|a(?=\W{0,3}:))\b)",
                          re.IGNORECASE)

#: Tags that only format words: unwrapped in place, so `<strong>M</strong>ean` stays "Mean".
_INLINE_TAGS = "em|strong|b|i|u|span|font|small|code|tt|kbd|mark|abbr|s|del|ins|strike|big|cite|q|var"
#: Tags that separate text: replaced by a space.
_BLOCK_TAGS = (
    "p|br|div|li|ul|ol|h[1-6]|hr|table|tr|td|th|tbody|thead|section|article|header|footer|nav|"
    "blockquote|pre|center|details|summary|figure|figcaption|dl|dt|dd|a"
)
_TAGS = f"{_INLINE_TAGS}|{_BLOCK_TAGS}|img|sup|sub"
_INLINE_TAG = re.compile(rf"</?(?:{_INLINE_TAGS})\b[^<>\n]*?/?>", re.IGNORECASE)
_BLOCK_TAG = re.compile(rf"</?(?:{_BLOCK_TAGS})\b[^<>\n]*?/?>", re.IGNORECASE)
#: `x<sup>2</sup>` -> `x^2`, `x<sub>i</sub>` -> `x_i`: the formula keeps its meaning.
_SUP_SUB = re.compile(r"<(sup|sub)\b[^<>\n]*>(.*?)</\1\s*>", re.IGNORECASE)
#: `<img src="f.png" alt="formula">` (attributes in any order, any quotes).
_IMG = re.compile(r"<img\b([^<>]*?)/?>", re.IGNORECASE)
#: `<a href="url">text</a>` -> `[text](url)`.
_ANCHOR = re.compile(r"<a\b[^<>]*?href\s*=\s*[\"']([^\"']+)[\"'][^<>]*>(.*?)</a\s*>", re.IGNORECASE)
_ATTR = re.compile(r"""(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
#: Tag fragments whose `<` was lost: `network./p>`, `done/strong>`.
_TAG_FRAGMENT = re.compile(rf"(?<=\S)/(?:{_TAGS})>(?=\s|$)", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,5});")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")

#: A bold label (`**Tensor:**` or `**Tensor**:`) as used in inline runs.
_BOLD_LABEL = re.compile(r"(?:\*\*|__)[^*_\n]{1,80}?:[ \t]*(?:\*\*|__)|(?:\*\*|__)[^*_\n]{1,80}?(?:\*\*|__):")
_BOLD_SPAN = re.compile(r"(\*\*|__)(?=\S|[ \t]+\S)(.+?)\1")
_BULLET = re.compile(r"^(\s*)([-*+]|\d{1,9}[.)])\s+")

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE = (
    rf"(?:{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\.?,?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})"
)
#: A line that ends with a date after a separator ("Title – May 25, 2023") or starts with one.
_DATED = re.compile(rf"[-–—|•·,:(]\s*{_DATE}\)?\s*$|^\s*(?:[-*+]\s+)?{_DATE}\b", re.IGNORECASE)
#: Phrases that belong to a web page's furniture, not to an answer.
_BOILERPLATE = re.compile(
    r"all rights reserved|©|\(c\)\s*\d{4}|\bcopyright\b|\bshare (?:this|on)\b|\bfollow us\b"
    r"|\bsubscribe\b|\bnewsletter\b|\brelated (?:posts?|articles?|tutorials?|reading|links?)\b"
    r"|\b(?:recent|popular|latest) (?:posts?|articles?|tutorials?)\b"
    r"|\bleave a (?:comment|reply)\b|\byou (?:may|might) also like\b"
    r"|\b(?:previous|next|older|newer) (?:post|article|tutorial)s?\b|\bposted (?:on|in|by)\b"
    r"|\bread more\b|\bclick here\b|\bcookies?\b.*\b(?:accept|policy|consent)\b"
    r"|^\W*advertisements?\W*$|^\W*sponsored\W*$|^\s*tags?\s*:|^\s*categor(?:y|ies)\s*:",
    re.IGNORECASE,
)


def _outside_code_spans(line: str, fix) -> str:
    """Apply `fix` to the parts of a line that are not inline code."""
    out, pos = [], 0
    for m in _CODE_SPAN.finditer(line):
        out.append(fix(line[pos:m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(fix(line[pos:]))
    return "".join(out)


def _img_markdown(m: re.Match) -> str:
    attrs = {a.group(1).lower(): a.group(2) or a.group(3) or a.group(4) or ""
             for a in _ATTR.finditer(m.group(1))}
    src = attrs.get("src", "").strip()
    alt = " ".join((attrs.get("alt") or attrs.get("title") or "").split())
    if not src:
        return f" {alt} " if alt else " "
    return f"![{alt}]({src.replace(' ', '%20')})"


def _strip_html(text: str) -> str:
    """Inline HTML as Markdown: images and links kept, formatting tags unwrapped in place,
    block tags turned into spaces, entities decoded."""
    text = _IMG.sub(_img_markdown, text)
    text = _ANCHOR.sub(lambda m: f"[{m.group(2).strip()}]({m.group(1)})" if m.group(2).strip()
                       else f"<{m.group(1)}>", text)
    text = _SUP_SUB.sub(lambda m: ("^" if m.group(1).lower() == "sup" else "_") + m.group(2), text)
    text = _INLINE_TAG.sub("", text)
    text = _BLOCK_TAG.sub(" ", text)
    text = _TAG_FRAGMENT.sub("", text)
    text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    return text.replace("\u00a0", " ")


def _fix_bold(text: str) -> str:
    """`**word **next` -> `**word** next`; `**Label:**Text` -> `**Label:** Text`."""

    def one(m: re.Match) -> str:
        mark, inner = m.group(1), m.group(2)
        lead = " " if inner[:1].isspace() and m.start() > 0 else ""
        trail = " " if inner[-1:].isspace() else ""
        inner = inner.strip()
        if not inner:
            return lead + trail
        after = m.string[m.end():m.end() + 1]
        if not trail and after.isalnum() and inner[-1] in ":.;!?”\")'’":
            trail = " "
        if trail and (not after or after.isspace()):
            trail = ""
        return f"{lead}{mark}{inner}{mark}{trail}"

    return _BOLD_SPAN.sub(one, text)


def _clean_line(line: str) -> str:
    return _outside_code_spans(line, lambda part: _fix_bold(_strip_html(part))).rstrip()


def clean_inline(text: str) -> str:
    """A question's text: no emphasis markers, HTML residue or runs of white space."""
    text = _outside_code_spans(text, lambda part: re.sub(r"\*\*|__", "", _strip_html(part)))
    text = re.sub(r"\s+", " ", text).strip()
    # a whole-line italic question: *What is X?*
    if len(text) > 2 and text[0] == text[-1] and text[0] in "*_":
        text = text[1:-1].strip()
    return text


def split_label_run(line: str) -> list[str]:
    """`**A:**text**B:**text` (labels run together on one line) -> one list item per label."""
    m = _BULLET.match(line)
    indent, body = (m.group(1), line[m.end():]) if m else ("", line.lstrip())
    labels = list(_BOLD_LABEL.finditer(body))
    if len(labels) < 2 or labels[0].start() != 0:
        return [line]
    cuts = [lab.start() for lab in labels] + [len(body)]
    return [f"{indent}- {body[a:b].strip()}" for a, b in zip(cuts, cuts[1:], strict=False)]


def strip_answer_marker(line: str) -> str:
    """Remove a leading `Answer:` / `**Answer: **` / `Ans:` / `A:` from an answer's first line."""
    stripped = line.lstrip()
    m = _ANSWER_MARKER.match(stripped)
    if not m:
        return line
    rest, mark = stripped[m.end():], m.group("open")
    if mark and not m.group("closed"):
        if rest.startswith(mark):
            rest = rest[len(mark):]          # **Answer:** text
        elif mark in rest:
            rest = mark + rest               # **Answer: Bold words** text -> **Bold words** text
    return rest.strip()


def _is_junk(line: str) -> bool:
    text = line.strip()
    return bool(text) and len(text) < 250 and bool(_DATED.search(text) or _BOILERPLATE.search(text))


def _strip_trailing_junk(lines: list[str], code: list[bool]) -> tuple[list[str], list[str]]:
    """Remove the web page's own lines from the end of an answer (article lists, copyright).

    A trailing paragraph or list goes when every line is dated ("Title - May 25, 2023") or
    page furniture ("All rights reserved", "Related posts"); trailing lines glued to the last
    paragraph go when there are at least two of them, or one is furniture.
    """
    dropped: list[str] = []
    while True:
        while lines and (
            not lines[-1].strip() or (_THEMATIC_BREAK.match(lines[-1]) and not code[len(lines) - 1])
        ):
            lines.pop()  # trailing blank lines and separators
        if not lines or code[len(lines) - 1]:
            return lines, dropped
        start = len(lines)
        while start > 0 and lines[start - 1].strip() and not code[start - 1]:
            start -= 1
        block = lines[start:]
        if all(_is_junk(x) for x in block):
            dropped[:0] = [x.strip() for x in block]
            del lines[start:]
            continue
        run = 0
        while run < len(block) - 1 and _is_junk(block[-1 - run]):
            run += 1
        tail = block[len(block) - run:]
        if run >= 2 or (run == 1 and _BOILERPLATE.search(tail[0])):
            dropped[:0] = [x.strip() for x in tail]
            del lines[len(lines) - run:]
            continue
        return lines, dropped


def code_mask(lines: list[str]) -> list[bool]:
    """True for each line inside a fenced code block (fences included)."""
    mask, fence = [], None
    for line in lines:
        m = _FENCE.match(line)
        if fence is None and m:
            fence = m.group(1)
            mask.append(True)
        elif fence is not None:
            mask.append(True)
            stripped = line.strip()
            if stripped.startswith(fence[0] * len(fence)) and not stripped.strip(fence[0]):
                fence = None
        else:
            mask.append(False)
    return mask


def _unwrap_answer_item(lines: list[str]) -> list[str]:
    """`- **Answer**: text` with its continuation indented below -> the text, unindented."""
    m = _ANSWER_ITEM.match(lines[0]) if lines else None
    if not m:
        return lines
    width = len(m.group(1))
    out = [lines[0][width:]]
    for line in lines[1:]:
        out.append(line[width:] if line[:width].isspace() else line)
    return out


def clean_answer(lines: list[str]) -> tuple[str, list[str]]:
    """The answer as tidy Markdown, and the stray page lines removed from its end."""
    lines = textwrap.dedent("\n".join(lines)).split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    lines = _unwrap_answer_item(lines)
    code = code_mask(lines)
    if lines and not code[0]:
        # the first line is never a continuation: its indent (under a list item question,
        # when later lines are not indented) means nothing
        lines[0] = strip_answer_marker(lines[0].lstrip())
    out: list[str] = []
    out_code: list[bool] = []
    for line, in_code in zip(lines, code, strict=True):
        if in_code:
            out.append(line.rstrip())
            out_code.append(True)
            continue
        for piece in split_label_run(line):
            out.append(_clean_line(piece))
            out_code.append(False)
    out, dropped = _strip_trailing_junk(out, out_code)
    # collapse runs of blank lines outside code blocks
    tidy: list[str] = []
    for line, in_code in zip(out, out_code, strict=False):
        if not in_code and not line.strip() and (not tidy or not tidy[-1].strip()):
            continue
        tidy.append(line)
    return "\n".join(tidy).strip("\n").rstrip(), dropped
