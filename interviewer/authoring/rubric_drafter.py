"""Draft a rubric per question with a model: validate it, lint it, write it as `status: draft`.

A draft is kept only when it loads as a rubric and passes the offline self-check that
`corpus lint` runs (its own model answer must meet every criterion and trigger no
misconception). Failing drafts are sent back once or twice with the problems found. Each
rubric is written as soon as it is drafted, so an interrupted run resumes where it stopped:
questions that already have a rubric file are skipped.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from interviewer.authoring.draft_prompt import PROMPT_VERSION, draft_messages, revision_message
from interviewer.authoring.draft_schema import RubricDraft, to_rubric
from interviewer.authoring.rubric_files import write_rubric
from interviewer.corpus.problems import errors
from interviewer.domain import Deck, Question, Rubric
from interviewer.grading.rubric_selfcheck import check_rubric
from interviewer.llm.errors import LLMError
from interviewer.llm.protocol import Backend

#: Times a draft that fails lint is sent back with the problems.
MAX_REVISIONS = 2


@dataclass
class DraftOutcome:
    """What happened to one question."""

    question_id: str
    path: Path
    rubric: Rubric | None = None
    problems: list[str] = field(default_factory=list)   # why it was not written
    calls: int = 0


def pending_questions(deck: Deck, rubric_dir: Path, only: list[str] | None = None) -> list[Question]:
    """The questions to draft: those with no rubric file yet (resuming skips the rest)."""
    wanted = set(only or [])
    return [q for q in deck.questions
            if (not wanted or q.id in wanted)
            and not any((rubric_dir / f"{q.id}{ext}").is_file() for ext in (".yaml", ".yml"))]


async def draft_one(backend: Backend, deck: Deck, question: Question, path: Path) -> DraftOutcome:
    """Ask for, check, and (when it passes) write one draft rubric."""
    outcome = DraftOutcome(question.id, path)
    messages = draft_messages(question, deck.deck.title)
    for attempt in range(MAX_REVISIONS + 1):
        try:
            reply = await backend.structured(messages, RubricDraft, temperature=0.0)
        except LLMError as exc:
            if exc.failure_class != "output":
                raise  # a key, a model, an outage: every question would fail (draft_all stops)
            # this request's problem (invalid output, a prompt over the context length):
            # this question is not drafted, the others go on
            outcome.calls += getattr(exc, "attempts", 1) or 1
            outcome.problems = [str(exc)]
            return outcome
        outcome.calls += reply.attempts
        problems = _check(reply.value, question, path)
        if not problems:
            outcome.rubric = to_rubric(reply.value, question.id)
            header = (f"Drafted by {backend.name} model {backend.model} ({PROMPT_VERSION}) on "
                      f"{date.today().isoformat()}.\nA person must review it: read each "
                      "criterion against the question, fix what is wrong, then set "
                      "`status: reviewed`\n(or run `interviewer corpus review --deck "
                      f"{deck.deck.name} --accept {question.id}`).")
            write_rubric(path, outcome.rubric, header)
            return outcome
        outcome.problems = problems
        if attempt < MAX_REVISIONS:
            messages = [*draft_messages(question, deck.deck.title),
                        {"role": "assistant", "content": reply.raw}, revision_message(problems)]
    return outcome


def _check(draft: RubricDraft, question: Question, path: Path) -> list[str]:
    """Schema and lint problems of a draft, as lines to show the model and the user."""
    try:
        rubric = to_rubric(draft, question.id)
    except ValidationError as exc:
        return [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()]
    found = errors(check_rubric(question, rubric, path))
    return [f"{p.where}: {p.message}" if p.where else p.message for p in found]


async def draft_all(backend: Backend, deck: Deck, questions: list[Question], rubric_dir: Path, *,
                    concurrency: int = 4,
                    on_done: Callable[[DraftOutcome], None] | None = None) -> list[DraftOutcome]:
    """Draft every question, `concurrency` at a time; `on_done` after each one.

    A backend failure that is not about one reply (a rejected key, an unknown model, a server
    down past its retries) stops the run: questions not yet started are left for the next
    run, and the error is raised after the ones in flight finish."""
    limit = asyncio.Semaphore(max(1, concurrency))
    failure: list[LLMError] = []

    async def one(question: Question) -> DraftOutcome | None:
        async with limit:
            if failure:
                return None
            try:
                outcome = await draft_one(backend, deck, question,
                                          rubric_dir / f"{question.id}.yaml")
            except LLMError as exc:
                failure.append(exc)
                return None
        if on_done is not None:
            on_done(outcome)
        return outcome

    done = [o for o in await asyncio.gather(*(one(q) for q in questions)) if o is not None]
    if failure:
        raise DraftingStopped(failure[0], done)
    return done


class DraftingStopped(Exception):
    """The backend failed for good; `done` holds the drafts finished before it did."""

    def __init__(self, cause: LLMError, done: list[DraftOutcome]):
        super().__init__(str(cause))
        self.cause = cause
        self.done = done
