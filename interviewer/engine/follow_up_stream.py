"""Streaming a model-written follow-up or hint so that only a complete text is ever kept.

A stream that is cut (the connection drops, it ends without a finish reason, or it stops at
the length limit) is asked once more; the consumer is told to drop what it showed of the cut
attempt by a RESTART chunk. A second cut is the caller's to handle (the engine asks the
rubric's own probe). A follow-up that repeats one already asked is not asked again.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable

from interviewer.llm.errors import StreamInterruptedError

#: Attempts at a streamed reply: the first, and one more after a cut.
STREAM_ATTEMPTS = 2
#: Two follow-ups this similar (rapidfuzz ratio, on normalised text) are the same question.
REPEAT_SIMILARITY = 90


class StreamRestart(str):
    """Yielded between attempts. Empty, so joining chunks is unharmed, but a consumer that
    shows chunks as they come must clear what it showed (`is_restart`)."""


RESTART = StreamRestart("")


def is_restart(chunk: str) -> bool:
    return isinstance(chunk, StreamRestart)


async def complete_stream(make_stream: Callable[[], AsyncIterator[str]],
                          attempts: int = STREAM_ATTEMPTS) -> AsyncIterator[str]:
    """The chunks of `make_stream()`; after a cut, RESTART and a fresh attempt. The last
    attempt's StreamInterruptedError is raised (its text must not be kept)."""
    for attempt in range(1, attempts + 1):
        try:
            async for chunk in make_stream():
                yield chunk
            return
        except StreamInterruptedError:
            if attempt >= attempts:
                raise
            yield RESTART


def collect(chunks: list[str]) -> str:
    """The text of the last attempt in `chunks` (everything after the last RESTART)."""
    text: list[str] = []
    for chunk in chunks:
        if is_restart(chunk):
            text.clear()
        else:
            text.append(chunk)
    return "".join(text).strip()


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def repeats(text: str, asked: list[str]) -> bool:
    """Whether `text` asks what one of `asked` already asked (same words, or nearly)."""
    from rapidfuzz import fuzz

    wanted = _norm(text)
    if not wanted:
        return False
    return any(_norm(a) == wanted or fuzz.ratio(_norm(a), wanted) >= REPEAT_SIMILARITY
               for a in asked)
