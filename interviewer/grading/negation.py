"""Which words of an answer are negated, and which are held up only to be denied.

Two scopes, both per token:

- negation: "does not compute gradients". A negation covers the next few words of its
  clause. It ends early at a coordinated new claim: in "isn't zero-centered and saturates"
  only "zero-centered" is negated. "and" ends the scope when the negated phrase already has
  a content word and the word after "and" starts a new predicate (a pronoun, an auxiliary,
  a clause adverb, or a verb form whose ending differs from the word before "and"), so a
  coordinated list stays negated ("doesn't store gradients and activations", "not fast and
  cheap").
- denial (misconception patterns only): words named in order to reject them. "rather than X",
  "instead of X", "unlike X", "as opposed to X", "not only X" cover the rest of their clause;
  "it is a myth / a misconception / wrong to say that X", "people wrongly believe X" and "it
  is not true that X" cover the rest of the sentence. "not only" is not a negation for
  concepts ("not only does it compute gradients" states that it does).

Each scope records the index of the cue token that opened it, so a match can tell a
negation inside its own words ("does not copy" as an alias) from one that negates it.
"""

import re
from collections.abc import Sequence

from interviewer.grading.text_normalise import Token, stem
from interviewer.grading.word_lists import (
    CLAUSE_STARTERS,
    DENIAL_ADJECTIVES,
    DENIAL_ADVERBS,
    DENIAL_NOUNS,
    NEGATION_BREAKERS,
    NEGATION_WORDS,
    NT_PREFIXES,
    SAYING_VERBS,
    STOPWORDS,
)

#: How many words after a negation it may cover ("does not compute the gradients"), always
#: within the same clause; adverbs such as "really" do not count ("doesn't really have
#: anything to do with"), and at most NEGATION_SPAN words in all.
NEGATION_REACH = 4
NEGATION_SPAN = 9
#: Words that do not use up a negation's reach.
_SOFT_WORDS = frozenset("really actually quite anything something necessarily always even "
                        "exactly truly any".split())
#: Asides a negation reaches across: "does not, in fact, copy".
_PARENTHETICALS = frozenset(tuple(p.split()) for p in (
    "in fact", "of course", "actually", "really", "in practice", "honestly", "frankly",
    "basically", "in general", "to be fair", "as such", "by default", "strictly speaking",
    "in reality", "at all"))
_LONGEST_PARENTHETICAL = max(len(p) for p in _PARENTHETICALS)
#: How many words a contrast marker ("rather than", "unlike") covers within its clause.
CONTRAST_REACH = 8
#: How many words a denial ("it is a myth that") covers within its sentence (a bound, so a
#: hostile run-on "sentence" of thousands of markers costs linear time).
DENIAL_REACH = 40
_NONE = -1
# Words after "not" that make a contrast, not a negation ("not only for research").
_NOT_ONLY = frozenset(("only", "just", "merely", "simply", "solely", "exclusively"))
_SAYING = frozenset(stem(w) for w in SAYING_VERBS)
_MARKERS = (frozenset(("rather", "instead", "unlike", "opposed", "not", "t", "true", "case"))
            | DENIAL_NOUNS | DENIAL_ADJECTIVES | DENIAL_ADVERBS)


def negation_scope(tokens: Sequence[Token]) -> list[bool]:
    """For each token: is it preceded closely, in the same clause, by a negation?"""
    return [c != _NONE for c in negation_cues(tokens)]


def negation_cues(tokens: Sequence[Token]) -> list[int]:
    """For each token: the index of the negation that covers it, or -1.

    A negation covers the next NEGATION_REACH words of its clause (adverbs such as "really"
    and "anything" do not count: "doesn't really have anything to do with the Dataset"
    negates "Dataset"), and reaches across a short parenthetical ("does not, in fact,
    copy"). Negation words in code are not negations."""
    negated_by = [_NONE] * len(tokens)
    last_cue = -1
    content_left = 0
    clause_of = _effective_clauses(tokens)
    last_clause = -1
    for i, tok in enumerate(tokens):
        if clause_of[i] != last_clause:
            last_cue, content_left, last_clause = -1, 0, clause_of[i]
        if tok.code:
            continue
        if last_cue != -1 and content_left > 0 and i - last_cue <= NEGATION_SPAN:
            negated_by[i] = last_cue
            if tok.norm not in _SOFT_WORDS:
                content_left -= 1
        norm = tok.norm
        if (norm in NEGATION_WORDS or norm == "t") and is_negation(tokens, i):  # (a fast skip)
            last_cue, content_left = i, NEGATION_REACH
        elif norm == "or" and (negated_by[i] != _NONE or (
                i and clause_of[i - 1] == clause_of[i] and negated_by[i - 1] != _NONE)):
            # "never uses A or B": the negation covers both; its reach counts from the "or"
            negated_by[i] = negated_by[i] if negated_by[i] != _NONE else negated_by[i - 1]
            last_cue, content_left = i, NEGATION_REACH
        elif norm == "and" and negated_by[i] != _NONE and _starts_new_claim(tokens, i, negated_by[i]):
            last_cue, content_left = -1, 0
    # Words reached through an "or" point back at the negation itself.
    for i, cue in enumerate(negated_by):
        if cue != _NONE and tokens[cue].norm == "or":
            negated_by[i] = negated_by[cue]
    return negated_by


def _effective_clauses(tokens: Sequence[Token]) -> list[int]:
    """Clause numbers with short parentheticals ("in fact", "of course", "actually") folded
    into the clause around them, so a negation reaches across them."""
    raw = [t.clause for t in tokens]
    clause_of = raw[:]
    n = len(tokens)
    i = 0
    while i < n:
        here = raw[i]
        j = i
        while j < n and raw[j] == here:
            j += 1
        # (a clause longer than the longest parenthetical is never one: no tuple to build)
        if i and j < n and j - i <= _LONGEST_PARENTHETICAL \
                and tuple(t.norm for t in tokens[i:j]) in _PARENTHETICALS \
                and tokens[j].sentence == tokens[i - 1].sentence:
            merged = clause_of[i - 1]
            for k in range(i, n):
                if raw[k] not in (here, raw[j]):
                    break
                clause_of[k] = merged
        i = j
    return clause_of


def is_negation(tokens: Sequence[Token], i: int) -> bool:
    """Whether token i negates what follows (not "not only", "whether or not", no_grad)."""
    tok = tokens[i]
    if tok.glued:  # part of an identifier such as torch.no_grad
        return False
    if tok.norm == "t" and i and tokens[i - 1].norm in NT_PREFIXES:
        cue = True
    else:
        cue = tok.norm in NEGATION_WORDS
    if cue and i + 1 < len(tokens) and tokens[i + 1].clause == tok.clause:
        if tokens[i + 1].norm in NEGATION_BREAKERS:  # "not only", "no matter"
            return False
    if cue and tok.norm in ("not", "no") and i and tokens[i - 1].norm == "or":
        return False   # "whether or not", "yes-or-no"
    return cue


# Negative look-arounds name words a pattern refuses, not words it states.
_NEGATIVE_LOOKAROUND = re.compile(r"\(\?<?!(?:[^()]|\([^()]*\))*\)")
_ESCAPE = re.compile(r"\\[a-z]")  # \b, \w, \s: not letters of a word


def pattern_words(pattern: str) -> frozenset[str]:
    """The negation and contrast words a regex spells out as part of its own claim
    ("pytorch is not suitable for production" owns "not"; "n't" gives "t")."""
    text = _ESCAPE.sub(" ", _NEGATIVE_LOOKAROUND.sub(" ", pattern.lower()))
    words = set(re.findall(r"[a-z]+", text))
    return frozenset(w for w in words if w in NEGATION_WORDS or w == "t" or w in _MARKERS)


def _ending(word: str) -> str:
    """The verb-like ending of a word: "s" (saturates), "ed" (centered), or ""."""
    if word.endswith("ed") and len(word) > 4:
        return "ed"
    if word.endswith("s") and len(word) > 3 and not word.endswith(("ss", "us", "is", "ys")):
        return "s"
    return ""


def _starts_new_claim(tokens: Sequence[Token], i: int, cue: int) -> bool:
    """Whether the "and" at i starts a new claim outside the negation opened at `cue`."""
    if i + 1 >= len(tokens) or tokens[i + 1].clause != tokens[i].clause:
        return False
    # The negated phrase must already have its own head ("isn't zero-centered and ...").
    if not any(t.norm not in STOPWORDS and t.norm not in NT_PREFIXES for t in tokens[cue + 1:i]):
        return False
    after = tokens[i + 1].norm
    if after in CLAUSE_STARTERS:
        return True
    ending = _ending(after)
    return bool(ending) and ending != _ending(tokens[i - 1].norm)


def denial_cues(tokens: Sequence[Token], text: str = "") -> list[int]:
    """For each token: the index of the contrast/denial marker whose scope covers it, or -1
    (`text`, the text the tokens come from, tells where a comma stands)."""
    n = len(tokens)
    denied_by = [_NONE] * n
    for i, tok in enumerate(tokens):
        if tok.norm not in _MARKERS or tok.code:
            continue
        start, sentence_wide = _denial_start(tokens, i, tok.norm)
        if start is None or start >= n:
            continue
        clause, sentence = tokens[start].clause, tok.sentence
        for k in range(start, n):
            here = tokens[k]
            if here.sentence != sentence:
                break
            if sentence_wide:
                # a later clause opened by "but"/"however" speaks for the candidate again
                if k - start >= DENIAL_REACH or (here.clause != tokens[k - 1].clause
                                                 and _own_voice_again(tokens, k, text)):
                    break
            elif here.clause != clause or k - start >= CONTRAST_REACH:
                break
            if denied_by[k] == _NONE:
                denied_by[k] = i
    return denied_by


#: Clause openers after which the candidate speaks in their own voice again: "it is a myth
#: that X, but Y". "while" only after a comma or with "in fact": "it's a myth that modules
#: hold state while functions are stateless" denies both halves, "it's a myth that view()
#: copies, while reshape() may" does not.
_OWN_VOICE = frozenset("but however yet although though whereas instead".split())


def _own_voice_again(tokens: Sequence[Token], k: int, text: str) -> bool:
    norm = tokens[k].norm
    if norm in _OWN_VOICE:
        return True
    if norm not in ("while", "whilst"):
        return False
    if k and "," in text[tokens[k - 1].end:tokens[k].start]:
        return True
    after = [t.norm for t in tokens[k + 1:k + 3]]
    return after[:1] in (["actually"], ["really"]) or after == ["in", "fact"]


def _denial_start(tokens: Sequence[Token], i: int, norm: str) -> tuple[int | None, bool]:
    """Where the scope of a marker at i starts, and whether it runs to the sentence end."""
    nxt = tokens[i + 1].norm if i + 1 < len(tokens) else ""
    if norm == "rather" and nxt == "than" or norm == "instead" and nxt == "of":
        return i + 2, False
    if norm == "unlike":
        return i + 1, False
    if norm == "opposed" and nxt == "to" and i and tokens[i - 1].norm == "as":
        return i + 2, False
    if (norm == "not" or norm == "t" and i and tokens[i - 1].norm in NT_PREFIXES) \
            and nxt in _NOT_ONLY:
        return i + 1, False             # the scope starts at "only": "not only for research"
    if norm in DENIAL_NOUNS:
        return i + 1, True              # "a common misconception is that X"
    if norm in DENIAL_ADVERBS:
        if i + 1 < len(tokens) and tokens[i + 1].stem in _SAYING:
            return i + 2, True          # "people wrongly believe X"
        return None, False
    if (norm in DENIAL_ADJECTIVES and _said_of_a_claim(tokens, i)) \
            or norm in ("true", "case") and _negated_before(tokens, i):
        # "it is wrong to say (that) X", "a mistake to think X", "it is not true that X"
        for k in range(i + 1, min(i + 4, len(tokens))):
            word = tokens[k].norm
            if word == "that":
                return k + 1, True
            if word == "to" and k + 1 < len(tokens) and tokens[k + 1].stem in _SAYING:
                return k + 2, True
    return None, False


def _said_of_a_claim(tokens: Sequence[Token], i: int) -> bool:
    """"it is wrong (to say) that", "a mistake to think", "simply false that": a copula or an
    article before the adjective ("requires_grad=False so that ..." is code, not a denial)."""
    before = [t.norm for t in tokens[max(0, i - 3):i]]
    return any(w in ("is", "s", "was", "be", "a", "an", "completely", "simply", "totally", "quite")
               for w in before) and not tokens[i - 1].glued if i else False


def _negated_before(tokens: Sequence[Token], i: int) -> bool:
    """Whether a negation stands just before ("not true that", "isn't the case that")."""
    return any(t.norm in ("not", "t", "never") for t in tokens[max(0, i - 3):i])
