"""Lint's self-check: a rubric its own model answer cannot pass is reported as broken."""

from pathlib import Path

from grader_helpers import catalog
from interviewer.cli.main import main
from interviewer.corpus.catalog import load_catalog
from interviewer.grading.rubric_selfcheck import check_model_answers

BROKEN = Path(__file__).parent / "fixtures" / "grader" / "selfcheck"


def test_every_shipped_rubric_passes_its_own_model_answer():
    problems = [p for p in check_model_answers(catalog()) if p.severity == "error"]
    assert problems == [], "\n".join(str(p) for p in problems)


def test_broken_rubric_problems_name_the_file_criterion_and_line():
    fixture = load_catalog([BROKEN])
    problems = check_model_answers(fixture)
    path = fixture.rubric_paths[("mini", "dataloader")]
    assert {p.where for p in problems} == {
        "criteria[1] (names-the-class)", "criteria[2] (workers)", "misconceptions[0] (threads)"}
    assert all(p.path == path and p.severity == "error" and p.line for p in problems)
    by_where = {p.where: p.message for p in problems}
    assert "only repeats the question" in by_where["criteria[1] (names-the-class)"]
    assert "'pin_memory'" in by_where["criteria[2] (workers)"]
    assert "'worker threads'" in by_where["misconceptions[0] (threads)"]


def test_corpus_lint_reports_the_broken_rubric_and_fails(capsys):
    assert main(["corpus", "lint", str(BROKEN)]) == 1
    err = capsys.readouterr().err
    assert "dataloader.yaml:13: criteria[1] (names-the-class)" in err
    assert "healthy.yaml" not in err
    assert "3 error(s)" in err
