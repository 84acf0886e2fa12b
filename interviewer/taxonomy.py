"""The topic and difficulty names, spelled out without pydantic.

`interviewer.domain` (TOPICS, DIFFICULTIES) is the source of truth, but importing it builds
every pydantic model (~60 ms with pydantic itself). The command-line parser (`--topic`,
`--difficulty` choices) and Home's first paint use these copies instead; a test checks that
they equal the domain's.
"""

TOPICS: tuple[str, ...] = (
    "fundamentals", "tensors", "autograd", "nn-modules", "data-loading", "optimization",
    "losses", "cnn", "activations", "architectures", "gpu-cuda", "datasets", "evaluation",
    "tooling", "training", "sequence-models", "mixed-precision", "compilation", "distributed",
    "performance", "debugging", "deployment",
)
DIFFICULTIES: tuple[str, ...] = ("easy", "medium", "hard")
