"""The unsent text of the current answer: drafts, and text kept from another window.

A draft is saved while the candidate types (the app saves the box whole, plain mode appends
each line), so a crash loses nothing. When another process takes the session over, what
this one was typing is kept for it (`keep_displaced`), and the new owner merges it into its
own draft or, for a question already finished, into that question's transcript
(`take_displaced`). See store/drafts.py and store/session_locks.py.
"""

import os


class SessionDrafts:
    """Draft methods of InterviewSession (uses its `store`, `session`, `record`, `_add_turn`)."""

    def save_draft(self, text: str) -> None:
        """Keep unsent answer-box text so even typing in progress survives a crash."""
        if self.store is not None and self.record is not None and self.record.status == "asking":
            self.store.save_draft(self.session.id, self.record.question_id, text)

    def append_draft(self, lines: list[str]) -> None:
        """Add lines typed in line mode to the draft (the cost is theirs, not the draft's)."""
        if self.store is not None and self.record is not None and self.record.status == "asking":
            self.store.append_draft_lines(self.session.id, self.record.question_id, lines)

    def draft(self) -> str:
        if self.store is None or self.record is None:
            return ""
        return self.store.draft(self.session.id, self.record.question_id) or ""

    def take_displaced(self) -> list:
        """Text typed in a window this session was taken over from: for the current
        question it is added to the draft; for another question it is kept in the
        transcript as a note (never graded). Returned so the screen can say so."""
        if self.store is None or self.record is None or self.record.status != "asking":
            return []
        current = self.record.question_id
        kept = self.store.take_displaced(self.session.id, current)
        for text in kept:
            if text.question_id != current:
                self._add_turn("system", "note", f"Typed in another window (pid {text.pid}) after "
                               f"this session was taken over:\n{text.text}",
                               question_id=text.question_id)
        return kept

    def keep_displaced(self, text: str) -> None:
        """This window lost the session to another process: keep `text` for the new owner."""
        if self.store is not None and self.record is not None:
            self.store.keep_displaced(self.session.id, self.record.question_id, text, os.getpid())
