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
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    assert {p.where for p in errors} == {
        "criteria[1] (names-the-class)", "criteria[2] (workers)", "misconceptions[0] (threads)"}
    assert all(p.path == path and p.line for p in problems)
    by_where: dict[str, str] = {}
    for p in errors:
        by_where[p.where] = by_where.get(p.where, "") + p.message
    assert "only repeats the question" in by_where["criteria[1] (names-the-class)"]
    assert "'pin_memory'" in by_where["criteria[2] (workers)"]
    assert "'worker threads'" in by_where["misconceptions[0] (threads)"]
    # the misconception's own claim ("Workers are threads.") does not trigger its pattern
    assert "its own claim does not trigger it" in by_where["misconceptions[0] (threads)"]
    assert [w.where for w in warnings] == ["misconceptions[0] (threads)"]
    assert "contradicts" in warnings[0].message


def test_corpus_lint_reports_the_broken_rubric_and_fails(capsys):
    assert main(["corpus", "lint", str(BROKEN)]) == 1
    err = capsys.readouterr().err
    assert "dataloader.yaml:13: criteria[1] (names-the-class)" in err
    assert "healthy.yaml" not in err
    assert "4 error(s), 1 warning(s)" in err
