"""How well does the offline grader agree with hand-graded answers it was not tuned on?

Grades the calibration set (tests/calibration/: 465 answers to 30 deck questions, written and
graded by hand before tuning) with the offline grader and the shipped rubrics, and prints the
figures of issue 10 for the HELD-OUT half (never tuned on) beside a 20-line baseline (TF-IDF
cosine between the answer and the model answer). The tuning half's figures are printed too;
`--details` lists the tuning half's answers one by one (never the held-out half's).

Targets (held-out half): Spearman >= 0.85; confidently wrong answers average <= 20;
strong > partial > wrong and vague on >= 90% of questions; >= 90% of gaming attempts under
their cap; >= 80% of unusual correct answers at or above their floor.

Run: .venv/bin/python bench/calibration.py [--details] [--kind KIND]
"""

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from interviewer.corpus.catalog import load_default_catalog  # noqa: E402
from tests.support.calibration_figures import (  # noqa: E402
    Figures,
    figures,
    load_calibration,
    tfidf_baseline,
)
from interviewer.grading.offline_grader import OfflineGrader  # noqa: E402
from interviewer.grading.protocols import GradeRequest  # noqa: E402

DECK = "pytorch"
MARK = {"met": "M", "partial": "p", "missed": "-", "contradicted": "X"}
TARGETS = {"spearman": 0.85, "wrong_mean": 20.0, "ordered_share": 0.90, "gaming_share": 0.90,
           "unusual_share": 0.80}


def grade_all(calibration, catalog):
    grader = OfflineGrader(catalog)
    scores, unreadable, grades = {}, set(), {}
    for answer in calibration.answers:
        question = catalog.question(DECK, answer.question_id)
        rubric = catalog.rubric(DECK, answer.question_id)
        grade = grader.grade_sync(GradeRequest(question=question, rubric=rubric, answer=answer.text))
        scores[answer.id] = grade.score
        grades[answer.id] = grade
        if grade.has_flag("unreadable"):
            unreadable.add(answer.id)
    return scores, unreadable, grades


def row(name: str, grader: Figures, baseline: Figures, target, fmt: str, better: str) -> str:
    g, b = getattr(grader, name), getattr(baseline, name)
    ok = (g >= target) if better == "high" else (g <= target)
    return (f"  {name:<15} {format(g, fmt):>8}   baseline {format(b, fmt):>8}   "
            f"target {'>=' if better == 'high' else '<='} {format(target, fmt):<6} "
            f"{'met' if ok else 'NOT MET'}")


def report(title: str, grader: Figures, baseline: Figures) -> None:
    print(f"{title} ({grader.n} answers)")
    print(row("spearman", grader, baseline, TARGETS["spearman"], ".3f", "high"))
    print(row("wrong_mean", grader, baseline, TARGETS["wrong_mean"], ".1f", "low"))
    print(row("ordered_share", grader, baseline, TARGETS["ordered_share"], ".0%", "high"))
    print(row("gaming_share", grader, baseline, TARGETS["gaming_share"], ".0%", "high"))
    print(row("unusual_share", grader, baseline, TARGETS["unusual_share"], ".0%", "high"))
    if grader.foreign_flagged is not None:
        print(f"  foreign answers flagged unreadable: {grader.foreign_flagged:.0%}")
    kinds = "  ".join(f"{k} {v:.0f}" for k, v in sorted(grader.mean_by_kind.items()))
    print(f"  mean score by kind: {kinds}")
    attacks = "  ".join(f"{k} {u}/{t}" for k, (u, t) in grader.gaming_by_attack.items())
    print(f"  gaming under cap by attack: {attacks}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--details", action="store_true",
                        help="list every answer of the tuning half (never the held-out half)")
    parser.add_argument("--kind", help="with --details: only this kind")
    parser.add_argument("--question", help="with --details: only this question (tuning half)")
    parser.add_argument("--tuning-only", action="store_true",
                        help="print the tuning half's figures only (while tuning, do not look at the other)")
    args = parser.parse_args()
    calibration = load_calibration(ROOT / "tests" / "calibration")
    catalog = load_default_catalog()
    start = time.process_time()
    scores, unreadable, grades = grade_all(calibration, catalog)
    took = time.process_time() - start
    base = tfidf_baseline(calibration.answers,
                          lambda q: catalog.rubric(DECK, q).model_answer)
    print(f"calibration set: {len(calibration.answers)} answers, {len(calibration.tuning)} + "
          f"{len(calibration.held_out)} questions; graded in {took:.2f} s CPU\n")
    halves = (("held_out", "HELD-OUT half (never tuned on)"), ("tuning", "tuning half"))
    for half, title in halves[1:] if args.tuning_only else halves:
        answers = calibration.half(half)
        report(title, figures(answers, scores, unreadable), figures(answers, base, set()))
        print()
    if not args.tuning_only and calibration.new_questions:
        print("HELD-OUT half, original 30 questions vs issue 14's new PyTorch 2.x questions:")
        for subset in ("original", "new"):
            answers = calibration.half("held_out", questions=subset)
            g = figures(answers, scores, unreadable)
            print(f"  {subset:<9} {g.n:>3} answers  spearman {g.spearman:.3f}  wrong {g.wrong_mean:5.1f}  "
                  f"ordered {g.ordered_share:4.0%}  gaming {g.gaming_share:4.0%}  "
                  f"unusual {g.unusual_share:4.0%}")
        print()
    if args.details:
        held = set(calibration.held_out)
        for a in calibration.half("tuning"):
            if a.question_id in held or (args.kind and a.kind != args.kind) \
                    or (args.question and a.question_id != args.question):
                continue
            g = grades[a.id]
            limit = f" cap {a.cap:g}" if a.cap is not None else f" floor {a.floor:g}" if a.floor is not None else ""
            verdicts = " ".join(f"{c.id}:{MARK[c.verdict]}{'?' if c.unsure else ''}" for c in g.criteria)
            flags = ",".join(f.code for f in g.flags)
            wrong = ",".join(m.id for m in g.misconceptions)
            print(f"{a.id:<40} human {a.grade:>5.0f}{limit:<9} grader {g.score:>5.1f}  "
                  f"tfidf {base[a.id]:>5.1f}  [{verdicts}] {flags} {wrong}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
