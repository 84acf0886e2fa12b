"""Which candidates are the document's questions: find its dominant pattern, split on it.

A document is written in one main layout (numbered `##` headings, numbered bold lines, `Q:`
lines, ...). Candidates of that pattern are questions when they read as questions (or, in a
numbered layout, when their number continues the sequence); candidates of any other pattern
only when they end in "?" — so a "### When to Choose PyTorch" sub-heading or a
"2. **Define the Constructor**" step inside an answer stays in the answer. Weak patterns (plain
lines ending in "?") are used only when they are the dominant one.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from interviewer.corpus.question_candidates import WEIGHTS, Candidate

#: A pattern with at least this share of numbered candidates is a numbered layout.
NUMBERED_SHARE = 0.6
#: A pattern whose question-like candidates end in "?" at least this often asks with "?": its
#: candidates without one are sub-headings or steps (imperatives such as "Explain X" excepted).
QMARK_SHARE = 0.7
#: Patterns that label a question as one ("Q:", <summary>): taken even without a "?".
_LABELLED = {"q-line", "summary"}
_NUMBERABLE = {"heading", "numbered-bold", "bold-number", "numbered-plain", "q-line", "summary"}


@dataclass
class Layout:
    """The questions chosen, the dominant pattern, and why other candidates were not taken."""

    chosen: list[Candidate]
    dominant: Candidate | None               # an example of the dominant pattern
    rejected: list[tuple[Candidate, str]] = field(default_factory=list)

    def describe(self) -> str:
        if self.dominant is None:
            return "no question pattern found"
        others = {c.describe() for c in self.chosen if c.key != self.dominant.key}
        text = self.dominant.describe()
        if others:
            text += "; also " + ", ".join(sorted(others))
        return text


def _score(cands: list[Candidate]) -> float:
    pattern = cands[0].pattern
    asking = sum(1 for c in cands if c.asks)
    numbered = sum(1 for c in cands if c.number is not None) if pattern in _NUMBERABLE else 0
    if pattern == "bold-number":
        asking = len(cands) if len(cands) >= 2 else 0   # tasks are imperatives or titles
    best = max(asking, numbered if numbered >= 2 else 0)
    return best * WEIGHTS[pattern]


def detect_layout(cands: list[Candidate]) -> Layout:
    """Pick the dominant pattern and the questions."""
    by_key: dict[str, list[Candidate]] = defaultdict(list)
    for cand in cands:
        by_key[cand.key].append(cand)
    scored = [(k, _score(v)) for k, v in by_key.items()]
    scored = [(k, s) for k, s in scored if s > 0]
    if not scored:
        return Layout([], None, [(c, "does not read as a question") for c in cands])
    best_key = max(scored, key=lambda ks: (ks[1], WEIGHTS[by_key[ks[0]][0].pattern],
                                            -by_key[ks[0]][0].start))[0]
    dominant = by_key[best_key]
    # a numbered sequence may restart after a section heading (each section from 1)
    sections = [c.start for c in cands
                if c.pattern == "heading" and c.key != best_key and not c.qmark]
    chosen, rejected = _filter_dominant(dominant, sections)
    for cand in cands:
        if cand.key == best_key:
            continue
        if WEIGHTS[cand.pattern] < 2:
            rejected.append((cand, "a weak pattern, and not the document's layout"))
        elif not (cand.qmark or cand.pattern in _LABELLED):
            rejected.append((cand, f"not the document's layout ({dominant[0].describe()}) "
                                   "and does not end in '?': kept in the answer"))
        else:
            chosen.append(cand)
    chosen.sort(key=lambda c: c.start)
    # a Q: line that runs over several lines may swallow another candidate's line
    kept: list[Candidate] = []
    for cand in chosen:
        if kept and cand.start < kept[-1].end:
            rejected.append((cand, "inside the question above"))
            continue
        kept.append(cand)
    return Layout(kept, dominant[0], rejected)


def _filter_dominant(cands: list[Candidate], sections: list[int]
                     ) -> tuple[list[Candidate], list[tuple[Candidate, str]]]:
    numbered = sum(1 for c in cands if c.number is not None)
    is_numbered = cands[0].pattern in _NUMBERABLE and numbered >= 2 \
        and numbered >= NUMBERED_SHARE * len(cands)
    asking = [c for c in cands if c.asks]
    uses_qmark = bool(asking) and sum(1 for c in asking if c.qmark) >= QMARK_SHARE * len(asking)
    if is_numbered:
        chain = _numbered_chain(cands, sections)
    chosen: list[Candidate] = []
    rejected: list[tuple[Candidate, str]] = []
    for n, cand in enumerate(cands):
        if is_numbered:
            ok = n in chain or cand.qmark
            why = ("unnumbered in a numbered layout" if cand.number is None else
                   f"number {cand.number} is outside the document's numbering: a numbered "
                   "step inside an answer")
        elif cand.pattern == "bold-number":
            ok, why = True, ""
        elif uses_qmark:
            ok = cand.qmark or cand.imperative
            why = "the document's questions end in '?' and this one does not"
        else:
            ok, why = cand.asks, "does not read as a question"
        if ok:
            chosen.append(cand)
        else:
            rejected.append((cand, why))
    return chosen, rejected


def _weight(cand: Candidate) -> int:
    return 3 if cand.qmark else 2 if cand.asks else 1


def _numbered_chain(cands: list[Candidate], sections: list[int]) -> set[int]:
    """The candidates that form the document's numbering: the best-scoring chain where each
    number follows the one before (n, n+1), restarts at 1 after a section heading, or jumps
    ahead at a question ending in '?'. Questions score more than imperatives, imperatives more
    than titles, so "1. **Import** 2. **Define the Constructor**" steps inside an answer lose
    to the questions around them."""
    best: list[float] = [0.0] * len(cands)
    back: list[int | None] = [None] * len(cands)
    by_number: dict[int, int] = {}      # number -> index of the best chain ending there
    overall: int | None = None          # index of the best chain so far
    for i, cand in enumerate(cands):
        if cand.number is None:
            continue
        w = _weight(cand)
        options: list[tuple[float, int | None]] = [(w, None)]
        prev = by_number.get(cand.number - 1)
        if prev is not None:
            options.append((best[prev] + w, prev))
        if overall is not None:
            last = cands[overall]
            restarted = cand.number == 1 and any(last.start < s < cand.start for s in sections)
            jump = cand.qmark and last.number is not None and cand.number > last.number
            if restarted or jump:
                options.append((best[overall] + w, overall))
        best[i], back[i] = max(options, key=lambda o: o[0])
        if cand.number not in by_number or best[i] > best[by_number[cand.number]]:
            by_number[cand.number] = i
        if overall is None or best[i] > best[overall]:
            overall = i
    chain: set[int] = set()
    at = overall
    while at is not None:
        chain.add(at)
        at = back[at]
    return chain
