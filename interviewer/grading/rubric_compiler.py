"""Compile a rubric for the offline matcher once, and reuse it for every answer."""

from collections import OrderedDict
from dataclasses import dataclass

from interviewer.domain import Question, Rubric
from interviewer.grading.concept_matcher import ConceptMatcher
from interviewer.grading.known_words import strings_in

_CACHE_SIZE = 512


@dataclass(frozen=True)
class CompiledRubric:
    """One matcher over every criterion concept and misconception pattern of a rubric.

    Criterion concepts ignore aliases that only repeat the question; misconception patterns
    do not (a wrong claim is wrong even in the question's words). Misconception patterns are
    matched as claims: words in order, and cancelled by contrast or denial as by negation.
    """

    rubric: Rubric
    rubric_hash: str
    matcher: ConceptMatcher
    criterion_slices: tuple[tuple[int, int], ...]      # concept indices of each criterion
    misconception_slices: tuple[tuple[int, int], ...]  # pattern indices of each misconception
    #: (criterion index, concept index within it, first and last+1 pattern index) of each
    #: concept's opposites
    opposite_slices: tuple[tuple[int, int, int, int], ...] = ()


_compiled: "OrderedDict[tuple[int, str], tuple[Rubric, CompiledRubric]]" = OrderedDict()


def compile_rubric(rubric: Rubric, question: Question) -> CompiledRubric:
    """The compiled rubric (cached per rubric object and question text)."""
    key = (id(rubric), question.question)
    hit = _compiled.get(key)
    if hit is not None and hit[0] is rubric:
        _compiled.move_to_end(key)
        return hit[1]
    groups: list[list[str]] = []
    exempt: list[bool] = []
    criterion_slices = []
    for criterion in rubric.criteria:
        start = len(groups)
        groups += [list(c.aliases) for c in criterion.concepts]
        exempt += [False] * len(criterion.concepts)
        criterion_slices.append((start, len(groups)))
    claims = [False] * len(groups)
    misconception_slices = []
    for misconception in rubric.misconceptions:
        start = len(groups)
        # each pattern is its own group: any one of them detects the claim
        groups += [[p] for p in misconception.patterns]
        exempt += [True] * len(misconception.patterns)
        claims += [True] * len(misconception.patterns)
        misconception_slices.append((start, len(groups)))
    opposite_slices = []
    for n, criterion in enumerate(rubric.criteria):
        for k, concept in enumerate(criterion.concepts):
            if concept.opposites:
                start = len(groups)
                groups += [[p] for p in concept.opposites]
                exempt += [True] * len(concept.opposites)
                claims += [True] * len(concept.opposites)
                opposite_slices.append((n, k, start, len(groups)))
    compiled = CompiledRubric(
        rubric=rubric,
        rubric_hash=rubric.content_hash(),
        matcher=ConceptMatcher(groups, question.question, exempt,
                               known_text=[*strings_in(rubric.model_dump()),
                                           *strings_in(question.model_dump())],
                               claims=claims),
        criterion_slices=tuple(criterion_slices),
        misconception_slices=tuple(misconception_slices),
        opposite_slices=tuple(opposite_slices),
    )
    # The rubric is kept alive with its entry, so its id() cannot be reused while cached.
    _compiled[key] = (rubric, compiled)
    if len(_compiled) > _CACHE_SIZE:
        _compiled.popitem(last=False)
    return compiled
