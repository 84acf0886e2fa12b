"""Measure a grader against hand-graded calibration answers (tests/calibration/).

Used by `bench/calibration.py` (which prints the figures) and by the test that keeps the
held-out figures above their floors. The answers were written and graded by hand before the
grader was tuned; `split.yaml` divides the questions once into a tuning half and a held-out half.

Figures, for one half:
- Spearman rank correlation between the human grade and the score (every answer with a grade,
  foreign-language ones left out: the offline grader says it cannot judge those);
- the mean score of confidently wrong answers;
- the share of questions where strong > partial > wrong and vague (means per kind);
- the share of gaming attempts scored at or under their cap;
- the share of unusual correct answers (plain words, code, notation) at or above their floor;
- the share of foreign-language answers the grader flags as unreadable.
"""

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

KINDS = ("strong", "partial", "wrong", "vague", "denied", "padded", "unusual", "foreign", "gaming")


@dataclass(frozen=True)
class CalibrationAnswer:
    """One hand-graded answer."""

    id: str
    question_id: str
    kind: str
    grade: float
    text: str
    reason: str = ""
    voice: str = ""
    attack: str = ""
    cap: float | None = None
    floor: float | None = None


@dataclass(frozen=True)
class CalibrationSet:
    tuning: tuple[str, ...]
    held_out: tuple[str, ...]
    answers: tuple[CalibrationAnswer, ...]
    new_questions: tuple[str, ...] = ()   # added with issue 14's PyTorch 2.x questions

    def half(self, name: str, *, questions: str = "all") -> list[CalibrationAnswer]:
        """The answers of one half: "tuning", "held_out", or "all"; `questions`: "all",
        "original" (the first 30) or "new" (issue 14's)."""
        answers = list(self.answers)
        if name != "all":
            ids = set(self.tuning if name == "tuning" else self.held_out)
            answers = [a for a in answers if a.question_id in ids]
        new = set(self.new_questions)
        if questions == "new":
            answers = [a for a in answers if a.question_id in new]
        elif questions == "original":
            answers = [a for a in answers if a.question_id not in new]
        return answers


def load_calibration(folder: Path) -> CalibrationSet:
    """Read `split.yaml` and `answers/*.yaml` under `folder`."""
    split = yaml.safe_load((folder / "split.yaml").read_text(encoding="utf-8"))
    answers = []
    for path in sorted((folder / "answers").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in data["answers"]:
            answers.append(CalibrationAnswer(
                id=item["id"], question_id=data["question_id"], kind=item["kind"],
                grade=float(item["grade"]), text=item["text"], reason=item.get("reason", ""),
                voice=item.get("voice", ""), attack=item.get("attack", ""),
                cap=item.get("cap"), floor=item.get("floor"),
            ))
    return CalibrationSet(tuple(split["tuning"]), tuple(split["held_out"]), tuple(answers),
                          tuple(split.get("new_questions", ())))


@dataclass
class Figures:
    """The figures of one grader on one half."""

    n: int = 0
    spearman: float = 0.0
    wrong_mean: float = 0.0
    ordered_share: float = 0.0        # questions with strong > partial > wrong and vague
    gaming_share: float = 0.0         # gaming attempts at or under their cap
    unusual_share: float = 0.0        # unusual correct answers at or above their floor
    foreign_flagged: float | None = None
    mean_by_kind: dict[str, float] = field(default_factory=dict)
    gaming_by_attack: dict[str, tuple[int, int]] = field(default_factory=dict)  # under cap, total


def ranks(values: list[float]) -> list[float]:
    """Ranks from 1, ties sharing their mean rank."""
    order = sorted(range(len(values)), key=values.__getitem__)
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return out


def pearson(x: list[float], y: list[float]) -> float:
    n = len(x)
    if n < 2:
        return 0.0
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True))
    sx = math.sqrt(sum((a - mx) ** 2 for a in x))
    sy = math.sqrt(sum((b - my) ** 2 for b in y))
    return sxy / (sx * sy) if sx and sy else 0.0


def spearman(x: list[float], y: list[float]) -> float:
    return pearson(ranks(x), ranks(y))


def figures(answers: list[CalibrationAnswer], scores: dict[str, float],
            unreadable: set[str] | None = None) -> Figures:
    """The figures for `answers`, given each answer's score (by id) and the ids the grader
    flagged as unreadable."""
    graded = [a for a in answers if a.kind != "foreign"]
    out = Figures(n=len(answers))
    out.spearman = spearman([a.grade for a in graded], [scores[a.id] for a in graded])
    by_kind: dict[str, list[float]] = defaultdict(list)
    per_question: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for a in answers:
        by_kind[a.kind].append(scores[a.id])
        per_question[a.question_id][a.kind].append(scores[a.id])
    out.mean_by_kind = {k: sum(v) / len(v) for k, v in by_kind.items()}
    out.wrong_mean = out.mean_by_kind.get("wrong", 0.0)
    ordered = 0
    for kinds in per_question.values():
        mean = {k: sum(v) / len(v) for k, v in kinds.items()}
        if {"strong", "partial", "wrong", "vague"} <= set(mean) and \
                mean["strong"] > mean["partial"] > max(mean["wrong"], mean["vague"]):
            ordered += 1
    out.ordered_share = ordered / len(per_question) if per_question else 0.0
    gaming = [a for a in answers if a.kind == "gaming"]
    under = Counter()
    total = Counter()
    for a in gaming:
        total[a.attack] += 1
        if scores[a.id] <= (a.cap if a.cap is not None else a.grade):
            under[a.attack] += 1
    out.gaming_share = sum(under.values()) / len(gaming) if gaming else 0.0
    out.gaming_by_attack = {k: (under[k], total[k]) for k in sorted(total)}
    unusual = [a for a in answers if a.kind == "unusual"]
    if unusual:
        out.unusual_share = sum(scores[a.id] >= (a.floor if a.floor is not None else 0)
                                for a in unusual) / len(unusual)
    foreign = [a for a in answers if a.kind == "foreign"]
    if foreign and unreadable is not None:
        out.foreign_flagged = sum(a.id in unreadable for a in foreign) / len(foreign)
    return out


# -- the baseline the grader has to beat --------------------------------------------------

_WORD = re.compile(r"[a-z0-9_]+")


def tfidf_baseline(answers: Iterable[CalibrationAnswer],
                   reference: Callable[[str], str]) -> dict[str, float]:
    """100 x TF-IDF cosine between each answer and its question's model answer (idf over the
    model answers and the answers together): a 20-line grader with no rubric at all."""
    answers = list(answers)
    docs = {a.id: Counter(_WORD.findall(a.text.lower())) for a in answers}
    refs = {q: Counter(_WORD.findall(reference(q).lower())) for q in {a.question_id for a in answers}}
    df = Counter(w for d in [*docs.values(), *refs.values()] for w in d)
    n = len(docs) + len(refs)

    def vec(counts: Counter) -> dict[str, float]:
        return {w: c * math.log((1 + n) / (1 + df[w])) for w, c in counts.items()}

    def cosine(x: dict[str, float], y: dict[str, float]) -> float:
        dot = sum(v * y.get(w, 0.0) for w, v in x.items())
        nx, ny = math.sqrt(sum(v * v for v in x.values())), math.sqrt(sum(v * v for v in y.values()))
        return dot / (nx * ny) if nx and ny else 0.0

    ref_vecs = {q: vec(c) for q, c in refs.items()}
    return {a.id: 100 * cosine(vec(docs[a.id]), ref_vecs[a.question_id]) for a in answers}
