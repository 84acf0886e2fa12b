"""Hints that teach: a ladder per missing criterion, each step more specific than the last.

1. the criterion's description: what a strong answer shows that this one does not yet;
2. a concept to mention: one of the criterion's key ideas the answer has not stated;
3. a sentence of the model answer: the one that states this criterion.

The most important criterion not met comes first (essential, then by weight); its steps are
given in order, then the next criterion's. A step is never given twice in an attempt, and
nothing the answer (or the text in the answer box) already covers is hinted at: met criteria
and stated concepts are left out. When every step is used, there are no more hints.
Without a rubric, the hints are the reference answer's sentences, one at a time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from interviewer.domain import Criterion, CriterionResult, Grade, Question, Rubric, Turn
from interviewer.domain.rubric import REGEX_PREFIX
from interviewer.domain.session import HINT_LEVEL_AIM, count_hints
from interviewer.engine.text_spans import sentence_around, sentences
from interviewer.grading.evidence import normalise
from interviewer.grading.offline_grader import OfflineGrader
from interviewer.grading.protocols import GradeRequest

LEVELS = {1: "What your answer has not shown yet", 2: "A concept to bring in",
          3: "From the model answer"}
NO_MORE_HINTS = ("No more hints for this question: you have had every hint for what your "
                 "answer is missing. Submit what you have; the feedback shows the model answer.")


@dataclass(frozen=True)
class HintStep:
    """One rung of the ladder: `text` is the offline wording (Markdown); `material` is what it
    points at, for a model to word it its own way."""

    criterion: Criterion | None
    level: int
    material: str
    text: str

    @property
    def aims(self) -> list[str]:
        """What the recorded hint turn aimed at (`Turn.targets`)."""
        return ([self.criterion.id] if self.criterion else []) + [f"{HINT_LEVEL_AIM}{self.level}"]


def given_steps(turns: list[Turn]) -> set[tuple[str | None, int]]:
    """(criterion id, level) of every hint in `turns` (one attempt's)."""
    out = set()
    for turn in turns:
        if turn.kind != "hint":
            continue
        level = turn.aim(HINT_LEVEL_AIM)
        criteria = turn.criteria
        out.add((criteria[0] if criteria else None, int(level) if level and level.isdigit() else 0))
    return out


def next_hint(question: Question, rubric: Rubric | None, answer: str, turns: list[Turn],
              grader: OfflineGrader) -> HintStep | None:
    """The next hint for this attempt, or None when every hint has been given."""
    given = given_steps(turns)
    if rubric is None:
        return _reference_hint(question, answer, turns)
    results: dict[str, CriterionResult] = {}
    if answer.strip():
        grade = grader.grade_sync(GradeRequest(question=question, rubric=rubric, answer=answer))
        results = {r.id: r for r in grade.criteria}
    open_criteria = sorted(
        (c for c in rubric.criteria if getattr(results.get(c.id), "verdict", None) != "met"),
        key=lambda c: (not c.essential, -c.weight),
    )
    model = _model_answer_sentences(question, rubric, grader)
    said = normalise(answer)
    for criterion in open_criteria:
        stated = set(getattr(results.get(criterion.id), "matched_concepts", []))
        for level in (1, 2, 3):
            if (criterion.id, level) in given:
                continue
            material = _material(level, criterion, stated, model.get(criterion.id, ""), said)
            if material:
                return HintStep(criterion, level, material, _wording(level, material))
    return None


def _material(level: int, criterion: Criterion, stated: set[str], sentence: str,
              said: str) -> str:
    if level == 1:
        return criterion.description
    if level == 2:
        for concept in criterion.concepts:
            if concept.name not in stated and not concept.name.startswith(REGEX_PREFIX):
                return concept.name
        return ""
    norm = normalise(sentence)
    return sentence if norm and norm not in said else ""


def _wording(level: int, material: str) -> str:
    if level == 1:
        return f"**{LEVELS[1]}:** {material}"
    if level == 2:
        return f"**{LEVELS[2]}:** {_code_like(material)} — say what it does here."
    return f"**{LEVELS[3]}:** “{material}”"


def _code_like(name: str) -> str:
    """Code-like names (`__init__`, `.grad`) in backticks so Markdown does not read them as
    emphasis."""
    return f"`{name}`" if re.search(r"[_().\[\]*]", name) else name


def _model_answer_sentences(question: Question, rubric: Rubric,
                            grader: OfflineGrader) -> dict[str, str]:
    """criterion id -> the model answer's sentence that states it (where the grader finds
    that criterion's first piece of evidence in the model answer)."""
    text = rubric.model_answer
    grade = grader.grade_sync(GradeRequest(question=question, rubric=rubric, answer=text))
    out = {}
    for result in grade.criteria:
        spans = [e for e in result.evidence if e.start is not None and e.end is not None]
        if spans:
            out[result.id] = sentence_around(text, spans[0].start, spans[0].end)
    return out


def _reference_hint(question: Question, answer: str, turns: list[Turn]) -> HintStep | None:
    """Without a rubric: the reference answer's sentences, one per hint, skipping those the
    answer or an earlier hint already holds."""
    text = question.reference_answer or ""
    covered = [normalise(answer)] + [normalise(t.text) for t in turns if t.kind == "hint"]
    every = [" ".join(text[a:b].split()) for a, b in sentences(text)]
    used = count_hints(turns)
    fresh = [s for s in every if normalise(s) and not any(normalise(s) in c for c in covered)]
    if not fresh or used >= len(every):
        return None
    return HintStep(None, 3, fresh[0], _wording(3, fresh[0]))


def apply_hint_penalty(grade: Grade, hints: int, per_hint: float) -> Grade:
    """When hints cost points (practice mode, `SessionConfig.hint_penalty`): `per_hint` points
    per hint off the score, never below 0, recorded in `Grade.hint_penalty` so every screen can
    show where the points went."""
    if hints <= 0 or per_hint <= 0:
        return grade
    penalty = round(min(grade.score, hints * per_hint), 1)
    return grade.model_copy(update={"score": round(grade.score - penalty, 1),
                                    "hint_penalty": penalty})
