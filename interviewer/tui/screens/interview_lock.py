"""The interview screen's side of the session lock (store/session_locks.py).

While the screen is open its heartbeat keeps the lock fresh. If another interviewer takes
the session over, this screen turns read-only at once (at the next heartbeat or the next
save, whichever comes first) and keeps what is in the answer box for the other one; text
the other window kept for us is added to the answer box, with a note saying so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from interviewer.store.session_locks import HEARTBEAT_S, SessionTakenOver

if TYPE_CHECKING:
    from interviewer.tui.screens.interview import InterviewScreen

#: The only actions left once the session was taken over.
READ_ONLY_ACTIONS = frozenset({"leave", "help", "request_quit", "quit"})


class LockWatch:
    """Heartbeat, take-over and kept text for one interview screen."""

    def __init__(self, screen: InterviewScreen):
        self.screen = screen
        #: Set once another process took the session over (the message to show).
        self.lost_to: str | None = None

    @property
    def engine(self):
        return self.screen.engine

    def start(self) -> None:
        store = self.engine.store
        if store is not None and hasattr(store, "heartbeat"):
            self.screen.set_interval(HEARTBEAT_S, self.beat)

    def beat(self) -> None:
        """Refresh the lock; pick up text another window kept for this question."""
        if self.lost_to is not None:
            return
        try:
            self.engine.store.heartbeat(self.engine.session.id)
            self.merge_kept_text(into_box=True)
        except SessionTakenOver as lost:
            self.lost(lost, self.screen.box.text)
        except Exception:  # noqa: BLE001 - a busy or full disk: the next save says so
            pass

    def merge_kept_text(self, *, into_box: bool) -> None:
        """Text typed in a window this session was taken over from: into the draft (and the
        box, while typing) with a note; for a finished question, into its transcript."""
        if self.lost_to is not None:
            return
        kept = self.engine.take_displaced()
        if not kept:
            return
        current = self.engine.record.question_id if self.engine.record else None
        here = [k for k in kept if k.question_id == current]
        if into_box and here:
            box = self.screen.box
            joined = "\n".join(k.text for k in here)
            box.set_text((box.text.rstrip("\n") + "\n" + joined) if box.text.strip() else joined)
            self.screen.save_draft_now()
        pids = ", ".join(sorted({str(k.pid) for k in kept}))
        where = "your answer box" if here else "the transcript"
        self.screen.notify(f"Text typed in another window (pid {pids}) after it was taken "
                           f"over was added to {where}.", timeout=10)

    def lost(self, error: SessionTakenOver, text: str) -> None:
        """Another process has the session now: keep what of `text` it does not have yet
        (beyond the draft last saved here, which it read); go read-only here."""
        saved = self.screen.saved_draft
        if saved and text.startswith(saved):
            text = text[len(saved):]
        if self.lost_to is None:
            self.lost_to = str(error)
            screen = self.screen
            screen.box.read_only = True
            screen.set_status(f"{error} Press {screen._key('interview.leave')} to leave.",
                              error=True)
            screen.refresh_bindings()
        if text.strip():
            try:
                self.engine.keep_displaced(text)
            except Exception as exc:  # noqa: BLE001 - say so; the text is still in the box
                self.screen.notify(f"Could not keep your text for the other window: {exc}",
                                   severity="error", timeout=20)

    def allows(self, action: str) -> bool:
        return self.lost_to is None or action in READ_ONLY_ACTIONS
