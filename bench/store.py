"""Store benchmark: write 10,000 turns (each its own fsync'd commit, as in the app) across
1,000 sessions, then list the 1,000 sessions; print per-operation times and the file size.

Run: .venv/bin/python bench/store.py   (in a temporary folder, nothing kept; set TMPDIR to
measure another disk: the fsync per commit is what the disk decides)
Targets: an answer is durable in < 10 ms at the median (the user never waits on the store);
listing 1,000 sessions takes < 100 ms (the History screen opens at once).
"""

import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from interviewer.domain import (  # noqa: E402
    CriterionResult,
    Evidence,
    Grade,
    QuestionRecord,
    Session,
    SessionConfig,
    Turn,
)
from interviewer.store.export_html import export_html  # noqa: E402
from interviewer.store.export_json import export_json  # noqa: E402
from interviewer.store.progress import topic_scores  # noqa: E402
from interviewer.store.sanitize import Redactor  # noqa: E402
from interviewer.store.session_store import SessionStore  # noqa: E402

SESSIONS = 1_000
QUESTIONS = 5
TURNS_PER_QUESTION = 2          # question + answer: 10 turns per session, 10,000 in all
TOPICS = ("tensors", "autograd", "optimization", "losses", "cnn")
ANSWER = ("backward() accumulates gradients into .grad, so they must be reset before each batch; "
          "otherwise the update mixes in the previous batch's gradients. ") * 3


class Timer:
    def __init__(self) -> None:
        self.samples: dict[str, list[float]] = {}

    def time(self, name: str, func, *args):
        start = time.perf_counter()
        result = func(*args)
        self.samples.setdefault(name, []).append(time.perf_counter() - start)
        return result

    def report(self) -> None:
        print(f"{'operation':<28} {'count':>7} {'median ms':>10} {'p95 ms':>9} {'total s':>8}")
        for name, values in self.samples.items():
            ordered = sorted(values)
            p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
            print(f"{name:<28} {len(values):>7} {statistics.median(values) * 1000:>10.2f} "
                  f"{p95 * 1000:>9.2f} {sum(values):>8.2f}")


def grade(question_id: str, n: int) -> Grade:
    return Grade(
        question_id=question_id, score=float((n * 37) % 101),
        criteria=[
            CriterionResult(id=f"c{k}", verdict="partial", points=12.5, max_points=25,
                            evidence=[Evidence(quote="accumulates gradients", start=12, end=33,
                                               verified=True)], rationale="states it")
            for k in range(4)
        ],
        feedback="Say why stale gradients matter.", rubric_version=1, rubric_hash="0" * 16,
    )


def main() -> int:
    timer = Timer()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "interviewer.db"
        store = timer.time("open (new file)", SessionStore, path, Redactor())
        start_all = time.perf_counter()
        t0 = datetime(2026, 1, 1, tzinfo=UTC)
        for s in range(SESSIONS):
            qids = [f"q{(s + k) % 40}" for k in range(QUESTIONS)]
            session = Session(
                id=f"20260101-{s:06d}-{s * 7919 % 16**6:06x}", created_at=t0 + timedelta(hours=s), config=SessionConfig(),
                records=[QuestionRecord(question_id=q, topic=TOPICS[k]) for k, q in enumerate(qids)],
            )
            timer.time("create session", store.create, session)
            seq = 0
            for k, qid in enumerate(qids):
                for role, kind, text in (("interviewer", "question", f"Question {qid}?"),
                                         ("candidate", "answer", ANSWER)):
                    turn = Turn(seq=seq, question_id=qid, role=role, kind=kind, text=text)
                    timer.time("append_turn (fsync'd)", store.append_turn, session.id, turn)
                    seq += 1
                timer.time("add_grade (4 criteria)", store.add_grade, session.id, qid, grade(qid, s + k))
                session.records[k].status = "graded"
                session.current = k + 1
                timer.time("save_state", store.save_state, session)
            if s % 100 == 0:
                timer.time("save_draft", store.save_draft, session.id, qids[0], "typing…")
        write_s = time.perf_counter() - start_all
        for _ in range(20):
            rows = timer.time("list 1,000 sessions", store.list_sessions)
        assert len(rows) == SESSIONS
        for n in range(0, SESSIONS, 50):
            timer.time("load session (prefix)", store.load, f"20260101-{n:06d}-")
        for _ in range(5):
            timer.time("topic_scores (5,000 grades)", topic_scores, store)
        session = store.load("20260101-000000")
        for _ in range(5):
            timer.time("export json", export_json, session)
            timer.time("export html", export_html, session)
        store.close()
        size = path.stat().st_size
        for _ in range(5):
            reopened = timer.time("open (existing, checked)", SessionStore, path, Redactor())
            reopened.close()

    n_turns = SESSIONS * QUESTIONS * TURNS_PER_QUESTION
    print(f"wrote {n_turns:,} turns, {SESSIONS * QUESTIONS:,} grades in {SESSIONS:,} sessions "
          f"in {write_s:.1f} s")
    timer.report()
    print(f"database size: {size / 1e6:.1f} MB ({size / n_turns:.0f} bytes per turn incl. grades)")
    median_turn = statistics.median(timer.samples["append_turn (fsync'd)"]) * 1000
    median_list = statistics.median(timer.samples["list 1,000 sessions"]) * 1000
    print(f"target: append_turn median < 10 ms -> {median_turn:.2f} ms "
          f"({'ok' if median_turn < 10 else 'MISSED'})")
    print(f"target: list 1,000 sessions < 100 ms -> {median_list:.1f} ms "
          f"({'ok' if median_list < 100 else 'MISSED'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
