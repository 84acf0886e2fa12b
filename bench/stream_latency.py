"""Does the app stay responsive while a model streams?

Runs the app headless (100x34) on the shipped deck, answers the first question, and lets a
scripted interviewer stream a follow-up at 100 tokens/s (Markdown with a list and a code
block, as models write): 200 tokens (the LLM interviewer's max_tokens) and 600. Meanwhile a probe task on the same event loop asks to wake every 2 ms and
records how late it wakes: the largest lateness is the longest time the screen could not
react to a key. The window runs from the submit key (the answer is stored, the follow-up
decided) to the end of the stream. Target: under 50 ms. The same probe runs for a second with nothing streaming,
as the baseline.

Run: .venv/bin/python bench/stream_latency.py [tokens]
"""

import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["INTERVIEWER_HOME"] = tempfile.mkdtemp(prefix="interviewer-bench-")
os.environ["INTERVIEWER_BACKEND"] = "offline"

from interviewer.domain import SessionConfig  # noqa: E402
from interviewer.settings import load_settings  # noqa: E402
from interviewer.tui.app import make_app  # noqa: E402
from interviewer.tui.screens.interview import InterviewScreen  # noqa: E402

RATE = 100  # tokens per second
TICK = 0.002
REPLY = (
    "You mentioned that **autograd** records operations. Let's go further:\n\n"
    "- What exactly is stored for each operation in the graph?\n"
    "- When you call `loss.backward()`, in which order are the nodes visited?\n"
    "- What happens to the graph afterwards, and how would you keep it?\n\n"
    "For example:\n\n```python\nloss = model(x).sum()\nloss.backward(retain_graph=True)\n```\n\n"
    "Walk me through what `retain_graph=True` changes, and when you would need "
    "`create_graph=True` instead. "
)


def tokens(count: int) -> list[str]:
    """`count` model-sized tokens (about four characters each) of Markdown."""
    text = REPLY * (count * 4 // len(REPLY) + 1)
    out, i = [], 0
    while len(out) < count:
        out.append(text[i:i + 4])
        i += 4
    return out


class PacedInterviewer:
    """Streams a follow-up at RATE tokens per second."""

    name = "paced"

    def __init__(self, count: int):
        self.count = count

    async def follow_up(self, request):
        start = time.perf_counter()
        for n, token in enumerate(tokens(self.count), start=1):
            # paced against the clock, so timer overshoot does not slow the stream down
            await asyncio.sleep(max(0.0, start + n / RATE - time.perf_counter()))
            yield token

    async def hint(self, request):
        yield "A hint."


async def probe(stop: asyncio.Event, lateness: list[float]) -> None:
    while not stop.is_set():
        start = time.perf_counter()
        await asyncio.sleep(TICK)
        lateness.append(time.perf_counter() - start - TICK)


async def main(count: int) -> None:
    app = make_app(load_settings(), start_config=SessionConfig(deck="pytorch", count=1, seed=1))
    async with app.run_test(size=(100, 34)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InterviewScreen), screen
        screen.engine.interviewer = PacedInterviewer(count)

        idle: list[float] = []
        stop = asyncio.Event()
        task = asyncio.create_task(probe(stop, idle))
        await asyncio.sleep(1.0)
        stop.set()
        await task

        screen.box.insert("It records operations.")
        await pilot.pause()
        streaming: list[float] = []
        stop = asyncio.Event()
        task = asyncio.create_task(probe(stop, streaming))
        started = time.perf_counter()
        await pilot.press("ctrl+j")
        await app.workers.wait_for_complete()
        elapsed = time.perf_counter() - started
        stop.set()
        await task
        shown = screen.engine.current_turns()[-1]
        assert shown.kind == "follow_up" and len(shown.text) > count * 3, shown

    def ms(values, q=None):
        if q is None:
            return max(values) * 1000
        return statistics.quantiles(values, n=100)[q - 1] * 1000

    print(f"event-loop lateness (probe wakes every {TICK * 1000:.0f} ms), 100x34 headless:")
    print(f"  idle, 1 s:                       max {ms(idle):5.1f} ms   p99 {ms(idle, 99):5.1f} ms")
    print(f"  streaming {count} tokens at {RATE}/s:  max {ms(streaming):5.1f} ms   "
          f"p99 {ms(streaming, 99):5.1f} ms   p50 {ms(streaming, 50):5.1f} ms")
    print(f"  stream took {elapsed:.2f} s (ideal {count / RATE:.2f} s); target: max < 50 ms")


if __name__ == "__main__":
    # 200 tokens is the most the LLM interviewer asks for (max_tokens); 600 is three times that.
    for count in ([int(sys.argv[1])] if len(sys.argv) > 1 else [200, 600]):
        asyncio.run(main(count))
