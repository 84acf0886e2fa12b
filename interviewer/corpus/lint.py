"""Lint decks and rubrics: everything wrong in every file, reported at once.

Schema errors come from loading; this adds cross-file checks (coverage, blank answers,
duplicates). Checks that need the engine (does each model answer pass its own rubric?) are
passed in as `extra_checks` by the caller, so this module stays below the engine.
"""

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from interviewer.corpus.catalog import Catalog, load_catalog, load_deck_file, load_rubric_file
from interviewer.corpus.problems import Problem, errors
from interviewer.corpus.yaml_io import line_in_file, read_yaml

Check = Callable[[Catalog], list[Problem]]


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def lint_catalog(catalog: Catalog, extra_checks: Iterable[Check] = ()) -> list[Problem]:
    problems = list(catalog.problems)
    for name, deck in sorted(catalog.decks.items()):
        path = catalog.deck_paths[name]
        rubrics = catalog.rubrics.get(name, {})
        seen: dict[str, str] = {}
        rubric_dir = path.parent.parent / "rubrics" / name
        missing: list[str] = []
        for n, q in enumerate(deck.questions):
            where = f"questions[{n}] ({q.id})"
            line = line_in_file(path, ("questions", n))
            if not q.reference_answer:
                problems.append(Problem(path, "reference_answer is blank: write one "
                                        "(reference-only grading needs it)", where=where,
                                        line=line_in_file(path, ("questions", n, "reference_answer"))
                                        or line))
            for note in q.notes:
                problems.append(Problem(path, f"note to review: {note}", where=where,
                                        severity="warning", line=line))
            key = _norm(q.question)
            if key in seen:
                problems.append(Problem(path, f"same question text as {seen[key]!r}",
                                        where=where, severity="warning", line=line))
            seen.setdefault(key, q.id)
            if q.id not in rubrics and not any(
                (rubric_dir / f"{q.id}{ext}").is_file() for ext in (".yaml", ".yml")
            ):  # a rubric that exists but failed to load has its own problems listed
                missing.append(q.id)
        if missing:
            problems.append(_missing_rubrics(path, name, deck, rubrics, missing))
    for check in extra_checks:
        problems += check(catalog)
    return problems


def _missing_rubrics(path: Path, name: str, deck, rubrics: dict, missing: list[str]) -> Problem:
    """One line for every question of a deck without a rubric.

    A deck with no rubrics at all (a freshly imported one), or whose rubrics are all drafts
    still being written, is usable: those questions are graded reference-only (a warning).
    A deck with reviewed rubrics must have them all (an error)."""
    reviewed = any(r.status == "reviewed" for r in rubrics.values())
    shown = ", ".join(missing[:8]) + (f", ... ({len(missing) - 8} more)" if len(missing) > 8 else "")
    if not reviewed:
        return Problem(path, f"{len(missing)} of {len(deck.questions)} questions have no rubric "
                       f"(graded reference-only): {shown}; draft them with `interviewer corpus "
                       f"draft-rubrics --deck {name}`", severity="warning")
    first = deck.questions.index(deck.get(missing[0]))
    return Problem(path, f"no rubric for {len(missing)} question(s) (expected "
                   f"rubrics/{name}/<id>.yaml): {shown}", where=f"questions[{first}] ({missing[0]})",
                   line=line_in_file(path, ("questions", first)))


def lint_roots(roots: list[Path], extra_checks: Iterable[Check] = ()) -> tuple[list[Problem], str]:
    catalog = load_catalog(roots)
    problems = lint_catalog(catalog, extra_checks)
    n_rubrics = sum(len(r) for r in catalog.rubrics.values())
    n_questions = sum(len(d.questions) for d in catalog.decks.values())
    return problems, f"{len(catalog.decks)} deck(s), {n_questions} questions, {n_rubrics} rubrics"


def lint_path(path: Path, extra_checks: Iterable[Check] = ()) -> tuple[list[Problem], str]:
    """Lint a folder (with corpus/ and/or rubrics/), a deck file, or a rubric file."""
    if path.is_dir():
        if (path / "corpus").is_dir() or (path / "rubrics").is_dir():
            return lint_roots([path], extra_checks)
        files = sorted(path.glob("*.y*ml"))
        if not files:
            return [Problem(path, "no YAML files here (and no corpus/ or rubrics/ folder)")], "0 files"
        problems = [p for f in files for p in _lint_file(f, extra_checks)]
        return problems, f"{len(files)} file(s)"
    return _lint_file(path, extra_checks), "1 file"


def _lint_file(path: Path, extra_checks: Iterable[Check] = ()) -> list[Problem]:
    """A deck file is linted as in its folder (blank answers, notes, duplicates, rubric
    coverage, with its rubrics from ../rubrics/<deck>/ when they are there); a rubric file
    is checked against the schema."""
    data, _node, problems = read_yaml(path)
    if problems:
        return problems
    is_rubric = isinstance(data, dict) and "question_id" in data or path.parent.parent.name == "rubrics"
    if is_rubric:
        return load_rubric_file(path)[1]
    deck, problems = load_deck_file(path)
    if deck is None or errors(problems):
        return problems
    catalog = Catalog(decks={deck.deck.name: deck}, deck_paths={deck.deck.name: path})
    rubric_dir = path.parent.parent / "rubrics" / deck.deck.name
    for rubric_path in sorted(rubric_dir.glob("*.y*ml")):
        rubric, rubric_problems = load_rubric_file(rubric_path)
        catalog.problems += rubric_problems
        if rubric is not None and not errors(rubric_problems) and deck.get(rubric.question_id):
            catalog.rubrics.setdefault(deck.deck.name, {})[rubric.question_id] = rubric
            catalog.rubric_paths[(deck.deck.name, rubric.question_id)] = rubric_path
    return problems + lint_catalog(catalog, extra_checks)
