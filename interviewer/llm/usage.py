"""Token usage and cost, per call and summed over a run."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Usage:
    """Tokens used (and cost in US dollars where the backend knows the price)."""

    input_tokens: int = 0
    output_tokens: int = 0
    calls: int = 0
    #: None when no call reported a price (the openai backend never does: prices vary by
    #: server; litellm knows them for the providers in its local price list).
    cost_usd: float | None = None

    @property
    def total_tokens(self) -> int:
        return self.input_tokens + self.output_tokens

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
        )

    def add(self, other: Usage) -> None:
        """Add `other` in place (a backend's running total)."""
        total = self + other
        self.input_tokens, self.output_tokens = total.input_tokens, total.output_tokens
        self.calls, self.cost_usd = total.calls, total.cost_usd

    def summary(self) -> str:
        """One line for stderr: '3 calls, 1,234 tokens in, 456 out, $0.0012'."""
        cost = f", ${self.cost_usd:.4f}" if self.cost_usd is not None else ""
        return (f"{self.calls} call{'s' if self.calls != 1 else ''}, {self.input_tokens:,} tokens in, "
                f"{self.output_tokens:,} out{cost}")
