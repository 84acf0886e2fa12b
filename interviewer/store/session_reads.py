"""Reading one session: its full id from what the user typed (a prefix, or the end History
shows), whether it is stored, and the whole session with its records, grades and turns.

A row damaged by hand-editing is reported as a StoreError naming the session; the other
sessions are unaffected.
"""

import re

from pydantic import ValidationError

from interviewer.domain import Session
from interviewer.store import session_rows as rows
from interviewer.store.db import StoreError, translate_errors
from interviewer.store.session_queries import first_problem


class SessionReadsMixin:
    """One-session read methods of SessionStore (uses its connection, lock and read snapshots)."""

    def resolve_id(self, prefix: str) -> str:
        """The full id for an id, a unique prefix of one, or a unique end of one (History
        shows the last six characters, the id's random part: `a3f9c1`)."""
        prefix = prefix.strip()
        if not prefix:
            raise StoreError("no session id given")
        with self._lock, translate_errors(self.path):
            ids = [r[0] for r in self._conn.execute(
                "SELECT id FROM sessions WHERE id >= ? AND id < ? ORDER BY id LIMIT 6",
                (prefix, prefix + "\U0010ffff"),
            ).fetchall()]
            if not ids:
                pattern = "%" + re.sub(r"([\\%_])", r"\\\1", prefix)
                ids = [r[0] for r in self._conn.execute(
                    "SELECT id FROM sessions WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT 6",
                    (pattern,),
                ).fetchall()]
        if prefix in ids:
            return prefix
        if not ids:
            raise StoreError(f"no session {prefix!r} in the store (see `interviewer sessions list`)")
        if len(ids) > 1:
            more = ", …" if len(ids) > 5 else ""
            raise StoreError(
                f"session id {prefix!r} is ambiguous: it matches {', '.join(ids[:5])}{more}; "
                "give more characters"
            )
        return ids[0]

    def exists(self, session_id: str) -> bool:
        with self._lock, translate_errors(self.path):
            return self._conn.execute(
                "SELECT 1 FROM sessions WHERE id = ?", (session_id,)
            ).fetchone() is not None

    def load(self, session_id: str) -> Session:
        """The whole session (records with grades oldest first, turns in order).
        Accepts a unique id prefix."""
        full_id = self.resolve_id(session_id)
        with self._read() as conn:
            row = conn.execute(rows.SELECT_SESSION, (full_id,)).fetchone()
            if row is None:
                raise self._unknown(full_id)
            fetched = [conn.execute(sql, (full_id,)).fetchall() for sql in (
                rows.SELECT_RECORDS, rows.SELECT_GRADES, rows.SELECT_CRITERIA, rows.SELECT_TURNS,
                rows.SELECT_DISPUTES)]
        try:
            data = rows.session_data(row, *fetched)
        except (rows.DamagedData, ValueError, TypeError) as exc:
            raise StoreError(
                f"session {full_id!r} in {self.path} cannot be read ({exc}); was the file "
                "edited by hand? The other sessions are unaffected."
            ) from None
        try:
            return Session.model_validate(data)
        except ValidationError as exc:
            raise StoreError(
                f"session {full_id!r} in {self.path} cannot be read ({first_problem(exc)}); "
                "was the file edited by hand? The other sessions are unaffected."
            ) from None
