"""The catalog: every deck and rubric found in the shipped data and the user's data folder."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from interviewer.corpus.problems import CorpusError, Problem, errors
from interviewer.corpus.yaml_io import line_in_file, line_of, read_yaml, validate
from interviewer.domain import Deck, Question, Rubric


def load_deck_file(path: Path) -> tuple[Deck | None, list[Problem]]:
    """Load and validate one deck file; the deck's name must equal the file's stem."""
    data, node, problems = read_yaml(path)
    if problems:
        return None, problems
    deck, problems = validate(Deck, data, path, node)
    if deck is not None and deck.deck.name != path.stem:
        problems.append(
            Problem(path, f"deck.name is {deck.deck.name!r} but the file is {path.name}: "
                    f"rename one so they match", where="deck.name",
                    line=line_of(node, ("deck", "name")))
        )
    return deck, problems


def load_rubric_file(path: Path) -> tuple[Rubric | None, list[Problem]]:
    """Load and validate one rubric; its question_id must equal the file's stem."""
    data, node, problems = read_yaml(path)
    if problems:
        return None, problems
    rubric, problems = validate(Rubric, data, path, node)
    if rubric is not None and rubric.question_id != path.stem:
        problems.append(
            Problem(path, f"question_id is {rubric.question_id!r} but the file is {path.name}",
                    where="question_id", line=line_of(node, ("question_id",)))
        )
    return rubric, problems


@dataclass
class Catalog:
    """Decks by name, rubrics by deck and question id, and every problem met loading them."""

    decks: dict[str, Deck] = field(default_factory=dict)
    rubrics: dict[str, dict[str, Rubric]] = field(default_factory=dict)
    deck_paths: dict[str, Path] = field(default_factory=dict)
    rubric_paths: dict[tuple[str, str], Path] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def deck(self, name: str) -> Deck:
        """The deck, or a CorpusError that lists the decks there are."""
        if name not in self.decks:
            known = ", ".join(sorted(self.decks)) or "none"
            raise CorpusError([Problem(Path(name), f"no deck named {name!r} (decks: {known})")])
        return self.decks[name]

    def question(self, deck: str, question_id: str) -> Question | None:
        found = self.decks.get(deck)
        return found.get(question_id) if found else None

    def rubric(self, deck: str, question_id: str) -> Rubric | None:
        return self.rubrics.get(deck, {}).get(question_id)

    def questions(self, deck: str | None = None) -> Iterator[tuple[str, Question]]:
        for name, found in sorted(self.decks.items()):
            if deck is None or name == deck:
                for question in found.questions:
                    yield name, question

    def raise_for_errors(self) -> "Catalog":
        if errors(self.problems):
            raise CorpusError(errors(self.problems))
        return self


def load_catalog(roots: Iterable[Path]) -> Catalog:
    """Load `<root>/corpus/*.yaml` and `<root>/rubrics/<deck>/*.yaml` from each root.

    A later root's deck replaces an earlier one of the same name (the user's data folder
    overrides the shipped deck). Problems are collected, never raised.
    """
    catalog = Catalog()
    for root in roots:
        for path in sorted((root / "corpus").glob("*.y*ml")):
            deck, problems = load_deck_file(path)
            catalog.problems += problems
            if deck is not None and not errors(problems):
                catalog.decks[deck.deck.name] = deck
                catalog.deck_paths[deck.deck.name] = path
                catalog.rubrics.pop(deck.deck.name, None)
        rubric_root = root / "rubrics"
        for path in sorted(rubric_root.glob("*/*.y*ml")):
            deck_name = path.parent.name
            rubric, problems = load_rubric_file(path)
            catalog.problems += problems
            if rubric is None or errors(problems):
                continue
            if deck_name not in catalog.decks:
                catalog.problems.append(Problem(path, f"rubric for unknown deck {deck_name!r}",
                                                line=line_in_file(path, ())))
                continue
            if catalog.decks[deck_name].get(rubric.question_id) is None:
                catalog.problems.append(
                    Problem(path, f"rubric for unknown question {rubric.question_id!r} "
                            f"(not in deck {deck_name!r})", where="question_id",
                            line=line_in_file(path, ("question_id",)))
                )
                continue
            catalog.rubrics.setdefault(deck_name, {})[rubric.question_id] = rubric
            catalog.rubric_paths[(deck_name, rubric.question_id)] = path
    return catalog


def default_roots(data_dir: Path | None = None) -> list[Path]:
    """The shipped data, then the user's data folder (if configured)."""
    from interviewer.data_paths import shipped_root

    roots = [shipped_root()]
    if data_dir is not None:
        roots.append(Path(data_dir))
    return roots


def load_default_catalog(data_dir: Path | None = None) -> Catalog:
    return load_catalog(default_roots(data_dir))
