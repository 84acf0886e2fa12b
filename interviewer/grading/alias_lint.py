"""Lint warnings about aliases that can never match.

- A `re:` alias or pattern that needs a line break: answers are matched with each run of
  spaces and line breaks read as one space (a hard wrap must not split a phrase), so `\\n`
  outside a character class matches nothing unless it is optional (`\\n?`, `(\\n|;)`).
- A concept every alias of which only repeats the question, in a criterion other concepts can
  still meet (when none can, the self-check reports the criterion as an error).
"""

import re
from pathlib import Path

from interviewer.corpus.problems import Problem
from interviewer.domain import Question, Rubric
from interviewer.domain.rubric import REGEX_PREFIX
from interviewer.grading.rubric_compiler import compile_rubric

_CLASS = re.compile(r"\[(?:\\.|[^\]\\])*\]")
# `\n` that is required: not optional (`\n?`, `\n*`) and not one branch of an alternation
_REQUIRED_BREAK = re.compile(r"(?<![|(])\\n(?![?*|])(?!\{0)")


def needs_line_break(pattern: str) -> bool:
    """Whether a regex alias requires a line break the matcher never shows it."""
    return bool(_REQUIRED_BREAK.search(_CLASS.sub("C", pattern[len(REGEX_PREFIX):])))


def alias_warnings(question: Question, rubric: Rubric, path: Path, line=None) -> list[Problem]:
    """Warnings for aliases and patterns no answer can match."""
    line = line or (lambda loc: None)
    problems: list[Problem] = []
    for n, criterion in enumerate(rubric.criteria):
        for k, concept in enumerate(criterion.concepts):
            for text in (*concept.aliases, *concept.opposites):
                if text.startswith(REGEX_PREFIX) and needs_line_break(text):
                    problems.append(_break_problem(path, text, f"criteria[{n}] ({criterion.id})",
                                                   line(("criteria", n, "concepts", k))))
    for n, misconception in enumerate(rubric.misconceptions):
        for text in misconception.patterns:
            if text.startswith(REGEX_PREFIX) and needs_line_break(text):
                problems.append(_break_problem(path, text, f"misconceptions[{n}] ({misconception.id})",
                                               line(("misconceptions", n))))
    live = compile_rubric(rubric, question).matcher.live
    at = 0
    for n, criterion in enumerate(rubric.criteria):
        alive = live[at:at + len(criterion.concepts)]
        at += len(criterion.concepts)
        if not any(alive):
            continue    # the criterion cannot be met at all: the self-check's error says so
        for k, concept_live in enumerate(alive):
            if not concept_live:
                problems.append(Problem(
                    path, f"concept {k + 1} only repeats the question's words in every alias: "
                    "no answer can earn it; add what the candidate has to say beyond the question",
                    where=f"criteria[{n}] ({criterion.id})", severity="warning",
                    line=line(("criteria", n, "concepts", k))))
    return problems


def _break_problem(path: Path, text: str, where: str, line: int | None) -> Problem:
    return Problem(path, f"{text!r} needs a line break, which never matches: answers are "
                   "matched with line breaks read as spaces; use \\s (or make the break optional)",
                   where=where, severity="warning", line=line)
