"""Pure data models (pydantic): questions, rubrics, grades, sessions. No I/O here."""

from interviewer.domain.dispute import Dispute
from interviewer.domain.grade import CriterionResult, Evidence, Flag, Grade, MisconceptionHit
from interviewer.domain.question import DIFFICULTIES, TOPICS, Deck, DeckMeta, Question, Source
from interviewer.domain.rubric import Concept, Criterion, FollowUp, Levels, Misconception, Rubric
from interviewer.domain.session import QuestionRecord, Session, SessionConfig, Turn

__all__ = [
    "DIFFICULTIES", "TOPICS", "Concept", "Criterion", "CriterionResult", "Deck", "DeckMeta", "Dispute", "Evidence",
    "Flag", "FollowUp", "Grade", "Levels", "Misconception", "MisconceptionHit", "Question",
    "QuestionRecord", "Rubric", "Session", "SessionConfig", "Source", "Turn",
]
