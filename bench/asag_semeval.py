"""Reference-only grading on SemEval-2013 Task 7 (SciEntsBank and Beetle, 2-way labels).

This is the development set the reference-only grader's generic choices were checked on
(word-class weights, negation polarity, derived-word credit), so that Mohler
(bench/asag_mohler.py) stays an unseen test. Labels are correct/incorrect, so it prints
ROC AUC (how often a correct answer outscores an incorrect one: 0.5 is chance) and the
macro-F1 of a fixed cut (score >= 50 means "correct"; nothing is fitted). Answers with
several reference answers take the best grade.

With --backend/--model (see bench/model_grading.py) a model grades a seeded sample of all
the sets too (against the first reference answer), and its figures are printed beside the
offline grader's on the same sample.

The data is read at run time from ../shared/asag/semeval2013-task7/semeval-3way.zip (never
copied into the project); set ASAG_DIR to read it from elsewhere.
Run: .venv/bin/python bench/asag_semeval.py [--backend openai --model NAME --sample 50]
"""

import argparse
import os
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.model_grading import ModelRun, add_model_flags, reference_rubric  # noqa: E402
from interviewer.domain import Question  # noqa: E402
from interviewer.grading.offline_grader import OfflineGrader  # noqa: E402
from interviewer.grading.protocols import GradeRequest  # noqa: E402

ASAG_DIR = Path(os.environ.get("ASAG_DIR", ROOT.parent / "shared" / "asag"))
DATA = ASAG_DIR / "semeval2013-task7" / "semeval-3way.zip"
CUT = 50.0
SETS = [
    ("SciEntsBank train", "training/2way/sciEntsBank/"),
    ("SciEntsBank test, unseen answers", "test/2way/sciEntsBank/test-unseen-answers/"),
    ("SciEntsBank test, unseen questions", "test/2way/sciEntsBank/test-unseen-questions/"),
    ("Beetle train", "training/2way/beetle/"),
    ("Beetle test, unseen answers", "test/2way/beetle/test-unseen-answers/"),
]


def auc(scores: list[float], labels: list[bool]) -> float:
    """Probability that a random correct answer outscores a random incorrect one."""
    ranked = sorted(zip(scores, labels, strict=True))
    rank_sum, i = 0.0, 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        mid = (i + j + 1) / 2
        rank_sum += mid * sum(1 for k in range(i, j) if ranked[k][1])
        i = j
    pos = sum(labels)
    neg = len(labels) - pos
    return (rank_sum - pos * (pos + 1) / 2) / (pos * neg) if pos and neg else float("nan")


def macro_f1(predicted: list[bool], labels: list[bool]) -> float:
    f1s = []
    for cls in (True, False):
        tp = sum(1 for p, y in zip(predicted, labels, strict=True) if p == cls and y == cls)
        fp = sum(1 for p, y in zip(predicted, labels, strict=True) if p == cls and y != cls)
        fn = sum(1 for p, y in zip(predicted, labels, strict=True) if p != cls and y == cls)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / 2


def load(archive: zipfile.ZipFile, prefix: str) -> list[tuple[str, list[str], str, bool]]:
    rows = []
    for name in sorted(n for n in archive.namelist() if n.startswith(prefix) and n.endswith(".xml")):
        root = ET.fromstring(archive.read(name))
        text = root.findtext("questionText") or ""
        refs = [r.text or "" for r in root.find("referenceAnswers")]
        for answer in root.find("studentAnswers"):
            rows.append((text, refs, answer.text or "", answer.get("accuracy") == "correct"))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description="Reference-only grading on SemEval-2013 Task 7.")
    add_model_flags(parser)
    args = parser.parse_args()
    if not DATA.is_file():
        print(f"SemEval data not found at {DATA}: put the ASAG data under ../shared/asag "
              "or set ASAG_DIR. Nothing measured.")
        return 0
    grader = OfflineGrader()
    questions: dict[tuple[str, str], Question] = {}
    everything: list[tuple[tuple[str, list[str], str, bool], float]] = []
    print("SemEval-2013 Task 7, 2-way, reference-only offline grading (nothing fitted):")
    with zipfile.ZipFile(DATA) as archive:
        for label, prefix in SETS:
            rows = load(archive, prefix)
            scores, labels = [], []
            for text, refs, answer, correct in rows:
                best = 0.0
                for ref in refs:
                    key = (text, ref)
                    if key not in questions:
                        slug = "q-" + str(len(questions))
                        questions[key] = Question(id=slug, question=text.strip() or "?",
                                                  reference_answer=ref, topic="fundamentals")
                    best = max(best, grader.grade_sync(GradeRequest(questions[key], None, answer)).score)
                scores.append(best)
                labels.append(correct)
                everything.append(((text, refs, answer, correct), best))
            f1 = macro_f1([s >= CUT for s in scores], labels)
            print(f"  {label:<36} {len(rows):>5} answers   AUC = {auc(scores, labels):.3f}   "
                  f"macro-F1 (score >= {CUT:g}) = {f1:.3f}")
    print("anchor (README of the data): simple lexical features with a trained classifier, "
          "SciEntsBank unseen answers macro-F1 0.72")
    run = ModelRun.from_args(args)
    if run is not None:
        model_figures(run, everything, questions)
    return 0


def model_figures(run: ModelRun, everything, questions) -> None:
    """The model's AUC and macro-F1 on a sample, beside the offline grader's on the same one."""
    picked = run.sample(everything)
    requests = []
    for (text, refs, answer, _), _score in picked:
        question = questions[(text, refs[0])]
        requests.append(GradeRequest(question, reference_rubric(question), answer))
    if not run.confirm(run.estimate(requests)):
        return
    model = [g.score for g in run.grade_all(requests)]
    labels = [row[3] for row, _ in picked]
    offline = [score for _, score in picked]
    print(f"on the same {len(picked)} answers (seed {run.seed}, all sets):")
    for name, scores in ((run.label, model), ("offline", offline)):
        f1 = macro_f1([s >= CUT for s in scores], labels)
        print(f"  {name:<22} AUC = {auc(scores, labels):.3f}   macro-F1 (score >= {CUT:g}) = {f1:.3f}")


if __name__ == "__main__":
    raise SystemExit(main())
