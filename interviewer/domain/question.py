"""Questions and decks: the corpus a session draws from."""

from typing import Literal

from pydantic import Field, field_validator, model_validator

from interviewer.domain.base import NonEmptyText, Slug, StrictModel

#: The fixed topic taxonomy. Keep it small: topics drive selection, reports and progress.
TOPICS: tuple[str, ...] = (
    "fundamentals",   # what PyTorch is, how it compares, why use it
    "tensors",
    "autograd",
    "nn-modules",
    "data-loading",
    "optimization",
    "losses",
    "cnn",
    "activations",
    "architectures",  # perceptrons, feed-forward nets, autoencoders, deep vs shallow
    "gpu-cuda",
    "datasets",
    "evaluation",
    "tooling",
    "training",         # eval/no_grad, checkpoints, initialisation, clipping, fine-tuning, seeds
    "sequence-models",  # RNNs, attention, scaled_dot_product_attention, transformers
    "mixed-precision",  # autocast, GradScaler, bf16
    "compilation",      # torch.compile, graph breaks, recompiles
    "distributed",      # DDP, FSDP, collectives
    "performance",      # profiling, memory, out-of-memory, data-pipeline throughput
    "debugging",        # NaNs, autograd errors, shape and device bugs
    "deployment",       # torch.export, quantisation, serving
)
DIFFICULTIES: tuple[str, ...] = ("easy", "medium", "hard")
Difficulty = Literal["easy", "medium", "hard"]


class Source(StrictModel):
    """Where a question came from: a source document and the question's number in it, or a
    documentation page or release note (by URL) that its answer rests on."""

    doc: NonEmptyText | None = Field(default=None, description="Source document file name.")
    number: int | None = Field(default=None, ge=1,
                               description="The question's number in that document.")
    line: int | None = Field(default=None, ge=1, description="The question's line in that document.")
    raw: str | None = Field(
        default=None, description="The question as written there, markup and all, when the "
        "deck's question text is a cleaned form of it.")
    url: NonEmptyText | None = Field(default=None, description="A page the answer rests on.")
    title: NonEmptyText | None = Field(default=None, description="That page's title.")

    @model_validator(mode="after")
    def _one_kind(self) -> "Source":
        if self.url is None and (self.doc is None or self.number is None):
            raise ValueError("a source names a document and a question number (doc, number), "
                             "or a page (url, optionally title)")
        if self.url is not None and not self.url.startswith("https://"):
            raise ValueError(f"a source url must start with https:// (got {self.url[:40]!r})")
        return self


class Question(StrictModel):
    """One interview question with its reference answer."""

    id: Slug = Field(description="Stable slug; rubrics and history refer to it.")
    question: NonEmptyText
    reference_answer: str = Field(
        default="",
        description="A correct answer. Blank only in a freshly imported deck (lint reports it).",
    )
    topic: Slug = Field(description="A topic of the taxonomy (TOPICS), or of the deck's own "
                        "`deck.topics` when it lists any.")
    difficulty: Difficulty = "medium"
    aliases: list[NonEmptyText] = Field(
        default_factory=list, description="Other phrasings of the same question."
    )
    sources: list[Source] = Field(default_factory=list)
    notes: list[str] = Field(
        default_factory=list,
        description="Editor's notes left by the importer (merges, blank answers) for review.",
    )

    @field_validator("reference_answer")
    @classmethod
    def _strip(cls, value: str) -> str:
        return value.strip()


class DeckMeta(StrictModel):
    """Deck metadata. `name` must equal the file's stem (`corpus/<name>.yaml`)."""

    name: Slug
    title: NonEmptyText
    description: str = ""
    version: int = Field(default=1, ge=1)
    topics: list[Slug] = Field(
        default_factory=list,
        description="The deck's own topics (an imported document's section headings); empty: "
        "the PyTorch taxonomy (TOPICS).",
    )


class Deck(StrictModel):
    """A question deck file: `corpus/<name>.yaml`."""

    schema_version: Literal[1] = 1
    deck: DeckMeta
    questions: list[Question] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> "Deck":
        # One line per duplicate, each starting with its location, so a loader can point at
        # the line of every duplicate (see corpus.yaml_io.validate).
        first: dict[str, int] = {}
        lines = []
        for n, q in enumerate(self.questions):
            if q.id in first:
                lines.append(f"questions[{n}].id: duplicate question id {q.id!r} "
                             f"(first used by questions[{first[q.id]}])")
            first.setdefault(q.id, n)
        allowed = self.deck.topics or TOPICS
        for n, q in enumerate(self.questions):
            if q.topic not in allowed:
                where = "deck.topics" if self.deck.topics else "the taxonomy"
                lines.append(f"questions[{n}].topic: {q.topic!r} is not a topic of {where} "
                             f"({', '.join(allowed)})")
        if lines:
            raise ValueError("\n".join(lines))
        return self

    def get(self, question_id: str) -> Question | None:
        """The question with this id, or None."""
        return next((q for q in self.questions if q.id == question_id), None)
