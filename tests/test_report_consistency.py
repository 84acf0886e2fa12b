"""The report, `sessions show` and the exports say the same thing about a session: one score
(one decimal) over the same questions in the same words, a skipped topic called skipped, no
verdict on a session too short or unfinished, and model answers in the HTML export rendered
from their Markdown (raw HTML in them escaped)."""

import asyncio

import pytest
from schedule_helpers import FakeClock, answer, fixture_catalog, start

from interviewer.cli.sessions_text import render_text
from interviewer.engine.report import build_report
from interviewer.settings import load_settings
from interviewer.store.export_html import export_html, markdown_html
from interviewer.store.export_markdown import export_markdown
from interviewer.store.export_view import build_view
from interviewer.store.session_store import SessionStore


@pytest.fixture
def four_graded_one_skipped():
    """Five questions: two strong, one weak, one "I don't know", one skipped."""
    async def run():
        with SessionStore.open(load_settings()) as store:
            engine = start(store, FakeClock(), count=5, seed=2)
            plan = iter(["model", "weak", "skip", "idk", "model"])
            while not engine.finished:
                await answer(engine, next(plan))
            return engine.session

    return asyncio.run(run())


def test_every_view_counts_the_same_questions_in_the_same_words(four_graded_one_skipped):
    session = four_graded_one_skipped
    catalog = fixture_catalog()
    report = build_report(session, catalog)
    view = build_view(session)
    words = "over 5 of 5 questions (4 graded, 1 skipped: counted as 0)"
    assert report.counted == view.counted_text == words
    assert report.overall == view.overall  # one decimal in both
    assert f"Score {view.overall:.1f} / 100 {words}" in render_text(view)
    assert f"**Overall score:** {view.overall:.1f} / 100 {words}" in export_markdown(session)
    assert words in export_html(session)


def test_a_skipped_topic_is_called_skipped_not_scored_zero(four_graded_one_skipped):
    report = build_report(four_graded_one_skipped, fixture_catalog())
    skipped = next(q for q in report.questions if q.status == "skipped")
    assert f"{skipped.topic} (1 question skipped)" in report.study_next
    assert not any(s.startswith(f"{skipped.topic} (scored") for s in report.study_next)


def test_no_verdict_until_the_session_says_enough(four_graded_one_skipped):
    session = four_graded_one_skipped
    catalog = fixture_catalog()
    assert build_report(session, catalog).band.split(":")[0] in (
        "Strong", "Solid", "Developing", "Needs work")
    unfinished = session.model_copy(update={"status": "active"})
    assert build_report(unfinished, catalog).band == "Not finished: no verdict yet (4 of 5 graded)"
    short = session.model_copy(update={"records": session.records[:1]})
    assert build_report(short, catalog).band == \
        "Too few graded answers for a verdict (1; at least 3 needed)"


def test_model_answers_in_html_are_rendered_from_markdown():
    html = markdown_html("Use `torch.no_grad()`:\n\n```python\nwith torch.no_grad():\n    y = f(x)\n```\n\n"
                         "- **Local** <b>tags</b> stay text\n")
    assert "<code>torch.no_grad()</code>" in html
    assert '<pre><code class="language-python">with torch.no_grad():' in html
    assert "<strong>Local</strong> &lt;b&gt;tags&lt;/b&gt; stay text" in html
    assert "```" not in html and "`" not in html


def test_the_html_export_shows_the_rendered_model_answer(four_graded_one_skipped):
    session = four_graded_one_skipped
    catalog = fixture_catalog()
    rubrics = dict(catalog.rubrics.get(session.config.deck, {}))
    questions = {q.id: q for q in catalog.decks[session.config.deck].questions}
    html = export_html(session, questions, rubrics)
    assert '<blockquote class="model-answer"><p>' in html
    assert "```" not in html
