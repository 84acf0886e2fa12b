"""Predicates that only deny: the claim they speak of states nothing.

- after the claim: "That's a myth.", "None of that is how it works.", "Not true.", "Nah.",
  "In reality it doesn't.", "Except it doesn't.", "Or so they say.", "Yeah right.", "I don't
  buy it." (a sentence of its own), "..., but it doesn't really", "..., which is wrong",
  "..., no.", "..., lol no", "..., I doubt it" (a clause of its own);
- of the subject: "X is not used", "X doesn't really happen" (a negated empty predicate),
  "X is a myth", "X is just something people made up", "the idea that X is another myth".

Each function takes the normalised words of a sentence or clause and says where the denied
part ends (or whether the words deny what came before); `stance` mutes accordingly.
"""

from interviewer.grading.word_lists import (
    DENIAL_ADJECTIVES,
    DENIAL_NOUNS,
    NT_PREFIXES,
    SAYING_VERBS,
    STOPWORDS,
    has_run,
)

#: Auxiliary verbs (and the endings of their contractions: "it's", "they're", "I'd").
AUX = frozenset("is are was were be been being am has have had does do did can could will "
                "would should may might must shall s re ve ll d".split())
#: A negated predicate that says only that the subject does not hold: "an optimizer is not
#: involved", "shuffling doesn't happen", "momentum isn't used".
_EMPTY_PREDICATES = frozenset(
    "used needed required involved done happen happens happening exist exists true case thing "
    "something what "
    "important relevant present applied performed supported possible necessary there real "
    "correct right".split())
#: What follows "that's not (really)" when it only denies what came before: "that's not really
#: how it works", "that is not the case", "that's not a real difference".
_EMPTY_COMPLEMENT = frozenset("how it works work what happens happen really actually quite "
                              "exactly true right correct the case a an difference thing so "
                              "accurate real at all".split())
#: Words that deny what they are said of: "that's a myth", "which is wrong", "that's a
#: fallacy", "which is misleading".
DENIAL_WORDS = DENIAL_NOUNS | DENIAL_ADJECTIVES | frozenset(
    "nonsense bogus bullshit rubbish fake".split())


def backward_denial(words: list[str]) -> int | None:
    """A short sentence that denies what came before: "That's a myth.", "Not really.",
    "None of that is how it really works.", "All of this is wrong." (index of its denial word)."""
    if len(words) > 10:
        return None
    words = _without_opener(words)
    if not words:
        return None
    if words[:2] == ["not", "really"] or words[:1] in (["nope"], ["wrong"]) or _bare_reply(words):
        return 0
    if words[0] not in ("that", "this", "which", "it", "none", "all", "both"):
        return None
    for k, w in enumerate(words):
        if w in DENIAL_WORDS:
            # "it's a myth that X" denies what follows (a scope in `negation`), not before
            if words[k + 1:k + 2] in (["that"], ["to"]) and len(words) > k + 3:
                return None
            return k
    if words[0] == "none" and ("true" in words or "works" in words or "right" in words):
        return 0
    neg = [i for i, w in enumerate(words) if w in ("not", "t", "never")]
    # "that's not (really) how it works", "this isn't true": the negation right after the
    # pronoun, and nothing of substance after it
    if neg and neg[0] <= 3 and words[0] != "none" and all(
            w in STOPWORDS or w in _EMPTY_COMPLEMENT for w in words[neg[0] + 1:]):
        return 0
    return None


#: Short replies that deny what came before: "Not true.", "lol no", "Yeah right."
_SHORT_DENIALS = (["not", "true"], ["not", "correct"], ["not", "right"], ["not", "so"],
                  ["lol", "no"], ["haha", "no"], ["yeah", "right"], ["as", "if"])
# Not "No." or "False.": to a yes/no or true/false question those are the answer (SemEval's
# unseen-questions AUC fell from 0.639 to 0.621 with them).
_ONE_WORD_DENIALS = (["nah"], ["untrue"])
#: Replies of a few words that reject what came before: "I don't buy it.", "I doubt it."
_REJECTIONS = (["i", "don", "t", "buy", "it"], ["i", "don", "t", "buy", "that"],
               ["i", "don", "t", "believe", "it"], ["i", "don", "t", "believe", "that"],
               ["i", "doubt", "it"], ["i", "doubt", "that"], ["i", "do", "not", "buy", "it"],
               ["i", "do", "not", "believe", "it"])
#: What may follow such a reply without making it a sentence of its own: "Not true at all."
_FILLERS = frozenset("at all really though either actually sorry".split())
#: Openers that leave a denial a denial: "In reality it doesn't.", "But it doesn't."
_OPENERS = (["in", "reality"], ["in", "fact"], ["in", "practice"], ["actually"], ["honestly"],
            ["but"], ["really"], ["except"])


def _bare_reply(words: list[str]) -> bool:
    """A reply that denies and says nothing more: "Not true (at all).", "Nah.", "I doubt it.",
    "Or so they say." (not "Not true for X, which ...", a sentence of its own)."""
    return _so_they_say(words) or any(
        words[:len(reply)] == reply and all(w in _FILLERS for w in words[len(reply):])
        for reply in (*_SHORT_DENIALS, *_ONE_WORD_DENIALS, *_REJECTIONS))


def _without_opener(words: list[str]) -> list[str]:
    for opener in _OPENERS:
        if words[:len(opener)] == opener:
            return words[len(opener):]
    return words


def _so_they_say(words: list[str]) -> bool:
    """"Or so they say.", "or so people claim": what came before is only reported."""
    return words[:2] == ["or", "so"] and len(words) <= 5 and any(
        w in SAYING_VERBS or w in ("heard", "told") for w in words[2:])


def denied_subject(words: list[str]) -> int | None:
    """"X is not used", "X doesn't really happen": where the subject X ends (the auxiliary),
    when the clause's only predicate is a negated empty one."""
    for i, w in enumerate(words):
        if w not in ("not", "t", "never") or i == 0:
            continue
        aux = i - 1 if words[i - 1] in AUX or words[i - 1] in NT_PREFIXES else None
        if aux is None or aux == 0:
            return None
        rest = [x for x in words[i + 1:] if x not in ("really", "actually", "a", "an", "the",
                                                       "at", "all", "always", "even")]
        if rest and rest[0] in _EMPTY_PREDICATES and len(rest) <= 3:
            return aux
        return None
    return None


_MYTH_WORDS = frozenset("myth myths misconception nonsense bogus rubbish fiction".split())
_MADE_UP = (("made", "up"), ("just", "a", "story"), ("a", "fairy", "tale"), ("fiction",),
            ("nonsense",), ("not", "true"), ("not", "the", "case"), ("untrue",))


#: Nouns that put a claim in the subject: "the idea that X is a myth".
_CLAIM_NOUNS = frozenset("claim idea notion belief assumption story statement".split())


def denied_by_predicate(words: list[str]) -> int | None:
    """"X is a myth (too)", "X is wrong", "X is just something people made up", "the idea
    that X is another myth": where X ends (the verb), when the clause's predicate only denies
    its subject."""
    # "the claim that X ...": X has verbs of its own, so the predicate may be any later one
    embedded = len(words) > 3 and words[1] in _CLAIM_NOUNS and words[2] == "that"
    for i, w in enumerate(words):
        if i == 0 or w not in ("is", "are", "was", "were", "s"):
            continue
        rest = words[i + 1:i + 9]
        # not "wrong"/"false": "the gradients are wrong" claims something about gradients
        if rest and (any(x in _MYTH_WORDS for x in rest[:3]) or has_run(rest, _MADE_UP)):
            return i
        if not embedded:
            return None
    return None


def denies_before(rest: list[str]) -> bool:
    """"that's a myth", "it doesn't really", "that is not true", "no"."""
    if not rest:
        return False
    if rest in (["no"], ["nope"], ["wrong"], ["no", "wait"], ["no", "no"]) or _bare_reply(rest):
        return True   # "..., no." ("..., no copy" is a claim: "no" before a word negates it)
    # "..., not really." / "..., not true." ("X, not Y" is a contrast that denies Y only)
    if rest[0] == "not" and rest[1:] in (["really"], ["true"], ["correct"], ["right"],
                                         ["quite"], ["exactly"]):
        return True
    if rest[0] in ("that", "this", "which", "it", "they", "is", "s") and len(rest) <= 7:
        if any(w in DENIAL_WORDS for w in rest):
            return True
        if ("true" in rest or "case" in rest) and ("not" in rest or "t" in rest):
            return True
        # "but it doesn't (really / actually)", "but that's not really how it works"
        neg = [i for i, w in enumerate(rest) if w in ("not", "t", "never")]
        if neg and all(w in STOPWORDS or w in _EMPTY_COMPLEMENT for w in rest[neg[0] + 1:]):
            return True
    return False
