"""The regex shortcut may skip a pattern only when the pattern cannot match."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grader_helpers import catalog, grade
from interviewer.domain.rubric import compile_pattern
from interviewer.grading.regex_prefilter import holds, required_text

PATTERNS = [
    r"(?<![\w.])grad\b(?![_(])",
    r"(autograd|pytorch) (builds|uses|creates|has) (a )?static",
    r"(spawns?|starts?) (multiple |several )?workers",
    r"e\s*\^",
    r"\bgpus?\b",
    r"(?:ab)+c{2,}",
    r"x(yz)*w",
    r"(?i:ReLU)|gelu",
]


@given(st.text(alphabet="abcwxyz^e ()gradpusGPUrelRELUworkerstaticbuild", max_size=40))
def test_never_rejects_a_text_the_regex_matches(text):
    for pattern in PATTERNS:
        if re.search(pattern, text, re.IGNORECASE):
            assert holds(required_text(pattern), text.lower()), (pattern, text)


def test_real_rubric_patterns_against_real_answers():
    texts = []
    for _, question in catalog().questions("pytorch"):
        texts.append(question.reference_answer)
        found = catalog().rubric("pytorch", question.id)
        if found:
            texts.append(found.model_answer)
    texts = [t for t in texts if t.isascii()]
    checked = 0
    for rubric in catalog().rubrics["pytorch"].values():
        patterns = [a for c in rubric.criteria for g in c.concepts for a in g.aliases]
        patterns += [p for m in rubric.misconceptions for p in m.patterns]
        for pattern in patterns:
            regex = compile_pattern(pattern)
            if regex is None:
                continue
            condition = required_text(regex.pattern)
            for text in texts:
                if regex.search(text):
                    checked += 1
                    assert holds(condition, text.lower()), (pattern, text[:80])
    assert checked > 50


@pytest.mark.parametrize("pattern, text, expected", [
    (r"(autograd|pytorch) builds a static", "nothing relevant here", False),
    (r"(autograd|pytorch) builds a static", "pytorch builds a static graph", True),
    (r"e\s*\^", "anything", True),   # no literal to require: always runs
])
def test_the_shortcut_skips_only_hopeless_texts(pattern, text, expected):
    assert holds(required_text(pattern), text) is expected


def test_regex_aliases_still_match_through_the_shortcut():
    # the autograd rubric finds `.grad` only through a regex alias
    result = grade("autograd", "Gradients are summed into x.grad of the leaf tensors, which is why "
                               "zero_grad is called.")
    assert "grad-accumulates" in {c.id for c in result.criteria if c.verdict == "met"}
