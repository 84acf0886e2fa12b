"""Sessions built directly from the domain models, for the store tests."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

from interviewer.domain import (
    CriterionResult,
    Evidence,
    Flag,
    Grade,
    MisconceptionHit,
    QuestionRecord,
    Session,
    SessionConfig,
    Turn,
)

FIXTURES = Path(__file__).parent / "fixtures" / "store"
T0 = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)

ZERO_GRAD_ANSWER = "backward() accumulates gradients into .grad, so you reset them before each batch."


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def old_zero_grad_grade(score: float = 20.0) -> Grade:
    """A grade as an older rubric (version 1) and grader might have made it."""
    return Grade(
        question_id="zero-grad", score=score,
        criteria=[
            CriterionResult(id="accumulation", verdict="missed", points=0, max_points=66.67,
                            rationale="no mention of accumulation"),
            CriterionResult(id="per-batch-reset", verdict="met", points=33.33, max_points=33.33,
                            evidence=[Evidence(quote="reset them before each batch", start=50,
                                               end=79, verified=True)],
                            matched_concepts=["each batch", "reset"]),
        ],
        feedback="Say what backward() does to .grad.", backend="offline", prompt_version=None,
        rubric_version=1, rubric_hash="0123456789abcdef", graded_at=at(6),
    )


def make_session(session_id: str = "20260301-093000-abc123", *, answer: str = ZERO_GRAD_ANSWER,
                 status: str = "active", deck: str = "store-mini") -> Session:
    """A two-question session: zero-grad answered and graded twice (the second grade is an
    LLM's, with a misconception and a flag), from-numpy asked and half-answered."""
    llm_grade = Grade(
        question_id="zero-grad", score=62.5,
        criteria=[
            CriterionResult(id="accumulation", verdict="partial", points=33.33, max_points=66.67,
                            evidence=[Evidence(quote="accumulates gradients", start=11, end=32,
                                               verified=True)],
                            rationale="says accumulates; not that it sums across calls"),
            CriterionResult(id="per-batch-reset", verdict="met", points=33.33, max_points=33.33,
                            evidence=[Evidence(quote="before each batch", verified=False)],
                            verified=False),
        ],
        misconceptions=[MisconceptionHit(id="zero-grad-frees", claim="zero_grad frees memory",
                                         correction="it resets .grad", penalty=5,
                                         evidence=[Evidence(quote="frees memory")])],
        flags=[Flag(code="low-confidence", detail="short answer")],
        feedback="Good start — mention *why* stale gradients matter.", confidence="low",
        backend="openai", model="gpt-4o-mini", prompt_version="grade-v3", rubric_version=2,
        rubric_hash="fedcba9876543210", offline_score=55.0, graded_at=at(7),
    )
    return Session(
        id=session_id,
        created_at=T0, updated_at=at(9),
        config=SessionConfig(deck=deck, topics=["optimization", "tensors"], count=2,
                             mode="interview", seed=7, follow_up_budget=1, time_limit_s=300,
                             favour_weak=True, backend="openai", model="gpt-4o-mini"),
        status=status,
        current=1,
        records=[
            QuestionRecord(question_id="zero-grad", topic="optimization", status="graded",
                           follow_ups_asked=1, hints_used=0, started_at=at(0), finished_at=at(6),
                           grades=[old_zero_grad_grade(), llm_grade]),
            QuestionRecord(question_id="from-numpy", topic="tensors", status="asking",
                           started_at=at(8)),
        ],
        turns=[
            Turn(seq=0, question_id="zero-grad", role="interviewer", kind="question",
                 text="Why do you call optimizer.zero_grad() in a PyTorch training loop?",
                 created_at=at(0)),
            Turn(seq=1, question_id="zero-grad", role="candidate", kind="answer", text=answer,
                 created_at=at(2)),
            Turn(seq=2, question_id="zero-grad", role="interviewer", kind="follow_up",
                 text="What does backward() do with values already in .grad?",
                 targets=["accumulation"], created_at=at(3)),
            Turn(seq=3, question_id="zero-grad", role="candidate", kind="dont_know",
                 text="I don't know.", created_at=at(4)),
            Turn(seq=4, question_id="zero-grad", role="system", kind="note",
                 text="The interviewer backend failed (timeout); the built-in probe was used.",
                 created_at=at(5)),
            Turn(seq=5, question_id="from-numpy", role="interviewer", kind="question",
                 text="What does torch.from_numpy() do, and what should you watch out for?",
                 created_at=at(8)),
            Turn(seq=6, question_id="from-numpy", role="candidate", kind="answer",
                 text="It makes a tensor — ünïcödé ✓ and 中文 survive.", created_at=at(9)),
        ],
    )


def db_bytes(path: Path) -> bytes:
    """The database file plus its WAL (if any): everything the store has on disk."""
    data = path.read_bytes()
    wal = path.with_name(path.name + "-wal")
    return data + (wal.read_bytes() if wal.exists() else b"")
