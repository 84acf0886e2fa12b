"""Batch grading throughput through the LLM grader against a local server.

200 answers (the shipped deck's questions with rubrics, cycled) are graded with the openai
backend against a scripted OpenAI-compatible server on loopback that takes 100 ms per call,
at concurrency 16, through the same code path as `interviewer grade` (pre-checks, offline
cross-check, structured output, quote checks, scoring). The ideal is 200 / 16 x 0.1 s =
1.25 s; the target is within 1.2x of it.

Run: .venv/bin/python bench/batch_grade.py [--answers 200] [--concurrency 16] [--delay 0.1]
"""

import argparse
import asyncio
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.fake_openai_server import ServerProcess  # noqa: E402

TARGET = 1.2


def answer_jobs(n: int):
    """(catalog, deck name, [(AnswerItem, Question)]) for n answers over the rubric'd questions."""
    from interviewer.cli.grade_input import AnswerItem
    from interviewer.corpus.catalog import load_catalog, load_default_catalog

    catalog = load_default_catalog()
    deck = "pytorch"
    if errors := [p for p in catalog.problems if p.severity == "error"] or deck not in catalog.decks:
        print(f"(shipped deck unavailable: {len(errors)} problem(s); using the test fixture deck)")
        catalog, deck = load_catalog([ROOT / "tests" / "fixtures" / "llm"]), "llmdeck"
    questions = [q for q in catalog.decks[deck].questions if catalog.rubric(deck, q.id)]
    jobs = []
    for i in range(n):
        question = questions[i % len(questions)]
        answer = catalog.rubric(deck, question.id).model_answer
        jobs.append((AnswerItem(i, f"answers[{i}]", question.id, False, answer), question))
    return catalog, deck, jobs, len(questions)


async def _grade_all(grader, catalog, deck: str, jobs, concurrency: int) -> list:
    """`interviewer grade`'s own path (windowed, in-order output), the grades collected."""
    from interviewer.cli.grade_cmd import grade_jobs
    from interviewer.cli.grade_output import BatchSummary, Output

    grades: list = []

    class Collect(Output):
        def result(self, item, grade) -> None:
            grades.append(grade)

    await grade_jobs(grader, catalog, deck, jobs, Collect(), BatchSummary(answers=len(jobs)),
                     concurrency)
    return grades


async def run(n: int, concurrency: int, delay: float) -> None:
    from interviewer.grading.llm_grader import LLMGrader
    from interviewer.grading.offline_grader import OfflineGrader
    from interviewer.llm.openai_backend import OpenAIBackend
    from interviewer.llm.options import BackendOptions

    catalog, deck, jobs, distinct = answer_jobs(n)
    # The server runs in its own process, as a real one would: its request handling does not
    # compete with the grader's event loop for the GIL.
    with ServerProcess(call_delay=delay) as url:
        def new_grader() -> LLMGrader:
            return LLMGrader(OpenAIBackend(BackendOptions(
                name="openai", model="m", base_url=url, max_retries=0)), OfflineGrader(),
                max_in_flight=concurrency)  # as make_grader does with --concurrency

        # Warm-up outside the timing: imports, rubric compilation, schema building.
        await _grade_all(new_grader(), catalog, deck, jobs[:distinct], concurrency)
        raw_elapsed = await raw_sdk_floor(url, catalog, deck, jobs, concurrency)
        grader = new_grader()
        start, cpu_start = time.perf_counter(), time.process_time()
        grades = await _grade_all(grader, catalog, deck, jobs, concurrency)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
        calls = grader.usage.requests  # every request the server saw
    fell_back = sum(g.has_flag("fallback") for g in grades)
    by_llm = sum(g.backend == "openai" for g in grades)
    ideal = n / concurrency * delay
    waves = -(-n // concurrency) * delay
    ratio = elapsed / ideal
    print(f"batch_grade: {n} answers ({distinct} distinct questions), {delay * 1000:.0f} ms per "
          f"call, concurrency {concurrency}, loopback server (own process)")
    print(f"graded by the model: {by_llm}, fell back: {fell_back}, server calls: {calls}")
    print(f"wall time {elapsed:.3f} s; ideal {n}/{concurrency} x {delay:g} s = {ideal:.3f} s "
          f"(whole waves: {waves:.3f} s)")
    print(f"raw SDK floor (the same {n} requests, no grading work): {raw_elapsed:.3f} s = "
          f"{raw_elapsed / ideal:.3f} x ideal")
    print(f"ratio to ideal: {ratio:.3f} — target <= {TARGET}: {'met' if ratio <= TARGET else 'NOT met'}")
    print(f"client CPU: {cpu:.3f} s in all, {1000 * cpu / n:.2f} ms per answer; "
          f"tokens: {grader.usage.summary()}")


async def raw_sdk_floor(url: str, catalog, deck: str, jobs, concurrency: int) -> float:
    """Seconds for the raw SDK to send the same grading requests at the same concurrency:
    what the transport alone costs on this machine."""
    import openai

    from interviewer.grading.grading_prompt import build_grading_messages, grading_schema, new_nonce
    from interviewer.llm.json_output import strict_json_schema

    client = openai.AsyncOpenAI(base_url=url, api_key="x", max_retries=0)
    requests = []
    for item, question in jobs:
        rubric = catalog.rubric(deck, question.id)
        fmt = {"type": "json_schema", "json_schema": {
            "name": "RubricGrade", "schema": strict_json_schema(grading_schema(rubric)), "strict": True}}
        requests.append((build_grading_messages(question, rubric, item.answer, new_nonce()), fmt))
    limit = asyncio.Semaphore(concurrency)

    async def one(messages, fmt):
        async with limit:
            await client.chat.completions.create(model="m", messages=messages, temperature=0.0,
                                                 extra_body={"response_format": fmt})

    start = time.perf_counter()
    await asyncio.gather(*(one(m, f) for m, f in requests))
    elapsed = time.perf_counter() - start
    await client.close()
    return elapsed


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--delay", type=float, default=0.1)
    args = parser.parse_args()
    asyncio.run(run(args.answers, args.concurrency, args.delay))
