"""Offline grader throughput: answers graded per second on one core (target >= 1,000/s).

Grades answers to the real deck questions against their rubrics (and, separately, in
reference-only mode), single-threaded, after one warm-up pass (rubrics are compiled once and
cached, as in the app). Times are CPU time of this process, so other load on the machine
does not count against the grader. Also times hostile inputs: 1 MB answers and escape-laden text.
Run: .venv/bin/python bench/offline_throughput.py
"""

import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from interviewer.corpus.catalog import load_default_catalog  # noqa: E402
from interviewer.grading.offline_grader import OfflineGrader  # noqa: E402
from interviewer.grading.protocols import GradeRequest  # noqa: E402

TARGET = 1_000
ROUNDS = 3


def answers_for(catalog, rng: random.Random) -> list[tuple]:
    """Realistic answers: each question's model answer, its reference answer, a half answer,
    a shuffled one, an off-topic one (another question's reference), and a typo'd one."""
    deck = "pytorch"
    questions = [q for _, q in catalog.questions(deck)]
    out = []
    for question in questions:
        rubric = catalog.rubric(deck, question.id)
        model = rubric.model_answer if rubric else question.reference_answer
        words = model.split()
        other = rng.choice(questions).reference_answer
        typo = " ".join(w[:2] + w[3] + w[2] + w[4:] if len(w) > 6 and rng.random() < 0.3 else w
                        for w in words)
        shuffled = words[:]
        rng.shuffle(shuffled)
        for answer in (model, question.reference_answer, " ".join(words[: len(words) // 2]),
                       " ".join(shuffled), other, typo):
            out.append((question, rubric, answer))
    return out


def rate(grader: OfflineGrader, jobs: list[tuple], use_rubric: bool) -> float:
    requests = [GradeRequest(q, r if use_rubric else None, a) for q, r, a in jobs]
    for request in requests:  # warm-up: compile rubrics, fill caches
        grader.grade_sync(request)
    best = 0.0
    for _ in range(ROUNDS):
        started = time.process_time()
        for request in requests:
            grader.grade_sync(request)
        best = max(best, len(requests) / (time.process_time() - started))
    return best


def time_one(grader: OfflineGrader, question, rubric, answer: str) -> float:
    started = time.process_time()
    grader.grade_sync(GradeRequest(question, rubric, answer))
    return time.process_time() - started


def main() -> int:
    catalog = load_default_catalog()
    if "pytorch" not in catalog.decks:
        print("the pytorch deck is not there: nothing measured")
        return 0
    rng = random.Random(7)
    jobs = answers_for(catalog, rng)
    words = sum(len(a.split()) for _, _, a in jobs) / len(jobs)
    grader = OfflineGrader(catalog)   # as the app grades: with the deck (topicality)
    with_rubric = rate(grader, jobs, True)
    reference_only = rate(grader, jobs, False)
    print(f"offline grader, one core, {len(jobs)} answers to {len(jobs) // 6} deck questions "
          f"(mean {words:.0f} words), best of {ROUNDS} passes:")
    print(f"  with rubrics:        {with_rubric:8,.0f} answers/s   (target >= {TARGET:,}/s)")
    print(f"  reference-only mode: {reference_only:8,.0f} answers/s")

    question = catalog.question("pytorch", "autograd")
    rubric = catalog.rubric("pytorch", "autograd")
    base = rubric.model_answer
    print("hostile inputs (autograd question, one answer each, CPU seconds):")
    for label, answer in (
        ("model answer", base),
        ("100 KB of repeated answer", (base * (100_000 // len(base) + 1))[:100_000]),
        ("1 MB of repeated answer", (base * (1_000_000 // len(base) + 1))[:1_000_000]),
        ("1 MB of one unbroken word", "a" * 1_000_000),
        ("1 MB of ANSI escapes/control chars", ("\x1b[31mgraph\x1b[0m\x07\x00 " * 50_000)[:1_000_000]),
        ("1 MB of emoji and CJK", ("🙂 自动求导 グラフ " * 100_000)[:1_000_000]),
        ("1 MB of Rich markup", ("[bold red]backward[/] [link=x]y[/link] " * 30_000)[:1_000_000]),
    ):
        print(f"  {label:<36} {time_one(grader, question, rubric, answer):.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
