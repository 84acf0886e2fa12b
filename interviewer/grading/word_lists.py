"""Small fixed English word lists the offline grader relies on (generic knowledge, not data
learned from any grading set), and `has_run` to find word runs in a claim."""

from functools import lru_cache

#: Function words: articles, pronouns, auxiliaries, prepositions, conjunctions and the like.
#: They carry no concept on their own; a run of words with none of them is not a sentence.
STOPWORDS: frozenset[str] = frozenset(
    """
    a about above after again against all also am an and any are aren as at be because been
    before being below between both but by can cannot could couldn d did didn do does doesn
    doing don down during each either else etc even ever every few for from further had hadn
    has hasn have haven having he her here hers herself him himself his how however i if in
    into is isn it its itself just least less let ll m may me might more most much must
    mustn my myself need needn neither no nor not now o of off often on once only or
    other others otherwise our ours ourselves out over own per quite rather re really s same
    say says shall shan she should shouldn since so some such t than that the their theirs
    them themselves then there therefore these they this those though through thus to too
    under until up upon us ve very via was wasn we were weren what when where whereas whether
    which while who whom whose why will with within without won would wouldn y yes yet you
    your yours yourself yourselves
    """.split()
)

#: Extra words that say little in an answer (used when deriving concepts from a reference).
WEAK_WORDS: frozenset[str] = frozenset(
    """
    able allow allows allowed basically called certain different done example first get gets
    given gives good help helps important including kind like lot lots make makes making many
    mean means new often simply something thing things type types use used uses using usually
    various way ways well whatever
    """.split()
)

#: Common English words that are never read as a typo of a rubric word ("later" is not
#: "layer", "model" is not "modal"): only a word outside this list and the stopwords can be
#: a misspelling.
COMMON_WORDS: frozenset[str] = frozenset(
    """
    about above across after again against along already also although always among another
    answer around asked based became become becomes before began being below better between
    beyond bigger bring built cause cases change changes check choose close comes common
    could course cover create dates death doing during early easily either enough entire
    equal every exact except exist faster fewer field final first focus follow following
    force found front further given going great greater group happen having heard heavy
    higher house human ideas image inside instead issue known large larger later latter learn
    least leave level light liked limit lines linked little local longer lower makes maybe
    means might minor money month moral mostly moved needs never night often older order
    other others outer place plain plane plays point power press price prior quite quote
    raise range rather ready reach reason right round rules safer saves scale score seems
    sense serve seven shall share short since small smart smaller sorry sound space speak
    start state still store story study style taken takes taste terms their there these
    thing think third those three times title today total touch tower track trade train
    tried truly trust under until upper usual value water where which while whole whose
    women words world would write wrong years young
    """.split()
)

#: Words that negate what follows them within the same clause ("does not compute gradients").
NEGATION_WORDS: frozenset[str] = frozenset(
    "not no never without neither nor cannot cant dont doesnt isnt arent wasnt werent didnt "
    "wont wouldnt shouldnt couldnt hasnt havent hadnt nothing none lacks lack".split()
)

#: First halves of "n't" contractions, which the tokeniser splits as ("doesn", "t").
NT_PREFIXES: frozenset[str] = frozenset(
    "don doesn isn aren wasn weren didn won wouldn shouldn couldn hasn haven hadn can mustn "
    "needn ain shan".split()
)

#: A negation word followed by one of these does not negate ("not only", "whether or not").
NEGATION_BREAKERS: frozenset[str] = frozenset(
    "only just merely simply solely exclusively matter doubt".split())

#: Words that open a new clause: a negation before them does not reach past them.
CLAUSE_OPENERS: frozenset[str] = frozenset(
    "but however although though whereas while whilst instead rather unlike except yet which"
    .split()
)

#: Words that, right after "and", start a new claim rather than continue a negated list
#: ("isn't zero-centered and it saturates", "... and also ...", "... and is ...").
CLAUSE_STARTERS: frozenset[str] = frozenset(
    """
    it they this these those there we you he she i is are was were be has have had can could
    will would should may might must does do did also still then so thus hence therefore
    instead only just always usually often actually even
    """.split()
)

#: Nouns that present what follows as wrong: "a common misconception is that X".
DENIAL_NOUNS: frozenset[str] = frozenset(
    "myth myths misconception misconceptions fallacy misbelief misunderstanding".split()
)
#: Adjectives that, followed by "that" or "to say/think", present what follows as wrong:
#: "it is wrong to say X", "it's a mistake to think that X".
DENIAL_ADJECTIVES: frozenset[str] = frozenset(
    "wrong incorrect false untrue mistaken mistake misleading inaccurate".split()
)
#: Adverbs that, before a verb of saying, present what follows as wrong: "people wrongly think X".
DENIAL_ADVERBS: frozenset[str] = frozenset(
    "wrongly mistakenly falsely incorrectly erroneously".split()
)
#: Verbs of saying or believing (any form) after a denial word.
SAYING_VERBS: frozenset[str] = frozenset(
    "say says said saying think thinks thought believe believes believed claim claims claimed "
    "assume assumes assumed suggest suggests suggested state states stated imagine".split()
)


def has_run(words: list[str], runs: tuple[tuple[str, ...], ...]) -> bool:
    """Whether one of the word runs occurs in `words` (whole words, in order)."""
    firsts, spelled = _runs(runs)
    if firsts.isdisjoint(words):
        return False
    joined = " " + " ".join(words) + " "
    return any(run in joined for run in spelled)


@lru_cache(maxsize=64)
def _runs(runs: tuple[tuple[str, ...], ...]) -> tuple[frozenset[str], tuple[str, ...]]:
    """The runs' first words, and each run spelled as " w1 w2 " (built once per run list)."""
    return frozenset(run[0] for run in runs), tuple(" " + " ".join(run) + " " for run in runs)
