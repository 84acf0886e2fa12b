"""`interviewer sessions …`: list, show, export, import, delete and regrade from the shell."""

import json

import markupsafe
import pytest
from store_factories import FIXTURES, make_session, old_zero_grad_grade

from interviewer.cli.main import main
from interviewer.settings import load_settings
from interviewer.store.session_store import SessionStore

HOSTILE = "<b>bold</b> \x1b[2J\x1b[31mred\x1b[0m [link=https://x]x[/link]"


@pytest.fixture
def stored(monkeypatch):
    """Two stored sessions; the fixture deck is the user's data folder."""
    monkeypatch.setenv("INTERVIEWER_DATA_DIR", str(FIXTURES))
    with SessionStore.open(load_settings()) as store:
        store.create(make_session("20260301-093000-abc123", answer=HOSTILE + " accumulates"))
        store.create(make_session("20260302-093000-def456", status="finished"))
    return ["20260301-093000-abc123", "20260302-093000-def456"]


def reload(session_id: str):
    with SessionStore.open(load_settings()) as store:
        return store.load(session_id)


def test_list_as_json_and_as_a_table(stored, capsys):
    assert main(["sessions", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in rows] == stored[::-1]   # same activity time: newest id first
    active = rows[1]
    assert active["score"] == 62.5 and active["n_answered"] == 2 and active["status"] == "active"

    assert main(["sessions", "list", "--status", "finished"]) == 0
    out = capsys.readouterr().out
    assert "20260302-093000-def456" in out and "20260301-093000-abc123" not in out


def test_list_on_an_empty_store_says_so(capsys):
    assert main(["sessions", "list"]) == 0
    assert "no sessions stored yet" in capsys.readouterr().err


def test_show_prints_scores_and_transcript_without_terminal_escapes(stored, capsys):
    assert main(["sessions", "show", "20260301-093000-abc"]) == 0
    out = capsys.readouterr().out
    assert "Session 20260301-093000-abc123" in out and "62.5" in out
    assert "Candidate (answer):" in out and "<b>bold</b>" in out
    assert "\x1b" not in out


def test_show_of_an_unknown_id_is_one_error_line(stored, capsys):
    assert main(["sessions", "show", "nope"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: no session 'nope'") and err.count("\n") == 1


def test_export_to_stdout_and_to_a_file_that_is_never_overwritten_without_force(
    stored, tmp_path, capsys
):
    assert main(["sessions", "export", stored[0], "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["session"]["id"] == stored[0]

    target = tmp_path / "report.html"
    target.write_text("my own notes")
    assert main(["sessions", "export", stored[0], "-f", "html", "-o", str(target)]) == 2
    assert "exists; pass --force" in capsys.readouterr().err
    assert target.read_text() == "my own notes"

    assert main(["sessions", "export", stored[0], "-f", "html", "-o", str(target), "--force"]) == 0
    html = target.read_text()
    assert html.startswith("<!DOCTYPE html>") and "&lt;b&gt;bold&lt;/b&gt;" in html

    assert main(["sessions", "export", stored[0], "-f", "md", "-o", str(tmp_path)]) == 0
    assert (tmp_path / f"session-{stored[0]}.md").read_text().startswith("# Interview session")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp files


def test_export_then_import_through_the_cli(stored, tmp_path, capsys):
    path = tmp_path / "s.json"
    assert main(["sessions", "export", stored[1], "-f", "json", "-o", str(path)]) == 0
    assert main(["sessions", "import", str(path)]) == 2
    assert "already in the store" in capsys.readouterr().err
    assert main(["sessions", "import", str(path), "--new-id"]) == 0
    new_id = capsys.readouterr().out.strip()
    assert new_id != stored[1]
    assert reload(new_id).model_copy(update={"id": stored[1]}) == reload(stored[1])


def test_delete_needs_confirmation_unless_yes(stored, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["sessions", "delete", stored[0]]) == 2
    assert "pass --yes" in capsys.readouterr().err
    assert reload(stored[0])

    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    assert main(["sessions", "delete", stored[0]]) == 1
    assert reload(stored[0])

    assert main(["sessions", "delete", stored[0][:18], "--yes"]) == 0
    assert main(["sessions", "show", stored[0]]) == 2


def test_regrade_stores_a_new_grade_beside_the_old_and_prints_the_difference(
    stored, capsys, monkeypatch
):
    pytest.importorskip("interviewer.grading.offline_grader")
    session_id = stored[1]
    before = reload(session_id).records[0].grades
    assert [g.score for g in before] == [20.0, 62.5]

    assert main(["sessions", "regrade", session_id, "--backend", "offline"]) == 0
    out = capsys.readouterr().out

    grades = reload(session_id).records[0].grades
    assert grades[:2] == before                    # the old grades are kept as they were
    new = grades[2]
    assert new.backend == "offline" and new.rubric_version == 2
    assert new.score > 62.5                        # the answer states both criteria
    line = next(line for line in out.splitlines() if line.startswith("zero-grad"))
    assert f"62.5 -> {new.score:5.1f} (+{new.score - 62.5:.1f})" in line
    assert "openai gpt-4o-mini -> offline" in line
    assert "accumulation: partial -> met" in out
    assert out.splitlines()[-1].startswith("overall: 31.2 -> ")


def stored_two_grade_session(monkeypatch, session_id: str):
    """A stored session whose second answer (from-numpy) has a grade of 40 to regrade."""
    monkeypatch.setenv("INTERVIEWER_DATA_DIR", str(FIXTURES))
    session = make_session(session_id)
    session.records[1].grades.append(old_zero_grad_grade(40.0).model_copy(
        update={"question_id": "from-numpy"}))
    with SessionStore.open(load_settings()) as store:
        store.create(session)
    return session


def test_a_provider_failure_during_regrade_keeps_the_grades_already_made(capsys, monkeypatch):
    session = stored_two_grade_session(monkeypatch, "20260304-093000-fail00")

    class HalfDownGrader:
        name = "flaky"

        async def grade(self, request):
            if request.question.id == "from-numpy":
                raise RuntimeError("provider unavailable (503)")
            return old_zero_grad_grade(75.0).model_copy(update={"backend": "flaky"})

    monkeypatch.setattr("interviewer.grading.factory.make_grader", lambda settings, catalog=None: HalfDownGrader())
    assert main(["sessions", "regrade", session.id]) == 1
    captured = capsys.readouterr()
    assert "from-numpy: not re-graded: provider unavailable (503)" in captured.err
    assert "62.5 ->  75.0 (+12.5)" in captured.out

    stored = reload(session.id)
    assert [g.score for g in stored.records[0].grades] == [20.0, 62.5, 75.0]
    assert [g.score for g in stored.records[1].grades] == [40.0]


def test_export_and_regrade_a_session_on_the_shipped_pytorch_deck(tmp_path, capsys):
    from interviewer.corpus.catalog import load_default_catalog

    catalog = load_default_catalog()
    question = catalog.question("pytorch", "from-numpy")
    rubric = catalog.rubric("pytorch", "from-numpy")
    session = make_session("20260305-093000-torch0", deck="pytorch",
                           answer="It converts <an array> to a tensor.")
    session.records = session.records[:1]
    session.records[0] = session.records[0].model_copy(
        update={"question_id": "from-numpy", "topic": question.topic, "grades": []})
    session.turns = [t.model_copy(update={"question_id": "from-numpy"}) for t in session.turns[:2]]
    with SessionStore.open(load_settings()) as store:
        store.create(session)
        store.add_grade(session.id, "from-numpy", old_zero_grad_grade(10.0).model_copy(
            update={"question_id": "from-numpy", "criteria": [], "rubric_version": None}))

    out = tmp_path / "torch.html"
    assert main(["sessions", "export", session.id, "-f", "html", "-o", str(out)]) == 0
    html = out.read_text()
    assert "What does torch.from_numpy() do, and what should you watch out for?" in html
    assert str(markupsafe.escape(rubric.model_answer.strip().splitlines()[0])) in html
    assert "It converts &lt;an array&gt; to a tensor." in html

    assert main(["sessions", "regrade", session.id]) == 0
    line = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("from-numpy"))
    assert f"rubric none (reference-only) -> v{rubric.version}" in line
    assert len(reload(session.id).records[0].grades) == 2


def test_a_bad_key_during_regrade_stops_the_run_once_with_exit_3(capsys, monkeypatch):
    from interviewer.cli.exit_codes import BACKEND_CONFIG
    from interviewer.llm.errors import AuthError
    from interviewer.llm.usage import Usage

    session = stored_two_grade_session(monkeypatch, "20260304-093000-auth00")

    class RejectedKeyGrader:
        name = "keyed"

        def __init__(self):
            self.closed = False
            self.usage = Usage(input_tokens=10, calls=1, requests=1)  # the rejected request

        async def grade(self, request):
            raise AuthError("the provider rejected the API key; set OPENAI_API_KEY")

        async def aclose(self):
            self.closed = True

    grader = RejectedKeyGrader()
    monkeypatch.setattr("interviewer.grading.factory.make_grader",
                        lambda settings, catalog=None: grader)
    assert main(["sessions", "regrade", session.id]) == BACKEND_CONFIG
    err = capsys.readouterr().err
    assert err.count("rejected the API key") == 1 and "not re-graded" not in err
    assert "keyed: " in err  # the usage line
    assert grader.closed
    stored = reload(session.id)
    assert [g.score for g in stored.records[0].grades] == [20.0, 62.5]  # nothing changed


def test_regrade_keeps_the_answer_flags_of_the_first_grade(capsys, monkeypatch):
    """'I don't know' (nothing else answered) and over the time limit (6 minutes of 5) are
    said by the new grade too, as the session said them."""
    monkeypatch.setenv("INTERVIEWER_DATA_DIR", str(FIXTURES))
    session = make_session("20260304-093000-idk000")
    session.turns = [t for t in session.turns if not (t.question_id == "zero-grad"
                                                      and t.kind == "answer")]
    with SessionStore.open(load_settings()) as store:
        store.create(session)
    assert main(["sessions", "regrade", session.id, "--backend", "offline",
                 "--question", "zero-grad"]) == 0
    new = reload(session.id).records[0].grades[-1]
    codes = [f.code for f in new.flags]
    assert "dont-know" in codes and "empty" not in codes
    assert "over-time" in codes
    assert new.attempt == 1
