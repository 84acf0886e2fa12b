"""Answers that only hold a place: "Answer here", "TBD", a bare link, "More reading: <link>".

Public collections are often half written. Such an answer used as the reference would make
the grader reward a candidate for typing "Answer here" and mark an expert answer wrong, so
the importer treats it as blank (and says so, with the document's line).
"""

import re

#: Whole-answer placeholder phrases (after markup and punctuation are stripped).
_PLACEHOLDER = re.compile(
    r"^(?:(?:your |the |an? )?answers? (?:here|goes here|to come|coming soon|pending|tbd)"
    r"|(?:write|add|put|insert|type) (?:your |the |an? )?answers? (?:here|below)?"
    r"|answer|ans|solution|tbd|tba|tbc|todo|to ?do|to be (?:filled|added|done|written|completed|"
    r"updated|answered|continued)(?: in| later| soon)?"
    r"|coming soon|work in progress|wip|fill(?: this)? in(?: later)?|pending|placeholder"
    r"|n ?a|none yet|not yet answered|no answer(?: yet)?|will (?:be )?(?:add|update|write|fill)\w*(?: later| soon)?"
    r"|lorem ipsum.*|x+|\?+)$",
    re.IGNORECASE,
)
#: Labels that introduce links rather than answer: "More reading:", "Source:", "See:".
_LINK_LABEL = re.compile(
    r"^(?:more|further|additional|extra|suggested)? ?(?:reading|resources?|info(?:rmation)?|"
    r"details|links?)|^(?:sources?|refs?|references?|see(?: also)?|read(?: more)?|"
    r"answer|solution|link|check(?: out)?|learn more|details|video|blog|article|docs?|"
    r"documentation|here)$",
    re.IGNORECASE,
)
_MD_LINK = re.compile(r"!?\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*<?[^)\s>]*>?(?:\s+\"[^\"]*\")?\s*\)")
_URL = re.compile(r"<?(?:https?://|www\.)\S+>?")
_REF_DEF = re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$", re.MULTILINE)


def _words(text: str) -> str:
    text = re.sub(r"[`*_#>|~\-\u2022]+", " ", text)
    text = re.sub(r"^\s*\d+[.)]\s+", " ", text, flags=re.MULTILINE)
    return " ".join(re.findall(r"[\w']+|\?", text)).strip()


def placeholder_reason(answer: str) -> str | None:
    """Why this answer is not an answer ("placeholder 'Answer here'", "only a link"), or None.

    A real answer that merely ends with a reading list is an answer."""
    text = answer.strip()
    if not text:
        return None
    if "```" in text or "~~~" in text:
        return None  # a code block is an answer in itself
    plain = _words(text)
    if _PLACEHOLDER.match(plain):
        return f"placeholder {_short(text)}"
    has_link = bool(_MD_LINK.search(text) or _URL.search(text) or _REF_DEF.search(text))
    if not has_link:
        return None
    # what is left once every link is gone: only labels such as "More reading:"?
    rest = _REF_DEF.sub(" ", text)
    link_texts: list[str] = []

    def keep_text(m: re.Match) -> str:
        link_texts.append(m.group(1))
        return " "

    rest = _MD_LINK.sub(keep_text, rest)
    rest = _URL.sub(" ", rest)
    leftover = [line for line in (_words(x) for x in rest.splitlines()) if line]
    if all(_LINK_LABEL.match(line) or _PLACEHOLDER.match(line) for line in leftover):
        labels = " ".join(leftover).lower()
        kind = "'more reading' links" if "read" in labels or "resource" in labels else "a link"
        return f"only {kind}: {_short(text)}"
    return None


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
