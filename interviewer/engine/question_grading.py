"""Grading a finished question: at once with the offline grader, in the background with a
model (engine/grading_queue.py), and again after a resume for answers whose grade was still in
flight. The grading half of InterviewSession (engine/interview.py)."""

from datetime import UTC, datetime

from interviewer.domain import Flag, Grade
from interviewer.engine.answer_flags import answer_flags, with_flags
from interviewer.engine.grading_queue import grade_with_fallback, is_provisional, provisional
from interviewer.grading.offline_grader import OfflineGrader
from interviewer.grading.protocols import GradeRequest


class QuestionGrading:
    """Mixed into InterviewSession: uses its session, catalog, grader, store and grading queue."""

    #: Grade a model's answers in the background (False: wait for each grade, as before;
    #: bench/interview_pipeline.py compares the two).
    background_grading: bool = True

    async def finish_question(self) -> Grade | None:
        """Grade the whole exchange for the current question.

        The offline grader grades at once. A model grader grades in the background: in
        interview mode this returns None and the next question is asked straight away; in
        practice mode it returns the offline verdicts marked provisional, replaced when the
        model's grade lands. Interview mode moves straight on; practice mode waits for
        `advance()` so the feedback can be read first."""
        self._require_asking()
        record = self.record
        request = self._grade_request(record.question_id)
        record.finished_at = datetime.now(UTC)
        flags = self._answer_flags(request)
        grade: Grade | None
        if not request.answer.strip():
            # nothing a model would see ("I don't know", a skip): the offline grade, at once
            grade = with_flags(self._offline.grade_sync(request), flags)
            self._keep_grade(record.question_id, grade)
        elif isinstance(self.grader, OfflineGrader) or not self.background_grading:
            # offline: a millisecond, no need to queue it
            grade = with_flags(await grade_with_fallback(self.grader, self._offline, request), flags)
            self._keep_grade(record.question_id, grade)
        else:
            record.status = "answered"
            self._save_state()
            grade = None
            if self.config.mode == "practice":
                grade = provisional(with_flags(self._offline.grade_sync(request), flags))
                record.grades.append(grade)  # in memory only: the store gets the model's
            self._queue_grade(record.question_id, request, flags)
        if self.config.mode == "interview":
            self.advance()
        return grade

    def _grade_request(self, question_id: str) -> GradeRequest:
        return GradeRequest(
            question=self.catalog.question(self.config.deck, question_id),
            rubric=self.catalog.rubric(self.config.deck, question_id),
            answer=self.session.answer_text(question_id),
            transcript=self.session.turns_for(question_id),
        )

    def _answer_flags(self, request: GradeRequest) -> list[Flag]:
        return answer_flags(request, self.seconds_left(), self.seconds_elapsed(),
                            self.config.time_limit_s)

    def _queue_grade(self, question_id: str, request: GradeRequest, flags: list[Flag] | None = None) -> None:
        self.grading.submit(question_id, request, self.grader,
                            lambda grade: with_flags(grade, flags or []))

    def _keep_grade(self, question_id: str, grade: Grade) -> None:
        """Store a grade and show it in place of any provisional one."""
        record = next(r for r in self.session.records if r.question_id == question_id)
        record.grades = [g for g in record.grades if not is_provisional(g)]
        record.grades.append(grade)
        record.status = "graded"
        if self.store is not None:
            self.store.add_grade(self.session.id, question_id, grade)
        still_grading = [q for q in self.grading.pending if q != question_id]
        if self.session.current >= len(self.session.records) and not still_grading:
            self.session.status = "finished"  # the last grade of a finished interview
        self._save_state()

    def requeue_ungraded(self) -> None:
        """Queue again every answer whose grade never landed (the app was killed or closed
        while it was in flight); call after loading a stored session."""
        for record in self.session.records:
            question = self.catalog.question(self.config.deck, record.question_id)
            if record.status == "answered" and record.grade is None and question is not None:
                self._queue_grade(record.question_id, self._grade_request(record.question_id))
