"""Drafts: the unsent text of an answer, saved while it is typed so a crash loses nothing.

Two ways in, one draft out:
- the app's answer box saves its whole text now and then (`save_draft`, replaces);
- plain mode appends each line as it is entered (`append_draft_lines`): the cost of a save
  is the length of the new lines, not of the whole draft, so an 8,000-line paste stays fast.
The draft is the box's text followed by the appended lines.

Text typed in a window whose session was then taken over by another process is kept apart
(`keep_displaced`) and merged into the new owner's draft (`take_displaced`).
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from interviewer.store import session_rows as rows
from interviewer.store.db import translate_errors


@dataclass(frozen=True)
class DisplacedText:
    """Text typed for `question_id` in another window (process `pid`) after a take-over."""

    question_id: str
    text: str
    pid: int
    saved_at: str


class DraftsMixin:
    """Draft methods of SessionStore (uses its connection, write transactions and redactor)."""

    def save_draft(self, session_id: str, question_id: str, text: str) -> None:
        """Keep the unsent text of the answer box (so typing in progress survives a crash).
        Replaces the draft, lines appended in plain mode included."""
        with self._write(session_id) as conn:
            self._require_session(conn, session_id)
            conn.execute("DELETE FROM draft_lines WHERE session_id = ? AND question_id = ?",
                         (session_id, question_id))
            conn.execute(
                "INSERT INTO drafts (session_id, question_id, text, updated_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (session_id, question_id) DO UPDATE SET text = excluded.text,"
                " updated_at = excluded.updated_at",
                (session_id, question_id, self._redact(text), rows.ts(datetime.now(UTC))),
            )

    def append_draft_lines(self, session_id: str, question_id: str, lines: list[str]) -> None:
        """Add lines to the end of the draft, in one committed transaction whose cost is the
        length of these lines (not of the draft so far)."""
        if not lines:
            return
        with self._write(session_id) as conn:
            self._require_session(conn, session_id)
            start = conn.execute(
                "SELECT coalesce(max(seq), -1) + 1 FROM draft_lines"
                " WHERE session_id = ? AND question_id = ?", (session_id, question_id),
            ).fetchone()[0]
            conn.executemany(
                "INSERT INTO draft_lines (session_id, question_id, seq, text) VALUES (?, ?, ?, ?)",
                [(session_id, question_id, start + n, self._redact(line))
                 for n, line in enumerate(lines)],
            )

    def draft(self, session_id: str, question_id: str) -> str | None:
        """The saved unsent text for this question, if any."""
        with self._read() as conn:
            row = conn.execute(
                "SELECT text FROM drafts WHERE session_id = ? AND question_id = ?",
                (session_id, question_id),
            ).fetchone()
            lines = [r[0] for r in conn.execute(
                "SELECT text FROM draft_lines WHERE session_id = ? AND question_id = ?"
                " ORDER BY seq", (session_id, question_id))]
        if row is None and not lines:
            return None
        return "\n".join(([row[0]] if row and row[0] else []) + lines)

    def clear_draft(self, session_id: str, question_id: str) -> None:
        with self._write(session_id) as conn:
            for table in ("drafts", "draft_lines"):
                conn.execute(f"DELETE FROM {table} WHERE session_id = ? AND question_id = ?",  # noqa: S608
                             (session_id, question_id))

    # ------------------------------------------------------------------ taken-over windows
    def keep_displaced(self, session_id: str, question_id: str, text: str, pid: int) -> None:
        """Keep text typed in this window after another process took the session over (a
        write that needs no lock: it is never lost, and the new owner is shown it)."""
        if not text.strip():
            return
        with self._write() as conn:
            conn.execute(
                "INSERT INTO displaced_texts (session_id, question_id, text, pid, saved_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (session_id, question_id, self._redact(text), pid, rows.ts(datetime.now(UTC))),
            )

    def take_displaced(self, session_id: str, question_id: str) -> list[DisplacedText]:
        """Text other windows kept for this session. What was typed for `question_id` is
        appended to its draft (so it is in the answer box); everything is returned (and
        removed from the table), so the caller can say where it came from and keep the
        text for other questions in the transcript."""
        select = ("SELECT id, question_id, text, pid, saved_at FROM displaced_texts"
                  " WHERE session_id = ? ORDER BY id")
        with self._lock, translate_errors(self.path):  # most of the time there is none
            if not self._conn.execute(select, (session_id,)).fetchone():
                return []
        with self._write(session_id) as conn:
            found = conn.execute(select, (session_id,)).fetchall()
            start = conn.execute(
                "SELECT coalesce(max(seq), -1) + 1 FROM draft_lines"
                " WHERE session_id = ? AND question_id = ?", (session_id, question_id),
            ).fetchone()[0]
            here = [text for _, qid, text, _, _ in found if qid == question_id]
            conn.executemany(
                "INSERT INTO draft_lines (session_id, question_id, seq, text) VALUES (?, ?, ?, ?)",
                [(session_id, question_id, start + n, text) for n, text in enumerate(here)])
            conn.executemany("DELETE FROM displaced_texts WHERE id = ?", [(i,) for i, *_ in found])
        return [DisplacedText(qid, text, pid, at) for _, qid, text, pid, at in found]

    def _require_session(self, conn, session_id: str) -> None:
        if conn.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone() is None:
            raise self._unknown(session_id)
