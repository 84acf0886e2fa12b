"""Lint check: every rubric's own model answer must pass that rubric offline.

A rubric its own model answer cannot pass is a broken rubric: an alias the matcher cannot
find, a concept that only repeats the question, or a misconception pattern that fires on a
correct answer. `interviewer corpus lint` runs this check.

It also warns (without failing lint) about risky shapes: a misconception regex with a wide
or unbounded free-text gap (`subject[^.]{0,60}claim`, `.*`), which can join words of two
different clauses, a concept whose first alias, the name feedback shows for the idea, is a
regex, and aliases no answer can match (`alias_lint`).
"""

from pathlib import Path

from interviewer.corpus.catalog import Catalog
from interviewer.corpus.problems import Problem
from interviewer.domain import Question, Rubric
from interviewer.domain.rubric import REGEX_PREFIX
from interviewer.grading.alias_lint import alias_warnings
from interviewer.grading.offline_grader import grade_with_rubric
from interviewer.grading.prechecks import BLOCKED_CODES
from interviewer.grading.protocols import GradeRequest
from interviewer.grading.regex_gaps import widest_gap
from interviewer.grading.rubric_compiler import compile_rubric
from interviewer.grading.text_normalise import normalise

#: A misconception regex gap wider than this many characters (about five words) is warned about.
WIDE_GAP = 30


def check_model_answers(catalog: Catalog) -> list[Problem]:
    """One error per criterion a model answer does not fully meet, and per misconception it
    triggers, located at the rubric file and the criterion."""
    problems: list[Problem] = []
    for deck, rubrics in sorted(catalog.rubrics.items()):
        for question_id, rubric in sorted(rubrics.items()):
            question = catalog.question(deck, question_id)
            if question is None:
                continue
            path = catalog.rubric_paths.get((deck, question_id), Path(f"rubrics/{deck}/{question_id}.yaml"))
            problems += check_rubric(question, rubric, path)
            problems += pattern_warnings(rubric, path)
            problems += alias_warnings(question, rubric, path,
                                       lambda loc, path=path: _line(path, loc))
    return problems


def check_rubric(question: Question, rubric: Rubric, path: Path) -> list[Problem]:
    """Grade the rubric's model answer with its own rubric and report what it fails."""
    grade = grade_with_rubric(rubric, GradeRequest(question=question, rubric=rubric,
                                                   answer=rubric.model_answer))
    problems: list[Problem] = []
    # a blocked answer, or one the grader caps (keyword salad), is no model answer
    blocking = [f for f in grade.flags if f.code in BLOCKED_CODES | {"keyword-salad"}]
    for flag in blocking:
        problems.append(Problem(path, f"the model answer is flagged {flag.code}: {flag.detail}",
                                where="model_answer"))
    compiled = compile_rubric(rubric, question)
    live = compiled.matcher.live
    for n, (criterion, result) in enumerate(zip(rubric.criteria, grade.criteria, strict=True)):
        if result.verdict == "met":
            continue
        start, end = compiled.criterion_slices[n]
        missing = [
            criterion.concepts[k - start].name for k in range(start, end)
            if k - start < len(criterion.concepts)
            and criterion.concepts[k - start].name not in result.matched_concepts
        ]
        dead = [criterion.concepts[k - start].name for k in range(start, end) if not live[k]]
        detail = (f"the model answer does not meet this criterion offline ({result.verdict}: "
                  f"{len(result.matched_concepts)} of {criterion.needed} concepts found)")
        missing = [m for m in missing if m not in dead]
        if missing:
            detail += (f"; not found: {', '.join(repr(m) for m in missing)} (add an alias the "
                       "model answer uses, or reword the model answer)")
        if dead:
            detail += (f"; every alias of {', '.join(repr(d) for d in dead)} only repeats the "
                       "question, so it can never be earned (give it words the question lacks)")
        problems.append(Problem(path, detail, where=f"criteria[{n}] ({criterion.id})",
                                line=_line(path, ("criteria", n))))
    by_id = {m.id: n for n, m in enumerate(rubric.misconceptions)}
    for hit in grade.misconceptions:
        quote = hit.evidence[0].quote if hit.evidence else ""
        if hit.id in by_id:
            problems.append(Problem(
                path, f"the model answer triggers this misconception (matched {quote!r}): "
                "narrow its patterns or reword the model answer",
                where=f"misconceptions[{by_id[hit.id]}] ({hit.id})",
                line=_line(path, ("misconceptions", by_id[hit.id]))))
        else:
            n = next(i for i, c in enumerate(rubric.criteria) if c.id in hit.contradicts)
            problems.append(Problem(
                path, f"the model answer states an opposite of this criterion's concepts (matched "
                f"{quote!r}): narrow the opposite or reword the model answer",
                where=f"criteria[{n}] ({rubric.criteria[n].id})", line=_line(path, ("criteria", n))))
    problems += claim_problems(question, rubric, path)
    return problems


def claim_problems(question: Question, rubric: Rubric, path: Path) -> list[Problem]:
    """Each misconception's own claim must trigger it and its correction must not; a
    misconception that contradicts no criterion is warned about."""
    compiled = compile_rubric(rubric, question)
    matcher = compiled.matcher
    problems: list[Problem] = []
    for n, (misconception, (lo, hi)) in enumerate(zip(rubric.misconceptions,
                                                      compiled.misconception_slices, strict=True)):
        where = f"misconceptions[{n}] ({misconception.id})"
        line = _line(path, ("misconceptions", n))

        def triggered(text: str, lo: int = lo, hi: int = hi) -> str | None:
            view = matcher.view(normalise(text))
            found = next((m for m in (matcher.find(view, i) for i in range(lo, hi)) if m), None)
            return None if found is None else text[found.start:found.end]

        if triggered(misconception.claim) is None:
            problems.append(Problem(
                path, "its own claim does not trigger it: no pattern matches "
                f"{misconception.claim!r} (add a pattern in the claim's words)",
                where=where, line=line))
        matched = triggered(misconception.correction)
        if matched is not None:
            problems.append(Problem(
                path, f"its correction triggers it (matched {matched!r}): a right answer in those "
                "words would lose points; narrow the patterns", where=where, line=line))
        if not misconception.contradicts:
            problems.append(Problem(
                path, "it names no criterion it `contradicts`, so a hit costs points but leaves "
                "the credit for that criterion standing", where=where, severity="warning",
                line=line))
    return problems


def pattern_warnings(rubric: Rubric, path: Path) -> list[Problem]:
    """Warnings for risky pattern shapes: wide misconception-regex gaps, regex concept names."""
    problems: list[Problem] = []
    for n, misconception in enumerate(rubric.misconceptions):
        for k, pattern in enumerate(misconception.patterns):
            if not pattern.startswith(REGEX_PREFIX):
                continue
            gap = widest_gap(pattern[len(REGEX_PREFIX):])
            if gap is None or (gap.width is not None and gap.width <= WIDE_GAP):
                continue
            article = "an" if str(gap.width).startswith("8") or gap.width in (11, 18) else "a"
            width = "an unbounded" if gap.width is None else f"{article} {gap.width}-character"
            across = " that also crosses sentence ends" if gap.crosses_sentences else ""
            problems.append(Problem(
                path, f"pattern {k + 1} has {width} free-text gap{across}: it can join words "
                f"of two different clauses; keep gaps to {WIDE_GAP} characters, without '.'",
                where=f"misconceptions[{n}] ({misconception.id})", severity="warning",
                line=_line(path, ("misconceptions", n, "patterns", k))))
    for n, criterion in enumerate(rubric.criteria):
        for k, concept in enumerate(criterion.concepts):
            if concept.name.startswith(REGEX_PREFIX):
                problems.append(Problem(
                    path, f"concept {k + 1} is named by its first alias {concept.name!r}, a regex, "
                    "and feedback shows that name: put a plain phrase first",
                    where=f"criteria[{n}] ({criterion.id})", severity="warning",
                    line=_line(path, ("criteria", n, "concepts", k))))
    return problems


def _line(path: Path, loc: tuple) -> int | None:
    """The line of a rubric element, when the file can be read (it was, to build the rubric)."""
    from interviewer.corpus.yaml_io import line_of, read_yaml

    if not path.is_file():
        return None
    _data, node, problems = read_yaml(path)
    return None if problems else line_of(node, loc)
