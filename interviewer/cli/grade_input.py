"""The ANSWERS input of `interviewer grade`: a file or standard input, checked whole before
anything is graded, then streamed entry by entry while grading.

Limits (README "Grading a cohort"): a file or standard input of at most MAX_INPUT_BYTES
(standard input is copied to a temporary file as it is read, and refused past the same
limit); an answer of at most MAX_ANSWER_CHARS characters; an entry nested at most MAX_DEPTH
levels. Invalid UTF-8 and lone surrogates are shown as U+FFFD, with a warning naming the line.
"""

from __future__ import annotations

import re
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from interviewer.cli.answer_streams import (
    MAX_DEPTH,
    Utf8Text,
    json_entries,
    jsonl_entries,
    yaml_entries,
)
from interviewer.corpus.problems import CorpusError, Problem
from interviewer.domain.limits import MAX_TEXT_CHARS
from interviewer.text_safety import LONE_SURROGATE, valid_unicode

if TYPE_CHECKING:
    from interviewer.domain import Deck, Question

#: The largest ANSWERS file (or standard input) read: 256 MiB.
MAX_INPUT_BYTES = 256 * 1024 * 1024
#: The longest answer graded (longer text is cut for grading by the grader itself).
MAX_ANSWER_CHARS = MAX_TEXT_CHARS
#: Displayed for standard input in messages.
STDIN = Path("<stdin>")

__all__ = ["MAX_ANSWER_CHARS", "MAX_DEPTH", "MAX_INPUT_BYTES", "AnswerFile", "AnswerItem",
           "open_answers", "resolve_question"]


@dataclass(frozen=True)
class AnswerItem:
    """One entry of the ANSWERS file."""

    index: int
    where: str          # "answers.yaml:12: answers[3]" for messages
    question_ref: str   # the id or text the file gave
    by_text: bool
    answer: str


class AnswerFile:
    """An ANSWERS file that can be read twice: `check()` reads it whole and raises every
    problem at once (nothing is graded from a broken file); `items()` then streams it."""

    def __init__(self, path: Path, shown: Path, fmt: str, spool: IO[bytes] | None = None):
        self.path = path          # what is read (a temporary copy for standard input)
        self.shown = shown        # how messages name it
        self.fmt = fmt            # "json" | "jsonl" | "yaml"
        self._spool = spool
        #: Entries in the file (known after `check()`).
        self.count = 0

    def close(self) -> None:
        if self._spool is not None:
            self._spool.close()

    def __enter__(self) -> AnswerFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def check(self, on_item: Callable[[AnswerItem], None] | None = None) -> list[Problem]:
        """Read every entry; raise CorpusError with every error, return the warnings.
        `on_item` sees each valid entry (e.g. to look up its question in the same pass)."""
        problems: list[Problem] = []
        warnings: list[Problem] = []
        count = 0
        with self._open() as (text, entries):
            for n, line, data in entries:
                count += 1
                item = check_entry(self.shown, n, line, data, problems, warnings)
                if item is not None and on_item is not None:
                    on_item(item)
            warnings += [Problem(self.shown, "invalid UTF-8 shown as U+FFFD", line=line,
                                 severity="warning") for line in text.bad_lines]
        if problems:
            raise CorpusError(problems)
        self.count = count
        return sorted(warnings, key=lambda p: p.line or 0)

    def items(self) -> Iterator[AnswerItem]:
        """Every entry as an AnswerItem, one at a time (after `check()` passed)."""
        with self._open() as (_, entries):
            for n, line, data in entries:
                item = check_entry(self.shown, n, line, data, [], [])
                if item is not None:
                    yield item

    def _open(self):
        return _Opened(self)


class _Opened:
    """The file opened for one pass: (Utf8Text, entry iterator)."""

    def __init__(self, source: AnswerFile):
        self.source = source
        self.raw: IO[bytes] | None = None

    def __enter__(self):
        source = self.source
        if source._spool is not None:
            source._spool.seek(0)
            self.raw = _Unclosed(source._spool)
        else:
            try:
                self.raw = source.path.open("rb")
            except OSError as exc:
                raise CorpusError([Problem(source.shown,
                                           f"cannot be read: {exc.strerror or exc}")]) from None
        text = Utf8Text(self.raw)
        reader = {"json": json_entries, "jsonl": jsonl_entries, "yaml": yaml_entries}[source.fmt]
        return text, reader(text, source.shown)

    def __exit__(self, *exc: object) -> None:
        if self.raw is not None:
            self.raw.close()


class _Unclosed:
    """The spooled copy of standard input, read again by the next pass (not closed)."""

    def __init__(self, handle: IO[bytes]):
        self._handle = handle

    def read(self, size: int = -1) -> bytes:
        return self._handle.read(size)

    def close(self) -> None:
        pass


def open_answers(source: str) -> AnswerFile:
    """The ANSWERS argument (a path, or '-' for standard input) ready to check and read.
    Raises CorpusError when it is missing, not a file, binary or over the size limit."""
    if source == "-":
        return _spool_stdin()
    path = Path(source)
    try:
        if path.is_dir():
            raise CorpusError([Problem(path, "is a folder, not a file")])
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8192)
    except FileNotFoundError:
        raise CorpusError([Problem(path, "no such file")]) from None
    except OSError as exc:
        raise CorpusError([Problem(path, f"cannot be read: {exc.strerror or exc}")]) from None
    if size > MAX_INPUT_BYTES:
        raise CorpusError([Problem(path, _too_big(f"is {size:,} bytes"))])
    if b"\x00" in head:
        raise CorpusError([Problem(path, "looks like a binary file, not text")])
    return AnswerFile(path, path, _format(path, head))


def _too_big(what: str) -> str:
    return (f"{what}; the limit is {MAX_INPUT_BYTES // (1024 * 1024)} MiB "
            f"({MAX_INPUT_BYTES:,} bytes): split the answers into several files")


def _spool_stdin() -> AnswerFile:
    """Copy standard input to a temporary file (so it can be read twice), up to the limit."""
    stream = getattr(sys.stdin, "buffer", None)
    spool = tempfile.TemporaryFile(prefix="interviewer-answers-")
    total = 0
    try:
        if stream is None:  # a text stream (tests): encode what it gives
            while chunk := sys.stdin.read(1 << 16):
                data = chunk.encode("utf-8", "surrogatepass")
                total += len(data)
                if total > MAX_INPUT_BYTES:
                    break
                spool.write(data)
        else:
            while chunk := stream.read(1 << 16):
                total += len(chunk)
                if total > MAX_INPUT_BYTES:
                    break
                spool.write(chunk)
        if total > MAX_INPUT_BYTES:
            raise CorpusError([Problem(STDIN, _too_big("is larger than the limit"))])
        spool.seek(0)
        head = spool.read(8192)
    except BaseException:
        spool.close()
        raise
    if b"\x00" in head:
        spool.close()
        raise CorpusError([Problem(STDIN, "looks like binary data, not text")])
    return AnswerFile(STDIN, STDIN, _format(STDIN, head), spool)


def _format(path: Path, head: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix == ".json":
        return "json"
    if path != STDIN:
        return "yaml"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if start == b"[":
        return "json"
    if start == b"{":
        # One object per line (JSON Lines) or one document over many lines?
        first = head.lstrip(b"\xef\xbb\xbf \t\r\n").split(b"\n", 1)[0].strip()
        return "jsonl" if first.endswith(b"}") and b'"answer' in first else "json"
    return "yaml"


# ------------------------------------------------------------------------- one entry
_KEYS = {"question_id", "question", "answer"}


def check_entry(path: Path, n: int, line: int, entry: Any, problems: list[Problem],
                warnings: list[Problem]) -> AnswerItem | None:
    """The entry as an AnswerItem, or None with its problems added to `problems`."""
    where = f"answers[{n}]"
    if not isinstance(entry, dict):
        problems.append(Problem(path, "must be a mapping with question_id and answer", where, line))
        return None
    unknown = sorted(valid_unicode(str(k)) for k in entry if k not in _KEYS)
    if unknown:
        problems.append(Problem(path, f"unknown key(s) {', '.join(unknown)} (expected "
                                "question_id or question, and answer)", where, line))
    ref, by_text = entry.get("question_id"), False
    if ref is None and entry.get("question") is not None:
        ref, by_text = entry.get("question"), True
    if ref is None or not str(ref).strip():
        problems.append(Problem(path, "needs question_id (or question)", where, line))
        return None
    if isinstance(ref, dict | list):
        problems.append(Problem(path, "question_id must be text", f"{where}.question_id", line))
        return None
    if "answer" not in entry:
        problems.append(Problem(path, "needs an answer", where, line))
        return None
    answer = entry["answer"]
    if answer is None:
        answer = ""
    elif isinstance(answer, bool) or not isinstance(answer, str | int | float):
        problems.append(Problem(path, f"answer must be text (got {type(answer).__name__})",
                                f"{where}.answer", line))
        return None
    answer = str(answer)
    if len(answer) > MAX_ANSWER_CHARS:
        problems.append(Problem(path, f"answer is {len(answer):,} characters; the limit is "
                                f"{MAX_ANSWER_CHARS:,}", f"{where}.answer", line))
        return None
    ref = str(ref).strip()
    if LONE_SURROGATE.search(answer) or LONE_SURROGATE.search(ref):
        # only a JSON or YAML escape such as "\ud800" gives one: it is not a character
        warnings.append(Problem(path, "invalid Unicode escape (a lone surrogate) shown as U+FFFD",
                                where, line, severity="warning"))
        answer, ref = valid_unicode(answer), valid_unicode(ref)
    place = f"{path}:{line}: {where}" if line else f"{path}: {where}"
    return AnswerItem(n, place, ref, by_text, answer)


# ------------------------------------------------------------------------- questions
def _norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def resolve_question(deck: Deck, item: AnswerItem) -> Question | None:
    """The question an item refers to: by id; or by its text (exact after normalising, or
    one clearly closest phrasing, to forgive a typo or a changed word)."""
    if not item.by_text:
        return deck.get(item.question_ref)
    wanted = _norm(item.question_ref)
    texts: list[tuple[str, Question]] = []
    for question in deck.questions:
        for text in (question.question, *question.aliases):
            if _norm(text) == wanted:
                return question
            texts.append((_norm(text), question))
    from rapidfuzz import fuzz, process

    best = process.extract(wanted, [t for t, _ in texts], scorer=fuzz.ratio, limit=2,
                           score_cutoff=90)
    if not best:
        return None
    if len(best) == 2 and texts[best[0][2]][1] is not texts[best[1][2]][1] \
            and best[0][1] - best[1][1] < 3:
        return None  # two different questions fit about equally: do not guess
    return texts[best[0][2]][1]
