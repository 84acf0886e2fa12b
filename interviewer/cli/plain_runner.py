"""Line-mode sessions (`interviewer practice --plain`): for scripts, screen readers and
terminals where the full-screen app is not wanted.

An answer is any number of lines, ended by a line holding only "." (or end of input).
App commands, alone on the first line of an answer: `:hint` (practice only), `:idk`,
`:skip`, `:quit` (the session stays resumable). Every line is saved as a draft before the
runner waits for the next one (a paste is saved in one go), and every answer is stored
before anything is sent to a backend. Bytes that are not UTF-8 are shown as U+FFFD.
Follow-ups and hints are printed once they are whole (a cut stream never shows); with a model
grader, practice mode prints the offline verdicts at once and the model's when they land.

A session open in another interviewer is not answered from two places at once: the user
is asked to view it read-only or take it over; if this one is taken over, what was typed
here is kept for the other one.
"""

import asyncio
import sys
import threading
from typing import TextIO

from interviewer.cli import exit_codes
from interviewer.cli.line_input import LineInput
from interviewer.domain import Grade, SessionConfig
from interviewer.engine.interview import FollowUpFellBack, InterviewSession, NoMoreHints
from interviewer.local_days import comes_back
from interviewer.redaction import redact
from interviewer.settings import Settings
from interviewer.store.session_locks import HEARTBEAT_S, SessionInUse, SessionTakenOver
from interviewer.text_safety import plain

COMMANDS = {":hint", ":idk", ":skip", ":quit"}


def run_plain(settings: Settings, config: SessionConfig | None, resume_id: str | None,
              stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> int:
    return asyncio.run(_run(settings, config, resume_id, LineInput(stdin), stdout))


class _Typed:
    """Lines typed but not yet in the store (kept elsewhere if the session is taken over,
    so nothing typed is lost)."""

    def __init__(self) -> None:
        self.lines: list[str] = []


async def _run(settings, config, resume_id, reader: LineInput, stdout) -> int:
    from interviewer.store.session_store import SessionStore

    def say(text: str = "") -> None:
        stdout.write(plain(redact(text)) + "\n")  # a server error body may echo a key
        stdout.flush()

    store = SessionStore.open(settings)
    typed = _Typed()
    engine = None
    try:
        engine = await _open(settings, config, resume_id, store, reader, say)
        if engine is None:
            return exit_codes.OK
        if engine.record is not None and engine.question is None:
            say(f"Question {engine.record.question_id} is no longer in deck {engine.config.deck}"
                ", so this session cannot go on here. Its answers are kept: see them with "
                f"`interviewer sessions show {engine.session.id}`.")
            return exit_codes.USAGE
        with _Heartbeat(store, engine.session.id):
            return await _interview(engine, reader, say, typed)
    except SessionTakenOver as lost:
        if engine is not None and typed.lines:
            engine.keep_displaced("\n".join(typed.lines))
        say(f"\n{lost}")
        return exit_codes.PROBLEMS
    finally:
        store.close()


async def _open(settings, config, resume_id, store, reader: LineInput,
                say) -> InterviewSession | None:
    """The session to run, or None when the user chose to only view it (or to quit)."""
    from interviewer.engine.session_factory import resume_session, start_session

    if not resume_id:
        engine = start_session(settings, config or SessionConfig(), store)
        say(f"Session {engine.session.id}")
        if engine.selection_note:
            say(engine.selection_note)
        return engine
    try:
        engine = resume_session(settings, resume_id, store)
    except SessionInUse as busy:
        say(f"Session {busy.session_id} is open in another interviewer "
            f"({busy.holder.describe()}).")
        say("Type v to view it read-only, t to take it over (the other one can no longer "
            "change it; what it was typing is kept for you), or q to quit.")
        choice = (await read_line(reader) or "q").strip().lower()
        if choice.startswith("t"):
            engine = resume_session(settings, resume_id, store, take_over=True)
        else:
            if choice.startswith("v"):
                _show_read_only(store, busy.session_id, say)
            return None
    engine.grading.start_deferred()  # answers whose grade was in flight at the stop
    say(f"Resuming session {engine.session.id}")
    return engine


def _show_read_only(store, session_id: str, say) -> None:
    from interviewer.cli.sessions_text import render_text
    from interviewer.store.export_view import build_view

    say(render_text(build_view(store.load(session_id))).rstrip("\n"))
    say("(read-only: nothing was changed)")


async def _interview(engine: InterviewSession, reader: LineInput, say, typed: _Typed) -> int:
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
                say(f"{who}: {turn.text}")
        if engine.answer_pending:
            if not await _after_answer(engine, engine.continue_after_answer(), say):
                continue
        for kept in engine.take_displaced():
            where = "your draft" if kept.question_id == engine.record.question_id \
                else f"the transcript of {kept.question_id}"
            say(f"(text typed in another window, pid {kept.pid}, was added to {where})")
        draft = engine.draft()
        if draft:
            say(f"(your unsent draft: {draft})")
        lines = await _read_answer(engine, reader, draft, say, typed)
        if lines is None or lines == [":quit"]:
            say(f"\nStopped. Resume with: interviewer practice --plain --resume {engine.session.id}")
            return exit_codes.OK
        command = lines[0].strip() if len(lines) == 1 else ""
        if command == ":skip":
            if engine.skip():  # after an answer only the follow-up is skipped
                await _show_grade(await engine.finish_question(), engine, say)
            continue
        if command == ":idk":
            engine.dont_know()
            await _show_grade(await engine.finish_question(), engine, say)
            continue
        if command == ":hint":
            if engine.config.mode != "practice":
                say("Hints are only available in practice mode.")
                continue
            try:
                async for _ in engine.stream_hint():
                    pass  # line mode shows the hint once it is whole (the recorded one)
                hint = engine.current_turns()[-1].text
                say("Hint: " + hint.replace("**", ""))  # no Markdown in line mode
            except NoMoreHints as none:
                say(str(none))
            continue
        plan = engine.submit_answer("\n".join(lines))
        await _after_answer(engine, plan, say)
    say("\nSession finished.")
    if engine.grading.pending:
        await engine.grading.wait(lambda done, total: say(
            f"(grading your answers: {done} of {total} done)"))
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
        say(f"  study: {item}")
    return exit_codes.OK


async def _after_answer(engine: InterviewSession, plan, say) -> bool:
    """Ask the follow-up (True: wait for the next answer) or grade the question (False)."""
    if plan is not None:
        asked = engine.record.follow_ups_asked
        try:
            async for _ in engine.stream_follow_up(plan):
                pass  # line mode prints the follow-up once it is whole: a cut one never shows
        except FollowUpFellBack as fell:
            say(f"(the model failed: {fell.error}; using the built-in probe)")
        if engine.record.follow_ups_asked > asked:
            say(f"Interviewer: {engine.current_turns()[-1].text}")
            return True
    await _show_grade(await engine.finish_question(), engine, say)
    return False


async def _show_grade(grade: Grade | None, engine: InterviewSession, say) -> None:
    if engine.config.mode != "practice" or grade is None:
        say("(answer recorded; feedback comes at the end)")
        return
    if grade.has_flag("provisional"):
        # The offline verdicts at once; the model's follow as soon as they land.
        _print_grade(grade, say, "Provisional score (offline, the model's grade follows)")
        question_id = engine.record.question_id
        await engine.grading.wait_for(question_id)
        grade = next(r.grade for r in engine.session.records if r.question_id == question_id)
        _print_grade(grade, say, f"Score from {grade.backend}" + (f" ({grade.model})" if grade.model else ""))
        return
    _print_grade(grade, say, "Score")


def _print_grade(grade: Grade, say, label: str) -> None:
    """One grade in lines; `say` cleans every line (quotes and claims are untrusted)."""
    say(f"{label}: {grade.score:.0f}/100" + (" (low confidence)" if grade.confidence == "low" else ""))
    for result in grade.criteria:
        quotes = "; ".join(f'"{e.quote}"' for e in result.evidence[:2])
        say(f"  [{result.verdict:>7}] {result.id} {result.points:.0f}/{result.max_points:.0f} {quotes}")
    for hit in grade.misconceptions:
        say(f"  misconception: {hit.claim} -> {hit.correction}")
    for flag in grade.flags:
        if flag.code == "provisional":
            continue  # said in the label
        reason = f" [{flag.reason}]" if flag.reason else ""
        say(f"  flag: {flag.code}{reason} {flag.detail}")


async def _read_answer(engine: InterviewSession, reader: LineInput, draft: str, say,
                       typed: _Typed) -> list[str] | None:
    """The lines of one answer (the saved draft first). Each line is in the draft before
    the runner waits for the user again; lines already waiting (a paste) are saved
    together, so a save costs the new lines, not the whole answer so far."""
    lines: list[str] = [draft] if draft else []
    unsaved = typed.lines = []
    while True:
        line = await read_line(reader)
        if line is None:  # end of input
            _save(engine, typed)
            return lines or None
        if reader.last_was_repaired:
            say(f"(line {len(lines) + 1} of your answer had bytes that are not UTF-8: kept "
                "as \ufffd)")
        if line.strip() in COMMANDS and not lines:
            return [line.strip()]
        if line.strip() == ".":
            _save(engine, typed)  # kept even if sending the answer fails
            return lines or [""]
        lines.append(line)
        unsaved.append(line)
        if not reader.waiting():
            _save(engine, typed)  # typed text survives a crash


async def read_line(reader: LineInput) -> str | None:
    """`reader.readline()` in a thread of its own, so the event loop goes on while the user
    types: grades in the background land (and do not time out) meanwhile.

    One read at a time: the runner awaits each line before it touches the reader again
    (`waiting()`, the next line), so the reader's buffer is only ever used by one thread.
    The thread is a daemon rather than asyncio.to_thread's executor, which is joined when
    the loop closes and when the interpreter exits: a read blocked on the terminal would
    then hold Ctrl-C until Enter. On Ctrl-C the await is cancelled and the run ends as
    before; end of input is None as before; an error in the read is raised here. A line
    already read (the rest of a paste) is returned at once, without a thread."""
    if reader.ready():
        return reader.readline()
    loop = asyncio.get_running_loop()
    done: asyncio.Future = loop.create_future()

    def settle(fill, value) -> None:
        if not done.done():  # cancelled meanwhile (Ctrl-C): nobody wants the line
            fill(value)

    def read() -> None:
        try:
            line = reader.readline()
        except BaseException as exc:  # noqa: BLE001 - handed to the awaiting task
            outcome = (done.set_exception, exc)
        else:
            outcome = (done.set_result, line)
        try:
            loop.call_soon_threadsafe(settle, *outcome)
        except RuntimeError:  # the loop is closed: the run has ended
            pass

    threading.Thread(target=read, name="plain-input", daemon=True).start()
    return await done


def _save(engine: InterviewSession, typed: _Typed) -> None:
    """Append the unsaved lines to the draft (one transaction)."""
    engine.append_draft(typed.lines)
    typed.lines.clear()


class _Heartbeat:
    """Keeps this process's lock on the session fresh while the user types (in a thread:
    the loop may be busy). A lost lock is noticed at the next write."""

    def __init__(self, store, session_id: str):
        self.store, self.session_id = store, session_id
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name="session-heartbeat", daemon=True)

    def __enter__(self) -> "_Heartbeat":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=2)

    def _beat(self) -> None:
        while not self._stop.wait(HEARTBEAT_S):
            try:
                self.store.heartbeat(self.session_id)
            except Exception:  # noqa: BLE001 - taken over or store trouble: the next write says
                return
