"""Scores are computed here, in code, from per-criterion verdicts and weights — never taken
from a model as one number. Every grader (offline or LLM) goes through these functions."""

from interviewer.domain import Criterion, CriterionResult, MisconceptionHit, Rubric
from interviewer.domain.grade import Verdict

#: Share of a criterion's points each verdict earns.
VERDICT_SHARE: dict[str, float] = {"met": 1.0, "partial": 0.5, "missed": 0.0, "contradicted": 0.0}


def criterion_points(rubric: Rubric, criterion: Criterion, verdict: Verdict, verified: bool) -> float:
    """Points (of 100) a verdict earns. An unverified verdict (its quote is not in the answer)
    earns nothing."""
    if not verified:
        return 0.0
    return round(rubric.max_points(criterion) * VERDICT_SHARE[verdict], 2)


#: Each wrong claim (misconception or stated opposite) halves the most the answer can earn: a
#: human grader stops trusting the rest of an answer that gets the key facts wrong.
WRONG_CLAIM_FACTOR = 0.5


def wrong_claims_cap(misconceptions: list[MisconceptionHit]) -> float:
    """The highest total an answer with these wrong claims can reach (100 with none)."""
    return 100.0 * WRONG_CLAIM_FACTOR ** len(misconceptions)


def total_score(
    rubric: Rubric, results: list[CriterionResult], misconceptions: list[MisconceptionHit],
    cap: float = 100.0,
) -> float:
    """Sum of criterion points, minus misconception penalties, capped when an essential
    criterion earned nothing, at `cap` (the precision cap) and by the wrong claims (each
    halves the cap), clamped to 0..100."""
    cap = min(cap, wrong_claims_cap(misconceptions))
    by_id = {r.id: r for r in results}
    total = sum(r.points for r in results)
    total -= sum(m.penalty for m in misconceptions)
    essential_missed = any(
        c.essential and (c.id not in by_id or by_id[c.id].points == 0) for c in rubric.criteria
    )
    if essential_missed:
        total = min(total, rubric.essential_cap)
    return round(max(0.0, min(100.0, cap, total)), 1)


def result_for(
    rubric: Rubric,
    criterion: Criterion,
    verdict: Verdict,
    *,
    verified: bool = True,
    evidence=None,
    rationale: str = "",
    matched_concepts: list[str] | None = None,
    unsure: bool = False,
) -> CriterionResult:
    """A CriterionResult with its points computed from the rubric (the only way to make one)."""
    return CriterionResult(
        id=criterion.id,
        verdict=verdict,
        points=criterion_points(rubric, criterion, verdict, verified),
        max_points=round(rubric.max_points(criterion), 2),
        evidence=list(evidence or []),
        verified=verified,
        rationale=rationale,
        matched_concepts=list(matched_concepts or []),
        unsure=unsure,
    )


def coverage_share(coverage: float) -> float:
    """Share of a criterion's points earned when the answer covers `coverage` (0..1, by
    weight) of the key words a reference answer states (reference-only grading).

    Concave (square root): a reference answer spells out more than a complete answer needs,
    so covering half of its key words earns about 70% of the points, and each first idea
    counts more than the last detail.
    """
    return max(0.0, min(1.0, coverage)) ** 0.5


def coverage_verdict(coverage: float) -> Verdict:
    """The verdict shown for a reference-derived criterion at a given coverage."""
    share = coverage_share(coverage)
    return "met" if share >= 0.8 else "partial" if share > 0 else "missed"


def coverage_result(
    rubric: Rubric,
    criterion: Criterion,
    coverage: float,
    *,
    evidence=None,
    rationale: str = "",
    matched_concepts: list[str] | None = None,
) -> CriterionResult:
    """A CriterionResult for a criterion derived from a reference answer: its points are
    its weight's share times `coverage_share(coverage)`."""
    return CriterionResult(
        id=criterion.id,
        verdict=coverage_verdict(coverage),
        points=round(rubric.max_points(criterion) * coverage_share(coverage), 2),
        max_points=round(rubric.max_points(criterion), 2),
        evidence=list(evidence or []),
        verified=True,
        rationale=rationale,
        matched_concepts=list(matched_concepts or []),
    )
