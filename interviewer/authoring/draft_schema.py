"""What a model returns when it drafts a rubric, and how that becomes a `Rubric`.

Every field is required and every list explicit, so the schema works in OpenAI's strict mode;
the question id, version and `status: draft` are set by the app, never by the model.
"""

from typing import Any

from pydantic import Field

from interviewer.domain import Rubric
from interviewer.domain.base import StrictModel


class DraftConcept(StrictModel):
    aliases: list[str] = Field(description="Phrasings a candidate would use for the idea; "
                               "the first is its name.")
    opposites: list[str] = Field(description="Specific claims stating the reverse of the idea "
                                 "(a correct answer never says them); often empty.")


class DraftLevels(StrictModel):
    none: str
    partial: str
    full: str


class DraftCriterion(StrictModel):
    id: str = Field(description="lower-case-words-with-hyphens")
    description: str
    weight: float
    essential: bool
    levels: DraftLevels
    concepts: list[DraftConcept]


class DraftMisconception(StrictModel):
    id: str
    claim: str
    patterns: list[str] = Field(description="Short phrases (words in order) that state the claim.")
    penalty: float
    correction: str
    contradicts: list[str] = Field(description="Criterion ids this wrong claim contradicts.")


class DraftFollowUp(StrictModel):
    question: str
    targets: list[str]


class RubricDraft(StrictModel):
    """The model's reply."""

    criteria: list[DraftCriterion]
    misconceptions: list[DraftMisconception]
    follow_ups: list[DraftFollowUp]
    model_answer: str


def to_rubric(draft: RubricDraft, question_id: str) -> Rubric:
    """The draft as a rubric with `status: draft` (raises pydantic's ValidationError)."""
    data: dict[str, Any] = draft.model_dump(mode="json")
    for criterion in data["criteria"]:
        criterion["concepts"] = [
            c if c["opposites"] else c["aliases"] for c in criterion["concepts"]
        ]
    return Rubric.model_validate({
        "question_id": question_id, "version": 1, "status": "draft", **data,
    })
