"""The candidate's answer with the grader's quoted evidence highlighted in place."""

import re
from dataclasses import dataclass

from rich.text import Text
from textual.widgets import Static

from interviewer.domain import Evidence, Grade
from interviewer.tui.safe_text import clean

#: Highlight style per verdict (and for misconception quotes).
STYLES = {
    "met": "bold black on #8fd694",
    "partial": "bold black on #f2d675",
    "missed": "bold black on #c9c9c9",
    "contradicted": "bold white on #c0392b",
    "misconception": "bold white on #c0392b",
}


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    style: str


def locate(answer: str, evidence: Evidence) -> tuple[int, int] | None:
    """Where the quote sits in `answer`: the grader's offsets if they match, else a
    case-insensitive search that tolerates differences in white space."""
    if evidence.start is not None and evidence.end is not None:
        if 0 <= evidence.start < evidence.end <= len(answer):
            if answer[evidence.start:evidence.end].lower() == evidence.quote.lower():
                return evidence.start, evidence.end
    words = evidence.quote.split()
    if not words:
        return None
    pattern = r"\s+".join(re.escape(w) for w in words)
    found = re.search(pattern, answer, re.IGNORECASE)
    return (found.start(), found.end()) if found else None


def marks_for(answer: str, grade: Grade) -> list[Mark]:
    """Highlights for every verified quote of every criterion, and for misconceptions."""
    marks: list[Mark] = []
    for result in grade.criteria:
        for evidence in result.evidence:
            span = locate(answer, evidence)
            if span and result.verified:
                marks.append(Mark(*span, STYLES[result.verdict]))
    for hit in grade.misconceptions:
        for evidence in hit.evidence:
            span = locate(answer, evidence)
            if span:
                marks.append(Mark(*span, STYLES["misconception"]))
    return marks


def highlighted(answer: str, marks: list[Mark]) -> Text:
    """`answer` as literal text with `marks` styled. Each piece is cleaned separately so the
    offsets (into the raw answer) stay right even when escapes are removed."""
    text = Text()
    pos = 0
    # Earlier and longer marks first; overlapping marks keep the first one's style.
    for mark in sorted(marks, key=lambda m: (m.start, -m.end)):
        if mark.end <= pos:
            continue
        start = max(mark.start, pos)
        text.append(clean(answer[pos:start]))
        text.append(clean(answer[start:mark.end]), style=mark.style)
        pos = mark.end
    text.append(clean(answer[pos:]))
    return text


class EvidenceAnswer(Static):
    """The answer, read-only, with its evidence highlighted."""

    def __init__(self, answer: str, grade: Grade | None, **kwargs) -> None:
        marks = marks_for(answer, grade) if grade else []
        body = highlighted(answer, marks) if answer.strip() else Text("(no answer)", style="italic")
        super().__init__(body, **kwargs)
