"""The whole report as one Markdown document, laid out from the shared outline.

Readable as it is and ready for pandoc: a YAML title block (title, subtitle, lang),
ATX headings that never skip a level, paragraphs, bullet lists, pipe tables with
numbers right-aligned. The order and hierarchy come from exports.outline, the same
as the Word document's.
"""

from __future__ import annotations

import re

from exports.markdown import MAX_LEVEL, cell, escape_inline, heading, pipe_table  # noqa: F401
from exports.outline import (
    AssessmentLine,
    Block,
    BulletList,
    Heading,
    Outline,
    Paragraph,
    TableBlock,
    report_outline,
    text_blocks,
)
from store.models import Goal, ReportDocument

_BLOCK_START = re.compile(r"^(\s*)(#|>|=+\s*$|(\d+)([.)])(\s|$))")
# pandoc's lists numbered with letters or roman numerals: "a) ", "(b) ", "IV. ".
_FANCY_LIST = re.compile(r"^\(?([A-Za-z]|[ivxlcdmIVXLCDM]+)([.)])(\s|$)")
# A rule ("---", "* * *"), or a line opening a code fence, HTML block, link definition,
# a "+"/"*" list or emphasis, or a pandoc definition (":"): a backslash in front keeps
# each of them plain text.
_THEMATIC_BREAK = re.compile(r"^([-*_])(\s*\1){2,}\s*$")
_ESCAPE_FIRST = tuple("`~<[+*_:")
# A lone "-" (or "-" and a tab) would open an empty list item.
_LONE_DASH = re.compile(r"^-(\s|$)")


def escape_line(line: str) -> str:
    """A line of plain text that Markdown must not read as a block (heading, list...)
    or as inline markup."""
    line = escape_inline(line)
    if _THEMATIC_BREAK.match(line) or line.startswith(_ESCAPE_FIRST) or _LONE_DASH.match(line):
        return "\\" + line
    if m := _FANCY_LIST.match(line):
        return line[: m.start(2)] + "\\" + line[m.start(2) :]
    m = _BLOCK_START.match(line)
    if not m:
        return line
    if m.group(3):  # "2023. Text" would become a numbered list
        return line[: m.end(3)] + "\\" + line[m.end(3) :]
    return "\\" + line


def _bold(text: str) -> str:
    """Bold text on one line (a table's title, a total's label), its markup escaped."""
    return "**" + escape_inline(" ".join(text.split()), pipes=True) + "**"


def block_markdown(block: Block) -> str:
    if isinstance(block, Heading):
        return heading(block.level, block.text)
    if isinstance(block, Paragraph):
        return escape_line(block.text)
    if isinstance(block, BulletList):
        return "\n".join("- " + escape_line(item) for item in block.items)
    if isinstance(block, AssessmentLine):
        return block.text
    return table_block_markdown(block)


def table_block_markdown(t: TableBlock) -> str:
    rows = [
        [_bold(r[0]) if i in t.totals and r[0].strip() else cell(r[0]), *map(cell, r[1:])]
        for i, r in enumerate(t.rows)
    ]
    table = pipe_table(t.headers, rows, right=t.numeric, escaped=True)
    return f"{_bold(t.title)}\n\n{table}" if t.title else table


def prose(text: str, level: int = 1) -> str:
    """A text as Markdown: a paragraph per line, its sub-headings below `level`, lists."""
    return "\n\n".join(block_markdown(b) for b in text_blocks(text, level))


def _yaml(text: str) -> str:
    """A YAML double-quoted string; pandoc reads its value as Markdown, so escaped as a
    line of text first. Characters YAML cannot hold raw are written as escapes."""
    text = escape_line(" ".join(text.split()))
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + _YAML_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + '"'


_YAML_RAW = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def outline_markdown(outline: Outline) -> str:
    front = ["---", f"title: {_yaml(outline.title)}"]
    if outline.subtitle:
        front.append(f"subtitle: {_yaml(outline.subtitle)}")
    front += [f"author: {_yaml(outline.organisation)}", "lang: sv-SE", "---"]
    parts = ["\n".join(front), *(block_markdown(b) for b in outline.blocks)]
    return "\n\n".join(parts) + "\n"


def report_markdown(doc: ReportDocument, goals: list[Goal] | None = None) -> str:
    """The whole report; `goals` (one goal and those below it) limits it to that part."""
    return outline_markdown(report_outline(doc, goals))
