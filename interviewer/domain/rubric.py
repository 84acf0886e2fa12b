"""Rubrics: the reviewed, versioned truth every grade is computed against.

File: `rubrics/<deck>/<question-id>.yaml`. See docs/rubric-format.md for a full example.
"""

import hashlib
import json
import re
from typing import Any, Literal

from pydantic import Field, field_validator, model_serializer, model_validator

from interviewer.domain.base import NonEmptyText, Slug, StrictModel

#: Prefix that marks a pattern or alias as a regular expression instead of a phrase.
REGEX_PREFIX = "re:"


def compile_pattern(pattern: str) -> re.Pattern[str] | None:
    """Compile a `re:`-prefixed pattern (case-insensitive); None for a plain phrase."""
    if not pattern.startswith(REGEX_PREFIX):
        return None
    return re.compile(pattern[len(REGEX_PREFIX):], re.IGNORECASE)


def _check_patterns(patterns: list[str]) -> list[str]:
    for pattern in patterns:
        try:
            compile_pattern(pattern)
        except re.error as exc:
            raise ValueError(f"pattern {pattern!r} does not compile: {exc}") from None
    return patterns


class Levels(StrictModel):
    """What an answer looks like at each level of one criterion."""

    none: NonEmptyText
    partial: NonEmptyText
    full: NonEmptyText


class Concept(StrictModel):
    """One key idea of a criterion: the phrasings that state it, and the claims that state
    its opposite.

    In YAML a concept without opposites is written as a plain list of aliases
    (`[shuffle, shuffling, random order]`); one with opposites as a mapping
    (`{aliases: [every epoch, each epoch], opposites: [once at creation]}`).
    """

    aliases: list[NonEmptyText] = Field(
        min_length=1,
        description="Phrases, API names, spellings and notations that state the idea (`re:` "
        "marks a regex). The first alias names the idea in feedback.",
    )
    opposites: list[NonEmptyText] = Field(
        default_factory=list,
        description="Claims that state the opposite of this idea (phrases in order, or `re:`). "
        "A claim stating one, in this criterion's context, contradicts the criterion: it earns "
        "nothing and costs the rubric's opposite_penalty.",
    )

    @model_validator(mode="before")
    @classmethod
    def _from_list(cls, data: Any) -> Any:
        return {"aliases": data} if isinstance(data, list) else data

    @field_validator("aliases", "opposites")
    @classmethod
    def _compile(cls, patterns: list[str]) -> list[str]:
        return _check_patterns(patterns)

    @model_serializer(mode="wrap")
    def _as_list_when_plain(self, handler: Any) -> Any:
        data = handler(self)
        return data["aliases"] if not self.opposites else data

    @property
    def name(self) -> str:
        """The idea's name in feedback: its first alias."""
        return self.aliases[0]


class Criterion(StrictModel):
    """One atomic thing a strong answer shows."""

    id: Slug
    description: NonEmptyText = Field(description="What a strong answer shows.")
    weight: float = Field(gt=0, description="Relative weight; points are weight / total * 100.")
    essential: bool = Field(
        default=False, description="If missed, the total is capped at the rubric's essential_cap."
    )
    levels: Levels
    concepts: list[Concept] = Field(
        min_length=1,
        description=(
            "Key ideas, each a group of aliases the offline matcher looks for "
            "(phrases, API names, spellings; `re:` marks a regex), optionally with the "
            "claims that state its opposite. First alias names the idea."
        ),
    )
    require: int | None = Field(
        default=None,
        ge=1,
        description="How many concepts make the criterion fully met (default: all of them).",
    )

    @model_validator(mode="after")
    def _require_fits(self) -> "Criterion":
        if self.require is not None and self.require > len(self.concepts):
            raise ValueError(
                f"require={self.require} but the criterion has only {len(self.concepts)} concepts"
            )
        return self

    @property
    def needed(self) -> int:
        """Concepts needed for a full verdict."""
        return self.require or len(self.concepts)


class Misconception(StrictModel):
    """A wrong claim that costs points when an answer makes it."""

    id: Slug
    claim: NonEmptyText = Field(description="The wrong claim, as shown in feedback.")
    patterns: list[NonEmptyText] = Field(
        min_length=1, description="Phrases (or `re:` regexes) that detect the claim."
    )
    penalty: float = Field(ge=0, le=100, description="Points (of 100) deducted when detected.")
    correction: NonEmptyText = Field(description="The correct statement, shown in feedback.")
    contradicts: list[Slug] = Field(
        default_factory=list,
        description="Criterion ids this claim contradicts: a hit voids their credit "
        "(verdict `contradicted`) as well as costing the penalty.",
    )

    @field_validator("patterns")
    @classmethod
    def _compile(cls, patterns: list[str]) -> list[str]:
        return _check_patterns(patterns)


class FollowUp(StrictModel):
    """A probe asked when the criteria it targets were missed."""

    question: NonEmptyText
    targets: list[Slug] = Field(min_length=1, description="Criterion ids this probe aims at.")


def _unknown_criteria(field: str, attr: str, references: list[list[str]],
                      ids: list[str]) -> list[str]:
    """A line for each item n of `field` whose `attr` (`references[n]`) names a criterion id
    not in `ids`."""
    lines = []
    for n, named in enumerate(references):
        unknown = [t for t in named if t not in ids]
        if unknown:
            lines.append(f"{field}[{n}].{attr}: unknown criterion id(s) {', '.join(unknown)}"
                         f" (known: {', '.join(ids)})")
    return lines


class Rubric(StrictModel):
    """The grading rubric for one question."""

    schema_version: Literal[1] = 1
    question_id: Slug
    version: int = Field(ge=1, description="Bump on any change that can move a score.")
    criteria: list[Criterion] = Field(min_length=2, max_length=6)
    misconceptions: list[Misconception] = Field(default_factory=list)
    follow_ups: list[FollowUp] = Field(default_factory=list)
    model_answer: NonEmptyText
    essential_cap: float = Field(
        default=50, ge=0, le=100, description="Highest total when an essential criterion is missed."
    )
    opposite_penalty: float = Field(
        default=5, ge=0, le=100,
        description="Points deducted when an answer states a concept's opposite.",
    )
    status: Literal["reviewed", "draft"] = Field(
        default="reviewed",
        description="`draft`: written by a model and not yet reviewed by a person; grades "
        "made with it are marked \"draft rubric\".",
    )

    @model_validator(mode="after")
    def _references(self) -> "Rubric":
        # One line per problem, each starting with its location, so a loader can point at
        # the line of each (see corpus.yaml_io.validate).
        lines = []
        for kind, field, items in (("criterion", "criteria", self.criteria),
                                   ("misconception", "misconceptions", self.misconceptions)):
            first: dict[str, int] = {}
            for n, item in enumerate(items):
                if item.id in first:
                    lines.append(f"{field}[{n}].id: duplicate {kind} id {item.id!r} "
                                 f"(first used by {field}[{first[item.id]}])")
                first.setdefault(item.id, n)
        ids = [c.id for c in self.criteria]
        lines += _unknown_criteria("misconceptions", "contradicts",
                                   [m.contradicts for m in self.misconceptions], ids)
        lines += _unknown_criteria("follow_ups", "targets",
                                   [f.targets for f in self.follow_ups], ids)
        if lines:
            raise ValueError("\n".join(lines))
        return self

    def criterion(self, criterion_id: str) -> Criterion | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)

    @property
    def total_weight(self) -> float:
        return sum(c.weight for c in self.criteria)

    def max_points(self, criterion: Criterion) -> float:
        """Points (of 100) this criterion is worth."""
        return 100.0 * criterion.weight / self.total_weight

    def content_hash(self) -> str:
        """Short sha256 of the rubric's canonical JSON: stored with every grade."""
        canonical = json.dumps(self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()[:16]
