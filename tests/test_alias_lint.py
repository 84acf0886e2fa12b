"""Lint warns about aliases no answer can match (`alias_lint`)."""

from pathlib import Path

import pytest

from interviewer.domain import Question, Rubric
from interviewer.grading.alias_lint import alias_warnings, needs_line_break

QUESTION = Question(id="q", question="What does detach() do?", reference_answer="r", topic="autograd")


def _rubric(concepts: list, patterns: list[str] = ("re:tensor is copied",)) -> Rubric:
    return Rubric.model_validate({
        "question_id": "q", "version": 1, "model_answer": "It shares storage with the tensor.",
        "criteria": [{"id": "detach", "description": "d", "weight": 1,
                      "levels": {"none": "n", "partial": "p", "full": "f"},
                      "concepts": concepts, "require": 1},
                     {"id": "graph", "description": "d", "weight": 1,
                      "levels": {"none": "n", "partial": "p", "full": "f"},
                      "concepts": [["cut from the graph"]]}],
        "misconceptions": [{"id": "m", "claim": "c", "patterns": list(patterns), "penalty": 5,
                            "correction": "y", "contradicts": ["detach"]}],
    })


@pytest.mark.parametrize(("pattern", "dead"), [
    (r"re:backward\(\)\s*\n[^\n]*\.grad", True),
    (r"re:backward\(\)\n", True),
    (r"re:backward\(\)\s*\n?\s*step", False),
    (r"re:backward\(\)\s*(\n|;)\s*step", False),
    (r"re:install (torch|$|\n)", False),
    (r"re:grad[^\n]{0,20}#", False),
])
def test_a_regex_that_needs_a_line_break_is_found(pattern, dead):
    assert needs_line_break(pattern) is dead


def test_warnings_name_the_dead_regex_and_the_concept_that_only_repeats_the_question():
    rubric = _rubric([["detach", "detached"], ["shares storage", r"re:same\n storage"]],
                     patterns=[r"re:copies\nthe tensor"])
    problems = alias_warnings(QUESTION, rubric, Path("q.yaml"))
    messages = {(p.where, p.message) for p in problems}
    assert all(p.severity == "warning" for p in problems)
    assert any(m.startswith("concept 1 only repeats the question") and w == "criteria[0] (detach)"
               for w, m in messages)
    assert any("needs a line break" in m and w == "criteria[0] (detach)" for w, m in messages)
    assert any("needs a line break" in m and w == "misconceptions[0] (m)" for w, m in messages)


def test_a_sound_rubric_has_no_such_warnings():
    assert alias_warnings(QUESTION, _rubric([["shares storage", "same storage"]]), Path("q.yaml")) == []
