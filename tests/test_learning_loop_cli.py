"""The learning loop from the command line: short ids from History, `interviewer disputes`,
`sessions regrade` saying whether a new rubric agrees with a dispute, and `practice --plain`
on the schedule (due first, nothing due, fewer questions than asked for)."""

import asyncio
import io
import json
import shutil
from datetime import UTC, datetime

import pytest
from schedule_helpers import FakeClock, start
from tui_helpers import DECK, FIXTURE_ROOT, finished_session, use_fixture_deck

from interviewer.cli.main import main
from interviewer.cli.plain_runner import run_plain
from interviewer.domain import SessionConfig
from interviewer.engine.disputes import dispute_verdict
from interviewer.settings import load_settings
from interviewer.store.session_store import SessionStore
from interviewer.tui.screens.history import short_id

WEAK_CNN = "A CNN slides a small kernel over the image."


@pytest.fixture(autouse=True)
def fixture_deck(monkeypatch):
    use_fixture_deck(monkeypatch)


def store():
    return SessionStore.open(load_settings())


def test_the_short_id_history_shows_is_accepted_by_every_command(capsys):
    session = finished_session("20261102-183000-8ddf17", datetime(2026, 11, 2, tzinfo=UTC), seed=1)
    with store() as s:
        s.create(session)
        s.create(finished_session("20261103-183000-aaaa17", datetime(2026, 11, 3, tzinfo=UTC),
                                  seed=2))
    assert short_id(session.id) == "8ddf17"
    assert main(["sessions", "show", "8ddf17"]) == 0
    assert "Session 20261102-183000-8ddf17" in capsys.readouterr().out
    assert main(["sessions", "export", "8ddf17", "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["session"]["id"] == session.id
    # an end shared by two sessions is ambiguous, and says which
    assert main(["sessions", "show", "17"]) == 2
    assert "ambiguous" in capsys.readouterr().err


async def disputed_session() -> tuple[str, str]:
    """A CNN answer graded 'missed' on pooling-hierarchy, disputed."""
    with store() as s:
        engine = start(s, FakeClock(), count=1, topics=["cnn"])
        engine.submit_answer(WEAK_CNN + " Then it downsamples with strides, building a "
                             "ladder of features.")
        grade = await engine.finish_question()
        verdicts = {c.id: c.verdict for c in grade.criteria}
        assert verdicts["pooling-hierarchy"] == "partial"
        dispute_verdict(s, engine.session, grade, "pooling-hierarchy",
                        "A ladder of features is the hierarchy.")
        return engine.session.id, grade.criteria[0].id


async def test_disputes_lists_every_disputed_verdict(capsys):
    session_id, _ = await disputed_session()
    assert main(["disputes"]) == 0
    out = capsys.readouterr().out
    assert f"{session_id}  {DECK}/cnn  attempt 1" in out
    assert "pooling-hierarchy: partial by offline rubric v1; not graded again" in out
    assert "reason: A ladder of features is the hierarchy." in out
    assert main(["disputes", "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["criterion_id"] == "pooling-hierarchy" and row["now"] is None
    assert main(["disputes", "--deck", "other"]) == 0
    assert "no disputed verdicts" in capsys.readouterr().err


def use_fixed_rubric(tmp_path, monkeypatch) -> None:
    """A copy of the fixture deck whose cnn rubric is fixed (version 2): "ladder of features"
    now states the hierarchy the dispute was about."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_ROOT, data)
    rubric = data / "rubrics" / DECK / "cnn.yaml"
    text = rubric.read_text(encoding="utf-8").replace("\nversion: 1", "\nversion: 2", 1)
    rubric.write_text(text.replace("[hierarchy, hierarchical,", "[hierarchy, ladder of features,"
                                   " hierarchical,"), encoding="utf-8")
    monkeypatch.setenv("INTERVIEWER_DATA_DIR", str(data))


def test_regrade_says_whether_a_new_rubric_agrees_with_the_dispute(tmp_path, monkeypatch, capsys):
    session_id, _ = asyncio.run(disputed_session())
    use_fixed_rubric(tmp_path, monkeypatch)
    assert main(["sessions", "regrade", session_id[-6:]]) == 0
    out = capsys.readouterr().out
    assert "pooling-hierarchy: partial -> met" in out
    assert ('disputed cnn pooling-hierarchy (was partial; "A ladder of features is the '
            'hierarchy."): now met: agrees with the dispute') in out
    assert main(["disputes"]) == 0
    assert "regraded: met (agrees)" in capsys.readouterr().out
    # regrading with the unchanged rubric: the dispute is not agreed with
    monkeypatch.delenv("INTERVIEWER_DATA_DIR")
    assert main(["sessions", "regrade", session_id]) == 0
    assert "still partial: does not agree with the dispute" in capsys.readouterr().out


def plain(config: SessionConfig | None, lines: list[str]) -> str:
    out = io.StringIO()
    code = run_plain(load_settings(), config, None, stdin=io.StringIO("\n".join(lines) + "\n"),
                     stdout=out)
    assert code == 0
    return out.getvalue()


def test_plain_practice_says_when_questions_come_back_and_when_fewer_were_found():
    config = SessionConfig(deck=DECK, count=5, topics=["autograd"], seed=3)
    out = plain(config, [":idk", ":idk"])
    assert "Only 2 of the 5 questions asked for: only 2 questions match topics=autograd." in out
    assert "autograd comes back tomorrow" in out and "gradient comes back tomorrow" in out
    # asked again at once: both are inside their interval
    assert main(["practice", "--plain", "--deck", DECK, "--topic", "autograd"]) == 2


def test_plain_hints_end_with_no_more_hints():
    config = SessionConfig(deck=DECK, count=1, topics=["activations"], seed=3)
    out = plain(config, [":hint"] * 20 + [":idk"])
    hints = [line for line in out.splitlines() if line.startswith("Hint: ")]
    assert len(hints) == len(set(hints)) == 15  # five criteria, three steps each
    assert hints[0].startswith("Hint: What your answer has not shown yet: ")  # no Markdown
    assert "No more hints for this question" in out


def test_sessions_show_says_whether_the_new_grade_agrees_with_a_dispute(tmp_path, monkeypatch,
                                                                         capsys):
    session_id, _ = asyncio.run(disputed_session())
    use_fixed_rubric(tmp_path, monkeypatch)
    assert main(["sessions", "regrade", session_id]) == 0
    capsys.readouterr()
    assert main(["sessions", "show", session_id]) == 0
    shown = capsys.readouterr().out
    assert "graded partial by offline" in shown
    assert "; now met: agrees with the dispute" in shown  # the wording regrade uses
