"""Property tests: the importer never crashes, and every question it emits has text."""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interviewer.corpus.catalog import load_deck_file
from interviewer.corpus.markdown_import import import_documents, write_deck
from interviewer.corpus.markdown_parse import has_text, parse_markdown

WORDS = st.sampled_from([
    "What", "is", "a", "tensor", "PyTorch", "?", "**", "__", "`x`", "Answer:", "Ans:", "A:",
    "Q:", "/p>", "<br>", "&nbsp;", "–", "May 25, 2023", "©", "Related posts", "”", "“", "*",
    "1.", "21)", ":", "#", "---", "```", "\t", "CIFAR-10", "é", "💡", "", "why", "Explain",
])
PREFIXES = st.sampled_from([
    "", "## ", "### ", "# ", "1. ", "21) ", "**", "1. **", "Q: ", "A: ", "**Answer: **",
    "Answer: ", "- ", "  - ", "    ", "```", "~~~", "> ", "Question 3: ", "=====", "-----",
])
SUFFIXES = st.sampled_from(["", "?", "**", "?**", ":**", " - May 25, 2023", "/p>", "  ", "```"])

LINE = st.builds(
    lambda prefix, words, suffix: prefix + " ".join(words) + suffix,
    PREFIXES, st.lists(WORDS, max_size=8), SUFFIXES,
)
MARKDOWNISH = st.lists(st.one_of(LINE, st.just(""), st.text(max_size=20)), max_size=40).map("\n".join)
ANY_TEXT = st.text(max_size=400)


def check_parsed(text: str) -> None:
    n_lines = max(1, len(text.splitlines()))
    for qa in parse_markdown(text):
        assert has_text(qa.question), qa
        assert qa.question == qa.question.strip() and "\n" not in qa.question
        assert 1 <= qa.line <= n_lines
        assert qa.answer == qa.answer.strip("\n").rstrip()
        assert qa.number is None or qa.number >= 0


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_parser_never_crashes_on_any_text(text):
    check_parsed(text)


@settings(max_examples=400, deadline=None)
@given(MARKDOWNISH)
def test_parser_never_crashes_on_markdownish_text(text):
    check_parsed(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(MARKDOWNISH, ANY_TEXT))
def test_import_gives_a_deck_that_round_trips_or_a_problem(text):
    with tempfile.TemporaryDirectory() as tmp:
        doc = Path(tmp) / "notes.md"
        doc.write_text(text, encoding="utf-8")
        result = import_documents([doc], deck_name="prop")
        if result.deck is None:
            assert result.problems and all(p.path == doc for p in result.problems)
            return
        assert result.problems == []
        ids = [q.id for q in result.deck.questions]
        assert len(ids) == len(set(ids))
        assert all(has_text(q.question) for q in result.deck.questions)
        out = Path(tmp) / "prop.yaml"
        write_deck(result.deck, out)
        loaded, problems = load_deck_file(out)
        assert problems == []
        assert loaded == result.deck
