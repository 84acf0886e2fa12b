"""Markdown export: the report and the transcript, for people to read (or paste anywhere).

Everything that comes from the session (answers, model output, and the metadata an imported
file can set: deck, backend and model names, question text, feedback, flags) is shown as
written through `markdown_text`: it cannot add formatting, links, images or HTML. Only the
model answer, from the user's own deck, is rendered as Markdown (with `<` escaped)."""

import re
from collections.abc import Mapping

from interviewer.domain import Question, Rubric, Session
from interviewer.store.export_view import QuestionView, SessionView, build_view, fmt_score, fmt_time
from interviewer.store.sanitize import Redactor, markdown_text

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")


def export_markdown(
    session: Session,
    questions: Mapping[str, Question] | None = None,
    rubrics: Mapping[str, Rubric] | None = None,
    redactor: Redactor | None = None,
) -> str:
    """The session as a Markdown document."""
    return render_markdown(build_view(session, questions, rubrics, redactor))


def render_markdown(view: SessionView) -> str:
    out: list[str] = [f"# Interview session {view.id}", ""]
    model = f" ({view.model})" if view.model else ""
    out += [
        f"- **Deck:** {_inline(view.deck)} · **Mode:** {view.mode} · **Status:** {view.status}",
        f"- **Started:** {fmt_time(view.created_at)} · **Last activity:** {fmt_time(view.updated_at)}",
        f"- **Backend:** {_inline(view.backend + model)}",
        f"- **Overall score:** {fmt_score(view.overall)} / 100 {view.counted_text}",
        "",
    ]
    if view.topics:
        out += ["## Scores by topic", "", "| Topic | Score | Questions |", "|---|---:|---:|"]
        out += [f"| {_cell(t.topic)} | {t.score:.1f} | {t.questions} |" for t in view.topics]
        out.append("")
    for question in view.questions:
        out += _question(question)
    if view.other_turns:
        out += ["## Other notes", ""]
        for turn in view.other_turns:
            out += [f"**{turn.speaker} ({turn.kind}):**", "", *_quote(_literal(turn.text)), ""]
    out.append(f"*Exported {fmt_time(view.exported_at)} by interviewer.*")
    return "\n".join(out) + "\n"


def _question(q: QuestionView) -> list[str]:
    out = [f"## {q.number}. {_inline(q.text)}", ""]
    meta = [q.topic] + ([q.difficulty] if q.difficulty else []) + [q.status]
    if q.grade:
        meta.append(f"score {fmt_score(q.grade.score)} / 100 ({q.grade.source})")
    if q.trend:
        meta.append(f"attempts {q.trend}")
    out += [f"*{' · '.join(_inline(m) for m in meta)}*", ""]
    grade = q.grade
    if grade:
        if grade.criteria:
            out += ["| Criterion | Verdict | Points | Evidence (candidate's words) |",
                    "|---|---|---:|---|"]
            for c in grade.criteria:
                verdict = c.verdict + ("" if c.verified else " (unverified)") \
                    + (" (unsure)" if c.unsure else "")
                evidence = "; ".join(f"“{_cell(e)}”" for e in c.evidence) or "—"
                for quote, correction in c.contradicted_by:
                    evidence += (f"<br>wrong claim: “{_cell(quote)}”; "
                                 f"correct: {_cell(correction)}")
                out.append(f"| {_cell(c.description)} | {verdict} | "
                           f"{c.points:g} / {c.max_points:g} | {evidence} |")
            out.append("")
        if grade.misconceptions:
            out += ["**Misconceptions:**", ""]
            out += [f"- {_inline(m.claim)} — in fact: {_inline(m.correction)} (−{m.penalty:g})"
                    for m in grade.misconceptions]
            out.append("")
        if grade.hint_penalty:
            out += [f"**Hints:** {q.hints_used} used, −{grade.hint_penalty:g} points", ""]
        if grade.flags:
            out += [f"**Flags:** {_inline('; '.join(grade.flags))}", ""]
        if grade.feedback:
            out += ["**Feedback:**", "", *_quote(_literal(grade.feedback)), ""]
    for old in q.earlier:
        out.append(f"- Earlier grade: {fmt_score(old.score)} ({_inline(old.source)}, "
                   f"{fmt_time(old.graded_at)})")
    if q.earlier:
        out.append("")
    for d in q.disputes:
        now = f"; graded again: {d.now}" if d.now else ""
        out += [f"**Disputed** (attempt {d.attempt}): {_inline(d.description)} — graded "
                f"{d.verdict} by {_inline(d.source)}{now}", "", *_quote(_literal(d.reason)), ""]
    for earlier in q.earlier_attempts:
        score = fmt_score(earlier.grade.score) if earlier.grade else "not graded"
        out += [f"**Attempt {earlier.number}** (score {score}):", "",
                *_quote(_literal(earlier.answer) or "(no answer)"), ""]
    if q.model_answer:
        out += ["**Model answer:**", "", *_quote(_deck_markdown(q.model_answer)), ""]
    if q.turns:
        out += ["### Transcript", ""]
        for turn in q.turns:
            # every turn is shown exactly as written (a follow-up worded by a model, or read
            # from an imported file, is untrusted like the candidate's words)
            attempt = f", attempt {turn.attempt}" if q.earlier_attempts else ""
            out += [f"**{turn.speaker} ({turn.kind}{attempt}):**", "", *_quote(_literal(turn.text)), ""]
    return out


def _quote(text: str) -> list[str]:
    """A block quote of text that is already safe Markdown."""
    return [f"> {line}".rstrip() for line in (text or " ").split("\n")]


def _deck_markdown(text: str) -> str:
    """The deck's own Markdown (a model answer): rendered, but `<` escaped outside fenced
    code so no renderer reads it as HTML."""
    lines, in_fence = [], False
    for line in text.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence:
            line = line.replace("<", "\\<")
        lines.append(line)
    return "\n".join(lines)


#: Untrusted text that a renderer shows as typed (`__init__` stays `__init__`, no links).
_literal = markdown_text


def _inline(text: str) -> str:
    """Untrusted one-line text (headings, list items, table cells; pipes are escaped too)."""
    return " ".join(markdown_text(text).split())


_cell = _inline
