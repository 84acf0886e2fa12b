"""What a reader sees of an answer, at the same offsets as what was typed.

A grade judges what the answer says to a reader, so text a reader does not see is not said:
HTML comments, struck-out text (`<del>`, `<s>`, `<strike>`, `~~...~~`), and invisible
characters. Every function here keeps the text's length and each character's position, so
evidence quoted from a match is still an exact substring of the candidate's own answer.

Look-alike letters: a word that mixes scripts ("nоt" with a Cyrillic "о", "shаres" with a
Cyrillic "а") reads to a person as the Latin word, so it is folded to it; so are full-width
and mathematical letters ("Ｉｇｎｏｒｅ"). The table comes from
Unicode's confusables data as shipped by `confusable-homoglyphs` (loaded once, only when an
answer has a mixed-script word). Words wholly in another script are left alone: they are
another language, which the language check reports.
"""

import re
import unicodedata
from functools import lru_cache

# Invisible format characters: zero-width space/joiners, word joiner, soft hyphen, BOM, and
# the bidirectional controls that reorder what a terminal shows. Inside a word they are
# dropped from its normal form (the tokeniser joins "n\u200bot" into "not").
INVISIBLE = ("\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e"
             "\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"
             "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
             "\u206a\u206b\u206c\u206d\u206e\u206f")

_HIDDEN = re.compile(
    r"<!--.*?(?:-->|\Z)"                                       # HTML comment (even unclosed)
    r"|<(del|s|strike)\b[^>]*>.*?(?:</\1\s*>|\Z)"               # struck-out HTML elements
    r"|(?<!~)~~(?!~)(?=\S).*?(?<=\S)~~(?!~)",                   # ~~Markdown strike~~
    re.IGNORECASE | re.DOTALL,
)
_MIXED_WORD = re.compile(r"[^\W_]+")


def blank_hidden(text: str) -> str:
    """The text with what a reader does not see replaced by spaces (line breaks kept)."""
    if "<" not in text and "~~" not in text:
        return text
    return _HIDDEN.sub(_spaces, text)


def _spaces(match: re.Match[str]) -> str:
    return "".join("\n" if ch == "\n" else " " for ch in match.group())


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    """Single characters confusable with one ASCII letter or digit -> that character."""
    from confusable_homoglyphs import confusables

    table: dict[int, str] = {}
    for char, glyphs in confusables.confusables_data.items():
        if len(char) != 1 or char.isascii():
            continue
        for glyph in glyphs:
            c = glyph["c"]
            if len(c) == 1 and c.isascii() and c.isalnum():
                table[ord(char)] = c
                break
    return table


def fold_confusables(text: str) -> str:
    """Fold look-alike letters inside words that mix ASCII letters with others ("nоt" ->
    "not"). Same length; ASCII text is returned as is."""
    if text.isascii():
        return text
    table = None
    out = []
    last = 0
    for match in _MIXED_WORD.finditer(text):
        word = match.group()
        if word.isascii():
            continue
        compat = unicodedata.normalize("NFKC", word)
        if compat.isascii() and len(compat) == len(word):
            folded = compat          # full-width or mathematical letters: "Ｉｇｎｏｒｅ"
        elif any(c.isascii() for c in word):
            table = table or _fold_table()
            folded = word.translate(table)
        else:
            continue
        if folded != word and len(folded) == len(word):
            out.append(text[last:match.start()])
            out.append(folded)
            last = match.end()
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) spans sorted, with overlapping or touching ones merged."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
