"""The built-in interviewer: asks the rubric's own probes, challenges a wrong claim by
quoting it back, and gives the hint ladder's steps as they are."""

import re
from collections.abc import AsyncIterator

from interviewer.engine.protocols import FollowUpRequest
from interviewer.engine.text_spans import quoted_markdown


def challenge_text(quote: str) -> str:
    """A follow-up that makes the candidate reconsider a claim without saying what is wrong
    with it (the feedback says that). The quote is their words, shown literally."""
    quoted = f"“{quoted_markdown(quote)}”" + ("" if quote.rstrip()[-1:] in ".!?" else ".")
    return f"You said: {quoted} Is that right? Walk me through what actually happens there."


_CODE_NAME = re.compile(r"`[^`]*`|(?<![\w`])(__\w+__|\w+(?:\.\w+)*_\w+(?:\(\))?)(?![\w`])")


def code_names_as_code(text: str) -> str:
    """A rubric's probe with identifiers (`__iter__`, `pin_memory`, `torch.no_grad()`) in
    backticks, so the Markdown of the interviewer's turn does not read their underscores as
    emphasis ("Inside __iter__" showed as a bold "iter"). Existing code spans are kept."""
    return _CODE_NAME.sub(lambda m: m.group(0) if m.group(1) is None else f"`{m.group(1)}`", text)


class OfflineInterviewer:
    """Needs no key and no network; words nothing itself beyond the rubric's text."""

    name = "offline"

    async def follow_up(self, request: FollowUpRequest) -> AsyncIterator[str]:
        if request.challenge is not None:
            yield challenge_text(request.challenge.quote)
        elif request.probe is not None:
            probe = code_names_as_code(request.probe.question)
            if request.mentioned:
                # rubric names, not the candidate's words: nothing they typed is echoed here
                names = " and ".join(code_names_as_code(n) for n in request.mentioned[:2])
                yield f"You mentioned {names}. {probe}"
            else:
                yield probe
        elif request.targets:
            yield f"Could you say more about this: {request.targets[0].description.rstrip('.')}?"

    async def hint(self, request: FollowUpRequest) -> AsyncIterator[str]:
        if request.hint is None:
            yield "Your answer already covers what this question looks for. Submit it when ready."
            return
        yield request.hint.text
