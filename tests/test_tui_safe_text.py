"""Untrusted text in the terminal: markup is shown as typed, escape sequences never reach the
screen, and the grader's quotes are highlighted at the right place in the answer."""

from rich.text import Text

from interviewer.domain import CriterionResult, Evidence, Grade, MisconceptionHit
from interviewer.tui.safe_text import StreamCleaner, clean, literal, one_line
from interviewer.tui.widgets.evidence_answer import STYLES, highlighted, locate, marks_for

HOSTILE = ("[bold]big[/bold] [link=https://evil.example]click[/link] \x1b[31mred\x1b[0m "
           "\x1b]8;;https://evil.example\x07osc link\x1b]8;;\x07 \x1b]0;new title\x07 bell\x07 "
           "\u202eevil\u202c\r\nnext")


def test_clean_removes_escapes_controls_and_bidi_but_keeps_markup_text():
    out = clean(HOSTILE)
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "[bold]big[/bold]" in out and "[link=https://evil.example]click[/link]" in out
    assert "red" in out and "osc link" in out and "new title" not in out
    assert out.endswith("evil\nnext")


def test_literal_shows_markup_as_typed_with_no_styles_or_links():
    text = literal(HOSTILE)
    assert isinstance(text, Text)
    assert text.plain.startswith("[bold]big[/bold] [link=https://evil.example]click[/link]")
    assert not text.spans  # nothing was interpreted as a style or a link


def test_stream_cleaner_strips_an_escape_split_across_chunks():
    cleaner = StreamCleaner()
    chunks = ["Why does \x1b[", "31mthe graph\x1b", "[0m get freed \x1b]0;ti", "tle\x07after backward?"]
    shown = "".join(cleaner.feed(c) for c in chunks) + cleaner.flush()
    assert shown == "Why does the graph get freed after backward?"


def test_stream_cleaner_passes_ordinary_text_through_at_once():
    cleaner = StreamCleaner()
    assert cleaner.feed("What is ") == "What is "
    assert cleaner.feed("[bold]x[/bold]?") == "[bold]x[/bold]?"
    assert cleaner.flush() == ""


def test_one_line_preview():
    assert one_line("a\n\n b   c", 80) == "a b c"
    assert one_line("x" * 100, 10) == "x" * 9 + "…"


def _grade(answer_quote: str, verdict="met", misconception_quote=None) -> Grade:
    hits = []
    if misconception_quote:
        hits = [MisconceptionHit(id="m", claim="c", correction="k", penalty=10,
                                 evidence=[Evidence(quote=misconception_quote, verified=True)])]
    return Grade(question_id="q", score=50, criteria=[CriterionResult(
        id="c1", verdict=verdict, points=5, max_points=10,
        evidence=[Evidence(quote=answer_quote, verified=True)])], misconceptions=hits)


def test_evidence_is_highlighted_where_it_occurs_in_the_answer():
    answer = "It records ops.\nThen backward()   walks the graph in reverse."
    grade = _grade("backward() walks the graph", verdict="partial")
    text = highlighted(answer, marks_for(answer, grade))
    assert text.plain == answer
    (span,) = text.spans
    assert text.plain[span.start:span.end] == "backward()   walks the graph"
    assert span.style == STYLES["partial"]


def test_misconception_quotes_are_marked_too_and_quotes_not_in_the_answer_are_not():
    answer = "Sigmoid is the best activation everywhere."
    grade = _grade("not in the answer at all", misconception_quote="Sigmoid is the best")
    text = highlighted(answer, marks_for(answer, grade))
    (span,) = text.spans
    assert text.plain[span.start:span.end] == "Sigmoid is the best"
    assert span.style == STYLES["misconception"]


def test_highlighting_keeps_offsets_right_when_escapes_are_removed():
    answer = "\x1b[31m[bold]x[/bold]\x1b[0m uses no_grad here"
    evidence = Evidence(quote="no_grad", start=answer.index("no_grad"), end=answer.index("no_grad") + 7)
    assert locate(answer, evidence) == (evidence.start, evidence.end)
    grade = Grade(question_id="q", score=10, criteria=[CriterionResult(
        id="c", verdict="met", points=1, max_points=1, evidence=[evidence])])
    text = highlighted(answer, marks_for(answer, grade))
    assert text.plain == "[bold]x[/bold] uses no_grad here"
    (span,) = text.spans
    assert text.plain[span.start:span.end] == "no_grad"
