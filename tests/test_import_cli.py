"""`interviewer corpus import`: writes a deck and a report; bad input is one line per problem."""

from pathlib import Path

from interviewer.cli.main import main
from interviewer.corpus.catalog import load_deck_file

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["corpus", "import", *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_import_writes_a_loadable_deck_and_reports_merges_blanks_and_dropped_lines(tmp_path, capsys):
    out = tmp_path / "notes.yaml"
    code, _, err = run(capsys, str(FIXTURES / "near_duplicates.md"), str(FIXTURES / "bold_numbered.md"),
                       "--deck", "notes", "--out", str(out))
    assert code == 0
    lines = err.splitlines()
    assert lines[0] == "documents: A = near_duplicates.md (12 questions), B = bold_numbered.md (5 questions)"
    assert "merged A#8 into A#7 'How is PyTorch different from TensorFlow?' " \
           "(was 'What is the difference between PyTorch and TensorFlow?')" in lines
    assert "blank answer: B#3 'What is batch normalisation?' (left empty, noted for review)" in lines
    assert any(line.startswith("dropped 5 stray page line(s) after B#5: 'Related posts:'")
               for line in lines)
    assert lines[-1] == f"wrote 14 questions to {out}"
    deck, problems = load_deck_file(out)
    assert problems == [] and len(deck.questions) == 14


def test_default_output_is_the_deck_name_in_the_current_folder(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, _ = run(capsys, str(FIXTURES / "teacher_notes.md"), "--deck", "week-3")
    assert code == 0
    deck, problems = load_deck_file(tmp_path / "week-3.yaml")
    assert problems == [] and deck.deck.name == "week-3"


def test_an_existing_output_is_kept_unless_forced(tmp_path, capsys):
    out = tmp_path / "notes.yaml"
    out.write_text("mine\n")
    code, _, err = run(capsys, str(FIXTURES / "teacher_notes.md"), "--deck", "notes", "--out", str(out))
    assert code == 2
    assert err.splitlines() == [f"{out}: exists; pass --force to overwrite it"]
    assert out.read_text() == "mine\n"
    code, _, _ = run(capsys, str(FIXTURES / "teacher_notes.md"), "--deck", "notes", "--out", str(out),
                     "--force")
    assert code == 0 and out.read_text().startswith("schema_version: 1")


def test_bad_inputs_give_one_line_per_problem_and_a_non_zero_exit(tmp_path, capsys):
    binary = tmp_path / "scan.pdf"
    binary.write_bytes(b"%PDF-1.7\n\x00\x01\x02\x03binary")
    missing = tmp_path / "nope.md"
    out = tmp_path / "notes.yaml"
    code, _, err = run(capsys, str(FIXTURES / "no_questions.md"), str(binary), str(missing),
                       "--deck", "notes", "--out", str(out))
    assert code != 0
    lines = err.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(f"{FIXTURES / 'no_questions.md'}: no questions found")
    assert lines[1] == f"{binary}: looks like a binary file, not text"
    assert lines[2] == f"{missing}: no such file"
    assert not out.exists()


def test_an_unwritable_output_is_one_line(tmp_path, capsys):
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder")
    out = blocker / "notes.yaml"
    code, _, err = run(capsys, str(FIXTURES / "teacher_notes.md"), "--deck", "notes", "--out", str(out))
    assert code == 2
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{out}: cannot be written: ")


def test_output_named_unlike_the_deck_gets_a_hint(tmp_path, capsys):
    code, _, err = run(capsys, str(FIXTURES / "teacher_notes.md"), "--deck", "notes",
                       "--out", str(tmp_path / "draft.yaml"))
    assert code == 0
    assert "rename draft.yaml" in err.splitlines()[-1]
