"""The offline grader keeps its measured quality on the held-out half of the calibration set.

The floors sit a little below the figures measured when they were set (bench/calibration.py
prints the figures and the issue's targets): a change that makes the grader worse on answers it
was never tuned on fails here. Raise them when the grader gets better; never tune on this half.
"""

from functools import lru_cache
from pathlib import Path

import pytest

from grader_helpers import catalog
from tests.support.calibration_figures import figures, load_calibration, tfidf_baseline
from interviewer.grading.offline_grader import OfflineGrader
from interviewer.grading.protocols import GradeRequest

CALIBRATION = Path(__file__).parent / "calibration"
#: Measured on the held-out half when set; the floors leave a margin for small changes.
FLOORS = {
    "spearman": 0.76,        # measured 0.793 (0.765 before this session's rubric and grader work)
    "ordered_share": 0.90,   # measured 0.96
    "gaming_share": 0.62,    # measured 0.70
    "unusual_share": 0.33,   # measured 0.39 (0.35 before the code, notation and plain-word aliases)
    "foreign_flagged": 0.9,  # measured 1.00
}
WRONG_MEAN_CEILING = 17.0    # measured 13.4


@lru_cache(maxsize=1)
def held_out():
    calibration = load_calibration(CALIBRATION)
    answers = calibration.half("held_out")
    grader = OfflineGrader(catalog())
    scores, unreadable = {}, set()
    for answer in answers:
        question = catalog().question("pytorch", answer.question_id)
        rubric = catalog().rubric("pytorch", answer.question_id)
        grade = grader.grade_sync(GradeRequest(question=question, rubric=rubric, answer=answer.text))
        scores[answer.id] = grade.score
        if grade.has_flag("unreadable"):
            unreadable.add(answer.id)
    baseline = tfidf_baseline(answers, lambda q: catalog().rubric("pytorch", q).model_answer)
    return figures(answers, scores, unreadable), figures(answers, baseline, set())


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_held_out_figure_stays_above_its_floor(name):
    grader, _ = held_out()
    assert getattr(grader, name) >= FLOORS[name]


def test_confidently_wrong_answers_stay_low():
    grader, _ = held_out()
    assert grader.wrong_mean <= WRONG_MEAN_CEILING


def test_the_grader_beats_the_tfidf_baseline_on_every_figure():
    grader, baseline = held_out()
    assert grader.spearman > baseline.spearman + 0.2
    assert grader.ordered_share >= baseline.ordered_share
    assert grader.gaming_share > baseline.gaming_share
    assert grader.unusual_share > baseline.unusual_share
    assert grader.wrong_mean < baseline.wrong_mean


def test_the_split_is_fixed_and_every_answer_belongs_to_a_deck_question():
    calibration = load_calibration(CALIBRATION)
    assert not set(calibration.tuning) & set(calibration.held_out)
    for answer in calibration.answers:
        assert catalog().question("pytorch", answer.question_id) is not None
        assert answer.question_id in calibration.tuning + calibration.held_out
