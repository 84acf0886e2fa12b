"""Nothing typed is lost: kill -9 a real session process mid-answer, then resume it."""

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "engine"
FULL = {
    "from-numpy": "torch.from_numpy wraps a NumPy ndarray as a tensor with the same dtype. The tensor "
                  "shares memory with the array, so modifying one in place is reflected in the other.",
    "zero-grad": "backward() accumulates gradients into .grad, so you reset them before each batch.",
    "overfitting": "Fitting noise in the training data; use dropout, weight decay, early stopping.",
}

pytestmark = pytest.mark.slow


class Proc:
    """A line-mode session in a subprocess, read by a thread so reads can time out."""

    def __init__(self, *args: str):
        env = {**os.environ, "INTERVIEWER_DATA_DIR": str(FIXTURES), "PYTHONUNBUFFERED": "1"}
        self.p = subprocess.Popen(
            [sys.executable, "-m", "interviewer", "practice", "--plain", *args],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True, env=env,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self):
        for line in self.p.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, prefix: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                continue
            self.seen.append(line)
            if line.startswith(prefix):
                return line
        raise AssertionError(f"never saw {prefix!r}; output so far:\n" + "\n".join(self.seen))

    def type(self, text: str):
        self.p.stdin.write(text + "\n")
        self.p.stdin.flush()


def current_question(proc: Proc) -> str:
    """The id of the question just asked, read from the store (the prompt shows its text)."""
    from interviewer.settings import load_settings
    from interviewer.store.session_store import SessionStore

    store = SessionStore.open(load_settings())
    try:
        session = store.load(proc.session_id)
        return session.current_record.question_id
    finally:
        store.close()


def test_kill_minus_nine_mid_answer_then_resume_with_every_answer(isolated_home):
    from interviewer.settings import load_settings
    from interviewer.store.session_store import SessionStore

    proc = Proc("--deck", "mini", "--count", "3", "--seed", "3")
    proc.session_id = proc.wait_for("Session ").split()[1]
    proc.wait_for("Question 1 of 3")
    first = current_question(proc)
    proc.type(FULL[first] + "\n.")
    proc.wait_for("Score:")
    proc.wait_for("Question 2 of 3")
    second = current_question(proc)
    proc.type("first line of an unfinished answer")
    proc.type("second line")

    store = SessionStore.open(load_settings())
    deadline = time.monotonic() + 30
    while store.draft(proc.session_id, second) != "first line of an unfinished answer\nsecond line":
        assert time.monotonic() < deadline, "the typed lines never reached the store"
        time.sleep(0.05)
    proc.p.send_signal(signal.SIGKILL)
    proc.p.wait(timeout=30)

    stored = store.load(proc.session_id)
    assert stored.status == "active"
    assert stored.answer_text(first) == FULL[first]
    assert stored.records[0].grade is not None
    assert stored.current_record.question_id == second
    store.close()

    again = Proc("--resume", proc.session_id)
    again.session_id = proc.session_id
    again.wait_for(f"Resuming session {proc.session_id}")
    again.wait_for("Question 2 of 3")
    again.wait_for("(your unsent draft: first line of an unfinished answer")
    again.type(".")                      # submit the recovered draft as the answer
    again.wait_for("Score:")
    again.wait_for("Question 3 of 3")
    third = current_question(again)
    again.type(FULL[third] + "\n.")
    again.wait_for("Session finished.")
    assert again.p.wait(timeout=30) == 0

    store = SessionStore.open(load_settings())
    final = store.load(proc.session_id)
    store.close()
    assert final.status == "finished"
    assert final.answer_text(second) == "first line of an unfinished answer\nsecond line"
    assert final.answer_text(third) == FULL[third]
    assert all(r.grade is not None for r in final.records)
