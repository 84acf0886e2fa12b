"""The built-in interviewer: asks the rubric's own probes, challenges a wrong claim by
quoting it back, and gives the hint ladder's steps as they are."""

from collections.abc import AsyncIterator

from interviewer.engine.protocols import FollowUpRequest
from interviewer.engine.text_spans import quoted_markdown


def challenge_text(quote: str) -> str:
    """A follow-up that makes the candidate reconsider a claim without saying what is wrong
    with it (the feedback says that). The quote is their words, shown literally."""
    quoted = f"“{quoted_markdown(quote)}”" + ("" if quote.rstrip()[-1:] in ".!?" else ".")
    return f"You said: {quoted} Is that right? Walk me through what actually happens there."


class OfflineInterviewer:
    """Needs no key and no network; words nothing itself beyond the rubric's text."""

    name = "offline"

    async def follow_up(self, request: FollowUpRequest) -> AsyncIterator[str]:
        if request.challenge is not None:
            yield challenge_text(request.challenge.quote)
        elif request.probe is not None:
            if request.mentioned:
                # rubric names, not the candidate's words: nothing they typed is echoed here
                names = " and ".join(_as_markdown(n) for n in request.mentioned[:2])
                yield f"You mentioned {names}. {request.probe.question}"
            else:
                yield request.probe.question
        elif request.targets:
            yield f"Could you say more about this: {request.targets[0].description.rstrip('.')}?"

    async def hint(self, request: FollowUpRequest) -> AsyncIterator[str]:
        if request.hint is None:
            yield "Your answer already covers what this question looks for. Submit it when ready."
            return
        yield request.hint.text
