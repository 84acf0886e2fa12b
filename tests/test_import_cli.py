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
    assert ("blank answer: B#3 (bold_numbered.md:15) 'What is batch normalisation?' "
            "(left empty, noted for review)") in lines
    assert any(line.startswith("dropped 5 stray page line(s) after B#5: 'Related posts:'")
               for line in lines)
    assert f"wrote 14 questions to {out}" in lines
    deck, problems = load_deck_file(out)
    assert problems == [] and len(deck.questions) == 14


def test_default_output_is_the_data_folder_where_practice_finds_it(tmp_path, capsys, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("INTERVIEWER_HOME", str(home))
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, str(FIXTURES / "teacher_notes.md"), "--deck", "week-3")
    assert code == 0
    written = home / "corpus" / "week-3.yaml"
    assert f"wrote 6 questions to {written}" in err
    assert "practise it:      interviewer practice --deck week-3" in err
    assert not (tmp_path / "week-3.yaml").exists()
    # `corpus list` (like practice and grade) reads the data folder
    assert main(["corpus", "list", "--deck", "week-3", "--json"]) == 0
    listed = capsys.readouterr().out
    assert "What is gradient clipping?" in listed


def test_a_shipped_deck_name_is_refused_unless_forced(tmp_path, capsys, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("INTERVIEWER_HOME", str(home))
    code, _, err = run(capsys, str(FIXTURES / "teacher_notes.md"), "--deck", "pytorch")
    assert code == 2
    assert err.startswith("pytorch: is the name of a shipped deck")
    assert "--force" in err and not (home / "corpus").exists()
    code, _, _ = run(capsys, str(FIXTURES / "teacher_notes.md"), "--deck", "pytorch", "--force")
    assert code == 0 and (home / "corpus" / "pytorch.yaml").is_file()


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
    assert any("rename draft.yaml" in line for line in err.splitlines())
    assert "practice reads decks from" in err


def test_explain_shows_the_layout_and_why_lines_were_not_taken(tmp_path, capsys):
    doc = FIXTURES / "layouts" / "steps_inside_answers.md"
    code, out, _ = run(capsys, str(doc), "--deck", "steps", "--explain", "--dry-run",
                       "--out", str(tmp_path / "steps.yaml"))
    assert code == 0 and not (tmp_path / "steps.yaml").exists()
    lines = out.splitlines()
    assert lines[0] == "A = steps_inside_answers.md"
    assert lines[1] == "  layout: numbered bold lines ('1. **What is X?**')"
    assert "  line 3: question   1. **What is a custom module in PyTorch?**" in lines
    assert any(line.startswith("  line 8: not taken  2. **Define the Constructor**  (number 2 "
                               "is outside the document's numbering") for line in lines)
    assert "  line 15: not taken  ### When to Choose PyTorch  (heading, not a question)" in lines


def test_a_big_import_shows_progress_on_stderr(tmp_path, capsys):
    doc = tmp_path / "big.md"
    doc.write_text("".join(f"## {n}. What is term{n} in the glossary?\n\nDefinition {n}.\n\n"
                           for n in range(1, 1201)))
    code, _, err = run(capsys, str(doc), "--deck", "big", "--out", str(tmp_path / "big.yaml"))
    assert code == 0
    assert "merging 1200/1200" in err
