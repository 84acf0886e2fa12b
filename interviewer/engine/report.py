"""The report: per question, per topic, overall, and what to study next."""

from collections import defaultdict
from collections.abc import Mapping
from datetime import datetime

from pydantic import BaseModel

from interviewer.corpus.catalog import Catalog
from interviewer.domain import Dispute, Grade, Session
from interviewer.domain.session import count_hints
from interviewer.domain.session_score import MIN_FOR_VERDICT, SessionScore, session_score

#: (lowest score, band), highest first.
BANDS: tuple[tuple[float, str], ...] = (
    (85, "Strong: interview-ready on this material"),
    (70, "Solid: a few gaps to close"),
    (50, "Developing: review the gaps below"),
    (0, "Needs work: study the topics below before the next mock"),
)


def band(score: float) -> str:
    return next(label for floor, label in BANDS if score >= floor)


def verdict(score: SessionScore) -> str:
    """The band, once the session says enough for one (finished, MIN_FOR_VERDICT graded)."""
    if not score.finished:
        return f"Not finished: no verdict yet ({score.graded} of {score.total} graded)"
    if not score.judged:
        return (f"Too few graded answers for a verdict ({score.graded}; "
                f"at least {MIN_FOR_VERDICT} needed)")
    return band(score.overall or 0.0)


class QuestionReport(BaseModel):
    question_id: str
    question: str
    topic: str
    difficulty: str
    status: str
    score: float
    answer: str
    model_answer: str
    grade: Grade | None = None
    hints_used: int = 0
    follow_ups: int = 0
    #: The hints given in the graded attempt, in order (as shown at the time).
    hints: list[str] = []
    #: Each attempt's score, oldest first (None: that attempt was not graded).
    attempts: list[float | None] = []
    #: When the spaced-repetition schedule asks this question again (None: not scheduled).
    comes_back: datetime | None = None
    #: Every disputed verdict of the question, any attempt.
    disputes: list[Dispute] = []


class TopicScore(BaseModel):
    topic: str
    score: float
    questions: int
    skipped: int = 0


class Report(BaseModel):
    session_id: str
    deck: str
    mode: str
    overall: float
    band: str
    answered: int
    total: int
    #: 'over 5 of 5 questions (4 graded, 1 skipped: counted as 0)' — the same words as
    #: every export and `sessions show`.
    counted: str = ""
    questions: list[QuestionReport]
    topics: list[TopicScore]
    strengths: list[str]
    gaps: list[str]
    study_next: list[str]


def build_report(session: Session, catalog: Catalog,
                 due: Mapping[str, datetime] | None = None) -> Report:
    """Aggregate a session's grades. Skipped or ungraded questions count as 0 once the
    session is finished; while it is active, only graded and skipped questions count.
    `due`: question id -> when its card comes back (the spaced-repetition schedule)."""
    deck = session.config.deck
    questions: list[QuestionReport] = []
    for record in session.records:
        q = catalog.question(deck, record.question_id)
        rubric = catalog.rubric(deck, record.question_id)
        grade = record.grade
        if grade is None and session.status != "finished" and record.status != "skipped":
            continue
        attempt = grade.attempt if grade else session.latest_attempt(record.question_id)
        turns = session.turns_for(record.question_id, attempt)
        questions.append(QuestionReport(
            question_id=record.question_id,
            question=q.question if q else record.question_id,
            topic=q.topic if q else (record.topic or "unknown"),
            difficulty=q.difficulty if q else "medium",
            status=record.status,
            score=grade.score if grade else 0.0,
            answer=session.answer_text(record.question_id, attempt),
            model_answer=(rubric.model_answer if rubric else (q.reference_answer if q else "")),
            grade=grade,
            hints_used=count_hints(turns),
            follow_ups=sum(1 for t in turns if t.kind == "follow_up"),
            hints=[t.text for t in turns if t.kind == "hint"],
            attempts=_attempt_scores(record.grades, record.attempts),
            comes_back=(due or {}).get(record.question_id),
            disputes=session.disputes_for(record.question_id),
        ))
    by_topic: dict[str, list[QuestionReport]] = defaultdict(list)
    for qr in questions:
        by_topic[qr.topic].append(qr)
    topics = sorted(
        (TopicScore(topic=t, score=round(sum(q.score for q in qs) / len(qs), 1), questions=len(qs),
                    skipped=sum(1 for q in qs if q.grade is None))
         for t, qs in by_topic.items()),
        key=lambda t: t.score,
    )
    score = session_score(session)
    strengths, gaps = _strengths_and_gaps(questions, catalog, deck)
    study = [_study_topic(t) for t in topics if t.score < 70][:5]
    for qr in questions:
        if qr.grade:
            study += [f"{m.claim} — in fact: {m.correction}" for m in qr.grade.misconceptions]
    return Report(
        session_id=session.id, deck=deck, mode=session.config.mode,
        overall=score.overall or 0.0, band=verdict(score), answered=score.graded,
        total=score.total, counted=score.summary(), questions=questions, topics=topics,
        strengths=strengths, gaps=gaps, study_next=study,
    )


def _attempt_scores(grades: list[Grade], attempts: int) -> list[float | None]:
    """The latest grade's score of each attempt (a re-grade replaces the earlier one)."""
    latest = {g.attempt: g.score for g in grades}
    return [latest.get(n) for n in range(1, attempts + 1)]


def _study_topic(topic: TopicScore) -> str:
    if topic.skipped == topic.questions:
        noun = "question" if topic.questions == 1 else "questions"
        return f"{topic.topic} ({topic.questions} {noun} skipped)"
    return f"{topic.topic} (scored {topic.score:.0f})"


def _strengths_and_gaps(questions: list[QuestionReport], catalog: Catalog, deck: str) -> tuple[list[str], list[str]]:
    strengths: list[str] = []
    gaps: list[str] = []
    for qr in questions:
        rubric = catalog.rubric(deck, qr.question_id)
        if qr.grade is None or rubric is None:
            if qr.status == "skipped":
                gaps.append(f"{qr.question} (skipped)")
            continue
        for result in qr.grade.criteria:
            criterion = rubric.criterion(result.id)
            if criterion is None:
                continue
            if result.verdict == "met" and result.verified:
                strengths.append(criterion.description)
            elif result.verdict in ("missed", "contradicted") or not result.verified:
                gaps.append(criterion.description)
    return strengths[:8], gaps[:10]
