"""The report: per question, per topic, overall, and what to study next."""

from collections import defaultdict

from pydantic import BaseModel

from interviewer.corpus.catalog import Catalog
from interviewer.domain import Grade, Session

#: (lowest score, band), highest first.
BANDS: tuple[tuple[float, str], ...] = (
    (85, "Strong: interview-ready on this material"),
    (70, "Solid: a few gaps to close"),
    (50, "Developing: review the gaps below"),
    (0, "Needs work: study the topics below before the next mock"),
)


def band(score: float) -> str:
    return next(label for floor, label in BANDS if score >= floor)


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


class TopicScore(BaseModel):
    topic: str
    score: float
    questions: int


class Report(BaseModel):
    session_id: str
    deck: str
    mode: str
    overall: float
    band: str
    answered: int
    total: int
    questions: list[QuestionReport]
    topics: list[TopicScore]
    strengths: list[str]
    gaps: list[str]
    study_next: list[str]


def build_report(session: Session, catalog: Catalog) -> Report:
    """Aggregate a session's grades. Skipped or ungraded questions count as 0 once the
    session is finished; while it is active, only graded questions count."""
    deck = session.config.deck
    questions: list[QuestionReport] = []
    for record in session.records:
        q = catalog.question(deck, record.question_id)
        rubric = catalog.rubric(deck, record.question_id)
        grade = record.grade
        if grade is None and session.status != "finished" and record.status != "skipped":
            continue
        questions.append(QuestionReport(
            question_id=record.question_id,
            question=q.question if q else record.question_id,
            topic=q.topic if q else "unknown",
            difficulty=q.difficulty if q else "medium",
            status=record.status,
            score=grade.score if grade else 0.0,
            answer=session.answer_text(record.question_id),
            model_answer=(rubric.model_answer if rubric else (q.reference_answer if q else "")),
            grade=grade,
            hints_used=record.hints_used,
            follow_ups=record.follow_ups_asked,
        ))
    by_topic: dict[str, list[float]] = defaultdict(list)
    for qr in questions:
        by_topic[qr.topic].append(qr.score)
    topics = sorted(
        (TopicScore(topic=t, score=round(sum(s) / len(s), 1), questions=len(s)) for t, s in by_topic.items()),
        key=lambda t: t.score,
    )
    overall = round(sum(q.score for q in questions) / len(questions), 1) if questions else 0.0
    strengths, gaps = _strengths_and_gaps(questions, catalog, deck)
    study = [f"{t.topic} (scored {t.score:.0f})" for t in topics if t.score < 70][:5]
    for qr in questions:
        if qr.grade:
            study += [f"{m.claim} — in fact: {m.correction}" for m in qr.grade.misconceptions]
    return Report(
        session_id=session.id, deck=deck, mode=session.config.mode, overall=overall,
        band=band(overall), answered=sum(1 for q in questions if q.grade), total=len(session.records),
        questions=questions, topics=topics, strengths=strengths, gaps=gaps, study_next=study,
    )


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
            elif result.verdict == "missed" or not result.verified:
                gaps.append(criterion.description)
    return strengths[:8], gaps[:10]
