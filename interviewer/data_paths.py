"""Where the shipped decks and rubrics live (in a checkout, or inside an installed wheel)."""

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def shipped_root() -> Path:
    """The folder holding `corpus/` and `rubrics/`.

    An installed wheel carries them in `interviewer/_data/`; an editable install or a checkout
    uses the repository's top-level folders.
    """
    bundled = _PACKAGE / "_data"
    if (bundled / "corpus").is_dir():
        return bundled
    return _PACKAGE.parent


def shipped_corpus_dir() -> Path:
    return shipped_root() / "corpus"


def shipped_rubrics_dir() -> Path:
    return shipped_root() / "rubrics"
