"""Home's deck list (name, title, question count, questions per topic) kept in a small JSON
cache, so the next start lists the decks at once instead of after parsing every deck and
rubric (~0.4 s). The cache is keyed by the deck files' paths, sizes and modification times:
any change to a deck file and it is not used. The full catalog still loads right after, and
its list replaces the cached one. No pydantic here: this runs before the domain models load.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interviewer.atomic_files import atomic_write_text

if TYPE_CHECKING:
    from interviewer.corpus.catalog import Catalog

CACHE_VERSION = 1


@dataclass(frozen=True)
class DeckSummary:
    name: str
    title: str
    questions: int
    topics: dict[str, int]


def cache_file(home: Path) -> Path:
    return Path(home) / "cache" / "decks.json"


def fingerprint(roots: list[Path]) -> list[list[Any]]:
    """Each deck file's path, size and modification time (what the list depends on)."""
    out: list[list[Any]] = []
    for root in roots:
        folder = Path(root) / "corpus"
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            out.append([str(folder), None, None])
            continue
        for entry in entries:
            if entry.name.endswith((".yaml", ".yml")) and entry.is_file():
                stat = entry.stat()
                out.append([entry.path, stat.st_size, stat.st_mtime_ns])
    return out


def cached_decks(home: Path, roots: list[Path]) -> list[DeckSummary] | None:
    """The cached list, if it was made from exactly these deck files (else None)."""
    try:
        data = json.loads(cache_file(home).read_text(encoding="utf-8"))
        if data.get("version") != CACHE_VERSION or data.get("fingerprint") != fingerprint(roots):
            return None
        return [DeckSummary(d["name"], d["title"], int(d["questions"]), dict(d["topics"]))
                for d in data["decks"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def raw_summaries(roots: list[Path]) -> list[DeckSummary]:
    """The deck list read from the deck files as plain YAML, unvalidated (a first start, with
    no cache yet: the validated catalog follows and replaces it). A later root's deck of the
    same name wins, as in the catalog; files that do not parse are left to the catalog to
    report."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    decks: dict[str, DeckSummary] = {}
    for root in roots:
        for path in sorted((Path(root) / "corpus").glob("*.y*ml")):
            try:
                data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
                meta, questions = data["deck"], data["questions"]
                topics = Counter(str(q["topic"]) for q in questions)
                decks[str(meta["name"])] = DeckSummary(
                    str(meta["name"]), str(meta.get("title") or meta["name"]), len(questions),
                    dict(sorted(topics.items())))
            except (OSError, UnicodeError, yaml.YAMLError, KeyError, TypeError, AttributeError):
                continue
    return [decks[name] for name in sorted(decks)]


def summaries(catalog: Catalog) -> list[DeckSummary]:
    return [DeckSummary(name, deck.deck.title, len(deck.questions),
                        dict(sorted(Counter(q.topic for q in deck.questions).items())))
            for name, deck in sorted(catalog.decks.items())]


def write_cache(home: Path, roots: list[Path], catalog: Catalog) -> None:
    """Keep the catalog's deck list for the next start (best effort: a read-only home folder
    only means the next start lists the decks a little later)."""
    path = cache_file(home)
    data = {"version": CACHE_VERSION, "fingerprint": fingerprint(roots),
            "decks": [asdict(s) for s in summaries(catalog)]}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, json.dumps(data))
    except OSError:
        pass
