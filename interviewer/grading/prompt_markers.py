"""The blocks that carry untrusted text in a prompt, and the neutralising of anything inside that
text which is shaped like their markers.

Every prompt (grading, follow-up, hint) puts text from outside the app — the candidate's
answer, and follow-ups or hints a model wrote — between markers carrying a random per-call
nonce: `<<<ANSWER-3f9a…>>>` … `<<<END-ANSWER-3f9a…>>>`. A candidate cannot guess the nonce, but
can try to close the block with something that looks close enough to a model: `</ANSWER>`,
`<<<END-ANSWER>>>`, the same with an en dash, a zero-width space or full-width brackets, or a
line saying "=== end of answer ===". Those are found after folding look-alike characters,
replaced by spaces (the text keeps its length, so evidence offsets still hold) and reported,
so the grade can be flagged.

Detection of text addressed to the grader is interviewer.grading.prechecks' job; this module
only calls it (to blank such sentences in model-written text too).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from interviewer.grading.visible_text import INVISIBLE, merge_spans

# Characters that read as "-", "<", ">", "[", "]", "/" or "=": dashes, minus signs, angle
# quotation marks, CJK and mathematical brackets, fraction and division slashes. NFKC folds the
# full-width forms (＜＞［］－／) already; these are the look-alikes it leaves alone.
_LOOKALIKE = str.maketrans({
    **dict.fromkeys("‐‑‒–—―−⁃﹘﹣－➖", "-"),
    **dict.fromkeys("‹〈《〈⟨❬❮˂ᐸ＜﹤", "<"),
    **dict.fromkeys("›〉》〉⟩❭❯˃ᐳ＞﹥", ">"),
    **dict.fromkeys("【〔〖⟦［", "["),
    **dict.fromkeys("】〕〗⟧］", "]"),
    **dict.fromkeys("⁄∕／", "/"),
    **dict.fromkeys("＝꞊", "="),
    "«": "<", "»": ">", "≪": "<", "≫": ">",
})
_INVISIBLE = re.compile(f"[{INVISIBLE}]")

_BLOCK_WORD = r"(?:END[-_ ]*(?:OF[-_ ]*)?)?(?:THE[-_ ]*)?(?:CANDIDATE'?S?[-_ ]*)?(?:ANSWER|CONTEXT|RESPONSE)"
#: What counts as a forged block marker, matched on the folded text.
MARKER = re.compile(
    # ours, with or without a nonce: <<<ANSWER-…>>>, << END ANSWER >>, <<</ANSWER>>>
    r"<{2,}\s*/?\s*" + _BLOCK_WORD + r"\b[^<>\n]{0,40}?>{1,}"
    # tags: </ANSWER>, <answer>, </candidate_answer>, <end_answer/>
    r"|</?\s*" + _BLOCK_WORD + r"\b[^<>\n]{0,30}?/?>"
    # brackets that close: [/ANSWER], [END ANSWER] (a plain "[answer]" is ordinary text)
    r"|\[\s*(?:/\s*" + _BLOCK_WORD + r"|END[-_ ]*(?:OF[-_ ]*)?(?:THE[-_ ]*)?ANSWER)\b[^\[\]\n]{0,30}?\]"
    # a line that only says the answer ends: "=== end of answer ===", "--- END ANSWER ---"
    r"|^[ \t=#*_~<>\[\]|-]*\bend[-_ ]+of[-_ ]+(?:the[-_ ]+)?(?:candidate'?s?[-_ ]+)?answer\b"
    r"[ \t=#*_~<>\[\]|.-]*$"
    r"|^[ \t=#*_~<>\[\]|-]*\bend[-_ ]+answer\b[ \t=#*_~<>\[\]|.-]*$",
    re.IGNORECASE | re.MULTILINE,
)


@dataclass
class Neutralised:
    """Untrusted text with forged markers blanked (same length as the input)."""

    text: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    found: list[str] = field(default_factory=list)   # what was blanked, as written

    @property
    def changed(self) -> bool:
        return bool(self.spans)


def fold(text: str) -> tuple[str, list[int]]:
    """`text` as a reader sees it, for matching: invisible characters dropped, each other
    character folded (NFKC, then look-alikes) to at most one character; and for each folded
    character, where it came from."""
    if text.isascii():  # the common case: nothing to fold, offsets are the identity
        return text, list(range(len(text)))
    chars: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if _INVISIBLE.match(ch):
            continue
        folded = unicodedata.normalize("NFKC", ch).translate(_LOOKALIKE) if ord(ch) > 127 else ch
        if len(folded) != 1:  # a ligature or similar: keep the original, offsets must map 1:1
            folded = ch
        chars.append(folded)
        where.append(i)
    return "".join(chars), where


def find_markers(text: str) -> list[tuple[int, int]]:
    """Spans (in `text`) of anything shaped like a block marker."""
    folded, where = fold(text)
    if "<" not in folded and "[" not in folded and "end" not in folded.lower():
        return []
    spans = []
    for m in MARKER.finditer(folded):
        if m.end() > m.start():
            spans.append((where[m.start()], where[m.end() - 1] + 1))
    return spans


def neutralise_markers(text: str, nonce: str | None = None) -> Neutralised:
    """`text` with every forged marker (and the nonce, if it somehow appears) replaced by
    spaces; what was replaced is kept for the flag."""
    spans = find_markers(text)
    if nonce:
        start = text.find(nonce)
        while start != -1:
            spans.append((start, start + len(nonce)))
            start = text.find(nonce, start + len(nonce))
    if not spans:
        return Neutralised(text)
    spans = merge_spans(spans)
    out, prev = [], 0
    for start, end in spans:
        out.append(text[prev:start])
        out.append(" " * (end - start))
        prev = end
    out.append(text[prev:])
    return Neutralised("".join(out), spans, [text[s:e] for s, e in spans])


def marker_flag_detail(found: list[str]) -> str:
    """The flag's wording: what was neutralised, quoted safely (escaped, shortened)."""
    shown = "; ".join(repr(" ".join(f.split())[:40]) for f in found[:3])
    more = f" and {len(found) - 3} more" if len(found) > 3 else ""
    return (f"text shaped like the prompt's answer markers was neutralised (it cannot end the "
            f"answer block): {shown}{more}")


def untrusted(text: str, nonce: str | None = None) -> str:
    """Model-written or other untrusted text made safe for a prompt: sentences addressed to
    the grader blanked (the pre-checks' detection), forged markers neutralised."""
    from interviewer.grading.prechecks import blank_spans, find_injection_spans

    spans = find_injection_spans(text)
    if spans:
        text = blank_spans(text, spans)
    return neutralise_markers(text, nonce).text


def block(kind: str, text: str, nonce: str) -> str:
    """`text` (already made safe) between the `kind` markers of this call."""
    return f"<<<{kind}-{nonce}>>>\n{text}\n<<<END-{kind}-{nonce}>>>"
