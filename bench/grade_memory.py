"""Peak memory of `interviewer grade` on a large cohort: 100,000 answers (the shipped deck's
questions with rubrics, cycled, each answer a different piece of its model answer), graded
offline, written with --jsonl to /dev/null. The peak resident set size (RSS) of the grading
process is what a machine needs free for the run.

Run: .venv/bin/python bench/grade_memory.py [--answers 100000] [--format json|jsonl|yaml]
Target: <= 300 MB peak RSS for 100,000 answers (the input is streamed and only a window of
answers is in hand at once, so memory does not grow with the number of answers).
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_MB = 300


def cohort(n: int) -> list[dict]:
    """n answers over the rubric'd questions of the shipped deck."""
    from interviewer.corpus.catalog import load_default_catalog

    catalog = load_default_catalog()
    questions = [q for q in catalog.decks["pytorch"].questions if catalog.rubric("pytorch", q.id)]
    items = []
    for i in range(n):
        question = questions[i % len(questions)]
        words = catalog.rubric("pytorch", question.id).model_answer.split()
        start = (i * 7) % max(1, len(words) - 20)
        items.append({"question_id": question.id,
                      "answer": " ".join(words[start:start + 12 + i % 40]) + f" ({i})"})
    return items


def write(items: list[dict], fmt: str, folder: Path) -> Path:
    path = folder / f"answers.{fmt}"
    with path.open("w", encoding="utf-8") as out:
        if fmt == "jsonl":
            for item in items:
                out.write(json.dumps(item) + "\n")
        elif fmt == "json":
            json.dump(items, out)
        else:
            for item in items:
                out.write(f"- question_id: {item['question_id']}\n"
                          f"  answer: {json.dumps(item['answer'])}\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=100_000)
    parser.add_argument("--format", choices=("json", "jsonl", "yaml"), default="json")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="interviewer-bench-") as tmp:
        folder = Path(tmp)
        path = write(cohort(args.answers), args.format, folder)
        size_mb = path.stat().st_size / 1e6
        env = {**os.environ, "INTERVIEWER_HOME": str(folder / "home"),
               "INTERVIEWER_BACKEND": "offline"}
        start = time.perf_counter()
        with open(os.devnull, "w") as sink:
            done = subprocess.run([sys.executable, "-m", "interviewer", "grade", str(path),
                                   "--jsonl"], stdout=sink, stderr=subprocess.PIPE, text=True,
                                  env=env)
        elapsed = time.perf_counter() - start
    if done.returncode != 0:
        print(done.stderr[-2000:])
        raise SystemExit(f"grade failed with exit code {done.returncode}")
    # ru_maxrss of waited-for children: kilobytes on Linux, bytes on macOS
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    peak_mb = peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
    summary = done.stderr.strip().splitlines()[-1]
    print(f"grade_memory: {args.answers:,} answers ({args.format}, {size_mb:.1f} MB), offline "
          f"grader, --jsonl to /dev/null")
    print(f"  {summary}")
    print(f"  wall time {elapsed:.1f} s ({1000 * elapsed / args.answers:.2f} ms per answer, "
          "start-up, the whole-file check and grading included)")
    print(f"  peak RSS {peak_mb:.0f} MB — target <= {TARGET_MB} MB: "
          f"{'met' if peak_mb <= TARGET_MB else 'NOT met'}")


if __name__ == "__main__":
    main()
