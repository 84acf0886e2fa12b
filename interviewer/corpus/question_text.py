"""A question's text as a person would read it aloud: no link, image, emoji or emphasis markup,
no trailing `[src]` markers; and the difficulty its markers state, when it has any.

The interviewer reads the question out, ids are made from its words, duplicates across
documents are found by them and `interviewer grade` matches answers to questions by text:
"[[src](https://…)] What is _CUDA_? 🟢" must become "What is CUDA?" (difficulty easy).
"""

import re

from markdown_it.token import Token

#: Link texts that mark a source, not words of the question: `[[src](url)]`, `[1](url)`.
_MARKER_LINK = re.compile(r"^\W*(?:src|source|sources|ref|refs|reference|link|here|answer|"
                          r"solution|\d{1,3}|[ivx]{1,4})\W*$", re.IGNORECASE)
#: Brackets and parentheses left empty once a marker link is gone: `[]`, `()`, `[ ]`.
_EMPTY_BRACKETS = re.compile(r"\[\s*\]|\(\s*\)|\{\s*\}")
#: A trailing plain-text marker: `[src]`, `[1]`, `(source)`.
_TRAILING_MARKER = re.compile(r"\s*[\[(](?:src|source|ref|\d{1,3})[\])]\s*$", re.IGNORECASE)
_BARE_URL = re.compile(r"<?https?://\S+>?")

#: Difficulty stated in words: "(Easy)", "[hard]", "- medium", "Difficulty: Hard", "| Easy |".
_LEVEL_WORDS = {
    "easy": "easy", "beginner": "easy", "basic": "easy", "junior": "easy", "simple": "easy",
    "medium": "medium", "intermediate": "medium", "moderate": "medium", "mid": "medium",
    "hard": "hard", "advanced": "hard", "expert": "hard", "senior": "hard", "difficult": "hard",
}
_LEVEL = "|".join(_LEVEL_WORDS)
_LEVEL_MARK = re.compile(
    rf"\s*(?:[\[(]\s*(?:difficulty\s*[:=-]\s*)?({_LEVEL})\s*[\])]"
    rf"|(?:difficulty|level)\s*[:=-]\s*\**({_LEVEL})\**"
    rf"|(?<=[?.:])\s*[-–—|]\s*({_LEVEL})\b)\s*",
    re.IGNORECASE,
)
#: Coloured-circle and square scales, the most common emoji difficulty markers.
_EMOJI_LEVEL = {
    "🟢": "easy", "🟩": "easy", "🍏": "easy", "💚": "easy",
    "🟡": "medium", "🟨": "medium", "🟠": "medium", "🟧": "medium", "💛": "medium",
    "🔴": "hard", "🟥": "hard", "❤": "hard",
}
_STARS = re.compile(r"[⭐★🌟]")


#: Emoji, pictographs, dingbats, flags, keycaps, joiners and variation selectors.
_EMOJI = re.compile(
    "[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u2300-\u23FF\u200d\ufe0f\ufe0e\u20e3]"
)


def strip_emoji(text: str) -> str:
    """The text without emoji and pictographs (a difficulty scale, a decoration)."""
    return text if text.isascii() else _EMOJI.sub("", text)


def difficulty_of(text: str) -> str | None:
    """The difficulty a question's markers state (emoji scale, stars or a word), or None."""
    for ch in text:
        level = _EMOJI_LEVEL.get(ch)
        if level:
            return level
    stars = len(_STARS.findall(text))
    if stars:
        return "easy" if stars == 1 else "medium" if stars == 2 else "hard"
    m = _LEVEL_MARK.search(text)
    if m:
        word = next(g for g in m.groups() if g)
        return _LEVEL_WORDS[word.lower()]
    return None


def level_word(text: str) -> str | None:
    """The difficulty a whole heading names ("Easy", "Advanced questions"), or None."""
    words = re.findall(r"[a-z]+", text.lower())
    words = [w for w in words if w not in {"questions", "question", "level", "levels", "difficulty", "interview", "s"}]
    if len(words) == 1 and words[0] in _LEVEL_WORDS:
        return _LEVEL_WORDS[words[0]]
    return None


def inline_words(children: list[Token]) -> str:
    """The inline tokens as text: link text kept unless it is a source marker, images and
    HTML dropped, emphasis markers gone, inline code in backticks."""
    out: list[str] = []
    link_depth = 0
    link_text: list[str] = []
    for child in children:
        kind = child.type
        if kind == "link_open":
            link_depth += 1
            link_text = []
            continue
        if kind == "link_close":
            link_depth = max(0, link_depth - 1)
            text = "".join(link_text)
            if not _MARKER_LINK.match(text):
                out.append(text)
            continue
        piece = ""
        if kind == "text":
            piece = child.content
        elif kind == "code_inline":
            piece = f"`{child.content}`"
        elif kind in ("softbreak", "hardbreak"):
            piece = " "
        elif kind == "html_inline" and child.content.lower().startswith(("<br", "<p", "</p")):
            piece = " "
        (link_text if link_depth else out).append(piece)
    return "".join(out)


def clean_question(text: str) -> str:
    """Question text without emoji, difficulty markers, bare URLs, empty brackets, trailing
    source markers and stray emphasis characters (inline code is left as written); white
    space collapsed."""
    text = _outside_code(text, _clean_words)
    text = re.sub(r"\s+", " ", text).strip()
    text = _outside_code(text, lambda part: re.sub(r"\s+([?.,:;!])", r"\1", part))
    return text.strip(" -–—|")


def _clean_words(text: str) -> str:
    text = strip_emoji(text)
    text = _BARE_URL.sub(" ", text)
    text = _LEVEL_MARK.sub(" ", text)
    for _ in range(2):
        text = _EMPTY_BRACKETS.sub(" ", text)
        text = _TRAILING_MARKER.sub("", text)
    return re.sub(r"(?<!\w)[*_]+|[*_]+(?!\w)", "", text)


def _outside_code(text: str, fix) -> str:
    parts = re.split(r"(`+[^`]*`+)", text)
    return "".join(p if p.startswith("`") else fix(p) for p in parts)
