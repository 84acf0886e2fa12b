"""The antecedent of a condition states nothing: "if several classes can be true at once,
softmax is wrong" does not claim that several classes can be true at once.

A condition opens at "if", "unless", "suppose", "assuming" or "in case" and runs to the end
of its clause: the next comma, colon, semicolon or closing bracket outside brackets, or
"then". In "Y if X" it may also run to the end of the sentence; in "If X Y." with nothing to
end X, where X stops is unknown and nothing is taken out. A wrong claim (a misconception or an
opposite) wholly inside an antecedent is not a wrong claim of the answer; one that runs on
into the consequent claims the implication ("if is_available() is True, training is on the
GPU"). Credit is not affected: "if you call eval(), dropout stops" names what the rubric asks
for either way.
"""

from collections.abc import Sequence

from interviewer.grading.text_normalise import Token

_OPENERS = frozenset(("if", "unless", "suppose", "supposing", "assuming"))
_ENDS = frozenset(",;:)")
#: Words that may come before a sentence-opening condition: "And if X, Y".
_LEADS = frozenset(("and", "but", "so", "also", "or"))


def in_antecedent(tokens: Sequence[Token], text: str) -> list[bool]:
    """For each token: is it inside the antecedent of a condition?"""
    out = [False] * len(tokens)
    i = 0
    while i < len(tokens):
        if not _opens_condition(tokens, i):
            i += 1
            continue
        end, closed = _condition_end(tokens, text, i)
        # "If X Y." with nothing to end X: where the condition stops is unknown, so what
        # follows it still counts as claimed
        if closed or not _leads_sentence(tokens, i):
            for m in range(i + 1, end):
                out[m] = True
        i = end
    return out


def _opens_condition(tokens: Sequence[Token], i: int) -> bool:
    tok = tokens[i]
    return not tok.code and (tok.norm in _OPENERS or (
        tok.norm == "in" and i + 1 < len(tokens) and tokens[i + 1].norm == "case"))


def _condition_end(tokens: Sequence[Token], text: str, i: int) -> tuple[int, bool]:
    """(index after the condition opened at i, whether something closed it: a comma, colon,
    semicolon or closing bracket outside brackets, or "then"); otherwise it runs to the end
    of its sentence."""
    n, sentence = len(tokens), tokens[i].sentence
    depth = 0
    k = i + 1
    while k < n and tokens[k].sentence == sentence:
        if tokens[k].norm == "then":
            return k, True
        gap = text[tokens[k].end:tokens[k + 1].start] if k + 1 < n else ""
        k += 1
        for ch in gap:
            if ch in "([{":
                depth += 1
            elif ch in ")]}" and depth:
                depth -= 1
            elif ch in _ENDS and depth == 0:
                return k, True
    return k, False


def _leads_sentence(tokens: Sequence[Token], i: int) -> bool:
    """Whether the word at i opens its sentence (after at most a leading "and"/"but"/...)."""
    sentence = tokens[i].sentence
    return i == 0 or tokens[i - 1].sentence != sentence or (
        tokens[i - 1].norm in _LEADS and (i == 1 or tokens[i - 2].sentence != sentence))
