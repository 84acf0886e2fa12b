"""Write a deck as YAML a person can review: block style, `|` blocks for multi-line answers,
keys in schema order, defaults left out, sources one per line as `{doc: ..., number: N}`."""

from pathlib import Path
from typing import Any

import yaml

from interviewer.domain import Deck

#: Kept even when blank, so the editor sees where an answer is missing.
_ALWAYS = ("reference_answer",)


class _Flow(dict):
    """A mapping written on one line."""


class _Block(str):
    """A string always written as a `|` block (a reference answer reads best that way)."""


class _DeckDumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        # indent list items under their key ("questions:\n  - id: ...")
        return super().increase_indent(flow, False)


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _block(dumper: yaml.SafeDumper, value: _Block) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style="|")


def _flow(dumper: yaml.SafeDumper, value: _Flow) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", value, flow_style=True)


_DeckDumper.add_representer(str, _str)
_DeckDumper.add_representer(_Flow, _flow)
_DeckDumper.add_representer(_Block, _block)


def deck_to_data(deck: Deck) -> dict[str, Any]:
    """The deck as plain data in schema key order, defaults left out."""
    questions = []
    for question in deck.questions:
        full = question.model_dump(mode="json")
        slim = question.model_dump(mode="json", exclude_defaults=True)
        entry = {k: v for k, v in full.items() if k in slim or k in _ALWAYS}
        if entry.get("reference_answer"):
            # the trailing newline gives a plain `|` (the loader strips it again)
            entry["reference_answer"] = _Block(entry["reference_answer"] + "\n")
        if "sources" in entry:
            entry["sources"] = [_Flow(s.model_dump(mode="json", exclude_none=True))
                                for s in question.sources]
        questions.append(entry)
    return {
        "schema_version": deck.schema_version,
        "deck": deck.deck.model_dump(mode="json", exclude_defaults=True),
        "questions": questions,
    }


def dump_deck(deck: Deck) -> str:
    """The deck as YAML text."""
    return dump_for_review(deck_to_data(deck))


def dump_for_review(data: dict[str, Any]) -> str:
    """Data files (decks, rubrics) as YAML a person edits: block style, keys in the order
    given, multi-line text as `|` blocks, lines never folded."""
    return yaml.dump(
        data,
        Dumper=_DeckDumper,
        sort_keys=False,
        allow_unicode=True,
        width=4096,  # never fold long lines: a folded plain scalar confuses a human editor
        default_flow_style=False,
    )


def write_deck(deck: Deck, path: Path) -> None:
    """Write the deck to `path` (parent folders are created; the old file or the new one,
    never half of one). Raises OSError if it cannot."""
    from interviewer.atomic_files import atomic_write_text

    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, dump_deck(deck))
