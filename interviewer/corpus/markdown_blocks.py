"""A Markdown document as a list of blocks with their source lines, from markdown-it-py's
CommonMark token stream.

The importer decides what is a question from these blocks rather than from line regexes: a
`#` inside a code fence, a `**bold**` line inside an HTML block or a list item's nesting depth
are then parsed, not guessed. Answers are still cut from the source lines (the token map gives
each block's lines), so code fences, tables and nested lists are kept exactly as written.
"""

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from markdown_it.token import Token

BlockKind = Literal["heading", "paragraph", "html", "code"]


@dataclass
class Block:
    """One leaf block: a heading, a paragraph (possibly inside list items), an HTML block or
    a code block. Lines are 0-based, `end` exclusive."""

    kind: BlockKind
    start: int
    end: int
    level: int = 0                  # heading level (1-6)
    children: list[Token] = field(default_factory=list)  # inline tokens (heading/paragraph)
    content: str = ""               # raw text (html/code)
    list_depth: int = 0             # how many lists this block sits in
    list_kind: str | None = None    # "ordered" / "bullet": the innermost list
    first_in_item: bool = False     # the first block of its list item


@lru_cache(maxsize=1)
def _parser():
    # imported here: the parser is only needed by `corpus import`
    from markdown_it import MarkdownIt

    # "commonmark" plus tables: a table row is not a paragraph that could read as a question
    return MarkdownIt("commonmark").enable("table")


def parse_blocks(text: str) -> list[Block]:
    """The document's leaf blocks in order."""
    tokens = _parser().parse(text)
    blocks: list[Block] = []
    lists: list[str] = []          # the open lists, innermost last
    item_fresh: list[bool] = []    # per open list item: no block seen in it yet
    open_block: tuple[str, Token] | None = None
    in_table = 0
    for token in tokens:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            lists.append("ordered" if kind == "ordered_list_open" else "bullet")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            item_fresh.append(True)
        elif kind == "list_item_close":
            item_fresh.pop()
        elif kind == "table_open":
            in_table += 1
        elif kind == "table_close":
            in_table -= 1
        elif kind in ("heading_open", "paragraph_open"):
            open_block = (kind, token)
        elif kind == "inline" and open_block is not None and not in_table:
            opener_kind, opener = open_block
            start, end = opener.map or token.map or (0, 0)
            first = bool(item_fresh) and item_fresh[-1]
            blocks.append(Block(
                kind="heading" if opener_kind == "heading_open" else "paragraph",
                start=start, end=end,
                level=int(opener.tag[1]) if opener_kind == "heading_open" else 0,
                children=list(token.children or []),
                list_depth=len(lists), list_kind=lists[-1] if lists else None,
                first_in_item=first,
            ))
            if item_fresh:
                item_fresh[-1] = False
        elif kind in ("heading_close", "paragraph_close"):
            open_block = None
        elif kind in ("html_block", "fence", "code_block") and token.map:
            blocks.append(Block(
                kind="html" if kind == "html_block" else "code",
                start=token.map[0], end=token.map[1], content=token.content,
                list_depth=len(lists), list_kind=lists[-1] if lists else None,
                first_in_item=bool(item_fresh) and item_fresh[-1],
            ))
            if item_fresh:
                item_fresh[-1] = False
    return blocks


def first_line(children: list[Token]) -> tuple[list[Token], list[Token]]:
    """Split a paragraph's inline tokens at its first line break: (first line, the rest)."""
    for n, child in enumerate(children):
        if child.type in ("softbreak", "hardbreak"):
            return children[:n], children[n + 1:]
    return children, []


def plain_text(children: list[Token], *, code_ticks: bool = True) -> str:
    """The words of inline tokens: emphasis dropped, links as their text, images and HTML tags
    removed, inline code kept in backticks."""
    out: list[str] = []
    for child in children:
        if child.type == "text":
            out.append(child.content)
        elif child.type == "code_inline":
            out.append(f"`{child.content}`" if code_ticks else child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif child.type == "html_inline":
            low = child.content.lower()
            if low.startswith(("<br", "</p", "<p")):
                out.append(" ")
        # images, emphasis and link markers carry no words of the question
    return "".join(out)
