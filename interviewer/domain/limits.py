"""Explicit limits on everything a session holds, so data from outside (an import file, a
hand-edited database row, a flag) is checked before it is used.

The limits are generous for real use (a 1 MB paste is still an answer) but finite: a crafted
file cannot make a name a megabyte long, nest lists without end, or give a session an id
that is not a plain slug (ids end up in file names: `session-<id>.json`).
"""

import re
from typing import Annotated

from pydantic import AfterValidator, StringConstraints

#: The project's id pattern: lower-case letters and digits in words joined by single hyphens
#: (`20261104-153012-a3f9c1`, `autograd-basics`).
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
MAX_ID_CHARS = 80
#: Deck, backend and model names, topics, criterion and flag codes: one short line.
MAX_NAME_CHARS = 200
#: Answers, transcripts, feedback, quotes: a long paste fits, a runaway file does not.
MAX_TEXT_CHARS = 4_000_000
#: Questions in one session (a session asks at most 100; re-imports may add a few).
MAX_RECORDS = 500
#: Turns in one session (questions x (answer + follow-ups + hints + notes)).
MAX_TURNS = 20_000
#: Entries in the lists inside one grade (criteria, evidence, flags, re-grades...).
MAX_ITEMS = 10_000

_ID = re.compile(ID_PATTERN)


def check_session_id(value: str) -> str:
    """`value` if it is a valid session id; else a ValueError that says what an id looks like."""
    if len(value) > MAX_ID_CHARS or not _ID.match(value):
        shown = value if len(value) <= 40 else value[:40] + "…"
        raise ValueError(
            f"not a valid session id: {shown!r} (an id is lower-case letters and digits "
            f"joined by single hyphens, at most {MAX_ID_CHARS} characters, e.g. "
            "20261104-153012-a3f9c1)"
        )
    return value


#: A session id: a slug of at most 80 characters, so it is always safe in a file name.
SessionId = Annotated[str, AfterValidator(check_session_id)]
#: A question, criterion or misconception id as stored with a session.
ItemId = Annotated[str, StringConstraints(max_length=MAX_ID_CHARS)]
#: A name shown on one line: deck, backend, model, topic, flag code.
Name = Annotated[str, StringConstraints(max_length=MAX_NAME_CHARS)]
#: Free text: answers, questions, feedback, quotes, rationales.
LongText = Annotated[str, StringConstraints(max_length=MAX_TEXT_CHARS)]

#: Nesting in data read from outside (a session export is about 11 levels deep).
MAX_NESTING = 32


def nested_deeper_than(value, limit: int = MAX_NESTING) -> bool:
    """Whether JSON-like `value` nests lists/dicts more than `limit` levels deep. Stops
    descending at the limit, so it is safe on data too deep for recursion."""
    if limit < 0:
        return True
    if isinstance(value, dict):
        return any(nested_deeper_than(v, limit - 1) for v in value.values())
    if isinstance(value, list):
        return any(nested_deeper_than(v, limit - 1) for v in value)
    return False
