"""`interviewer corpus import`: Markdown Q&A documents -> a deck, merged and flagged for review.

Reading and parsing is `markdown_parse`, near-duplicate detection `question_merge`, topic
guessing `topic_guess`, YAML writing `deck_writer`. This module puts them together and keeps
the record of what it did (merges, blank answers, dropped page lines) for the report.
"""

import re
import string
import unicodedata
from dataclasses import dataclass, field
from collections.abc import Callable
from pathlib import Path

from interviewer.corpus.deck_writer import write_deck
from interviewer.corpus.markdown_parse import ParsedDocument, ParsedQA, parse_document
from interviewer.corpus.problems import Problem, errors
from interviewer.corpus.question_merge import group_near_duplicates
from interviewer.corpus.topic_guess import FALLBACK_TOPIC, guess_topic
from interviewer.corpus.yaml_io import read_text
from interviewer.domain import Deck, Question

__all__ = ["ImportResult", "Merge", "SourceRef", "import_documents", "slugify", "write_deck"]

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ID_PREFIX = re.compile(
    r"^(?:what do you (?:mean|understand) (?:by|from)(?: the (?:word|term))?"
    r"|what is meant by|(?:what|which) (?:is|are|was|were)(?: the| an| a)?"
    r"|(?:can you |could you )?(?:give|tell|explain|describe|define)(?: me| anyone| us)?(?: the| an| a)?)\s+"
)
_MAX_ID = 60
NO_QUESTIONS = (
    "no questions found (expected question headings such as '## 1. What is X?', "
    "numbered bold questions '1. **What is X?**', 'Q:' lines or bold question lines)"
)


@dataclass(frozen=True)
class SourceRef:
    """One question in one source document."""

    doc: str      # the document's file name (what the deck's `sources` record)
    number: int   # the document's own number for the question, or its ordinal
    label: str    # short form for the report: "A#14"
    line: int

    @property
    def at(self) -> str:
        """`notes.md:12`: where to look in the source document."""
        return f"{self.doc}:{self.line}"

    @property
    def full(self) -> str:
        return f"{self.doc}#{self.number}"


@dataclass(frozen=True)
class Merge:
    """A question folded into an earlier one that asks the same thing."""

    kept: SourceRef
    merged: SourceRef
    question: str          # the kept question's text
    merged_question: str   # the folded question's own wording
    merged_blank: bool = False


@dataclass
class ImportResult:
    """The imported deck (None when a file could not be used), and what the import did."""

    deck: Deck | None
    problems: list[Problem] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)
    #: refs, question, why (a placeholder's text, or "" for an empty answer)
    blanks: list[tuple[list[SourceRef], str, str]] = field(default_factory=list)
    dropped: list[tuple[SourceRef, list[str]]] = field(default_factory=list)
    documents: list[tuple[str, str, int]] = field(default_factory=list)  # label, name, count
    parsed_documents: dict[str, ParsedDocument] = field(default_factory=dict)  # by label
    topics_from: str = "taxonomy"   # or "sections": the documents' own section headings

    @property
    def parsed(self) -> int:
        return sum(n for *_, n in self.documents)

    def report_lines(self) -> list[str]:
        """What the import did, one line per fact, for a person to review."""
        lines = []
        if self.documents:
            lines.append("documents: " + ", ".join(
                f"{label} = {name} ({n} questions)" for label, name, n in self.documents))
        for m in self.merges:
            was = ("same wording" if m.merged_question == m.question
                   else f"was {_quote(m.merged_question)}")
            blank = ", its answer was blank" if m.merged_blank else ""
            lines.append(f"merged {m.merged.label} into {m.kept.label} {_quote(m.question)} "
                         f"({was}{blank})")
        for label, parsed in self.parsed_documents.items():
            lines.append(f"layout of {label}: {parsed.layout.describe()}")
        for refs, question, why in self.blanks:
            where = ", ".join(f"{r.label} ({r.at})" for r in refs)
            reason = f"{why}, " if why else ""
            lines.append(f"blank answer: {where} {_quote(question)} ({reason}left empty, "
                         "noted for review)")
        for ref, dropped in self.dropped:
            lines.append(f"dropped {len(dropped)} stray page line(s) after {ref.label}: "
                         + "; ".join(_quote(x) for x in dropped))
        if self.deck is not None:
            lines.append(
                f"{self.parsed} questions read, {len(self.merges)} merged into others, "
                f"{len(self.deck.questions)} entries, {len(self.blanks)} with a blank answer"
            )
            if self.topics_from == "sections" and self.deck.deck.topics != ["general"]:
                lines.append(f"topics from the documents' section headings: "
                             f"{', '.join(self.deck.deck.topics)}")
        return lines


def _quote(text: str, limit: int = 70) -> str:
    text = text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
    return f"'{text}'"


def _label(n: int) -> str:
    """A, B, ..., Z, AA, AB, ..."""
    out = ""
    n += 1
    while n:
        n, rem = divmod(n - 1, 26)
        out = string.ascii_uppercase[rem] + out
    return out


def slugify(question: str, taken: set[str] | None = None) -> str:
    """A short id from the question's words, unique among `taken` (which it updates)."""
    text = unicodedata.normalize("NFKD", question).encode("ascii", "ignore").decode().lower()
    text = " ".join(re.findall(r"[a-z0-9]+", text))
    text = _ID_PREFIX.sub("", text + " ").strip() or text
    slug = ""
    for word in text.split():
        if slug and len(slug) + 1 + len(word) > _MAX_ID:
            break
        slug = f"{slug}-{word}" if slug else word[:_MAX_ID]
    slug = slug or "question"
    if taken is not None:
        base, n = slug, 2
        while slug in taken:
            slug = f"{base}-{n}"
            n += 1
        taken.add(slug)
    return slug


def _read(path: Path) -> tuple[ParsedDocument | None, list[Problem]]:
    text, problems = read_text(path)
    if text is None:
        return None, problems
    parsed = parse_document(text)
    if not parsed.questions:
        return None, [Problem(path, NO_QUESTIONS)]
    return parsed, []


def _best_answer(answers: list[str]) -> int | None:
    """Index of the answer to keep: the fullest non-blank one (first among equals)."""
    scored = [(len(a.split()), -i) for i, a in enumerate(answers) if a.strip()]
    return -max(scored)[1] if scored else None


Progress = Callable[[str, int, int], None]


def import_documents(paths: list[Path], deck_name: str, *,
                     progress: Progress | None = None) -> ImportResult:
    """Read Markdown Q&A documents into one deck named `deck_name`.

    Near-duplicate questions become one entry (first wording as the question, the others as
    aliases, every source kept, the fullest answer kept); blank and placeholder answers stay
    blank with a note. Topics come from the taxonomy for a PyTorch deck, else from the
    documents' section headings. Any file that cannot be read, or holds no questions, is a
    problem and no deck is made. `progress(stage, done, total)` is called on long work.
    """
    result = ImportResult(deck=None)
    if not _SLUG.match(deck_name or "") or len(deck_name) > 80:
        result.problems.append(Problem(Path(deck_name or "''"), "is not a valid deck name: use "
                                       "lower-case words joined by hyphens, e.g. my-notes"))
    if not paths:
        result.problems.append(Problem(Path("."), "no Markdown files given"))
    items: list[tuple[SourceRef, ParsedQA]] = []
    seen_paths: set[Path] = set()
    names: dict[str, Path] = {}
    for path in paths:
        key = path.resolve() if path.exists() else path
        if key in seen_paths:
            continue
        seen_paths.add(key)
        parsed, problems = _read(path)
        result.problems += problems
        if parsed is None:
            continue
        found = parsed.questions
        if path.name in names:
            result.problems.append(Problem(path, f"has the same file name as {names[path.name]}: "
                                           "sources name documents by file name; rename one"))
            continue
        names[path.name] = path
        label = _label(len(result.documents))
        result.documents.append((label, path.name, len(found)))
        result.parsed_documents[label] = parsed
        for ordinal, qa in enumerate(found, start=1):
            number = qa.number if qa.number is not None and qa.number >= 1 else ordinal
            tag = f"{label}#{number}" if len(paths) > 1 else f"#{number}"
            items.append((SourceRef(path.name, number, tag, qa.line), qa))
    if errors(result.problems):
        return result

    questions: list[Question] = []
    taken: set[str] = set()
    use_sections = _topics_from_sections(deck_name, [qa for _, qa in items])
    result.topics_from = "taxonomy" if use_sections is False else "sections"
    topics: list[str] = []
    merge_progress = (lambda done, total: progress("merging", done, total)) if progress else None
    for group in group_near_duplicates([qa.question for _, qa in items], progress=merge_progress):
        members = [items[i] for i in group]
        refs = [ref for ref, _ in members]
        primary_ref, primary = members[0]
        for ref, qa in members:
            if qa.dropped:
                result.dropped.append((ref, qa.dropped))
        for ref, qa in members[1:]:
            result.merges.append(Merge(primary_ref, ref, primary.question, qa.question, qa.blank))
        best = _best_answer([qa.answer for _, qa in members])
        answer = members[best][1].answer if best is not None else ""
        notes = []
        if len(members) > 1:
            kept_from = f" (answer kept from {refs[best].full})" if best is not None else ""
            notes.append(f"merged from {', '.join(r.full for r in refs)}{kept_from}; "
                         "check the other answers for anything it lacks")
        if best is None:
            why = next((qa.placeholder for _, qa in members if qa.placeholder), "")
            result.blanks.append((refs, primary.question, why))
            detail = f": {why}" if why else ""
            notes.append(f"blank answer in the source ({', '.join(r.at for r in refs)}{detail}); "
                         "write a reference answer")
        aliases: list[str] = []
        for _, qa in members[1:]:
            if _same_words(qa.question, primary.question) or any(
                _same_words(qa.question, a) for a in aliases
            ):
                continue
            aliases.append(qa.question)
        sources = []
        for ref, qa in members:
            source = {"doc": ref.doc, "number": ref.number, "line": ref.line}
            if qa.raw and _bare(qa.raw) != _bare(qa.question):
                source["raw"] = qa.raw
            if all((s["doc"], s["number"]) != (ref.doc, ref.number) for s in sources):
                sources.append(source)
        if use_sections:
            section = next((qa.section for _, qa in members if qa.section), None)
            topic = slugify(section)[:40].rstrip("-") if section else "general"
            if topic not in topics:
                topics.append(topic)
        elif use_sections is None:
            topic = "general"
            topics[:] = ["general"]
        else:
            topic = guess_topic(primary.question, answer)
        difficulty = next((qa.difficulty for _, qa in members if qa.difficulty), None)
        questions.append(Question.model_validate({
            "id": slugify(primary.question, taken),
            "question": primary.question,
            "reference_answer": answer,
            "topic": topic,
            **({"difficulty": difficulty} if difficulty else {}),
            "aliases": aliases,
            "sources": sources,
            "notes": notes,
        }))
    result.deck = Deck.model_validate({
        "deck": {
            "name": deck_name,
            "title": deck_name.replace("-", " ").capitalize(),
            "description": "Imported from " + ", ".join(n for _, n, _ in result.documents)
            + " by `interviewer corpus import`; review the notes, topics and difficulties.",
            **({"topics": topics} if use_sections is not False else {}),
        },
        "questions": questions,
    })
    return result


_TORCH = re.compile(r"\b(?:py)?torch\b", re.IGNORECASE)


def _topics_from_sections(deck_name: str, found: list[ParsedQA]) -> bool | None:
    """True: topics from the documents' section headings. False: the PyTorch taxonomy (the
    deck is about PyTorch: its name says so, a quarter of its questions mention (Py)Torch, or,
    with no sections, half of them name a taxonomy topic's keyword). None: one "general" topic.
    """
    mentions = sum(1 for qa in found if _TORCH.search(qa.question) or _TORCH.search(qa.answer))
    if "torch" in deck_name or mentions * 4 >= len(found):
        return False
    if any(qa.section for qa in found):
        return True
    fits = sum(1 for qa in found if guess_topic(qa.question) != FALLBACK_TOPIC)
    return False if fits * 2 >= len(found) else None


_MARKUP = re.compile(r"^\s*(?:#{1,6}\s+)?(?:[-*+]\s+)?(?:\*\*)?(?:\d{1,5}[.)]\s+)?|[*_]{1,2}|\s+#*\s*$")


def _bare(text: str) -> str:
    """The words of a question line without heading, list and emphasis markers."""
    return " ".join(_MARKUP.sub(" ", text).split())


def _same_words(a: str, b: str) -> bool:
    return re.findall(r"\w+", a.lower()) == re.findall(r"\w+", b.lower())
