"""The interview state machine.

The app owns progression: only these methods move the interview (answer, follow-up, hint,
skip, "I don't know", next). Nothing the candidate types is interpreted as a command. Every
turn is written to the store before any backend is called, so a crash loses nothing.
"""

import logging
from collections.abc import Callable, Mapping
from datetime import UTC, datetime

from interviewer.corpus.catalog import Catalog
from interviewer.domain import Flag, Grade, Question, QuestionRecord, Rubric, Session, SessionConfig, Turn
from interviewer.domain.session import Role, TurnKind
from interviewer.engine.follow_up_actions import FollowUpActions, FollowUpFellBack
from interviewer.engine.follow_up_policy import FollowUpPlan
from interviewer.engine.hint_ladder import apply_hint_penalty
from interviewer.engine.practice_actions import InterviewError, NoMoreHints, PracticeActions
from interviewer.grading.offline_grader import OfflineGrader
from interviewer.engine.offline_interviewer import OfflineInterviewer
from interviewer.engine.protocols import Interviewer
from interviewer.grading.protocols import Grader, GradeRequest
from interviewer.engine.selection import select_questions, shortfall
from interviewer.engine.session_drafts import SessionDrafts
from interviewer.engine.spaced_repetition import SpacedRepetition
from interviewer.store.session_store import new_session_id

log = logging.getLogger(__name__)

# Raised by the methods of this class (defined beside the mixins that raise them).
__all__ = ["FollowUpFellBack", "InterviewError", "InterviewSession", "NoMoreHints"]


def utcnow() -> datetime:
    return datetime.now(UTC)


def _clock(seconds: float) -> str:
    return f"{int(seconds) // 60}:{int(seconds) % 60:02d}"


class InterviewSession(SessionDrafts, FollowUpActions, PracticeActions):
    """Drives one session over the engine seams (grader, interviewer) and the store."""

    def __init__(
        self,
        session: Session,
        catalog: Catalog,
        grader: Grader,
        interviewer: Interviewer,
        store=None,
        *,
        clock: Callable[[], datetime] | None = None,
        repetition: SpacedRepetition | None = None,
    ):
        self.session = session
        self.catalog = catalog
        self.grader = grader
        self.interviewer = interviewer
        self.store = store
        #: Where "now" comes from (a fake clock in tests: no sleeping).
        self.clock = clock or utcnow
        #: The spaced-repetition cards (None: no schedule, e.g. without a store).
        self.repetition = repetition
        #: Why the session has fewer questions than asked for ("" when it has them all).
        self.selection_note = ""
        self._offline = OfflineGrader(catalog)
        self._fallback_interviewer = OfflineInterviewer()

    # ------------------------------------------------------------------ creation
    @classmethod
    def start(
        cls,
        config: SessionConfig,
        catalog: Catalog,
        grader: Grader,
        interviewer: Interviewer,
        store=None,
        topic_scores: Mapping[str, float] | None = None,
        *,
        clock: Callable[[], datetime] | None = None,
        repetition: SpacedRepetition | None = None,
    ) -> "InterviewSession":
        """Select the questions (the schedule's due ones first with `pick="due"`; none inside
        its interval unless `pick="all"`), persist the new session and ask the first one."""
        deck = catalog.deck(config.deck)
        now = (clock or utcnow)()
        due = repetition.due_dates(config.deck) if repetition is not None else None
        questions = select_questions(deck, config, topic_scores, due, now)
        session = Session(
            id=new_session_id(),
            created_at=now,
            updated_at=now,
            config=config,
            records=[QuestionRecord(question_id=q.id, topic=q.topic) for q in questions],
        )
        engine = cls(session, catalog, grader, interviewer, store, clock=clock,
                     repetition=repetition)
        engine.selection_note = shortfall(deck, config, questions, due, now)
        if store is not None:
            store.create(session)
            acquire = getattr(store, "acquire", None)  # a store that can be shared locks it
            if acquire is not None:
                acquire(session.id)  # this process has it open (see store/session_locks)
        engine._ask_current()
        return engine

    @classmethod
    def resume(
        cls, session: Session, catalog: Catalog, grader: Grader, interviewer: Interviewer,
        store=None, *, clock: Callable[[], datetime] | None = None,
        repetition: SpacedRepetition | None = None,
    ) -> "InterviewSession":
        """Continue a stored session at the exact turn it stopped."""
        engine = cls(session, catalog, grader, interviewer, store, clock=clock,
                     repetition=repetition)
        record = engine.record
        if session.status == "active" and record is not None:
            if record.status == "pending":
                engine._ask_current()
            elif record.status == "asking" and not engine.current_turns() \
                    and engine.question is not None:  # (a question gone from the deck is told later)
                # stopped between starting a retry and asking it again
                engine._add_turn("interviewer", "question", engine.question.question)
        return engine

    # ------------------------------------------------------------------ state
    @property
    def config(self) -> SessionConfig:
        return self.session.config

    @property
    def record(self) -> QuestionRecord | None:
        return self.session.current_record

    @property
    def question(self) -> Question | None:
        record = self.record
        if record is None:
            return None
        return self.catalog.question(self.config.deck, record.question_id)

    @property
    def rubric(self) -> Rubric | None:
        record = self.record
        return self.catalog.rubric(self.config.deck, record.question_id) if record else None

    @property
    def finished(self) -> bool:
        return self.session.status == "finished"

    @property
    def position(self) -> tuple[int, int]:
        """(1-based number of the current question, total questions)."""
        total = len(self.session.records)
        return min(self.session.current + 1, total), total

    @property
    def awaiting_next(self) -> bool:
        """Practice mode: the current question is graded and its feedback is on show."""
        record = self.record
        return record is not None and record.status in ("graded", "skipped")

    @property
    def answer_pending(self) -> bool:
        """The last turn is the candidate's answer and nothing has followed it yet (e.g. after
        a crash or a failed backend call): call `continue_after_answer()`."""
        turns = self.current_turns()
        return (
            bool(turns) and turns[-1].role == "candidate" and turns[-1].kind == "answer"
            and self.record is not None and self.record.status == "asking"
        )

    @property
    def attempt(self) -> int:
        """The current attempt at the current question (2 after one retry)."""
        record = self.record
        return record.attempts if record else 1

    def current_turns(self) -> list[Turn]:
        """The turns of the current attempt at the current question."""
        record = self.record
        return self.session.turns_for(record.question_id, record.attempts) if record else []

    def answer_so_far(self) -> str:
        record = self.record
        return self.session.answer_text(record.question_id, record.attempts) if record else ""

    def hints_in_attempt(self) -> int:
        return sum(1 for t in self.current_turns() if t.kind == "hint")

    def seconds_elapsed(self) -> float:
        record = self.record
        if record is None or record.started_at is None:
            return 0.0
        end = record.finished_at or self.clock()
        return max(0.0, (end - record.started_at).total_seconds())

    def seconds_left(self) -> float | None:
        """Interview mode with a time limit: seconds left for this question."""
        limit = self.config.time_limit_s
        if self.config.mode != "interview" or not limit:
            return None
        return max(0.0, limit - self.seconds_elapsed())

    # ------------------------------------------------------------------ candidate actions
    def submit_answer(self, text: str) -> FollowUpPlan | None:
        """Record the answer (committed before anything else happens) and decide whether a
        follow-up comes next. None means: call `finish_question()`."""
        self._require_asking()
        self._add_turn("candidate", "answer", text)
        if self.store is not None:
            self.store.clear_draft(self.session.id, self.record.question_id)
        return self.continue_after_answer()

    def dont_know(self) -> None:
        """The candidate says they don't know: accepted; no more follow-ups for this question.
        Call `finish_question()` next."""
        self._require_asking()
        self._add_turn("candidate", "dont_know", "I don't know.")

    def skip(self) -> bool:
        """Skip the rest of the current question.

        Before any answer the question is skipped (it scores 0 in the report). After an answer
        only the pending follow-up is skipped: returns True, and the caller then grades what
        was said with `finish_question()`; an answer already given is never thrown away."""
        self._require_asking()
        if self.answer_so_far().strip():
            self._add_turn("candidate", "skip", "(skipped the follow-up)")
            return True
        self._add_turn("candidate", "skip", "(skipped)")
        # skipping a retry before answering keeps the earlier attempt's grade
        self.record.status = "graded" if self.record.grades else "skipped"
        self.record.finished_at = self.clock()
        self._save_state()
        if self.config.mode == "interview":
            self.advance()
        return False

    async def finish_question(self) -> Grade:
        """Grade the whole exchange for the current question and store the grade.

        Interview mode moves straight on; practice mode waits for `advance()` so the
        feedback can be read first."""
        self._require_asking()
        request = GradeRequest(
            question=self.question, rubric=self.rubric, answer=self.answer_so_far(),
            transcript=self.current_turns(),
        )
        try:
            grade = await self.grader.grade(request)
        except Exception as exc:  # noqa: BLE001 - the offline grade is always available
            log.warning("grader %s failed: %s", getattr(self.grader, "name", "?"), exc)
            grade = self._offline.grade_sync(request)
            grade = grade.model_copy(update={
                "flags": [*grade.flags, Flag(code="fallback", detail=f"the model grader failed ({exc}); offline grade used")],
                "confidence": "low",
            })
        if any(t.kind == "dont_know" for t in self.current_turns()) and not request.answer.strip():
            # "I don't know" is an honest answer, not an empty one: say so in the feedback.
            flags = [f for f in grade.flags if f.code != "empty"]
            flags.append(Flag(code="dont-know", detail="you said you don't know"))
            grade = grade.model_copy(update={"flags": flags})
        left = self.seconds_left()
        if left is not None and left <= 0:
            # interview mode keeps what was typed after the limit, but the grade says so
            flags = [*grade.flags, Flag(code="over-time", detail=(
                f"answered after {_clock(self.seconds_elapsed())}; "
                f"the limit was {_clock(self.config.time_limit_s)}"))]
            grade = grade.model_copy(update={"flags": flags})
        grade = self._record_grade(grade)
        if self.config.mode == "interview":
            self.advance()
        return grade

    def _record_grade(self, grade: Grade) -> Grade:
        """Store the current attempt's grade (less any hint penalty) and review its card."""
        record = self.record
        hints = self.hints_in_attempt()
        grade = apply_hint_penalty(grade.model_copy(update={"attempt": record.attempts}),
                                   hints, self.config.hint_penalty)
        record.grades.append(grade)
        record.status = "graded"
        record.finished_at = self.clock()
        if self.store is not None:
            self.store.add_grade(self.session.id, record.question_id, grade)
        self._save_state()
        if self.repetition is not None:
            try:
                self.repetition.review(
                    session_id=self.session.id, deck=self.config.deck,
                    question_id=record.question_id, attempt=record.attempts, grade=grade,
                    hints=hints, dont_know=any(t.kind == "dont_know" for t in self.current_turns()))
            except Exception as exc:  # noqa: BLE001 - the grade is stored; the schedule can wait
                log.warning("could not update the review schedule: %s", exc)
        return grade

    def advance(self) -> Question | None:
        """Move to the next question and ask it; finish the session after the last one."""
        record = self.record
        if record is not None and record.status in ("pending", "asking"):
            raise InterviewError("the current question is not finished yet")
        self.session.current += 1
        if self.session.current >= len(self.session.records):
            self.session.current = len(self.session.records)
            self.session.status = "finished"
            self._save_state()
            return None
        self._ask_current()
        return self.question

    # ------------------------------------------------------------------ internals
    def _require_asking(self) -> None:
        if self.finished:
            raise InterviewError("the interview is finished")
        if self.record is None or self.record.status != "asking":
            raise InterviewError("no question is open; move on to the next one")

    def _ask_current(self) -> None:
        record, question = self.record, self.question
        if record is None:
            return
        if question is None:
            raise InterviewError(f"question {record.question_id!r} is no longer in deck {self.config.deck!r}")
        record.status = "asking"
        record.started_at = self.clock()
        self._add_turn("interviewer", "question", question.question)
        self._save_state()

    def _add_turn(self, role: Role, kind: TurnKind, text: str, targets: list[str] | None = None,
                  question_id: str | None = None) -> Turn:
        """A turn of the current question's attempt, or of another question's latest one
        (`question_id`: text kept from a window this session was taken over from)."""
        if question_id is None or question_id == self.record.question_id:
            question_id, attempt = self.record.question_id, self.record.attempts
        else:
            attempt = self.session.latest_attempt(question_id)
        turn = Turn(
            seq=len(self.session.turns), question_id=question_id, role=role, kind=kind,
            text=text, targets=targets or [], attempt=attempt, created_at=self.clock(),
        )
        if self.store is not None:
            # committed before we go on; if it fails, memory does not get ahead of the store
            self.store.append_turn(self.session.id, turn)
        self.session.turns.append(turn)
        self.session.updated_at = turn.created_at
        return turn

    def _save_state(self) -> None:
        self.session.updated_at = self.clock()
        if self.store is not None:
            self.store.save_state(self.session)
