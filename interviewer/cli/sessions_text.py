"""`sessions show`: a session's scores and transcript as plain text for the terminal.

The view's text is already cleaned (no ANSI or control characters), so printing an answer
can never drive the terminal."""

import textwrap

from interviewer.engine.disputes import agreement
from interviewer.store.export_view import SessionView, fmt_score, fmt_time

WIDTH = 88


def render_text(view: SessionView) -> str:
    out = [f"Session {view.id} · {view.status}"]
    model = f" {view.model}" if view.model else ""
    out.append(f"Deck {view.deck} · {view.mode} · backend {view.backend}{model} · "
               f"started {fmt_time(view.created_at)} · last activity {fmt_time(view.updated_at)}")
    out += [f"Score {fmt_score(view.overall)} / 100 {view.counted_text}", ""]
    if view.questions:
        width = max(len(q.question_id) for q in view.questions)
        for q in view.questions:
            source = f"  ({q.grade.source})" if q.grade else ""
            trend = f"  attempts {q.trend}" if q.trend else ""
            out.append(f"{q.number:>3}. {q.question_id:<{width}}  {q.topic:<13} {q.status:<8} "
                       f"{fmt_score(q.score):>5}{source}{trend}")
        out.append("")
    for q in view.questions:
        if not q.turns:
            continue
        out.append(f"── {q.number}. {q.text}")
        for turn in q.turns:
            attempt = f", attempt {turn.attempt}" if q.earlier_attempts else ""
            out.append(f"  {turn.speaker} ({turn.kind}{attempt}):")
            out += _indented(turn.text)
        for earlier in q.earlier_attempts:
            if earlier.grade:
                out.append(f"  Attempt {earlier.number}: score {fmt_score(earlier.grade.score)} "
                           f"/ 100 ({earlier.grade.source})")
        if q.grade:
            attempt = f" (attempt {q.attempt})" if q.earlier_attempts else ""
            out.append(f"  Score{attempt} {fmt_score(q.grade.score)} / 100 ({q.grade.source})")
            for c in q.grade.criteria:
                verdict = c.verdict + ("" if c.verified else " (unverified)") \
                    + (" (unsure)" if c.unsure else "")
                out.append(f"    {verdict:<18} {c.points:>6g}/{c.max_points:<6g} {c.description}")
                for quote, correction in c.contradicted_by:
                    out += _indented(f"    wrong claim: “{quote}”; correct: {correction}")
            for m in q.grade.misconceptions:
                out.append(f"    {'misconception':<18} {-m.penalty:>6g}        {m.claim}")
                out += _indented(f"    correct: {m.correction}")
            if q.grade.hint_penalty:
                out.append(f"    {'hints':<18} {-q.grade.hint_penalty:>6g}        "
                           f"{q.hints_used} hint(s) used, hints cost points")
        for d in q.disputes:
            now = f"; {agreement(d, d.now)}" if d.now else ""
            out.append(f"  Disputed (attempt {d.attempt}): {d.description} — graded {d.verdict} "
                       f"by {d.source}{now}")
            out += _indented(f"    reason: {d.reason}")
        out.append("")
    for turn in view.other_turns:
        out.append(f"{turn.speaker} ({turn.kind}):")
        out += _indented(turn.text)
    return "\n".join(out).rstrip("\n") + "\n"


def _indented(text: str) -> list[str]:
    lines = []
    for line in (text or "").split("\n"):
        lines += textwrap.wrap(line, WIDTH, initial_indent="    ", subsequent_indent="    ",
                               replace_whitespace=False, drop_whitespace=True) or ["    "]
    return [line.rstrip() for line in lines]
