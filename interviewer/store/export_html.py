"""HTML export: one self-contained, printable file with the report, a per-topic score chart
(inline SVG) and the transcript.

Rendered by Jinja2 with autoescaping on, so every piece of candidate or model text is
escaped; the page also carries a Content-Security-Policy that allows no scripts at all, and
loads nothing from outside the file. Model answers (rubric text, written in Markdown) are
rendered as HTML by markdown-it with raw HTML off, so a model answer's own `<tags>` are shown
as text, never interpreted.
"""

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from interviewer.domain import Question, Rubric, Session
from interviewer.store.export_view import SessionView, build_view, fmt_score, fmt_time
from interviewer.store.sanitize import Redactor

_TEMPLATES = Path(__file__).resolve().parent / "templates"


@lru_cache(maxsize=1)
def _environment():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_TEMPLATES),
        autoescape=True,               # every value is escaped unless marked safe (none are)
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["score"] = fmt_score
    env.filters["time"] = fmt_time
    env.filters["markdown"] = markdown_html
    return env


@lru_cache(maxsize=1)
def _markdown():
    from markdown_it import MarkdownIt

    # commonmark with raw HTML off (escaped instead); no images (nothing is loaded from outside
    # the file); links keep markdown-it's check that refuses javascript:, vbscript: and data:.
    return MarkdownIt("commonmark", {"html": False}).disable("image")


def markdown_html(text: str):
    """Markdown (a model answer) as safe HTML: fenced code, lists, emphasis, inline code."""
    from markupsafe import Markup

    return Markup(_markdown().render(text or ""))  # noqa: S704 - markdown-it escapes raw HTML


def export_html(
    session: Session,
    questions: Mapping[str, Question] | None = None,
    rubrics: Mapping[str, Rubric] | None = None,
    redactor: Redactor | None = None,
) -> str:
    """The session as a single HTML document."""
    return render_html(build_view(session, questions, rubrics, redactor))


def render_html(view: SessionView) -> str:
    return _environment().get_template("session.html.j2").render(view=view, chart=_chart(view))


def _chart(view: SessionView) -> dict:
    """Geometry of the per-topic bar chart (scores 0-100, one row per topic)."""
    row, label_w, bar_w, top = 26, 150, 300, 8
    bars = [
        {"topic": t.topic, "score": t.score, "questions": t.questions, "y": top + i * row,
         "width": round(bar_w * max(0.0, min(100.0, t.score)) / 100, 1),
         "band": "good" if t.score >= 70 else ("fair" if t.score >= 50 else "weak")}
        for i, t in enumerate(view.topics)
    ]
    return {"bars": bars, "label_w": label_w, "bar_w": bar_w, "row": row,
            "width": label_w + bar_w + 60, "height": top * 2 + row * len(bars)}
