"""Whether to follow up, and on what. The app decides this — never the candidate's text,
never the model: the model (if any) only words the probe."""

from dataclasses import dataclass

from interviewer.domain import Criterion, FollowUp, Question, Rubric
from interviewer.grading.offline_grader import OfflineGrader
from interviewer.grading.protocols import GradeRequest


@dataclass(frozen=True)
class FollowUpPlan:
    targets: list[Criterion]
    probe: FollowUp | None
    #: For a criterion the grader could not settle (its terms stated, but not together): the
    #: rubric's names of the ideas the answer did mention, so the probe can start from them.
    mentioned: tuple[str, ...] = ()


def plan_follow_up(
    question: Question,
    rubric: Rubric | None,
    answer_so_far: str,
    *,
    asked: int,
    budget: int,
    asked_probes: set[str],
    grader: OfflineGrader,
    allow_unscripted: bool = False,
) -> FollowUpPlan | None:
    """A follow-up aimed at the highest-weight criteria still missed, or None.

    None when the budget is spent, when there is no rubric, when the answer already meets
    every criterion, when the answer was blocked by the pre-checks (empty, injection) or when
    no unasked probe targets a missed criterion (unless `allow_unscripted`: an LLM
    interviewer may then word its own probe at the top missed criterion).
    """
    if rubric is None or asked >= budget or not answer_so_far.strip():
        return None
    grade = grader.grade_sync(GradeRequest(question=question, rubric=rubric, answer=answer_so_far))
    if any(f.code in {"injection", "empty", "punctuation-only"} for f in grade.flags) and grade.score == 0:
        return None
    verdicts = {r.id: r.verdict for r in grade.criteria}
    missed = [c for c in rubric.criteria if verdicts.get(c.id) != "met"]
    if not missed:
        return None
    unsure = _unsure_first(grade, missed, rubric, asked_probes)
    if unsure is not None:
        return unsure
    missed.sort(key=lambda c: (not c.essential, -c.weight))
    missed_ids = {c.id for c in missed}
    weight = {c.id: c.weight + (100 if c.essential else 0) for c in missed}
    candidates = [
        p for p in rubric.follow_ups
        if not _asked(p, asked_probes) and missed_ids.intersection(p.targets)
    ]
    if candidates:
        best = max(candidates, key=lambda p: sum(weight.get(t, 0) for t in p.targets))
        targets = [c for c in missed if c.id in best.targets]
        return FollowUpPlan(targets=targets, probe=best)
    if allow_unscripted:
        return FollowUpPlan(targets=missed[:1], probe=None)
    return None


def _unsure_first(grade, missed: list[Criterion], rubric: Rubric,
                  asked_probes: set[str]) -> FollowUpPlan | None:
    """Credit the grader could not settle is asked about first, as a human interviewer would
    ("you mentioned shuffling: when does the DataLoader reshuffle?"): the candidate's next
    answer settles it. The heaviest unsure criterion with an unasked probe wins."""
    results = {r.id: r for r in grade.criteria}
    unsure = sorted((c for c in missed if results[c.id].unsure),
                    key=lambda c: (not c.essential, -c.weight))
    for criterion in unsure:
        probe = next((p for p in rubric.follow_ups
                      if criterion.id in p.targets and not _asked(p, asked_probes)), None)
        if probe is not None:
            return FollowUpPlan(targets=[criterion], probe=probe,
                                mentioned=tuple(results[criterion.id].matched_concepts))
    return None


def _asked(probe: FollowUp, asked: set[str]) -> bool:
    """Whether the probe was already asked (its words may follow a "You mentioned ..." lead)."""
    return any(probe.question in text for text in asked)
