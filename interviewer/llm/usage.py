"""Token usage and cost, per call and summed over a run."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Usage:
    """Requests made, tokens used (and cost in US dollars where the backend knows the price).

    `requests` counts every HTTP request sent to the server: transport retries (429, 5xx,
    timeouts), re-asks after invalid output and resends without an option the server refused
    are all included, so the figure matches the server's own count. `calls` counts the
    replies our code asked for (a re-ask is a call; a retry is not)."""

    input_tokens: int = 0
    output_tokens: int = 0
    calls: int = 0
    #: None when no call reported a price (the openai backend never does: prices vary by
    #: server; litellm knows them for the providers in its local price list).
    cost_usd: float | None = None
    requests: int = 0
    #: Calls that re-asked after output that failed validation.
    reasks: int = 0

    @property
    def total_tokens(self) -> int:
        return self.input_tokens + self.output_tokens

    @property
    def retries(self) -> int:
        """Requests beyond the calls: the transport's retries and resends."""
        return max(0, self.requests - self.calls)

    def __add__(self, other: Usage) -> Usage:
        cost = (
            None if self.cost_usd is None and other.cost_usd is None
            else (self.cost_usd or 0.0) + (other.cost_usd or 0.0)
        )
        return Usage(
            input_tokens=self.input_tokens + other.input_tokens,
            output_tokens=self.output_tokens + other.output_tokens,
            calls=self.calls + other.calls,
            cost_usd=cost,
            requests=self.requests + other.requests,
            reasks=self.reasks + other.reasks,
        )

    def add(self, other: Usage) -> None:
        """Add `other` in place (a backend's running total)."""
        total = self + other
        self.input_tokens, self.output_tokens = total.input_tokens, total.output_tokens
        self.calls, self.cost_usd = total.calls, total.cost_usd
        self.requests, self.reasks = total.requests, total.reasks

    def add_tokens(self, other: Usage) -> None:
        """Add only the tokens and cost of `other` (the requests are counted as they are sent)."""
        self.add(Usage(input_tokens=other.input_tokens, output_tokens=other.output_tokens,
                       cost_usd=other.cost_usd))

    def summary(self) -> str:
        """One line for stderr: '32 requests (3 retries, 1 re-ask), 1,234 tokens in, 456 out,
        $0.0012'."""
        requests = max(self.requests, self.calls)
        extra = []
        if self.retries:
            extra.append(f"{self.retries} retr{'y' if self.retries == 1 else 'ies'}")
        if self.reasks:
            extra.append(f"{self.reasks} re-ask{'s' if self.reasks != 1 else ''}")
        detail = f" ({', '.join(extra)})" if extra else ""
        cost = f", ${self.cost_usd:.4f}" if self.cost_usd is not None else ""
        return (f"{requests} request{'s' if requests != 1 else ''}{detail}, "
                f"{self.input_tokens:,} tokens in, {self.output_tokens:,} out{cost}")
