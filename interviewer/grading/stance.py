"""Which claims of an answer state nothing, whatever words they use.

A grade credits what an answer claims, so these parts of an answer are *muted*: no concept
in them earns credit and no wrong claim in them costs points.

- questions: a sentence ending in "?", a table row with a "?" cell ("| chain rule | ? |");
- hedged alternatives: "it might be X or Y or Z", "may or may not", "or the other way round",
  "it could be X or could Y" (the hedge said again for the other way);
  "whether or not X" / "whether X or not" (to the end of that clause);
- not knowing: "I don't know", "no idea", "not sure whether ...";
- reported speech: "people say X", "I have heard that X", "you'd think X", "some claim X",
  "beginners believe X" (to the end of the sentence, or to a clause opened by
  "but"/"however"); hearsay: "supposedly X", "X, allegedly" (the sentence);
- bare association: "X and Y are related to Z", "X has something to do with Y";
- denial said after the claim: "people say it reshuffles every epoch, but that's a myth",
  "you'd think it batches but it doesn't really", a following "That's a myth." or "None of
  that is how it works." (the predicates that only deny are in `denying_predicates`);
- glossary stubs ("shuffle: order", a term with a gloss of at most two words) and keyword
  runs padded with fillers ("the filters and the kernels of the sliding and the ...");
- a sentence repeated word for word (it counts once).

Negation inside a claim ("does not copy"), contrast ("rather than X") and denial framing
before a claim ("it is a myth that X") are scopes over words, in `negation`.

Code is not muted by any of this: a `?` or `or` in code is code.
"""

import re
from collections.abc import Sequence

from interviewer.grading.denying_predicates import (
    AUX,
    DENIAL_WORDS,
    backward_denial,
    denied_by_predicate,
    denied_subject,
    denies_before,
)
from interviewer.grading.text_normalise import Token
from interviewer.grading.word_lists import CLAUSE_OPENERS, SAYING_VERBS, has_run

_HEDGES = frozenset("might maybe perhaps possibly probably could may guess".split())
#: Verbs that report what others say or think: the saying verbs of `word_lists`, and hearing,
#: reading, telling and mentioning.
_REPORT_VERBS = SAYING_VERBS | frozenset(
    "heard hear read tell tells told mention mentions mentioned".split())
#: Subjects of reported speech: "people say", "some claim", "they think", "you'd think".
_REPORTERS = frozenset("people some others many folks everyone everybody somebody someone "
                       "they tutorials articles blogs textbooks books courses beginners "
                       "newcomers novices juniors".split())
#: Adverbs that report a claim without making it: "supposedly it reshuffles every epoch".
_HEARSAY = frozenset("supposedly allegedly reportedly purportedly".split())
#: Predicates that claim only an association ("X and Y are related to Z"). Not "connected
#: to" or "linked to": in many subjects (circuits, graphs) those are the claim itself.
_ASSOCIATION = (("related", "to"), ("associated", "with"), ("something", "to", "do"),
                ("have", "to", "do", "with"), ("has", "to", "do", "with"), ("come", "up"),
                ("comes", "up"), ("relevant", "to"), ("relevant", "here"), ("somehow", "connected"))
_FILLERS = frozenset("the of and a an with to for".split())
#: A clause this short before "X and Y are related to Z" is one more item of its subject.
_LIST_ITEM_WORDS = 4
_PRONOUNS = frozenset("it they this these those there we you he she i".split())
_NOT_KNOWING = (("i", "don", "t", "know"), ("i", "do", "not", "know"), ("i", "have", "no", "idea"),
                ("ve", "no", "idea"), ("no", "idea", "really"),
                ("m", "not", "sure"), ("am", "not", "sure"), ("i", "dont", "know"),
                ("not", "sure", "if"), ("not", "sure", "whether"), ("not", "sure", "about"),
                ("can", "t", "remember"), ("cannot", "remember"),
                ("i", "forget"), ("i", "forgot"))
_GLOSS_GAP = re.compile(r"^\s*(?::|\s[-–—]\s?)\s*$")
_QUESTION_CELL = re.compile(r"\|\s*\?+\s*(?:\||$)|\?\s*\|")
#: A filler-padded keyword run: this long, with no auxiliary verb, and this share of fillers
#: (a real noun phrase such as "the difference in the states of the positive and negative
#: terminals of a battery" is shorter).
_FILLER_MIN_TOKENS = 20
_FILLER_SHARE = 0.42


#: Words one of which a sentence needs for any clause rule to apply (a cheap skip).
_CLAUSE_RULE_WORDS = (_REPORT_VERBS | frozenset(run[0] for run in _ASSOCIATION)
                      | frozenset(("not", "t", "never", "no", "nope", "wrong", "but", "which",
                                   "made", "fiction", "story", "tale", "whether"))
                      | DENIAL_WORDS)


def muted_tokens(text: str, tokens: Sequence[Token],
                 subjects: list[bool] | None = None) -> list[bool]:
    """For each token: does it sit in a claim that states nothing (see module docstring)?
    `subjects`, if given, is filled with the subjects of negated empty predicates ("X is not
    used"): they state no concept, though a wrong claim that spells out that negation ("X is
    not possible with DDP") still stands."""
    n = len(tokens)
    muted = [False] * n
    if not n:
        return muted
    sentences = _spans(tokens, "sentence")
    stubs = [not tokens[lo].code and _glossary_stub(text, tokens, lo, hi) for lo, hi in sentences]
    # A glossary is an answer made of stubs; one "term: gloss" line in a real answer is fine.
    glossary = sum(stubs) >= 3 and sum(stubs) * 2 >= len(sentences)
    seen: dict[tuple[str, ...], int] = {}
    all_words = [t.norm for t in tokens]
    all_stems = [t.stem for t in tokens]
    all_clauses = [t.clause for t in tokens]
    asks = "?" in text
    tables = "|" in text     # a table header row starts with "|"
    for s, (lo, hi) in enumerate(sentences):
        if tokens[lo].code:
            continue
        words = all_words[lo:hi]
        key = tuple(all_stems[lo:hi])
        if len(key) >= 3 and key in seen:
            _mute(muted, lo, hi)          # the same sentence again: it counts once
            continue
        seen.setdefault(key, s)
        if (asks and _asked(text, tokens, lo, hi)) or (tables and _table_header(text, tokens, lo, hi)):
            _mute(muted, lo, hi)
            continue
        wset = set(words)
        if (("or" in wset and _hedged(words)) or has_run(words, _NOT_KNOWING)
                or not wset.isdisjoint(_HEARSAY)
                or (glossary and stubs[s]) or _filler_run(words)):
            _mute(muted, lo, hi)
            continue
        if not wset.isdisjoint(_CLAUSE_RULE_WORDS):
            _clause_rules(tokens, all_words, lo, hi, muted, subjects)
        opening = all_clauses[lo]
        first_clause = [w for w, c in zip(words, all_clauses[lo:hi]) if c == opening]
        if backward_denial(words) is not None or (
                len(first_clause) < len(words) and backward_denial(first_clause) is not None):
            # "That's a myth." / "None of that is how it works.": the sentence before (or,
            # for "none of that/this", every sentence before) is denied, and so is this one.
            _mute(muted, lo, hi)
            if s:
                first = 0 if words[0] in ("none", "all") else sentences[s - 1][0]
                _mute(muted, first, lo)
    return muted


def _asked(text: str, tokens: Sequence[Token], lo: int, hi: int) -> bool:
    """A sentence that ends in "?", or a table row with a "?" cell."""
    tail = text[tokens[hi - 1].end:_next_start(tokens, hi, len(text))]
    if "?" in tail.split("\n", 1)[0] and not tail.lstrip().startswith(("(", "`")):
        return True
    line_end = text.find("\n", tokens[hi - 1].end)
    return _QUESTION_CELL.search(text, tokens[lo].start,
                                 len(text) if line_end < 0 else line_end + 1) is not None


_TABLE_RULE = re.compile(r"[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")


def _table_header(text: str, tokens: Sequence[Token], lo: int, hi: int) -> bool:
    """A Markdown table's header row (the line before its |---|---| rule) names columns; it
    claims nothing."""
    line_start = text.rfind("\n", 0, tokens[lo].start) + 1
    if not text[line_start:tokens[lo].start].lstrip().startswith("|"):
        return False
    line_end = text.find("\n", tokens[hi - 1].end)
    if line_end < 0:
        return False
    next_end = text.find("\n", line_end + 1)
    return _TABLE_RULE.match(text[line_end + 1:len(text) if next_end < 0 else next_end]) is not None


def _spans(tokens: Sequence[Token], field: str) -> list[tuple[int, int]]:
    """(start, end) of each run of tokens with the same sentence (or clause) number."""
    keys = [t.sentence for t in tokens] if field == "sentence" else [t.clause for t in tokens]
    if not keys:
        return []
    # where the number changes: the start of each run but the first
    cuts = [i for i in range(1, len(keys)) if keys[i] != keys[i - 1]]
    edges = [0, *cuts, len(keys)]
    return list(zip(edges, edges[1:]))


def _next_start(tokens: Sequence[Token], i: int, default: int) -> int:
    return tokens[i].start if i < len(tokens) else default


def _mute(muted: list[bool], lo: int, hi: int) -> None:
    for k in range(lo, hi):
        muted[k] = True


def _hedged(words: list[str]) -> bool:
    """Alternatives offered without choosing: a hedge with two or more "or"s, or a phrase
    that leaves both ways open."""
    ors = words.count("or")
    if ors >= 2 and any(w in _HEDGES for w in words):
        return True
    return has_run(words, (("or", "the", "other", "way"), ("may", "or", "may", "not"),
                            ("or", "perhaps"), ("or", "maybe"), ("or", "possibly"),
                            ("might", "or", "might", "not"), ("or", "not", "depending"),
                            # the hedge said again for the other way: "could be A or could B"
                            ("or", "could"), ("or", "might"), ("or", "it", "could"),
                            ("or", "it", "might")))


def _glossary_stub(text: str, tokens: Sequence[Token], lo: int, hi: int) -> bool:
    """"shuffle: order", "Optimizer - updater.": a term and a gloss of at most two words."""
    if hi - lo > 6:
        return False
    for k in range(lo + 1, hi):
        gap = text[tokens[k - 1].end:tokens[k].start]
        if _GLOSS_GAP.match(gap) and hi - k <= 2:
            return True
    return False


def _filler_run(words: list[str]) -> bool:
    """"The filters and the kernels of the sliding and the feature maps with the ...": a
    long run of terms joined by "the/of/and" with no verb to say anything about them.
    (A lone "s" or "d" is not a verb here: "1/S" gives one.)"""
    if len(words) < _FILLER_MIN_TOKENS or any(w in AUX and len(w) > 2 for w in words):
        return False
    return words.count("and") >= 4 and sum(w in _FILLERS for w in words) / len(words) >= _FILLER_SHARE


def _clause_rules(tokens: Sequence[Token], words: list[str], lo: int, hi: int,
                  muted: list[bool], subjects: list[bool] | None = None) -> None:
    """Reported speech, bare association and denial after the claim, within one sentence."""
    clauses = _spans(tokens[lo:hi], "clause")
    clauses = [(lo + a, lo + b) for a, b in clauses]
    for c, (a, b) in enumerate(clauses):
        cw = words[a:b]
        # "people say X" / "I have heard that X" / "you'd think X": muted to the next clause
        # opened by "but"/"however" (the candidate's own voice again).
        for k in range(a, b):
            if words[k] in _REPORT_VERBS and _reported(words, k, a):
                end = b
                for a2, b2 in clauses[c + 1:]:
                    if words[a2] in CLAUSE_OPENERS and words[a2] not in ("which",):
                        break
                    end = b2
                _mute(muted, a, end)
                break
        if has_run(cw, _ASSOCIATION):
            # "Also autograd, the graph, .grad and SGD are related to it": a plural verb after
            # a list whose items are clauses of their own (a few words each, no subject or
            # verb of their own); not "It batches, and shuffling is related to it" (a claim,
            # then a singular subject) or "It batches, and the samplers are related to it"
            first = c
            plural = "are" in cw or "were" in cw
            while plural and first and _list_item(words[slice(*clauses[first - 1])]):
                first -= 1
            _mute(muted, clauses[first][0], b)
        open_from = _left_open(cw)
        if open_from is not None:
            _mute(muted, a + open_from, b)
        subject_end = denied_subject(cw)
        if subject_end is not None and subjects is not None:
            _mute(subjects, a, a + subject_end)
        # "the same-filter-everywhere thing is a myth too", "X is just something people made
        # up": what stands before the verb is denied
        denied_end = denied_by_predicate(cw)
        if denied_end is not None:
            _mute(muted, lo if c <= 1 else a, a + denied_end)   # the subject may be quoted
        # "..., but that's a myth" / "but it doesn't really" / "which is wrong" / "..., no,
        # ...": the clauses before, in this sentence, are denied.
        if c and cw and cw[0] in ("but", "which", "and", "however"):
            if denies_before(cw[1:]):
                _mute(muted, lo, b)
        elif c and cw and denies_before(cw):
            _mute(muted, lo, b)


def _list_item(words: list[str]) -> bool:
    """A clause that can be one item of a listed subject: a few words, not opened by a
    pronoun subject, with no auxiliary verb ("the computational graph", not "it batches")."""
    return (len(words) <= _LIST_ITEM_WORDS and words[0] not in _PRONOUNS
            and AUX.isdisjoint(words))


def _left_open(words: list[str]) -> int | None:
    """"whether or not it is linearly separable", "whether it shuffles or not": both ways are
    left open, so nothing from "whether" to the clause's end is claimed (index of "whether")."""
    for k, w in enumerate(words):
        if w == "whether" and (words[k + 1:k + 3] == ["or", "not"]
                               or has_run(words[k + 2:], (("or", "not"),))):
            return k
    return None


def _reported(words: list[str], k: int, start: int) -> bool:
    """Whether the saying/believing verb at k reports others' words ("people say", "I have
    heard", "you'd think", "it is often said", "some claim"), not the candidate's own claim
    ("I think X")."""
    before = words[max(start, k - 3):k]
    verb = words[k]
    if verb in ("heard", "hear", "read"):
        # "I have heard that", "we read somewhere"; "you'll read / hear that" (what others
        # write), not "I heard a click"
        after = words[k + 1:k + 3]
        if not any(w in ("that", "about", "somewhere", "people", "of", "it", "online") for w in after):
            return False
        return "i" in before or "we" in before or before[-2:] in (["you", "ll"], ["you", "will"])
    if before[-2:] in (["you", "d"], ["you", "would"], ["you", "might"], ["you", "may"]):
        return verb in ("think", "say", "believe", "assume")
    if verb in ("said", "claimed", "believed", "assumed", "told", "thought", "suggested",
                "mentioned"):
        return any(w in ("is", "was", "are", "been", "being", "often", "commonly", "widely",
                         "usually", "sometimes", "me", "were") for w in before) \
            or any(w in _REPORTERS and w != "you" for w in before[-2:])
    return any(w in _REPORTERS and w != "you" for w in before[-2:])
