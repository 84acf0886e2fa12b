"""Practice mode's feedback between questions: the feedback screen after each graded
question, and what closing it does (next question, try again, or leave for Home). A mixin of
InterviewScreen (tui/screens/interview.py)."""


def said_dont_know(session, question_id: str, attempt: int | None = None) -> bool:
    """Whether the candidate said "I don't know" (in `attempt`, default: the graded one)."""
    if attempt is None:
        record = next((r for r in session.records if r.question_id == question_id), None)
        attempt = record.grade.attempt if record is not None and record.grade else None
    return any(t.kind == "dont_know" for t in session.turns_for(question_id, attempt))


class PracticeFeedback:
    """Shows a graded question's feedback and acts on how it is closed."""

    def _after_grade_in_practice(self) -> None:
        """Show this question's feedback; the next question comes when it is closed."""
        from interviewer.engine.report import build_report
        from interviewer.tui.screens.feedback import FeedbackScreen

        engine = self.engine
        record = engine.record
        report = build_report(engine.session, engine.catalog, self._due_dates())
        question_report = next((q for q in report.questions if q.question_id == record.question_id), None)
        number, total = engine.position
        last = number >= total

        async def on_close(result: str | None) -> None:
            from interviewer.store.session_locks import SessionTakenOver

            if result == "leave":  # the session resumes at this feedback
                self.app.pop_screen()
                self.app.notify("Session saved: resume it from Home.", timeout=4)
                return
            try:
                if result == "retry":
                    engine.retry()
                else:
                    engine.advance()
            except SessionTakenOver as lost:  # another window has the session now
                self.lock.lost(lost, "")
                return
            if result == "retry":
                await self.show_question()
                self._tick()
                return
            await self._next()

        if question_report is None:  # nothing to show (should not happen): just move on
            self.call_later(self._advance_and_next)
            return
        feedback = FeedbackScreen(
            question_report, engine.catalog.rubric(engine.config.deck, record.question_id),
            position=f"Question {number} of {total}",
            next_label="See the report" if last else "Next question",
            said_dont_know=said_dont_know(engine.session, record.question_id),
            session=engine.session, can_retry=True, now=engine.clock())
        # a provisional grade is replaced live when the model's lands
        feedback.follow(engine, record.question_id, self._due_dates)
        self.app.push_screen(feedback, on_close)

    def _due_dates(self) -> dict:
        """When each question of the deck comes back (empty when the schedule is unreadable:
        the feedback is shown without it)."""
        repetition = self.engine.repetition
        if repetition is None:
            return {}
        try:
            return repetition.due_dates(self.engine.config.deck)
        except Exception:  # noqa: BLE001 - a locked store must not hide the feedback
            return {}

