"""Writing sessions: a new session with everything under it, each turn as it is said, the
session's progress, every grade and dispute, and deleting a session.

Each method is one committed write transaction (SessionStore._write): when it returns, the
data survives a crash. Text goes through the store's Redactor on its way in (session_rows).
"""

import sqlite3
from datetime import UTC, datetime

from interviewer.domain import Dispute, Grade, Session, Turn
from interviewer.store import session_rows as rows
from interviewer.store.db import StoreError


class SessionWritesMixin:
    """Write methods of SessionStore (uses its write transactions and redactor)."""

    def create(self, session: Session) -> None:
        """Store a new session with its records, turns and any grades (an import has them)."""
        with self._write() as conn:
            try:
                conn.execute(rows.INSERT_SESSION, (
                    session.id, rows.ts(session.created_at),
                    *rows.session_values(session, self._redact),
                ))
            except sqlite3.IntegrityError:
                raise StoreError(f"a session with id {session.id} is already stored") from None
            try:
                conn.executemany(rows.INSERT_RECORD, rows.record_rows(session))
            except sqlite3.IntegrityError:
                raise StoreError(f"session {session.id} lists a question twice") from None
            try:
                conn.executemany(
                    rows.INSERT_TURN,
                    [rows.turn_row(session.id, t, self._redact) for t in session.turns],
                )
            except sqlite3.IntegrityError:
                raise StoreError(f"session {session.id} has two turns with the same seq") from None
            for record in session.records:
                for grade in record.grades:
                    self._insert_grade(conn, session.id, record.question_id, grade)
            try:
                conn.executemany(rows.UPSERT_DISPUTE, [
                    rows.dispute_row(session.id, d, self._redact) for d in session.disputes])
            except sqlite3.IntegrityError:
                raise StoreError(f"session {session.id} disputes a question it does not "
                                 "have") from None

    def append_turn(self, session_id: str, turn: Turn) -> None:
        """Add one turn; committed (and fsync'd) before this returns. Appending the very same
        turn again is a no-op, so a retried call is harmless."""
        row = rows.turn_row(session_id, turn, self._redact)
        with self._write(session_id) as conn:
            try:
                conn.execute(rows.INSERT_TURN, row)
            except sqlite3.IntegrityError:
                stored = conn.execute(
                    "SELECT question_id, role, kind, text, targets FROM turns"
                    " WHERE session_id = ? AND seq = ?", (session_id, turn.seq),
                ).fetchone()
                if stored is None:
                    raise self._unknown(session_id) from None
                if tuple(stored) == row[2:7]:
                    return
                raise StoreError(
                    f"session {session_id}: turn {turn.seq} is already stored with other content"
                ) from None
            conn.execute(
                "UPDATE sessions SET updated_at = max(updated_at, ?) WHERE id = ?",
                (row[7], session_id),
            )

    def save_state(self, session: Session) -> None:
        """Persist the session's progress: status, current question, config and each record's
        status, counters and timestamps (grades and turns have their own methods)."""
        with self._write(session.id) as conn:
            updated = conn.execute(
                rows.UPDATE_SESSION, (*rows.session_values(session, self._redact), session.id)
            )
            if updated.rowcount == 0:
                raise self._unknown(session.id)
            stored = dict(conn.execute(
                "SELECT position, question_id FROM records WHERE session_id = ?", (session.id,)
            ).fetchall())
            for position, record in enumerate(session.records):
                if stored.get(position, record.question_id) != record.question_id:
                    raise StoreError(
                        f"session {session.id}: question {position + 1} is "
                        f"{stored[position]!r} in the store, not {record.question_id!r}"
                    )
            conn.executemany(rows.UPSERT_RECORD, rows.record_rows(session))

    def add_grade(self, session_id: str, question_id: str, grade: Grade) -> None:
        """Store a grade beside any earlier ones for the question (a re-grade never replaces)."""
        with self._write(session_id) as conn:
            self._insert_grade(conn, session_id, question_id, grade)
            conn.execute(
                "UPDATE sessions SET updated_at = max(updated_at, ?) WHERE id = ?",
                (rows.ts(datetime.now(UTC)), session_id),
            )

    def save_dispute(self, session_id: str, dispute: Dispute) -> None:
        """Store a dispute (one per criterion of an attempt: a second one replaces the first).
        The grade it disputes is left exactly as it was."""
        with self._write(session_id) as conn:
            try:
                conn.execute(rows.UPSERT_DISPUTE, rows.dispute_row(session_id, dispute, self._redact))
            except sqlite3.IntegrityError:
                raise StoreError(f"cannot store a dispute for {dispute.question_id!r}: session "
                                 f"{session_id!r} has no such question") from None

    def withdraw_dispute(self, session_id: str, question_id: str, attempt: int,
                         criterion_id: str) -> None:
        with self._write(session_id) as conn:
            conn.execute(
                "DELETE FROM disputes WHERE session_id = ? AND question_id = ? AND attempt = ?"
                " AND criterion_id = ?", (session_id, question_id, attempt, criterion_id))

    def delete(self, session_id: str) -> str:
        """Delete a session and everything under it (id or unique prefix); returns the id.
        Deleted text is overwritten in the file (secure_delete), not just unlinked."""
        full_id = self.resolve_id(session_id)
        with self._write() as conn:
            conn.execute("DELETE FROM sessions WHERE id = ?", (full_id,))
        return full_id

    def _insert_grade(self, conn: sqlite3.Connection, session_id: str, question_id: str,
                      grade: Grade) -> None:
        row, criteria = rows.grade_rows(session_id, question_id, grade, self._redact)
        try:
            cursor = conn.execute(rows.INSERT_GRADE, row)
        except sqlite3.IntegrityError:
            raise StoreError(
                f"cannot store a grade for {question_id!r}: session {session_id!r} has no such "
                "question"
            ) from None
        conn.executemany(rows.INSERT_CRITERION, criteria(cursor.lastrowid))
