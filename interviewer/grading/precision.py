"""The precision side of a grade: an answer earns less when most of it says nothing the
rubric asks about.

Coverage alone rewards length: a glossary, a paste of several model answers, or one right
sentence inside 2,000 words of noise would collect every criterion. So the grader also
measures how much of the answer is on the rubric:

- the answer's words are counted claim by claim (content words only: not "the", "of");
- a claim is *on the rubric* when it states one of the rubric's concepts, or one of its wrong
  claims (a wrong claim is on topic, and already costs its penalty);
- claims that state nothing (questions, hedges, repeats, glossary stubs: see `stance`) are
  off the rubric, and so is everything else;
- precision = on-rubric content words / all content words.

Rule: at precision P_FULL or more the score is not limited. Below it, the total is capped at
100 x precision / P_FULL: an answer that is one-quarter on topic can reach at most 50, one
whose on-topic part is a tenth at most 20. Short answers are never capped (a two-sentence
answer with one aside is still an answer): the rule applies from MIN_WORDS content words.
Code counts like prose, so a snippet that shows the idea is on the rubric.
"""

from dataclasses import dataclass

from interviewer.domain import Flag
from interviewer.grading.text_normalise import Token
from interviewer.grading.word_lists import STOPWORDS

#: Precision at or above which the score is not limited.
P_FULL = 0.5
#: Answers with fewer content words than this are never capped for precision.
MIN_WORDS = 40


@dataclass(frozen=True)
class Precision:
    on_rubric: int          # content words in claims that state something the rubric asks about
    total: int              # content words in the whole graded answer
    cap: float              # highest total score the precision allows (100: no limit)

    @property
    def share(self) -> float:
        return self.on_rubric / self.total if self.total else 1.0

    def binds(self, uncapped: float) -> bool:
        """Whether the cap lowers a score of `uncapped` (a cap above it is not worth a word)."""
        return self.cap < uncapped


def precision(tokens: tuple[Token, ...], muted: list[bool], on_units: set[int]) -> Precision:
    """Precision of an answer whose claims `on_units` (sentence indices) are on the rubric."""
    total = on = 0
    for i, tok in enumerate(tokens):
        if tok.norm in STOPWORDS or len(tok.norm) < 2 and not tok.norm.isdigit():
            continue
        total += 1
        if tok.sentence in on_units and not muted[i]:
            on += 1
    if total < MIN_WORDS:
        return Precision(on, total, 100.0)
    share = on / total
    cap = 100.0 if share >= P_FULL else round(100.0 * share / P_FULL, 1)
    return Precision(on, total, cap)


def precision_flag(p: Precision, against: str = "rubric") -> Flag:
    """The `low-precision` flag of a cap that binds (`against`: what claims are measured
    against, the rubric or the reference answer)."""
    return Flag(code="low-precision", detail=(
        f"{p.on_rubric} of {p.total} content words are on the {against}: capped at {p.cap:g}"))


def precision_note(p: Precision) -> str:
    """The feedback line that explains a precision cap."""
    return (f"Only {p.on_rubric} of this answer's {p.total} content words are in claims about "
            f"what the question asks ({p.share:.0%}): the score is capped at {p.cap:.0f}. "
            "Say less, and say what matters. (If you explained it in your own words, this "
            "grader cannot match them to the rubric: a model backend judges paraphrase.)")
