"""Shared base for every schema'd data file and record."""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

#: Stable identifiers: lower-case words joined by single hyphens ("autograd-basics").
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]
#: Text that must say something (surrounding white space is trimmed first).
NonEmptyText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class StrictModel(BaseModel):
    """Unknown keys are errors: a typo in a hand-written YAML file must not pass silently."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)
