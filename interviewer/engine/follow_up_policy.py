"""Whether to follow up, and on what. The app decides this — never the candidate's text,
never the model: the model (if any) only words the probe.

The rules, in order: a wrong claim the grader found is challenged first (once per claim);
then the highest-weight criteria still missed are probed."""

from dataclasses import dataclass

from interviewer.domain import Criterion, FollowUp, Grade, MisconceptionHit, Question, Rubric, Turn
from interviewer.domain.session import MISCONCEPTION_AIM
from interviewer.engine.text_spans import sentence_around
from interviewer.grading.offline_grader import OfflineGrader
from interviewer.grading.prechecks import NOTHING_TO_PROBE
from interviewer.grading.protocols import GradeRequest


@dataclass(frozen=True)
class Challenge:
    """A wrong claim the next follow-up asks about (instead of a gap)."""

    misconception_id: str
    quote: str          # the candidate's sentence that makes the claim (untrusted text)
    claim: str          # the rubric's wording of the wrong claim (confidential in interviews)


@dataclass(frozen=True)
class FollowUpPlan:
    targets: list[Criterion]
    probe: FollowUp | None
    #: For a criterion the grader could not settle (its terms stated, but not together): the
    #: rubric's names of the ideas the answer did mention, so the probe can start from them.
    mentioned: tuple[str, ...] = ()
    challenge: Challenge | None = None

    @property
    def aims(self) -> list[str]:
        """What the recorded follow-up turn aimed at (`Turn.targets`)."""
        extra = [MISCONCEPTION_AIM + self.challenge.misconception_id] if self.challenge else []
        return [c.id for c in self.targets] + extra


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
    earlier: list[Turn] | None = None,
) -> FollowUpPlan | None:
    """A follow-up that challenges a wrong claim, or one aimed at the highest-weight criteria
    still missed, or None.

    None when the budget is spent, when there is no rubric, when the answer already meets
    every criterion, when the answer was blocked by the pre-checks (empty, injection) or when
    no unasked probe targets a missed criterion (unless `allow_unscripted`: an LLM
    interviewer may then word its own probe at the top missed criterion). `earlier`: this
    attempt's turns so far (a claim already challenged is not challenged again).
    """
    if rubric is None or asked >= budget or not answer_so_far.strip():
        return None
    grade = grader.grade_sync(GradeRequest(question=question, rubric=rubric, answer=answer_so_far))
    if any(f.code in NOTHING_TO_PROBE for f in grade.flags) and grade.score == 0:
        return None
    challenge = challenge_plan(rubric, grade, answer_so_far, earlier or [])
    if challenge is not None:
        return challenge
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


def challenge_plan(rubric: Rubric, grade: Grade, answer: str,
                   earlier: list[Turn]) -> FollowUpPlan | None:
    """When the grader found a wrong claim, the next follow-up asks about that claim (the
    heaviest one not challenged yet), aimed at the criteria it contradicts."""
    challenged = {t.aim(MISCONCEPTION_AIM) for t in earlier if t.kind == "follow_up"}
    hits = [h for h in grade.misconceptions if h.id not in challenged and h.evidence]
    if not hits:
        return None
    hit = max(hits, key=lambda h: (h.penalty, len(h.contradicts)))
    targets = [c for c in rubric.criteria if c.id in hit.contradicts]
    return FollowUpPlan(targets=targets, probe=None,
                        challenge=Challenge(hit.id, _claim_quote(hit, answer), hit.claim))


def _claim_quote(hit: MisconceptionHit, answer: str) -> str:
    """The candidate's sentence that makes the claim (the matched words alone can read oddly
    out of context)."""
    evidence = hit.evidence[0]
    if evidence.start is not None and evidence.end is not None \
            and answer[evidence.start:evidence.end] == evidence.quote:
        return sentence_around(answer, evidence.start, evidence.end)
    found = answer.find(evidence.quote)
    if found >= 0:
        return sentence_around(answer, found, found + len(evidence.quote))
    return evidence.quote
