"""`interviewer corpus list|stats`: the JSON contract, and bad data as one line per problem."""

import json
from pathlib import Path

import pytest

from interviewer.cli.main import main
from interviewer.data_paths import shipped_corpus_dir

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = FIXTURES / "corpus_cli"
BROKEN = FIXTURES / "broken"
CONTRACT = {"id", "deck", "question", "topic", "difficulty", "reference_answer", "sources"}
SHIPPED_DECK = shipped_corpus_dir() / "pytorch.yaml"


@pytest.fixture
def only_data_dir(tmp_path, monkeypatch):
    """Catalog = just the folder given (no shipped decks), as INTERVIEWER_DATA_DIR."""
    empty = tmp_path / "no-shipped-data"
    empty.mkdir()
    monkeypatch.setattr("interviewer.data_paths.shipped_root", lambda: empty)

    def use(root: Path) -> None:
        monkeypatch.setenv("INTERVIEWER_DATA_DIR", str(root))

    return use


def run_json(capsys, *argv: str):
    code = main(["corpus", *argv])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def test_list_json_contract(capsys, only_data_dir):
    only_data_dir(SAMPLE)
    rows = run_json(capsys, "list", "--json")
    assert [r["id"] for r in rows] == ["tensor", "zero-grad", "max-pooling"]
    for row in rows:
        assert CONTRACT <= set(row)
        assert row["deck"] == "sample"
    tensor = rows[0]
    assert tensor["question"] == "What is a tensor?"
    assert tensor["topic"] == "tensors" and tensor["difficulty"] == "easy"
    assert tensor["reference_answer"].startswith("A multi-dimensional array")
    assert tensor["sources"] == [{"doc": "notes-a.md", "number": 3}, {"doc": "notes-b.md", "number": 7}]
    assert tensor["aliases"] == ["What are tensors?"]
    assert [r["has_rubric"] for r in rows] == [True, False, False]
    assert rows[1]["difficulty"] == "medium" and rows[1]["sources"] == []


def test_list_filters_by_deck_and_topic(capsys, only_data_dir):
    only_data_dir(SAMPLE)
    assert [r["id"] for r in run_json(capsys, "list", "--deck", "sample", "--topic", "cnn", "--json")] \
        == ["max-pooling"]


def test_list_text_one_line_per_question(capsys, only_data_dir):
    only_data_dir(SAMPLE)
    assert main(["corpus", "list"]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert len(lines) == 3 and lines[0].startswith("sample/tensor ")
    assert err.strip() == "3 questions"


def test_unknown_deck_is_one_line(capsys, only_data_dir):
    only_data_dir(SAMPLE)
    assert main(["corpus", "list", "--deck", "nope"]) == 2
    _, err = capsys.readouterr()
    assert err.splitlines() == ["nope: no deck named 'nope' (decks: sample)"]


def test_stats_json(capsys, only_data_dir):
    only_data_dir(SAMPLE)
    stats = run_json(capsys, "stats", "--json")
    assert stats == {
        "sample": {
            "title": "A small deck for the corpus command tests",
            "questions": 3,
            "rubrics": 1,
            "by_topic": {"tensors": 1, "optimization": 1, "cnn": 1},
            "by_difficulty": {"easy": 2, "medium": 1},
            "sources": 2,
            "pages": 0,
        }
    }


@pytest.mark.parametrize("command", [["list", "--json"], ["stats"]])
def test_broken_data_gives_one_line_per_problem_and_no_traceback(capsys, only_data_dir, command):
    only_data_dir(BROKEN)
    code = main(["corpus", *command])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 10  # every load problem (lint adds the missing-rubric check)
    for line in lines:
        assert line.startswith(str(BROKEN)), line
        path, lineno, _ = line.split(":", 2)
        assert Path(path).is_file() and lineno.isdigit()


@pytest.mark.skipif(not SHIPPED_DECK.is_file(), reason="the shipped deck is not there yet")
def test_shipped_deck_list_and_stats_agree(capsys):
    rows = run_json(capsys, "list", "--deck", "pytorch", "--json")
    stats = run_json(capsys, "stats", "--json")
    assert len(rows) == stats["pytorch"]["questions"] >= 40
    assert len({r["id"] for r in rows}) == len(rows)
    for row in rows:
        assert CONTRACT <= set(row)
        assert row["question"] and row["reference_answer"]
        # a seed document and number, or a documentation page the answer rests on
        assert row["sources"] and all(set(s) in ({"doc", "number"}, {"url", "title"}, {"url"})
                                      for s in row["sources"])
    # every seed question is accounted for by some entry
    seen = {(s["doc"], s["number"]) for r in rows for s in r["sources"] if "doc" in s}
    assert len(seen) == stats["pytorch"]["sources"]
    assert stats["pytorch"]["pages"] == sum(1 for r in rows for s in r["sources"] if "url" in s)


@pytest.mark.skipif(not SHIPPED_DECK.is_file(), reason="the shipped deck is not there yet")
def test_shipped_data_lints_clean(capsys):
    code = main(["corpus", "lint"])
    _, err = capsys.readouterr()
    assert code == 0, err
    assert " 0 error(s)" in err.splitlines()[-1]
