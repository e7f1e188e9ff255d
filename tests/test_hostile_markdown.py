"""Markdown shows the text the author wrote (issue 11, item 10).

Inline HTML, images, links, emphasis, code, entities and a heading's closing #s are
escaped; a text's own light Markdown (`### ` sub-headings, `- ` lists) still becomes
headings and lists. Checked by rendering with markdown-it-py: every rendered text is
the author's, and nothing else (no HTML, no image, no link) is made of it.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from exports.markdown import heading, pipe_table
from exports.outline import BulletList, Heading, Paragraph, text_blocks
from exports.report import prose, report_markdown
from store.store import Store

MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
SETTINGS = settings(max_examples=300, deadline=None, derandomize=True)
HOSTILE = [
    "<script>alert(1)</script>",
    "![i](https://example.com/i.png)",
    "[länk](https://example.com)",
    "<https://example.com>",
    "**fet** och *kursiv* och _understruken_",
    "`kod` och ~~struken~~",
    "&amp; &#65; &copy;",
    "C:\\Users\\tertial\\",
    "slut med backslash\\",
    "$x$ och 2^10^ och H~2~O och @citat",
]

# Lines made mostly of Markdown's syntax, some opening a text's own sub-heading or list.
_syntax = st.sampled_from(list("\\`*_~[]()<>!&#;:|^$@{}-+=.0123456789 aZ") + ["&amp;", "<b>"])
_line = st.lists(
    st.one_of(_syntax, st.characters(exclude_categories=["Cs", "Cc"])), max_size=20
).map("".join)
_prefix = st.sampled_from(["", "", "### ", "- ", "# ", "1. ", "a) ", "> ", "    ", "```"])
_prose = st.lists(st.tuples(_prefix, _line).map("".join), max_size=6).map("\n".join)


def _inline_text(token) -> str:  # noqa: ANN001
    """The text a reader sees in an inline token; fails on any markup in it."""
    out = []
    for child in token.children:
        assert child.type == "text", f"markup {child.type} in {token.content!r}"
        out.append(child.content)
    return "".join(out)


def _rendered(markdown: str) -> list[tuple[str, str]]:
    """(kind, text) of each heading, paragraph and list item, in order."""
    out, kind, depth = [], "", 0
    for tok in MD.parse(markdown):
        if tok.type == "bullet_list_open":
            depth += 1
        elif tok.type == "bullet_list_close":
            depth -= 1
        elif tok.type in ("heading_open", "paragraph_open"):
            kind = "h" if tok.type == "heading_open" else "li" if depth else "p"
        elif tok.type == "inline":
            out.append((kind, _inline_text(tok)))
        else:
            assert tok.type.endswith(("_close", "list_item_open")), tok.type
    return out


def _expected(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for block in text_blocks(text, 1):
        if isinstance(block, Heading):
            out.append(("h", " ".join(block.text.split())))
        elif isinstance(block, Paragraph):
            out.append(("p", block.text))
        elif isinstance(block, BulletList):
            out += [("li", item) for item in block.items]
    return out


@SETTINGS
@given(text=_prose)
def test_any_text_reads_back_as_the_author_wrote_it(text: str) -> None:
    assert _rendered(prose(text)) == _expected(text)


@SETTINGS
@given(text=_line.filter(str.strip))
def test_any_heading_reads_back_as_its_text(text: str) -> None:
    assert _rendered(heading(2, text)) == [("h", " ".join(text.split()))]


@SETTINGS
@given(cells=st.lists(_line, min_size=2, max_size=2))
def test_any_table_cell_reads_back_as_its_text(cells: list[str]) -> None:
    tokens = MD.parse(pipe_table(["Indikator", "Analys", "Period"], [[*cells, "2023"]]))
    inline = [_inline_text(t) for t in tokens if t.type == "inline"]
    assert inline == ["Indikator", "Analys", "Period", *(c.strip() for c in cells), "2023"]


def test_the_issues_texts_reach_the_document_as_text(db_path: Path) -> None:
    with Store(db_path) as store:
        store.update("goal", 1, "title", "Mål med avslutande #")
        store.update("goal", 1, "analys", "\n".join(HOSTILE) + "\n### Rubrik *här*\n- punkt <b>")
        store.update("indicator", 1, "name", "Andel <em>nöjda</em> | ![i](u)")
        store.update("indicator", 1, "unit", "")  # no unit: words may stand for a number
        store.update("indicator", 1, "kf_target", "Tas fram <script>x</script>")
        store.update("section", 1, "title", "Sammanfattande [analys](u) #")
        store.update("section", 1, "body", "&copy; <div>block</div>")
        markdown = report_markdown(store.document(1))
    body = markdown.split("\n---\n", 1)[1]  # after the title block
    tokens = list(MD.parse(body))
    for tok in tokens:
        assert tok.type not in ("html_block", "code_block", "fence", "blockquote_open"), tok
        for child in tok.children or []:
            assert child.type not in ("html_inline", "image", "link_open", "em_open", "s_open")
            assert child.type != "code_inline", child
    texts = [_inline_text(t) for t in tokens if t.type == "inline" and not _bold(t)]
    for wanted in [
        *HOSTILE,
        "Rubrik *här*",
        "punkt <b>",
        "KF:s inriktningsmål: 1. Mål med avslutande #",
        "Andel <em>nöjda</em> | ![i](u)",
        "Tas fram <script>x</script>",
        "Sammanfattande [analys](u) #",
        "&copy; <div>block</div>",
    ]:
        assert wanted in texts, wanted


def _bold(token) -> bool:  # noqa: ANN001
    """A table's title or a total's label: bold on purpose, the only markup made."""
    kinds = [c.type for c in token.children if c.type != "text" or c.content]
    return kinds[:1] == ["strong_open"] and kinds[-1:] == ["strong_close"]
