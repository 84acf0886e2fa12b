"""The rubric schema: concepts with opposites, misconceptions that contradict criteria, status."""

import re
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from interviewer.domain import Concept, Rubric

DOCS = Path(__file__).resolve().parents[1] / "docs" / "rubric-format.md"


def _rubric(**changes) -> dict:
    data = {
        "question_id": "q", "version": 1, "model_answer": "It shares memory.",
        "criteria": [
            {"id": "a", "description": "d", "weight": 1,
             "levels": {"none": "n", "partial": "p", "full": "f"},
             "concepts": [["shares memory"], {"aliases": ["every epoch"], "opposites": ["once"]}]},
            {"id": "b", "description": "d", "weight": 1,
             "levels": {"none": "n", "partial": "p", "full": "f"}, "concepts": [["b"]]},
        ],
        "misconceptions": [{"id": "m", "claim": "c", "patterns": ["x"], "penalty": 5,
                            "correction": "y", "contradicts": ["a"]}],
    }
    data.update(changes)
    return data


def test_a_concept_is_a_list_of_aliases_or_a_mapping_with_opposites():
    rubric = Rubric.model_validate(_rubric())
    plain, with_opposites = rubric.criteria[0].concepts
    assert plain.aliases == ["shares memory"] and plain.opposites == [] and plain.name == "shares memory"
    assert with_opposites.opposites == ["once"]
    # written back in the same two forms, so files stay small and diff well
    dumped = rubric.model_dump(mode="json")["criteria"][0]["concepts"]
    assert dumped == [["shares memory"], {"aliases": ["every epoch"], "opposites": ["once"]}]
    assert Rubric.model_validate(rubric.model_dump(mode="json")) == rubric


def test_a_misconception_may_only_contradict_criteria_of_its_rubric():
    data = _rubric()
    data["misconceptions"][0]["contradicts"] = ["a", "nope"]
    with pytest.raises(ValidationError, match=r"misconceptions\[0\].contradicts: unknown criterion id\(s\) nope"):
        Rubric.model_validate(data)


def test_opposites_must_compile_and_aliases_cannot_be_empty():
    with pytest.raises(ValidationError, match="does not compile"):
        Concept.model_validate({"aliases": ["x"], "opposites": ["re:(unclosed"]})
    with pytest.raises(ValidationError):
        Concept.model_validate([])


def test_status_defaults_to_reviewed_and_only_knows_draft_otherwise():
    assert Rubric.model_validate(_rubric()).status == "reviewed"
    assert Rubric.model_validate(_rubric(status="draft")).status == "draft"
    with pytest.raises(ValidationError):
        Rubric.model_validate(_rubric(status="approved"))


def test_the_documented_example_is_a_valid_rubric():
    block = re.search(r"```yaml\n(.*?)```", DOCS.read_text(), re.S).group(1)
    rubric = Rubric.model_validate(yaml.safe_load(block))
    assert rubric.misconceptions[0].contradicts == ["shares-memory"]
    assert rubric.criteria[1].concepts[0].opposites
