"""A session's overall score and what it counts, computed once for every screen and export
(the report, `sessions show`, Markdown and HTML), so they cannot disagree.

The rule: a finished session counts every question (a skipped or ungraded one as 0); an
active one counts the questions graded or skipped so far. The score has one decimal
everywhere."""

from dataclasses import dataclass

from interviewer.domain.session import Session

#: A verdict ("interview-ready", ...) needs a finished session with at least this many
#: graded questions: one good answer says little.
MIN_FOR_VERDICT = 3


@dataclass(frozen=True)
class SessionScore:
    overall: float | None    # None before anything counts
    counted: int             # questions in the mean
    graded: int
    skipped: int             # skipped or never graded, counted as 0 (finished sessions)
    total: int
    finished: bool

    def summary(self) -> str:
        """'over 5 of 5 questions (4 graded, 1 skipped: counted as 0)'."""
        if not self.total:
            return "no questions"
        text = f"over {self.counted} of {self.total} questions"
        parts = [f"{self.graded} graded"]
        if self.skipped:
            parts.append(f"{self.skipped} skipped: counted as 0")
        text += f" ({', '.join(parts)})"
        if not self.finished:
            text += ", session not finished"
        return text

    @property
    def judged(self) -> bool:
        """Whether the session says enough for a verdict (see MIN_FOR_VERDICT)."""
        return self.finished and self.graded >= MIN_FOR_VERDICT


def session_score(session: Session) -> SessionScore:
    finished = session.status == "finished"
    scores: list[float] = []
    graded = skipped = 0
    for record in session.records:
        grade = record.grade
        if grade is not None:
            graded += 1
            scores.append(grade.score)
        elif record.status == "skipped" or finished:
            skipped += 1
            scores.append(0.0)
    overall = round(sum(scores) / len(scores), 1) if scores else None
    return SessionScore(overall, len(scores), graded, skipped, len(session.records), finished)
