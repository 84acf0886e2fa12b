"""Plain mode (`interviewer practice --plain`) saving a pasted answer as its draft: 8,000 lines
arrive at once through a pipe, as a terminal paste does; the time is from the paste to the
moment the whole draft is in the store (read back by a second connection, as after a crash).

For comparison, the same lines typed one by one (each line its own committed, fsync'd
transaction, as when a person types) are timed too: that cost is the disk's fsync, once per
line, and is independent of how long the draft already is.

Run: .venv/bin/python bench/plain_paste.py [--lines 8000]   (in a temporary folder; set
TMPDIR to measure another disk)
Target: the 8,000-line paste is saved in < 1 s.
"""

import argparse
import io
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TARGET_S = 1.0
LINE = "pasted from my notes: autograd records every operation on tensors into a graph"


def wait_for(condition, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("timed out")
        time.sleep(0.002)


def paste(lines: int) -> float:
    """Seconds from writing the paste into the pipe to the draft holding all of it."""
    from interviewer.cli import plain_runner
    from interviewer.domain import SessionConfig
    from interviewer.settings import load_settings
    from interviewer.store.session_store import SessionStore

    settings = load_settings()
    read_end, write_end = os.pipe()
    out = io.StringIO()
    runner = threading.Thread(target=plain_runner.run_plain, daemon=True, args=(
        settings, SessionConfig(count=1, topics=["autograd"], seed=1), None,
        os.fdopen(read_end, "r"), out))
    runner.start()
    wait_for(lambda: "Question 1 of 1" in out.getvalue())
    session_id = out.getvalue().split()[1]
    reader = SessionStore.open(settings)
    question_id = reader.load(session_id).records[0].question_id
    text = "".join(f"{LINE} {n}\n" for n in range(lines)).encode()

    start = time.perf_counter()
    os.write(write_end, text)
    wait_for(lambda: (reader.draft(session_id, question_id) or "").count("\n") == lines - 1)
    elapsed = time.perf_counter() - start
    os.write(write_end, b".\n:quit\n")
    os.close(write_end)
    runner.join()
    reader.close()
    return elapsed


def typed(lines: int) -> tuple[float, float]:
    """Milliseconds per line to save early lines (500-999) and the last 500 one transaction each
    (a person typing): equal when a save costs the new line, not the draft so far."""
    from interviewer.domain import QuestionRecord, Session, SessionConfig
    from interviewer.settings import load_settings
    from interviewer.store.session_store import SessionStore

    with SessionStore.open(load_settings()) as store:
        store.create(Session(id="20260101-000000-bench0", config=SessionConfig(),
                             records=[QuestionRecord(question_id="q", status="asking")]))
        times = []
        for n in range(lines):
            start = time.perf_counter()
            store.append_draft_lines("20260101-000000-bench0", "q", [f"{LINE} {n}"])
            times.append(time.perf_counter() - start)
        window = min(500, lines // 4)   # after a warm-up window (the file and WAL grow first)
        early = times[window:2 * window]
        return 1000 * sum(early) / window, 1000 * sum(times[-window:]) / window


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=8000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="interviewer-bench-") as home:
        os.environ["INTERVIEWER_HOME"] = home
        pasted = paste(args.lines)
        first, last = typed(args.lines)
    print(f"plain_paste: {args.lines:,} lines of {len(LINE) + 5} characters")
    print(f"  pasted (arrives at once): draft saved in {pasted:.3f} s — target < {TARGET_S:g} s: "
          f"{'met' if pasted < TARGET_S else 'NOT met'}")
    print(f"  typed one by one (a transaction each): lines 500-999 {first:.2f} ms per line, "
          f"last 500 lines {last:.2f} ms per line (ratio {last / first:.2f}; 1 = a save costs "
          "the new line, not the draft)")


if __name__ == "__main__":
    main()
