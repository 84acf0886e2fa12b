"""Line-mode sessions (`interviewer practice --plain`): for scripts, screen readers and
terminals where the full-screen app is not wanted.

An answer is any number of lines, ended by a line holding only "." (or end of input).
App commands, alone on the first line of an answer: `:hint` (practice only), `:idk`,
`:skip`, `:quit` (the session stays resumable). Every line typed is saved as a draft as soon
as it is entered, and every answer is stored before anything is sent to a backend.
"""

import asyncio
import sys
from typing import TextIO

from interviewer.domain import Grade, SessionConfig
from interviewer.engine.interview import FollowUpFellBack, InterviewSession, NoMoreHints
from interviewer.local_days import comes_back
from interviewer.settings import Settings
from interviewer.text_safety import plain

COMMANDS = {":hint", ":idk", ":skip", ":quit"}


def run_plain(settings: Settings, config: SessionConfig | None, resume_id: str | None,
              stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> int:
    return asyncio.run(_run(settings, config, resume_id, stdin, stdout))


async def _run(settings, config, resume_id, stdin, stdout) -> int:
    from interviewer.engine.session_factory import resume_session, start_session
    from interviewer.store.session_store import SessionStore

    def say(text: str = "") -> None:
        stdout.write(text + "\n")
        stdout.flush()

    store = SessionStore.open(settings)
    try:
        if resume_id:
            engine = resume_session(settings, resume_id, store)
            say(f"Resuming session {engine.session.id}")
        else:
            engine = start_session(settings, config or SessionConfig(), store)
            say(f"Session {engine.session.id}")
            if engine.selection_note:
                say(engine.selection_note)
        say("End each answer with a line holding only '.'; commands: :hint :idk :skip :quit")
        shown_question = None
        while not engine.finished:
            if engine.awaiting_next:
                engine.advance()
                continue
            if shown_question != engine.record.question_id:
                shown_question = engine.record.question_id
                number, total = engine.position
                say(f"\nQuestion {number} of {total} [{engine.question.topic}]")
                for turn in engine.current_turns():
                    who = "You" if turn.role == "candidate" else "Interviewer"
                    say(f"{who}: {plain(turn.text)}")
            if engine.answer_pending:
                if not await _after_answer(engine, engine.continue_after_answer(), say):
                    continue
            draft = engine.draft()
            if draft:
                say(f"(your unsent draft: {plain(draft)})")
            lines = _read_answer(engine, stdin, draft)
            if lines is None or lines == [":quit"]:
                say(f"\nStopped. Resume with: interviewer practice --plain --resume {engine.session.id}")
                return 0
            command = lines[0].strip() if len(lines) == 1 else ""
            if command == ":skip":
                if engine.skip():  # after an answer only the follow-up is skipped
                    _show_grade(await engine.finish_question(), engine, say)
                continue
            if command == ":idk":
                engine.dont_know()
                _show_grade(await engine.finish_question(), engine, say)
                continue
            if command == ":hint":
                if engine.config.mode != "practice":
                    say("Hints are only available in practice mode.")
                    continue
                try:
                    hint = "".join([c async for c in engine.stream_hint()])
                    say("Hint: " + plain(hint).replace("**", ""))  # no Markdown in line mode
                except NoMoreHints as none:
                    say(str(none))
                continue
            plan = engine.submit_answer("\n".join(lines))
            await _after_answer(engine, plan, say)
        say("\nSession finished.")
        from interviewer.engine.report import build_report

        due = engine.repetition.due_dates(engine.config.deck) if engine.repetition else None
        report = build_report(engine.session, engine.catalog, due)
        say(f"Overall: {report.overall:.1f}/100 {report.counted} — {report.band}")
        for t in report.topics:
            say(f"  {t.topic:<14} {t.score:5.1f}")
        now = engine.clock()
        for q in report.questions:
            if q.comes_back is not None:
                say(f"  {q.question_id} comes back {comes_back(q.comes_back, now)}")
        for item in report.study_next:
            say(f"  study: {plain(item)}")
        return 0
    finally:
        store.close()


async def _after_answer(engine: InterviewSession, plan, say) -> bool:
    """Ask the follow-up (True: wait for the next answer) or grade the question (False)."""
    if plan is not None:
        try:
            text = "".join([c async for c in engine.stream_follow_up(plan)])
        except FollowUpFellBack as fell:
            say(f"(the model failed: {fell.error}; using the built-in probe)")
            text = fell.text or ""
        if text:
            say(f"Interviewer: {plain(text)}")
            return True
    grade = await engine.finish_question()
    _show_grade(grade, engine, say)
    return False


def _show_grade(grade: Grade, engine: InterviewSession, say) -> None:
    if engine.config.mode != "practice":
        say("(answer recorded; feedback comes at the end)")
        return
    say(f"Score: {grade.score:.0f}/100" + (" (low confidence)" if grade.confidence == "low" else ""))
    for result in grade.criteria:
        quotes = "; ".join(f'"{plain(e.quote)}"' for e in result.evidence[:2])
        say(f"  [{result.verdict:>7}] {result.id} {result.points:.0f}/{result.max_points:.0f} {quotes}")
    for hit in grade.misconceptions:
        say(f"  misconception: {plain(hit.claim)} -> {plain(hit.correction)}")
    for flag in grade.flags:
        say(f"  flag: {flag.code} {plain(flag.detail)}")


def _read_answer(engine: InterviewSession, stdin: TextIO, draft: str) -> list[str] | None:
    lines: list[str] = [draft] if draft else []
    while True:
        line = stdin.readline()
        if line == "":  # end of input
            return lines or None
        line = line.rstrip("\n")
        if line.strip() in COMMANDS and not lines:
            return [line.strip()]
        if line.strip() == ".":
            return lines or [""]
        lines.append(line)
        engine.save_draft("\n".join(lines))  # typed text survives a crash
