"""How well does the offline grader's reference-only mode grade real short answers?

Grades every answer of the Mohler et al. (2011) data set (CS short answers, two human
graders, 0-5) against its question's reference answer only, and prints Pearson r and RMSE
against the graders' mean. Nothing is learned from this data set: the grader's weights and
curve are fixed in code (interviewer/grading/reference_model.py, reference_only.py); its choices
were checked on SemEval-2013 (bench/asag_semeval.py), not here. In fairness: the effect of the
square-root curve on this file was seen while building it (linear coverage gives r ~0.53
here, the curve ~0.57); it was kept because it is the better design for any grader whose
reference answers say more than a full answer needs. Two figures are shown:

- raw: the grader's 0-100 score divided by 20, as is;
- monotone map: an isotonic (order-preserving) map from score to 0-5, fitted on the other
  assignments and applied to each held-out assignment (leave-one-assignment-out), which
  corrects the scale without changing which answers rank above which within the map.

With --backend/--model (see bench/model_grading.py) a model grades a seeded sample too, and
its figures are printed beside the offline grader's on the same sample.

The data is read at run time from ../shared/asag (never copied into the project); set
ASAG_DIR to read it from elsewhere.
Run: .venv/bin/python bench/asag_mohler.py [--backend openai --model NAME --sample 50]
"""

import argparse
import csv
import math
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.model_grading import ModelRun, add_model_flags, reference_rubric  # noqa: E402
from interviewer.domain import Question  # noqa: E402
from tests.support.calibration_figures import pearson  # noqa: E402
from interviewer.grading.offline_grader import OfflineGrader  # noqa: E402
from interviewer.grading.protocols import GradeRequest  # noqa: E402

ASAG_DIR = Path(os.environ.get("ASAG_DIR", ROOT.parent / "shared" / "asag"))
DATA = ASAG_DIR / "mohler2011" / "mohler_dataset_edited.csv"

# Published and measured anchors on this file (Pearson r against the graders' mean).
ANCHORS = [
    ("bag-of-words (Mohler 2011)", 0.48, None),
    ("best classic system (Sultan 2016)", 0.59, 0.89),
    ("human grader vs human grader", 0.60, None),
]
#: The raw r the claim grader must reach (0.567 before it; aim 0.60).
TARGET_R = 0.57


def rmse(x: list[float], y: list[float]) -> float:
    return math.sqrt(sum((a - b) ** 2 for a, b in zip(x, y, strict=True)) / len(x))


def isotonic_fit(xs: list[float], ys: list[float]) -> list[tuple[float, float]]:
    """Pool-adjacent-violators: a non-decreasing map, as (mean x, mean y) of each pooled block."""
    pairs = sorted(zip(xs, ys, strict=True))
    blocks: list[list[float]] = []  # [sum_x, sum_y, count]
    for x, y in pairs:
        if blocks and blocks[-1][0] / blocks[-1][2] == x:
            blocks[-1][0] += x
            blocks[-1][1] += y
            blocks[-1][2] += 1
        else:
            blocks.append([x, y, 1])
        while len(blocks) > 1 and blocks[-2][1] / blocks[-2][2] > blocks[-1][1] / blocks[-1][2]:
            sx, sy, c = blocks.pop()
            blocks[-1][0] += sx
            blocks[-1][1] += sy
            blocks[-1][2] += c
    return [(b[0] / b[2], b[1] / b[2]) for b in blocks]


def isotonic_apply(points: list[tuple[float, float]], x: float) -> float:
    """Linear interpolation between the blocks (flat beyond the ends): still monotone."""
    if x <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0) if x1 > x0 else y1
    return points[-1][1]


def load_rows() -> list[dict[str, str]]:
    with DATA.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def main() -> int:
    parser = argparse.ArgumentParser(description="Reference-only grading on Mohler 2011.")
    add_model_flags(parser)
    args = parser.parse_args()
    if not DATA.is_file():
        print(f"Mohler data not found at {DATA}: put the ASAG data under ../shared/asag "
              "or set ASAG_DIR. Nothing measured.")
        return 0
    rows = load_rows()
    questions: dict[str, Question] = {}
    for row in rows:
        if row["id"] not in questions:
            slug = "q-" + re.sub(r"[^a-z0-9]+", "-", row["id"].lower()).strip("-")
            questions[row["id"]] = Question(
                id=slug, question=row["question"], reference_answer=row["desired_answer"],
                topic="fundamentals",
            )
    grader = OfflineGrader()
    started = time.perf_counter()
    scores = [
        grader.grade_sync(GradeRequest(questions[r["id"]], None, r["student_answer"])).score / 20
        for r in rows
    ]
    elapsed = time.perf_counter() - started
    gold = [float(r["score_avg"]) for r in rows]
    human_r = pearson([float(r["score_me"]) for r in rows], [float(r["score_other"]) for r in rows])
    mean_rmse = rmse([sum(gold) / len(gold)] * len(gold), gold)

    # Leave-one-assignment-out monotone map.
    assignment = [r["id"].split(".")[0] for r in rows]
    mapped = [0.0] * len(rows)
    for held_out in sorted(set(assignment)):
        train = [i for i, a in enumerate(assignment) if a != held_out]
        steps = isotonic_fit([scores[i] for i in train], [gold[i] for i in train])
        for i, a in enumerate(assignment):
            if a == held_out:
                mapped[i] = isotonic_apply(steps, scores[i])

    print(f"Mohler 2011 (Texas CS short answers): {len(rows)} answers to {len(questions)} "
          "questions, reference-only offline grading")
    print("method: key words derived from each reference answer (stemmed, typo-tolerant, "
          "negation-aware, fixed word-class weights), square-root coverage curve; nothing "
          "learned from this data set")
    print(f"  raw score/20          Pearson r = {pearson(scores, gold):.3f}   RMSE = {rmse(scores, gold):.3f}")
    print(f"  monotone map (LOAO)   Pearson r = {pearson(mapped, gold):.3f}   RMSE = {rmse(mapped, gold):.3f}"
          "   (isotonic map fitted on the other assignments, interpolated)")
    raw = pearson(scores, gold)
    print(f"  target: raw r >= {TARGET_R:.2f}: {'met' if round(raw, 3) >= TARGET_R else 'NOT met'}"
          " (aim: the humans' own agreement)")
    print("anchors:")
    for name, r, e in ANCHORS:
        print(f"  {name:<36} r = {r:.2f}" + (f"   RMSE = {e:.2f}" if e else ""))
    print(f"  {'human vs human, measured on this file':<36} r = {human_r:.3f}")
    print(f"  {'predict the mean for every answer':<36} RMSE = {mean_rmse:.2f}")
    print(f"graded {len(rows)} answers in {elapsed:.2f} s ({len(rows) / elapsed:,.0f} answers/s, "
          "including deriving each reference once)")
    run = ModelRun.from_args(args)
    if run is not None:
        model_figures(run, rows, questions, scores, gold)
    return 0


def model_figures(run: ModelRun, rows, questions, offline: list[float], gold: list[float]) -> None:
    """The model's Pearson r and RMSE on a sample, beside the offline grader's on the same one."""
    picked = run.sample(list(range(len(rows))))
    rubrics = {qid: reference_rubric(q) for qid, q in questions.items()}
    requests = [GradeRequest(questions[rows[i]["id"]], rubrics[rows[i]["id"]],
                             rows[i]["student_answer"]) for i in picked]
    if not run.confirm(run.estimate(requests)):
        return
    model = [g.score / 20 for g in run.grade_all(requests)]
    same_gold = [gold[i] for i in picked]
    same_offline = [offline[i] for i in picked]
    print(f"on the same {len(picked)} answers (seed {run.seed}):")
    print(f"  {run.label:<22} Pearson r = {pearson(model, same_gold):.3f}   "
          f"RMSE = {rmse(model, same_gold):.3f}   (rubric made from each reference answer)")
    print(f"  {'offline, raw score/20':<22} Pearson r = {pearson(same_offline, same_gold):.3f}   "
          f"RMSE = {rmse(same_offline, same_gold):.3f}")


if __name__ == "__main__":
    raise SystemExit(main())
