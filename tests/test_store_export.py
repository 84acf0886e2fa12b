"""Exports: JSON round-trips, HTML escapes everything, nothing secret leaves the machine."""

import json
import os
from pathlib import Path

import pytest
from store_factories import FIXTURES, db_bytes, make_session

from interviewer.cli.main import main
from interviewer.corpus.catalog import load_catalog
from interviewer.corpus.problems import CorpusError
from interviewer.settings import load_settings
from interviewer.store.db import StoreError
from interviewer.store.export_html import export_html
from interviewer.store.export_json import SCHEMA_VERSION, export_json, import_session, read_export
from interviewer.store.export_markdown import export_markdown
from interviewer.store.session_store import SessionStore

FAKE_KEY = "sk-test-FAKEKEY-1234567890abcdef"
HOSTILE = (
    "<script>alert('pwned')</script> [bold]loud[/bold] [link=https://evil.example]click[/link] "
    "\x1b[31mred\x1b[0m \x1b]8;;https://evil.example\x07osc\x1b]8;;\x07 Tom & Jerry \u202eevil"
)


@pytest.fixture
def store():
    with SessionStore.open(load_settings()) as opened:
        yield opened


@pytest.fixture
def lookups():
    catalog = load_catalog([FIXTURES])
    questions = {q.id: q for q in catalog.decks["store-mini"].questions}
    return questions, catalog.rubrics["store-mini"]


def test_json_export_imports_back_equal_apart_from_the_id(store, tmp_path, lookups):
    session = make_session(answer="Multi-line\nanswer with <tags>, “quotes”, \t tabs and 中文")
    store.create(session)
    path = tmp_path / "export.json"
    path.write_text(export_json(store.load(session.id), *lookups), encoding="utf-8")

    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["schema_version"] == SCHEMA_VERSION
    assert doc["questions"]["zero-grad"]["topic"] == "optimization"

    copy = import_session(path, store, new_id=True)
    assert copy.id != session.id
    assert copy.model_copy(update={"id": session.id}) == session

    with SessionStore(tmp_path / "elsewhere.db") as fresh:   # another machine's store
        assert import_session(path, fresh) == session


def test_importing_an_id_that_is_already_stored_is_refused_without_new_id(store, tmp_path):
    session = make_session()
    store.create(session)
    path = tmp_path / "export.json"
    path.write_text(export_json(session))
    with pytest.raises(StoreError, match="already in the store.*--new-id"):
        import_session(path, store)


def test_html_export_escapes_every_piece_of_candidate_and_model_text(lookups):
    session = make_session(answer=HOSTILE)
    session.records[0].grades[-1].feedback = "<img src=x onerror=alert(1)> & feedback"
    session.records[0].grades[-1].criteria[0].evidence[0].quote = "<script>alert('pwned')</script>"
    html = export_html(session, *lookups)

    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; feedback" in html
    assert "Tom &amp; Jerry" in html and "Tom & Jerry" not in html
    assert "[bold]loud[/bold]" in html            # Rich markup is just text here
    assert "\x1b" not in html and "\u202e" not in html and "\x07" not in html
    # self-contained and printable: nothing loaded from elsewhere, print styles present
    assert "<link" not in html and 'src="http' not in html and "@import" not in html
    assert "@media print" in html and "<svg" in html
    assert "Content-Security-Policy" in html


def test_html_export_has_the_report_the_chart_and_the_transcript(lookups):
    html = export_html(make_session(), *lookups)
    assert "Why do you call optimizer.zero_grad() in a PyTorch training loop?" in html
    assert "62.5" in html                                   # the latest grade
    assert "optimization" in html and "tensors" in html     # chart bars
    assert "Explains that backward() accumulates" in html   # criterion description
    assert "zero_grad frees memory" in html                 # misconception
    assert "backward() accumulates gradients: it adds" in html  # model answer
    assert "<mark>accumulates gradients</mark>" in html     # evidence highlighted
    assert "Earlier grades:" in html and "rubric v1" in html
    assert "I don&#39;t know." in html and "Transcript" in html


def test_markdown_export_reads_as_a_report_and_transcript(lookups):
    md = export_markdown(make_session(answer=HOSTILE), *lookups)
    assert md.startswith("# Interview session 20260301-093000-abc123")
    assert "| Explains that backward() accumulates" in md
    assert "> \\<script\\>alert('pwned')\\</script\\>" in md     # no renderer will run it
    assert "\x1b" not in md and "\u202e" not in md
    assert "**Model answer:**" in md and "### Transcript" in md


def test_no_api_key_or_machine_path_reaches_the_store_or_an_export(monkeypatch, tmp_path, lookups):
    monkeypatch.setenv("OPENAI_API_KEY", FAKE_KEY)
    home = str(Path.home())
    data_dir = os.environ["INTERVIEWER_HOME"]
    leaky = f"my key is {FAKE_KEY}; traceback in {home}/project/train.py and {data_dir}/x"
    session = make_session(answer=leaky)
    session.turns[4].text = f"backend error: 401 for key {FAKE_KEY} (config {data_dir}/config.yaml)"
    session.records[0].grades[-1].feedback = f"You pasted {FAKE_KEY}"

    store = SessionStore.open(load_settings())
    store.create(session)
    store.save_draft(session.id, "from-numpy", f"draft with {FAKE_KEY}")
    loaded = store.load(session.id)
    store.close()

    assert "~/project/train.py" in loaded.answer_text("zero-grad")
    outputs = {
        "db": db_bytes(store.path).decode("utf-8", "replace"),
        "md": export_markdown(session, *lookups),
        "json": export_json(session, *lookups),
        "html": export_html(session, *lookups),
    }
    for name, text in outputs.items():
        assert FAKE_KEY not in text, name
        assert home not in text and data_dir not in text, name
        assert str(tmp_path) not in text, name
    assert "[redacted]" in outputs["json"]


def test_an_invalid_import_file_reports_every_error_with_its_location(tmp_path, capsys):
    doc = json.loads(export_json(make_session()))
    doc["session"]["turns"][1]["role"] = "robot"
    doc["session"]["records"][0]["grades"][0]["score"] = 140
    doc["session"]["colour"] = "blue"
    del doc["session"]["config"]
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(doc, indent=2))

    assert main(["sessions", "import", str(path)]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 4
    text = "\n".join(lines)
    for where in ("session.turns[1].role", "session.records[0].grades[0].score",
                  "session.colour", "session.config"):
        assert where in text
    role_line = next(line for line in lines if "turns[1].role" in line)
    line_no = int(role_line.split(":")[1])
    assert '"robot"' in path.read_text().splitlines()[line_no - 1]


def test_import_reports_bad_json_and_what_the_schema_cannot_check(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "schema_version": 1,\n  "session": {,\n}')
    with pytest.raises(CorpusError) as caught:
        read_export(bad)
    assert caught.value.problems[0].line == 3 and "invalid JSON" in str(caught.value)

    doc = json.loads(export_json(make_session()))
    doc["session"]["turns"][3]["seq"] = 1
    dupes = tmp_path / "dupes.json"
    dupes.write_text(json.dumps(doc, indent=2))
    with pytest.raises(CorpusError, match=r"session\.turns\[3\]\.seq: turn seq 1 appears twice"):
        read_export(dupes)

    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps({**doc, "schema_version": SCHEMA_VERSION + 1}))
    with pytest.raises(CorpusError, match="newer interviewer"):
        read_export(newer)

    not_export = tmp_path / "list.json"
    not_export.write_text("[1, 2, 3]")
    with pytest.raises(CorpusError, match="not an interviewer session export"):
        read_export(not_export)


def test_markdown_export_shows_the_candidates_words_as_typed():
    """`__init__` in an answer must not render as bold "init", nor `[x](y)` as a link."""
    from interviewer.domain import QuestionRecord, Session, SessionConfig, Turn
    from interviewer.store.export_markdown import render_markdown
    from interviewer.store.export_view import build_view

    answer = "Define layers in __init__ and call *forward* via [model](http://x.y)"
    session = Session(
        id="20260101-000000-abcdef", config=SessionConfig(deck="pytorch"),
        records=[QuestionRecord(question_id="q1", status="asking")],
        turns=[Turn(seq=0, question_id="q1", role="candidate", kind="answer", text=answer)],
    )
    md = render_markdown(build_view(session))
    assert r"\_\_init\_\_" in md and r"\*forward\*" in md and r"\[model\]" in md
    assert "__init__" not in md.replace(r"\_\_init\_\_", "")


def contradicted_session():
    """The zero-grad grade with its reset criterion voided by a wrong claim."""
    from interviewer.domain import CriterionResult, Evidence, Grade, MisconceptionHit

    session = make_session()
    grade = session.records[0].grades[-1]
    wrong = MisconceptionHit(
        id="zero-grad-resets-weights", claim="zero_grad resets the weights",
        correction="it resets the gradients in .grad, not the weights", penalty=10,
        evidence=[Evidence(quote="reset them before each batch", start=50, end=79, verified=True)],
        contradicts=["per-batch-reset"])
    voided = CriterionResult(id="per-batch-reset", verdict="contradicted", points=0,
                             max_points=33.33, contradicted_by=[wrong.id],
                             rationale="contradicted by a wrong claim in the answer")
    session.records[0].grades[-1] = Grade.model_validate({
        **grade.model_dump(), "criteria": [grade.criteria[0], voided], "misconceptions": [wrong],
        "score": 16.7})
    return session


def test_every_export_and_sessions_show_state_a_contradicted_verdict_with_claim_and_correction(
        lookups, store, capsys):
    from interviewer.cli.sessions_text import render_text
    from interviewer.store.export_view import build_view

    session = contradicted_session()
    for text in (export_markdown(session, *lookups), export_html(session, *lookups),
                 render_text(build_view(session, *lookups, None))):
        assert "contradicted" in text
        assert "reset them before each batch" in text                      # the claim, quoted
        assert "it resets the gradients in .grad, not the weights" in text  # the correction
    data = json.loads(export_json(session, *lookups))
    criterion = data["session"]["records"][0]["grades"][-1]["criteria"][1]
    assert criterion["verdict"] == "contradicted"
    assert criterion["contradicted_by"] == ["zero-grad-resets-weights"]
    # the verdict, what voided it and the unsure mark survive the store
    store.create(session)
    loaded = store.load(session.id).records[0].grades[-1]
    assert loaded.criteria[1] == session.records[0].grades[-1].criteria[1]
    assert loaded.misconceptions[0].contradicts == ["per-batch-reset"]
