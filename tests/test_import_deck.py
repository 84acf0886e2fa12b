"""import_documents builds a valid, reviewable deck; write_deck writes YAML a person can edit."""

from pathlib import Path

import pytest
import yaml

from interviewer.corpus.catalog import load_deck_file
from interviewer.corpus.markdown_import import import_documents, slugify, write_deck
from interviewer.corpus.topic_guess import KEYWORDS, guess_topic
from interviewer.domain import TOPICS

FIXTURES = Path(__file__).parent / "fixtures" / "import"
LAYOUTS = ["heading_numbered.md", "bold_numbered.md", "teacher_notes.md", "bold_questions.md",
           "plain_numbered.txt"]


def test_every_layout_imports_into_one_deck_that_loads_back(tmp_path):
    result = import_documents([FIXTURES / name for name in LAYOUTS], deck_name="my-notes")
    assert result.problems == []
    deck = result.deck
    assert deck is not None and deck.deck.name == "my-notes"
    assert len(deck.questions) == 4 + 5 + 6 + 3 + 2
    out = tmp_path / "my-notes.yaml"
    write_deck(deck, out)
    loaded, problems = load_deck_file(out)
    assert problems == []
    assert loaded == deck


def test_sources_name_the_file_and_the_documents_own_number_or_ordinal():
    deck = import_documents([FIXTURES / "heading_numbered.md", FIXTURES / "teacher_notes.md"],
                            deck_name="notes").deck
    numbered = [s for q in deck.questions for s in q.sources if s.doc == "heading_numbered.md"]
    unnumbered = [s for q in deck.questions for s in q.sources if s.doc == "teacher_notes.md"]
    assert [s.number for s in numbered] == [1, 2, 3, 4]
    assert [s.number for s in unnumbered] == [1, 2, 3, 4, 5, 6]


def test_written_yaml_is_readable(tmp_path):
    deck = import_documents([FIXTURES / "heading_numbered.md", FIXTURES / "bold_numbered.md"],
                            deck_name="readable").deck
    out = tmp_path / "sub" / "readable.yaml"
    write_deck(deck, out)
    text = out.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert list(data) == ["schema_version", "deck", "questions"]
    first = data["questions"][0]
    assert list(first) == ["id", "question", "reference_answer", "topic", "sources"]
    assert "difficulty" not in text     # the default (medium) is left out
    assert "aliases: []" not in text and "notes: []" not in text
    # multi-line answers are `|` blocks, with the code block intact
    assert "    reference_answer: |\n      Gradients accumulate in `.grad`" in text
    assert "      ```python\n      optimizer.zero_grad()\n" in text
    # a source is one line
    assert "      - {doc: heading_numbered.md, number: 2, line: 10}\n" in text
    assert "raw:" not in text  # only kept when the question's text was cleaned of markup
    # a blank answer stays visible, and its note says so
    blank = next(q for q in data["questions"] if q["question"] == "What is batch normalisation?")
    assert blank["reference_answer"] == ""
    assert any("blank answer" in note for note in blank["notes"])


def test_ids_are_unique_slugs_from_the_question():
    taken: set[str] = set()
    assert slugify("What is PyTorch?", taken) == "pytorch"
    assert slugify("What is PyTorch?", taken) == "pytorch-2"
    assert slugify("What do you mean by Stride?", taken) == "stride"
    assert slugify("Как работает autograd?", taken) == "autograd"
    assert slugify("这是什么？", taken) == "question"
    long = slugify("Why " + "very " * 40 + "long?")
    assert len(long) <= 60 and not long.endswith("-")


def test_topic_guess_uses_the_taxonomy_with_a_fallback():
    assert set(KEYWORDS) <= set(TOPICS)
    assert guess_topic("What is max pooling?") == "cnn"
    assert guess_topic("What does torch.cuda do?") == "gpu-cuda"
    assert guess_topic("What is the PyTorch nn.ModuleList?") == "nn-modules"
    assert guess_topic("How do you install PyTorch with pip?") == "tooling"
    assert guess_topic("What is the MNIST dataset?") == "datasets"
    assert guess_topic("Why is the sky blue?", "because of tensors") == "fundamentals"


def test_unusable_files_are_problems_naming_each_file_and_no_deck_is_made(tmp_path):
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    missing = tmp_path / "missing.md"
    latin1 = tmp_path / "latin1.md"
    latin1.write_bytes("## 1. Qu'est-ce qu'un tenseur\xa0?\n\nUn tableau.".encode("latin-1"))
    paths = [FIXTURES / "heading_numbered.md", FIXTURES / "no_questions.md", binary, missing,
             latin1, tmp_path]
    result = import_documents(paths, deck_name="notes")
    assert result.deck is None
    messages = [str(p) for p in result.problems]
    assert len(messages) == 5
    assert messages[0].startswith(f"{FIXTURES / 'no_questions.md'}: no questions found")
    assert messages[1] == f"{binary}: looks like a binary file, not text"
    assert messages[2] == f"{missing}: no such file"
    assert messages[3].startswith(f"{latin1}:1: is not UTF-8 text: invalid byte 0xa0")
    assert messages[4] == f"{tmp_path}: is a folder, not a file"


def test_a_bad_deck_name_is_a_problem():
    result = import_documents([FIXTURES / "heading_numbered.md"], deck_name="My Notes")
    assert result.deck is None
    assert "is not a valid deck name" in str(result.problems[0])


def test_two_documents_with_the_same_file_name_are_a_problem(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for sub in ("a", "b"):
        (tmp_path / sub / "notes.md").write_text(f"## What is {sub}?\n\nIt is {sub}.\n")
    result = import_documents([tmp_path / "a" / "notes.md", tmp_path / "b" / "notes.md"], "notes")
    assert result.deck is None
    assert "same file name" in str(result.problems[0])


def test_a_deck_write_that_fails_leaves_the_old_deck_whole(tmp_path, monkeypatch):
    """The deck goes to a temporary file that replaces the old one: a write that fails half
    way (here: text that cannot be encoded) leaves the old deck as it was, and no debris."""
    import interviewer.corpus.deck_writer as deck_writer

    out = tmp_path / "corpus" / "deck.yaml"
    out.parent.mkdir()
    out.write_text("the old deck\n", encoding="utf-8")
    monkeypatch.setattr(deck_writer, "dump_deck", lambda deck: "questions:\n" * 5000 + "\udc80")
    with pytest.raises(UnicodeEncodeError):
        write_deck(None, out)
    assert out.read_text(encoding="utf-8") == "the old deck\n"
    assert [p.name for p in out.parent.iterdir()] == ["deck.yaml"]


def test_an_atomic_write_gives_the_permissions_a_plain_write_would(tmp_path):
    from interviewer.atomic_files import atomic_write_text

    plain, atomic = tmp_path / "plain.txt", tmp_path / "atomic.txt"
    plain.write_text("x", encoding="utf-8")
    atomic_write_text(atomic, "x")
    assert atomic.stat().st_mode == plain.stat().st_mode
    atomic_write_text(atomic, "y", mode=0o600)
    assert atomic.read_text() == "y" and atomic.stat().st_mode & 0o777 == 0o600
