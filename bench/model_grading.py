"""A model grader for the grading benches, measured beside the offline one.

bench/asag_mohler.py, bench/asag_semeval.py (and bench/calibration.py) take the same flags as
the app, so anyone with a model can put its figures beside the offline grader's:

    --backend openai --model gpt-4o-mini [--base-url URL] [--api-key-env NAME]
    --sample N        grade a seeded random sample of N answers (default 50 with a model)
    --concurrency N   model calls at once (default 4)
    --yes             start without asking (needed when stdin is not a terminal)

Before anything is sent it prints the sample size, the number of requests, an estimate of
the tokens and, where litellm's local price list knows the model, of the cost; then asks.
The offline grader is run on the same sample, so the two figures compare like with like.

Questions graded against a reference answer only (Mohler, SemEval) get a rubric made from
that answer (one criterion per reference sentence, at most five) so the model has criteria
to give verdicts on; the score is still computed in code from its verdicts.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interviewer.domain import Grade, Question, Rubric
    from interviewer.grading.protocols import GradeRequest

#: Answers graded when a model is asked and no --sample is given: enough for a figure, cheap.
DEFAULT_SAMPLE = 50
#: Typical reply size: a short rationale and a quote per criterion (the cap is far higher).
OUT_TOKENS_BASE, OUT_TOKENS_PER_CRITERION = 60, 90


def add_model_flags(parser: argparse.ArgumentParser) -> None:
    """The backend flags of the app, plus sample size, concurrency and --yes."""
    group = parser.add_argument_group("model grader (optional; default: offline only)")
    group.add_argument("--backend", default="offline", help="offline | openai | litellm | a plugin")
    group.add_argument("--model", help="model name, e.g. gpt-4o-mini, anthropic/claude-haiku-4-5")
    group.add_argument("--base-url", help="OpenAI-compatible server URL")
    group.add_argument("--api-key-env", help="name of the env var that holds the API key")
    group.add_argument("--sample", type=int, help=f"answers to grade (default: all offline, "
                       f"{DEFAULT_SAMPLE} with a model)")
    group.add_argument("--seed", type=int, default=7, help="seed of the sample (default 7)")
    group.add_argument("--concurrency", type=int, default=4, help="model calls at once")
    group.add_argument("--yes", action="store_true", help="start without asking")


@dataclass(frozen=True)
class Estimate:
    answers: int
    requests: int
    tokens_in: int
    tokens_out: int
    cost_usd: float | None

    def line(self) -> str:
        cost = (f"about ${self.cost_usd:.4f}" if self.cost_usd is not None
                else "cost unknown (no price for this model in litellm's list)")
        return (f"{self.answers} answers, {self.requests} requests (re-asks may add a few), "
                f"~{self.tokens_in:,} tokens in, ~{self.tokens_out:,} out: {cost}")


class ModelRun:
    """A model grader configured from the flags; `grade_all` grades a list of requests."""

    def __init__(self, args: argparse.Namespace):
        from interviewer.settings import load_settings

        overrides = {k: v for k, v in (("backend", args.backend), ("model", args.model),
                                       ("base_url", args.base_url), ("api_key_env", args.api_key_env))
                     if v is not None}
        self.settings = load_settings(**overrides)
        self.sample_size = args.sample or DEFAULT_SAMPLE
        self.seed = args.seed
        self.concurrency = max(1, args.concurrency)
        self.yes = args.yes

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> ModelRun | None:
        """None when only the offline grader is asked for."""
        return None if args.backend == "offline" else cls(args)

    @property
    def label(self) -> str:
        return f"{self.settings.backend} {self.settings.model or ''}".strip()

    def sample(self, items: list) -> list:
        """A seeded random sample (in the items' own order), or all of them if fewer."""
        if len(items) <= self.sample_size:
            return list(items)
        chosen = sorted(random.Random(self.seed).sample(range(len(items)), self.sample_size))
        return [items[i] for i in chosen]

    def estimate(self, requests: list[GradeRequest]) -> Estimate:
        """Requests, tokens (characters / 4) and cost before anything is sent."""
        from interviewer.grading.grading_prompt import build_grading_messages, grading_schema, new_nonce
        from interviewer.llm.json_output import strict_json_schema

        tokens_in = tokens_out = 0
        for request in requests:
            rubric = request.rubric
            messages = build_grading_messages(request.question, rubric, request.answer, new_nonce())
            chars = sum(len(m["content"]) for m in messages)
            chars += len(json.dumps(strict_json_schema(grading_schema(rubric))))
            tokens_in += chars // 4
            tokens_out += OUT_TOKENS_BASE + OUT_TOKENS_PER_CRITERION * len(rubric.criteria)
        return Estimate(len(requests), len(requests), tokens_in, tokens_out,
                        _price(self.settings.model, tokens_in, tokens_out))

    def confirm(self, estimate: Estimate) -> bool:
        """Print the estimate; True when the run may start."""
        print(f"model grader {self.label}: {estimate.line()}")
        if self.yes:
            return True
        if not sys.stdin.isatty():
            print("not started: pass --yes to run it (stdin is not a terminal to ask)")
            return False
        return input("start? [y/N] ").strip().lower() in ("y", "yes")

    def grade_all(self, requests: list[GradeRequest]) -> list[Grade]:
        """The model's grades, in order (fallbacks included, flagged as in the app)."""
        return asyncio.run(self._grade_all(requests))

    async def _grade_all(self, requests: list[GradeRequest]) -> list[Grade]:
        from interviewer.grading.llm_grader import LLMGrader
        from interviewer.grading.offline_grader import OfflineGrader
        from interviewer.llm.registry import backend_from_settings

        grader = LLMGrader(backend_from_settings(self.settings), OfflineGrader(),
                           max_in_flight=self.concurrency)
        try:
            grades = await asyncio.gather(*(grader.grade(r) for r in requests))
        finally:
            await grader.aclose()
        fell_back = sum(g.has_flag("fallback") for g in grades)
        print(f"model grader {self.label}: {grader.usage.summary()}"
              + (f"; {fell_back} fell back to offline" if fell_back else ""))
        return list(grades)


def _price(model: str | None, tokens_in: int, tokens_out: int) -> float | None:
    if not model:
        return None
    try:
        from interviewer.llm.litellm_backend import import_litellm

        prompt, completion = import_litellm().cost_per_token(
            model=model, prompt_tokens=tokens_in, completion_tokens=tokens_out)
    except Exception:  # litellm missing, or a model it has no price for
        return None
    total = (prompt or 0.0) + (completion or 0.0)
    return total or None


def reference_rubric(question: Question) -> Rubric:
    """A rubric made from a question's reference answer, so a model can grade reference-only
    questions: one criterion per reference sentence (at most five; a one-sentence reference
    is judged on its point and on its completeness)."""
    from interviewer.domain import Rubric

    reference = " ".join(question.reference_answer.split()) or question.question
    sentences = [s for s in re.split(r"(?<=[.!?;])\s+", reference) if len(s.split()) >= 2][:5]
    if len(sentences) < 2:
        sentences = [reference, f"all of it, precisely: {reference}"]
    criteria = []
    for n, sentence in enumerate(sentences, start=1):
        words = re.findall(r"[A-Za-z][\w-]{3,}", sentence) or [sentence.split()[0]]
        criteria.append({
            "id": f"point-{n}", "description": f"States, in any words: {sentence}", "weight": 1,
            "levels": {"none": "Does not state it, or states something else.",
                       "partial": "States part of it, or only vaguely.",
                       "full": "States it correctly."},
            "concepts": [{"aliases": sorted(set(words), key=len, reverse=True)[:3]}],
        })
    return Rubric.model_validate({"question_id": question.id, "version": 1, "criteria": criteria,
                                  "model_answer": reference})


if __name__ == "__main__":  # `make bench` runs every script here: this one is a helper
    print("bench/model_grading.py: shared by the grading benches (see its docstring); "
          "nothing to measure on its own")
