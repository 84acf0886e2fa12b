"""Answers the offline grader cannot read, said to be so rather than scored a silent 0.

The offline grader reads English prose against rubric phrasings. It says so when an answer is:

- in another language: most of its function words are French, German, Spanish, Italian,
  Portuguese or Dutch rather than English, or most of its letters are in a non-Latin script;
- mostly code or notation and earned little: the code may show what the rubric asks in forms
  it has no phrasing for.

Language is told by function words rather than a language-identification model: the grader
only needs "English prose or not", which a few hundred words decide in microseconds, while
py3langid (the well-kept option) takes ~4 s to load its model on first use and pulls in numpy.
"""

from interviewer.domain import Flag
from interviewer.grading.text_normalise import NormalisedText
from interviewer.grading.word_lists import STOPWORDS

#: Function words of other languages that English text does not use.
_FOREIGN = frozenset(
    # French
    "le la les des du un une est et dans pour que qui pas avec sur ce cette sont être être "
    "aux au ou mais donc nous vous ils elle leur leurs ses son sa très plus peut fait chaque "
    "entre comme sans aussi cela ça "
    # German
    "der die das und ist nicht mit den dem ein eine einen zu von für auf sich wird werden "
    "auch oder aber wenn dass wie bei nach durch sind kann jede jeder jedes zwischen über "
    # Spanish / Portuguese / Italian
    "el los las del y es por con para se lo al como más pero sus una uno cada entre también "
    "cuando donde esto esta este muy sin sobre hay puede ser são não uma em os da das dos "
    "il della che per non sono gli nella anche questo questa ogni tra "
    # Dutch
    "het een van en dat niet zijn voor op met ook wordt worden maar"
    .split()
) - STOPWORDS - {"in", "a", "no", "is", "die", "also", "over", "can", "so", "art", "see"}
#: Too few words to tell a language by.
_MIN_PROSE_WORDS = 8
#: Below this score a mostly-code answer is flagged: the grader may have missed what it shows.
_CODE_SCORE = 50.0
_CODE_SHARE = 0.6
_NOTATION = frozenset("∂∇Σ∑∏√∫≈≠≤≥×·⋅→←∈∀∃θσλμ")


def language_problem(text: NormalisedText) -> str | None:
    """Why the answer is not English prose, or None."""
    prose = [t for t in text.tokens if not t.code and t.norm.isalpha()]
    if len(prose) < _MIN_PROSE_WORDS:
        return None
    if not text.text.isascii():
        letters = [c for t in prose for c in t.norm]
        latin = sum(c.isascii() or "\u00c0" <= c <= "\u024f" for c in letters)
        if latin < 0.5 * len(letters):
            return "most of it is in a non-Latin script"
    english = sum(t.norm in STOPWORDS for t in prose)
    if english * 4 >= len(prose):
        return None                 # a quarter of it is English function words: English prose
    foreign = sum(t.norm in _FOREIGN for t in prose)
    if foreign >= 3 and foreign > english:
        return "it reads as another language than English"
    return None


def code_problem(text: NormalisedText, score: float) -> str | None:
    """Why a low-scoring answer may deserve more than the offline grader can see, or None."""
    if score >= _CODE_SCORE or not text.tokens:
        return None
    code = sum(t.code for t in text.tokens)
    if code >= _CODE_SHARE * len(text.tokens):
        return "it is mostly code"
    notation = sum(ch in _NOTATION for ch in text.text)
    words = sum(1 for t in text.tokens if t.norm.isalpha() and len(t.norm) > 2)
    if notation >= 4 and notation * 3 >= words:
        return "it is mostly mathematical notation"
    return None


def unreadable_note(reason: str) -> str:
    """The feedback line for an answer the offline grader cannot judge."""
    return (f"The offline grader reads English prose and {reason}, so this score may be too low: "
            "use a model backend (--backend openai or litellm) to grade this answer.")


def readability_flags(text: NormalisedText, score: float) -> list[Flag]:
    """An `unreadable` flag when the answer is not English prose, or is mostly code or
    notation and scored low."""
    reason = language_problem(text) or code_problem(text, score)
    return [Flag(code="unreadable", detail=reason)] if reason else []
