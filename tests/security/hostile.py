"""Hostile inputs for the security suite: strings that drive terminals, Rich markup that would
run actions, Markdown that would link or track, and crafted sessions that carry them in every
field an import file or a hand-edited database can set."""

import re
from datetime import UTC, datetime, timedelta

from interviewer.domain import (
    CriterionResult,
    Evidence,
    Flag,
    Grade,
    MisconceptionHit,
    QuestionRecord,
    Session,
    SessionConfig,
    Turn,
)

#: Change the terminal's title, write the clipboard (OSC 52), clear the screen, colour text.
ESCAPES = ("\x1b]0;pwned-title\x07\x1b]52;c;cHduZWQ=\x07\x1b[2J\x1b[31mred\x1b[0m"
           "\x1bPq#0;2;0;0;0\x1b\\ \x9b31m\x90dcs\x9c\x07bell")
#: Rich markup that crashes a parser ([/x]) or runs an action when clicked.
MARKUP = "[/x] [@click=app.quit]click me[/] [bold]b[/bold] [link=https://evil.example]l[/link]"
#: Markdown that would render as a live link, a tracking image, HTML or an autolink.
MARKDOWN = ("[live](https://evil.example/track) ![pixel](https://evil.example/p.png) "
            "<img src=x onerror=alert(1)> https://evil.example/auto www.evil.example a@evil.example")
#: Text that reads differently from what it is.
BIDI = "\u202eevil\u202c \u2066iso\u2069 \u200fmark"
#: Everything at once, short enough for a name (deck, model, backend: at most 200 characters).
NAME = f"{MARKUP[:60]} {ESCAPES[:60]} {BIDI}"[:200]
#: Everything, for free text (answers, feedback, quotes).
TEXT = f"{MARKUP}\n{ESCAPES}\n{MARKDOWN}\n{BIDI}\n<script>alert(1)</script>"
QUESTION_ID = "[/x]\x1b]0;q\x07"

#: Bytes that must never reach a terminal from untrusted text: ESC (CSI/OSC/DCS introducer),
#: the one-byte CSI and other C1 controls, BEL, and the bidi overrides.
FORBIDDEN = re.compile(r"[\x07\x1b\x80-\x9f\u202a-\u202e\u2066-\u2069]")

T0 = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def _at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def hostile_grade(question_id: str) -> Grade:
    return Grade(
        question_id=question_id, score=40.0,
        criteria=[CriterionResult(
            id=QUESTION_ID, verdict="partial", points=20, max_points=50,
            evidence=[Evidence(quote=TEXT, verified=True)], rationale=TEXT,
            matched_concepts=[NAME], contradicted_by=["m1"])],
        misconceptions=[MisconceptionHit(id="m1", claim=TEXT, correction=TEXT, penalty=5,
                                         evidence=[Evidence(quote=TEXT)])],
        flags=[Flag(code=NAME, detail=TEXT), Flag(code="injection", detail=TEXT)],
        feedback=TEXT, backend=NAME, model=NAME, prompt_version=NAME, rubric_version=1,
        rubric_hash=NAME, graded_at=_at(6))


def hostile_session(session_id: str, *, status: str = "finished") -> Session:
    """Every field an import file can set, set to something hostile."""
    question_id = QUESTION_ID
    return Session(
        id=session_id, created_at=T0, updated_at=_at(9), status=status, current=1,
        config=SessionConfig(deck=NAME, topics=[NAME], count=2, backend=NAME, model=NAME),
        records=[
            QuestionRecord(question_id=question_id, topic=NAME, status="graded",
                           started_at=_at(0), finished_at=_at(6),
                           grades=[hostile_grade(question_id), hostile_grade(question_id)]),
            QuestionRecord(question_id="plain-one", topic=NAME, status="skipped"),
        ],
        turns=[
            Turn(seq=0, question_id=question_id, role="interviewer", kind="question", text=TEXT,
                 created_at=_at(0)),
            Turn(seq=1, question_id=question_id, role="candidate", kind="answer", text=TEXT,
                 created_at=_at(2)),
            Turn(seq=2, question_id=question_id, role="interviewer", kind="follow_up",
                 text=MARKDOWN, targets=[QUESTION_ID], created_at=_at(3)),
            Turn(seq=3, question_id=question_id, role="system", kind="note", text=TEXT,
                 created_at=_at(4)),
            Turn(seq=4, question_id="elsewhere", role="system", kind="note", text=TEXT,
                 created_at=_at(5)),
        ],
    )


def crafted_sessions() -> list[Session]:
    """The crafted sessions every screen, printer and exporter is walked with."""
    markup_only = hostile_session("20260301-093000-aaaa01", status="active")
    markup_only.config.deck = "[/x]"
    markup_only.config.model = "[@click=app.quit]"
    long_names = hostile_session("20260301-093000-aaaa02")
    long_names.config.deck = "D" * 200
    long_names.config.model = "\u202e" * 200
    return [hostile_session("20260301-093000-aaaa00"), markup_only, long_names]
