"""The built-in interviewer: asks the rubric's own probes, gives rubric-based hints."""

import re
from collections.abc import AsyncIterator

from interviewer.engine.protocols import FollowUpRequest


def _as_markdown(name: str) -> str:
    """Interviewer turns render as Markdown: code-like names (`__init__`, `.grad`) in backticks
    so they are not read as emphasis."""
    return f"`{name}`" if re.search(r"[_().\[\]*]", name) else name


class OfflineInterviewer:
    """Needs no key and no network; words nothing itself beyond the rubric's text."""

    name = "offline"

    async def follow_up(self, request: FollowUpRequest) -> AsyncIterator[str]:
        if request.probe is not None:
            if request.mentioned:
                # rubric names, not the candidate's words: nothing they typed is echoed
                names = " and ".join(_as_markdown(n) for n in request.mentioned[:2])
                yield f"You mentioned {names}. {request.probe.question}"
            else:
                yield request.probe.question
        elif request.targets:
            yield f"Could you say more about this: {request.targets[0].description.rstrip('.')}?"

    async def hint(self, request: FollowUpRequest) -> AsyncIterator[str]:
        if not request.targets:
            yield "Your answer already covers what this question looks for. Submit it when ready."
            return
        criterion = request.targets[0]
        ideas = ", ".join(_as_markdown(concept.name) for concept in criterion.concepts[:3])
        yield f"Think about: {ideas}."
