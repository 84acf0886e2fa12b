"""The interview state machine.

The app owns progression: only these methods move the interview (answer, follow-up, hint,
skip, "I don't know", next). Nothing the candidate types is interpreted as a command. Every
turn is written to the store before any backend is called, so a crash loses nothing.

A model's grade never holds the interview up: with a model grader each answer is graded in
the background (engine/grading_queue.py, engine/question_grading.py) while the next question
is asked; in practice mode the offline verdicts are shown at once, marked provisional, until
the model's arrive.
"""

from collections.abc import Callable, Mapping
from datetime import UTC, datetime

from interviewer.corpus.catalog import Catalog
from interviewer.domain import Question, QuestionRecord, Rubric, Session, SessionConfig, Turn
from interviewer.domain.session import Role, TurnKind, count_hints
from interviewer.engine.follow_up_actions import FollowUpActions, FollowUpFellBack
from interviewer.engine.answer_flags import seconds_taken
from interviewer.engine.follow_up_policy import FollowUpPlan
from interviewer.engine.grading_queue import GradingQueue
from interviewer.engine.practice_actions import InterviewError, NoMoreHints, PracticeActions
from interviewer.engine.question_grading import QuestionGrading
from interviewer.grading.offline_grader import OfflineGrader
from interviewer.engine.offline_interviewer import OfflineInterviewer
from interviewer.engine.protocols import Interviewer
from interviewer.grading.protocols import Grader
from interviewer.engine.selection import select_questions, shortfall
from interviewer.engine.session_drafts import SessionDrafts
from interviewer.engine.spaced_repetition import SpacedRepetition
from interviewer.store.session_store import new_session_id

# Raised by the methods of this class (defined beside the mixins that raise them).
__all__ = ["FollowUpFellBack", "InterviewError", "InterviewSession", "NoMoreHints"]


def utcnow() -> datetime:
    return datetime.now(UTC)


class InterviewSession(SessionDrafts, FollowUpActions, PracticeActions, QuestionGrading):
    """Drives one session over the engine seams (grader, interviewer) and the store; the
    grading of each finished question is in QuestionGrading."""

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
        #: Model grades in flight; each is stored (and listeners told) when it lands.
        self.grading = GradingQueue(self._keep_grade, self._offline)

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
        engine.requeue_ungraded()
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
        """Every question has been asked (grades may still be landing: `grading.pending`)."""
        return self.session.status == "finished" or self.session.current >= len(self.session.records)

    @property
    def position(self) -> tuple[int, int]:
        """(1-based number of the current question, total questions)."""
        total = len(self.session.records)
        return min(self.session.current + 1, total), total

    @property
    def awaiting_next(self) -> bool:
        """Practice mode: the current question is answered and its feedback is on show (the
        model's grade may still be on its way: status `answered`)."""
        record = self.record
        return record is not None and record.status in ("answered", "graded", "skipped")

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
        return count_hints(self.current_turns())

    def seconds_elapsed(self) -> float:
        record = self.record
        return 0.0 if record is None else seconds_taken(record, self.clock())

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

    def advance(self) -> Question | None:
        """Move to the next question and ask it; finish the session after the last one."""
        record = self.record
        if record is not None and record.status in ("pending", "asking"):
            raise InterviewError("the current question is not finished yet")
        self.session.current += 1
        if self.session.current >= len(self.session.records):
            self.session.current = len(self.session.records)
            if not self.grading.pending:  # else the last grade to land finishes the session
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
