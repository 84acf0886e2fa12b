"""Question sources: a seed document and number, or a documentation page."""

import pytest
from pydantic import ValidationError

from interviewer.domain import TOPICS, Source
from interviewer.taxonomy import TOPICS as PARSER_TOPICS


def test_a_source_is_a_document_and_number_or_a_page():
    assert Source(doc="notes.md", number=3).url is None
    page = Source(url="https://docs.pytorch.org/docs/stable/amp.html", title="Automatic Mixed Precision")
    assert page.doc is None
    with pytest.raises(ValidationError, match="names a document and a question number"):
        Source(doc="notes.md")
    with pytest.raises(ValidationError, match="must start with https://"):
        Source(url="javascript:alert(1)")


def test_the_taxonomy_has_the_pytorch_2_topics_and_the_parser_agrees():
    assert {"compilation", "mixed-precision", "distributed", "deployment"} <= set(TOPICS)
    assert PARSER_TOPICS == TOPICS
