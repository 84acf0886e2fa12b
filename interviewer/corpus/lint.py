"""Lint decks and rubrics: everything wrong in every file, reported at once.

Schema errors come from loading; this adds cross-file checks (coverage, blank answers,
duplicates). Checks that need the engine (does each model answer pass its own rubric?) are
passed in as `extra_checks` by the caller, so this module stays below the engine.
"""

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from interviewer.corpus.catalog import Catalog, load_catalog, load_deck_file, load_rubric_file
from interviewer.corpus.problems import Problem
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
            if q.id not in rubrics:
                if any((rubric_dir / f"{q.id}{ext}").is_file() for ext in (".yaml", ".yml")):
                    continue  # the rubric exists but failed to load: its problems are listed
                # A deck with no rubrics at all is a freshly imported one: usable, graded
                # reference-only. A deck with some rubrics must have them all.
                severity = "error" if rubrics else "warning"
                problems.append(Problem(path, f"no rubric (expected rubrics/{name}/{q.id}.yaml)",
                                        where=where, severity=severity, line=line))
    for check in extra_checks:
        problems += check(catalog)
    return problems


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
        problems = [p for f in files for p in _lint_file(f)]
        return problems, f"{len(files)} file(s)"
    return _lint_file(path), "1 file"


def _lint_file(path: Path) -> list[Problem]:
    data, _node, problems = read_yaml(path)
    if problems:
        return problems
    is_rubric = isinstance(data, dict) and "question_id" in data or path.parent.parent.name == "rubrics"
    _, problems = (load_rubric_file if is_rubric else load_deck_file)(path)
    return problems
