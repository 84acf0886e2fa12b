"""`interviewer corpus lint`: every problem in every file at once, with file and line."""

import shutil
from pathlib import Path

import pytest

from interviewer.cli.main import main
from interviewer.corpus.lint import lint_path
from interviewer.corpus.problems import errors

BROKEN = Path(__file__).parent / "fixtures" / "broken"

#: (file, line, words the message must contain) for every problem planted in tests/fixtures/broken
EXPECTED = [
    ("corpus/malformed.yaml", 10, ["invalid YAML", "quoted scalar", "line 7"]),
    ("corpus/wrong-type.yaml", 9, ["questions[0].difficulty", "'easy', 'medium' or 'hard'", "got 3"]),
    ("corpus/wrong-type.yaml", 12, ["questions[0].sources[0].number", "valid integer"]),
    ("corpus/unknown-key.yaml", 8, ["questions[0].answer", "unknown key"]),
    ("corpus/duplicate-id.yaml", 10, ["questions[1].id", "duplicate question id 'tensors'"]),
    ("rubrics/shop/ghost.yaml", 2, ["rubric for unknown question 'ghost'"]),
    ("rubrics/shop/returns.yaml", 27, ["follow_ups[1].targets", "unknown criterion", "full-refund"]),
    ("rubrics/shop/refunds.yaml", 13, ["criteria[0].concepts", "does not compile", "(unclosed"]),
    ("rubrics/shop/delivery.yaml", 7, ["criteria[0].weight", "greater than 0"]),
    ("rubrics/shop/payment.yaml", 1, ["model_answer", "missing"]),
    ("corpus/shop.yaml", 22, ["questions[4] (opening-hours)", "no rubric"]),
]


def find(lines: list[str], file: str, line: int, words: list[str]) -> str | None:
    prefix = f"{BROKEN / file}:{line}: "
    return next((x for x in lines if x.startswith(prefix) and all(w in x for w in words)), None)


def test_lint_functions_report_each_planted_problem_with_file_and_line():
    problems, summary = lint_path(BROKEN)
    lines = [str(p) for p in problems]
    for file, line, words in EXPECTED:
        assert find(lines, file, line, words), f"missing {file}:{line} {words} in:\n" + "\n".join(lines)
    assert len(errors(problems)) == len(EXPECTED)
    assert summary == "1 deck(s), 6 questions, 1 rubrics"


def test_lint_command_lists_every_problem_and_exits_non_zero(capsys):
    code = main(["corpus", "lint", str(BROKEN)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in err
    lines = err.splitlines()
    for file, line, words in EXPECTED:
        assert find(lines, file, line, words), f"missing {file}:{line} {words}"
    # one line per problem, then the summary
    assert len(lines) == len(EXPECTED) + 1
    assert lines[-1] == f"1 deck(s), 6 questions, 1 rubrics: {len(EXPECTED)} error(s), 0 warning(s)"


@pytest.mark.parametrize("file, line, words", EXPECTED[:5])
def test_lint_of_one_deck_file(capsys, file, line, words):
    code = main(["corpus", "lint", str(BROKEN / file)])
    _, err = capsys.readouterr()
    assert code == 1
    assert find(err.splitlines(), file, line, words)


def test_a_rubric_whose_model_answer_fails_its_own_rubric_is_an_error(tmp_path, capsys):
    root = tmp_path / "data"
    shutil.copytree(BROKEN, root, ignore=shutil.ignore_patterns("*.md"))
    for name in ("malformed", "wrong-type", "unknown-key", "duplicate-id"):
        (root / "corpus" / f"{name}.yaml").unlink()
    gift = root / "rubrics" / "shop" / "gift-cards.yaml"
    gift.write_text(gift.read_text().replace(
        "and gift cards never expire.", "and they last for years."))
    code = main(["corpus", "lint", str(root)])
    _, err = capsys.readouterr()
    assert code == 1
    assert any(line.startswith(f"{gift}:") and "expiry" in line for line in err.splitlines())


def test_lint_of_a_missing_path_or_a_binary_file(tmp_path, capsys):
    binary = tmp_path / "deck.yaml"
    binary.write_bytes(b"\x00\x01\x02")
    for path, message in ((tmp_path / "nope.yaml", "no such file"),
                          (binary, "looks like a binary file, not text")):
        code = main(["corpus", "lint", str(path)])
        _, err = capsys.readouterr()
        assert code == 1
        assert err.splitlines()[0] == f"{path}: {message}"


def test_a_freshly_imported_deck_lints_with_warnings_for_review_only(tmp_path, capsys):
    fixtures = Path(__file__).parent / "fixtures" / "import"
    (tmp_path / "corpus").mkdir()
    assert main(["corpus", "import", str(fixtures / "near_duplicates.md"), "--deck", "dupes",
                 "--out", str(tmp_path / "corpus" / "dupes.yaml")]) == 0
    capsys.readouterr()
    code = main(["corpus", "lint", str(tmp_path)])
    _, err = capsys.readouterr()
    assert code == 0  # no rubrics yet: reference-only grading works, so warnings only
    assert "note to review: merged from near_duplicates.md#5, near_duplicates.md#6" in err
    # one summary line for the whole deck, not one per question
    assert err.count("no rubric") == 1
    assert "(warning) 9 of 9 questions have no rubric (graded reference-only)" in err
