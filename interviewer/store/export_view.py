"""What the Markdown and HTML exports show, computed once: the report and the transcript with
every piece of text already redacted (no keys, no machine paths) and cleaned (no ANSI or
control characters). The renderers only lay it out (and the HTML one escapes it).

Question text, topics and model answers come from optional `questions` / `rubrics` lookups
(the store has no deck); anything missing is shown by id or left out.
"""

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from interviewer.domain import Dispute, Grade, Question, Rubric, Session, Turn
from interviewer.domain.session_score import session_score
from interviewer.store.sanitize import Redactor, clean_text, map_strings

SPEAKERS = {"interviewer": "Interviewer", "candidate": "Candidate", "system": "Note"}
KIND_LABELS = {
    "question": "question", "follow_up": "follow-up", "hint": "hint", "answer": "answer",
    "dont_know": "I don't know", "skip": "skipped", "note": "note",
}


@dataclass
class CriterionView:
    id: str
    description: str
    verdict: str
    points: float
    max_points: float
    verified: bool
    evidence: list[str]
    rationale: str
    #: the wrong claims that voided this criterion: (the candidate's words, the correction)
    contradicted_by: list[tuple[str, str]] = field(default_factory=list)
    unsure: bool = False


@dataclass
class MisconceptionView:
    claim: str
    correction: str
    penalty: float
    evidence: list[str]


@dataclass
class GradeView:
    score: float
    backend: str
    model: str | None
    rubric_version: int | None
    prompt_version: str | None
    graded_at: datetime
    confidence: str
    feedback: str
    criteria: list[CriterionView]
    misconceptions: list[MisconceptionView]
    flags: list[str]
    hint_penalty: float = 0.0

    @property
    def source(self) -> str:
        """'openai gpt-4o-mini, rubric v2'."""
        parts = [self.backend + (f" {self.model}" if self.model else "")]
        if self.rubric_version is not None:
            parts.append(f"rubric v{self.rubric_version}")
        return ", ".join(parts)


@dataclass
class TurnView:
    speaker: str
    kind: str
    role: str
    text: str
    attempt: int = 1


@dataclass
class AttemptView:
    """An earlier attempt at a question (a retry in practice mode): its answer and grade."""

    number: int
    answer: str
    grade: GradeView | None


@dataclass
class DisputeView:
    """A verdict the candidate disputed, and what the latest grade of that attempt says now."""

    attempt: int
    criterion_id: str
    description: str
    verdict: str
    reason: str
    created_at: datetime
    now: str | None          # the latest grade's verdict for it (None: not graded again)
    source: str              # who gave the disputed verdict


@dataclass
class QuestionView:
    number: int
    question_id: str
    text: str
    topic: str
    difficulty: str | None
    status: str
    grade: GradeView | None
    earlier: list[GradeView]
    model_answer: str
    answer: str
    #: The answer cut into (text, quoted-as-evidence) pieces, for highlighting.
    answer_segments: list[tuple[str, bool]]
    turns: list[TurnView]
    hints_used: int
    follow_ups: int
    #: The graded attempt (2 after a retry) and the earlier ones, oldest first.
    attempt: int = 1
    earlier_attempts: list[AttemptView] = field(default_factory=list)
    disputes: list[DisputeView] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)

    @property
    def score(self) -> float | None:
        return self.grade.score if self.grade else None

    @property
    def trend(self) -> str:
        """'40.0 → 85.0' across attempts ('' with one attempt)."""
        if not self.earlier_attempts:
            return ""
        scores = [fmt_score(a.grade.score if a.grade else None) for a in self.earlier_attempts]
        return " → ".join([*scores, fmt_score(self.score)])


@dataclass
class TopicBar:
    topic: str
    score: float
    questions: int


@dataclass
class SessionView:
    id: str
    created_at: datetime
    updated_at: datetime
    deck: str
    mode: str
    status: str
    backend: str
    model: str | None
    overall: float | None
    counted: int
    total: int
    #: 'over 5 of 5 questions (4 graded, 1 skipped: counted as 0)', as the app's report says.
    counted_text: str
    topics: list[TopicBar]
    questions: list[QuestionView]
    other_turns: list[TurnView] = field(default_factory=list)
    exported_at: datetime = field(default_factory=lambda: datetime.now(UTC))


def fmt_score(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def fmt_time(value: datetime | None) -> str:
    if value is None:
        return "—"
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%d %H:%M UTC")


def safe_session(session: Session, redactor: Redactor | None = None) -> Session:
    """A copy of the session with every string redacted and cleaned."""
    redactor = redactor or Redactor.from_environment()
    data = map_strings(redactor.tree(session.model_dump(mode="json")), clean_text)
    return Session.model_validate(data)


def build_view(
    session: Session,
    questions: Mapping[str, Question] | None = None,
    rubrics: Mapping[str, Rubric] | None = None,
    redactor: Redactor | None = None,
) -> SessionView:
    """The report and transcript of a session, ready to render."""
    session = safe_session(session, redactor)
    questions = questions or {}
    rubrics = rubrics or {}
    views: list[QuestionView] = []
    by_topic: dict[str, list[float]] = defaultdict(list)
    known = {r.question_id for r in session.records}
    for number, record in enumerate(session.records, start=1):
        question = questions.get(record.question_id)
        rubric = rubrics.get(record.question_id)
        topic = record.topic or (question.topic if question else None) or "unknown"
        attempt = record.grade.attempt if record.grade else session.latest_attempt(record.question_id)
        answer = session.answer_text(record.question_id, attempt)
        grades = [_grade_view(g, rubric) for g in record.grades if g.attempt == attempt]
        latest = grades[-1] if grades else None
        view = QuestionView(
            number=number,
            question_id=record.question_id,
            text=clean_text(question.question) if question else _asked(session, record.question_id),
            topic=topic,
            difficulty=question.difficulty if question else None,
            status=record.status,
            grade=latest,
            earlier=grades[:-1],
            model_answer=clean_text(
                rubric.model_answer if rubric else (question.reference_answer if question else "")
            ),
            answer=answer,
            answer_segments=_segments(answer, record.grade),
            turns=[_turn_view(t) for t in session.turns_for(record.question_id)],
            hints_used=session.hints_for(record.question_id, attempt),
            follow_ups=sum(1 for t in session.turns_for(record.question_id, attempt)
                           if t.kind == "follow_up"),
            attempt=attempt,
            earlier_attempts=[
                AttemptView(n, session.answer_text(record.question_id, n),
                            next((_grade_view(g, rubric) for g in reversed(record.grades)
                                  if g.attempt == n), None))
                for n in range(1, attempt)
            ],
            disputes=[_dispute_view(d, record.grades, rubric)
                      for d in session.disputes_for(record.question_id)],
            hints=[t.text for t in session.turns_for(record.question_id, attempt)
                   if t.kind == "hint"],
        )
        views.append(view)
        # Same rule as the report (domain.session_score): a finished session counts every
        # question (ungraded = 0); an active one counts graded and skipped questions.
        if latest is not None or record.status == "skipped" or session.status == "finished":
            by_topic[topic].append(latest.score if latest else 0.0)
    topics = sorted(
        (TopicBar(t, round(sum(s) / len(s), 1), len(s)) for t, s in by_topic.items()),
        key=lambda bar: (bar.score, bar.topic),
    )
    score = session_score(session)
    return SessionView(
        id=session.id, created_at=session.created_at, updated_at=session.updated_at,
        deck=session.config.deck, mode=session.config.mode, status=session.status,
        backend=session.config.backend, model=session.config.model,
        overall=score.overall, counted=score.counted, total=score.total,
        counted_text=score.summary(), topics=topics, questions=views,
        other_turns=[_turn_view(t) for t in session.turns if t.question_id not in known],
    )


def _asked(session: Session, question_id: str) -> str:
    """Without the deck, the question as the interviewer asked it (else its id)."""
    asked = next((t.text for t in session.turns_for(question_id) if t.kind == "question"), "")
    return asked or question_id


def _turn_view(turn: Turn) -> TurnView:
    return TurnView(SPEAKERS.get(turn.role, turn.role), KIND_LABELS.get(turn.kind, turn.kind),
                    turn.role, turn.text, turn.attempt)


def _dispute_view(dispute: Dispute, grades: list[Grade], rubric: Rubric | None) -> DisputeView:
    criterion = rubric.criterion(dispute.criterion_id) if rubric else None
    latest = next((g for g in reversed(grades) if g.attempt == dispute.attempt
                   and g.graded_at > dispute.created_at), None)
    now = next((c.verdict for c in latest.criteria if c.id == dispute.criterion_id), None) \
        if latest else None
    return DisputeView(
        attempt=dispute.attempt, criterion_id=dispute.criterion_id,
        description=clean_text(criterion.description) if criterion else dispute.criterion_id,
        verdict=dispute.verdict, reason=dispute.reason, created_at=dispute.created_at, now=now,
        source=dispute.backend + (f" {dispute.model}" if dispute.model else "")
        + (f", rubric v{dispute.rubric_version}" if dispute.rubric_version is not None else ""),
    )


def _grade_view(grade: Grade, rubric: Rubric | None) -> GradeView:
    def describe(criterion_id: str) -> str:
        criterion = rubric.criterion(criterion_id) if rubric else None
        return clean_text(criterion.description) if criterion else criterion_id

    hits = {m.id: m for m in grade.misconceptions}

    def wrong_claims(ids: list[str]) -> list[tuple[str, str]]:
        return [(hits[i].evidence[0].quote if hits[i].evidence else hits[i].claim,
                 hits[i].correction) for i in ids if i in hits]

    return GradeView(
        score=grade.score, backend=grade.backend, model=grade.model,
        rubric_version=grade.rubric_version, prompt_version=grade.prompt_version,
        graded_at=grade.graded_at, confidence=grade.confidence, feedback=grade.feedback,
        criteria=[
            CriterionView(c.id, describe(c.id), c.verdict, c.points, c.max_points, c.verified,
                          [e.quote for e in c.evidence], c.rationale,
                          wrong_claims(c.contradicted_by), c.unsure)
            for c in grade.criteria
        ],
        misconceptions=[
            MisconceptionView(m.claim, m.correction, m.penalty, [e.quote for e in m.evidence])
            for m in grade.misconceptions
        ],
        flags=[f.code + (f": {f.detail}" if f.detail else "") for f in grade.flags],
        hint_penalty=grade.hint_penalty,
    )


def _segments(answer: str, grade: Grade | None) -> list[tuple[str, bool]]:
    """The answer split so that verified evidence quotes can be highlighted."""
    spans: list[tuple[int, int]] = []
    if grade is not None:
        for criterion in grade.criteria:
            for evidence in criterion.evidence:
                if not (evidence.verified and evidence.quote.strip()):
                    continue
                start = evidence.start
                if start is None or answer[start:start + len(evidence.quote)] != evidence.quote:
                    start = answer.find(evidence.quote)
                if start >= 0:
                    spans.append((start, start + len(evidence.quote)))
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out: list[tuple[str, bool]] = []
    cursor = 0
    for start, end in merged:
        if start > cursor:
            out.append((answer[cursor:start], False))
        out.append((answer[start:end], True))
        cursor = end
    if cursor < len(answer) or not out:
        out.append((answer[cursor:], False))
    return out
