"""Grading a finished question: at once with the offline grader, in the background with a
model (engine/grading_queue.py), and again after a resume for answers whose grade was still in
flight. Whenever a grade lands it gets the flags known when the answer was finished, its
attempt number and any hint penalty, is stored, and reviews the question's spaced-repetition
card. The grading half of InterviewSession (engine/interview.py)."""

import logging
from collections.abc import Callable

from interviewer.domain import Grade, QuestionRecord
from interviewer.engine.grade_finish import grade_finisher
from interviewer.engine.grading_queue import grade_with_fallback, is_provisional, provisional
from interviewer.grading.offline_grader import OfflineGrader
from interviewer.grading.protocols import GradeRequest

log = logging.getLogger(__name__)


class QuestionGrading:
    """Mixed into InterviewSession: uses its session, catalog, grader, store, clock,
    repetition and grading queue."""

    #: Grade a model's answers in the background (False: wait for each grade, as before;
    #: bench/interview_pipeline.py compares the two).
    background_grading: bool = True

    async def finish_question(self) -> Grade | None:
        """Grade the whole exchange for the current attempt at the current question.

        The offline grader grades at once. A model grader grades in the background: in
        interview mode this returns None and the next question is asked straight away; in
        practice mode it returns the offline verdicts marked provisional, replaced when the
        model's grade lands. Interview mode moves straight on; practice mode waits for
        `advance()` so the feedback can be read first."""
        self._require_asking()
        record = self.record
        record.finished_at = self.clock()
        request = self._grade_request(record)
        finish = self._finisher(record, request)
        grade: Grade | None
        if not request.answer.strip():
            # nothing a model would see ("I don't know", a skip): the offline grade, at once
            grade = self._keep_grade(record.question_id, finish(self._offline.grade_sync(request)))
        elif isinstance(self.grader, OfflineGrader) or not self.background_grading:
            # offline: a millisecond, no need to queue it
            grade = self._keep_grade(record.question_id, finish(
                await grade_with_fallback(self.grader, self._offline, request)))
        else:
            record.status = "answered"
            self._save_state()
            grade = None
            if self.config.mode == "practice":
                grade = provisional(finish(self._offline.grade_sync(request)))
                record.grades.append(grade)  # in memory only: the store gets the model's
            self.grading.submit(record.question_id, request, self.grader, finish)
        if self.config.mode == "interview":
            self.advance()
        return grade

    def _grade_request(self, record: QuestionRecord) -> GradeRequest:
        """The latest attempt at `record`'s question, as the grader gets it."""
        question_id, attempt = record.question_id, record.attempts
        return GradeRequest(
            question=self.catalog.question(self.config.deck, question_id),
            rubric=self.catalog.rubric(self.config.deck, question_id),
            answer=self.session.answer_text(question_id, attempt),
            transcript=self.session.turns_for(question_id, attempt),
        )

    def _finisher(self, record: QuestionRecord, request: GradeRequest) -> Callable[[Grade], Grade]:
        """What every grade of this attempt gets when it lands: the flags known now ("I don't
        know", over time), the attempt number and the hint penalty."""
        return grade_finisher(record, request, self.config, self.clock())

    def _keep_grade(self, question_id: str, grade: Grade) -> Grade:
        """Store a grade, show it in place of any provisional one, and review the question's
        card. The last grade of a finished interview finishes the session."""
        record = next(r for r in self.session.records if r.question_id == question_id)
        record.grades = [g for g in record.grades if not is_provisional(g)]
        record.grades.append(grade)
        if record.attempts == grade.attempt:
            record.status = "graded"
        if self.store is not None:
            self.store.add_grade(self.session.id, question_id, grade)
        still_grading = [q for q in self.grading.pending if q != question_id]
        if self.session.current >= len(self.session.records) and not still_grading:
            self.session.status = "finished"
        self._save_state()
        self._review(question_id, grade)
        return grade

    def _review(self, question_id: str, grade: Grade) -> None:
        """Update the question's spaced-repetition card with this grade."""
        if self.repetition is None:
            return
        try:
            # "I don't know" only as the answer (the grade's flag): said to a follow-up after
            # a good answer, it does not make the attempt a lapse
            self.repetition.review(
                session_id=self.session.id, deck=self.config.deck, question_id=question_id,
                attempt=grade.attempt, grade=grade,
                hints=self.session.hints_for(question_id, grade.attempt),
                dont_know=grade.has_flag("dont-know"))
        except Exception as exc:  # noqa: BLE001 - the grade is stored; the schedule can wait
            log.warning("could not update the review schedule: %s", exc)

    def requeue_ungraded(self) -> None:
        """Queue again every answer whose grade never landed (the app was killed or closed
        while it was in flight); call after loading a stored session."""
        for record in self.session.records:
            question = self.catalog.question(self.config.deck, record.question_id)
            landed = any(g.attempt == record.attempts and not is_provisional(g)
                         for g in record.grades)
            if record.status == "answered" and not landed and question is not None:
                request = self._grade_request(record)
                finish = self._finisher(record, request)
                if self.config.mode == "practice" and record is self.record:
                    # its feedback is on show again: the offline verdicts until the model's
                    record.grades.append(provisional(finish(self._offline.grade_sync(request))))
                self.grading.submit(record.question_id, request, self.grader, finish)
