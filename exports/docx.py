"""The report as a Word document (python-docx), in the report's own order and hierarchy.

`write_docx(doc, stream)` lays out exports.outline's blocks: the title and period in
Word's Title and Subtitle styles, the outline's headings in Heading 1…9 (so the
navigation pane and a table of contents work), texts as paragraphs, their sub-headings
as headings and their lists in List Bullet, tables in Table Grid with the header row(s)
repeated on every page, numbers right-aligned, as wide as the page and no wider. The
body is built as WordprocessingML text and parsed once: python-docx's cell-by-cell API
is many times slower on a report's hundred tables.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape as _xml_escape

from exports.outline import (
    AssessmentLine,
    BulletList,
    Heading,
    Outline,
    Paragraph,
    TableBlock,
    report_outline,
)
from exports.tables import find
from store.models import Assessment, ReportDocument

MAX_LEVEL = 9  # Word's built-in Heading 1…9
SYMBOL_COLOURS = {Assessment.HELT: "00B050", Assessment.DELVIS: "FFC000", Assessment.EJ: "FF0000"}
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# Characters XML 1.0 cannot hold at all (the store refuses most; this is the last guard).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Relative column widths per kind of table; the first column takes what is left.
_WIDTHS = {"indicators": (26, 9.25), "activities": (55, 15), "economy": (34, None)}


def escape(text: str) -> str:
    return _xml_escape(_NOT_XML.sub("", text))


def write_docx(
    doc: ReportDocument,
    stream: IO[bytes],
    *,
    template: str | Path | IO[bytes] | None = None,
    goal: int | None = None,
) -> None:
    """Write the report (or one goal and everything below it) as .docx to `stream`.

    Raises exports.formats.TemplateError when the template is not a Word file.
    """
    goals = None
    if goal is not None:
        found = find(doc, goal)
        if found is None:
            raise ValueError(f"målet {goal} finns inte i rapporten")
        goals = [found]
    write_outline_docx(report_outline(doc, goals), stream, template=template)


def write_outline_docx(
    outline: Outline, stream: IO[bytes], *, template: str | Path | IO[bytes] | None = None
) -> None:
    from docx.oxml import parse_xml

    from exports import docx_setup as setup

    document = setup.open_document(template)
    levels = max((b.level for b in outline.headings()), default=1)
    names = ["Title", "Subtitle", "List Bullet", "Table Grid", "Footer"]
    names += [f"Heading {n}" for n in range(1, min(levels, MAX_LEVEL) + 1)]
    ids = setup.style_ids(document, names)
    section = document.sections[-1]
    width = int((section.page_width - section.left_margin - section.right_margin) / 635)
    body = _Body(ids, width, compact=template is None)
    body.paragraph(outline.title, ids["Title"])
    if outline.subtitle:
        body.paragraph(outline.subtitle, ids["Subtitle"])
    for block in outline.blocks:
        body.block(block)
    fragment = parse_xml(f'<w:body xmlns:w="{W_NS}">{"".join(body.parts)}</w:body>')
    sect_pr = document.element.body.find(f"{{{W_NS}}}sectPr")
    for element in list(fragment):
        sect_pr.addprevious(element)
    setup.set_language(document)
    setup.set_properties(document, outline.title, outline.organisation, outline.subtitle)
    setup.add_footer(
        document, f"{outline.organisation}, {outline.report_title}", ids["Footer"], escape
    )
    document.save(stream)


class _Body:
    """WordprocessingML paragraphs and tables, as text, in order."""

    def __init__(self, ids: dict[str, str], width: int, compact: bool) -> None:
        self.ids, self.width, self.compact = ids, width, compact
        self.parts: list[str] = []

    def block(self, block: Any) -> None:
        if isinstance(block, Heading):
            self.paragraph(block.text, self.ids[f"Heading {min(block.level, MAX_LEVEL)}"])
        elif isinstance(block, Paragraph):
            self.paragraph(block.text)
        elif isinstance(block, BulletList):
            for item in block.items:
                self.paragraph(item, self.ids["List Bullet"])
        elif isinstance(block, AssessmentLine):
            colour = SYMBOL_COLOURS[block.assessment]
            self.parts.append(
                f'<w:p><w:pPr><w:keepNext/></w:pPr><w:r><w:rPr><w:color w:val="{colour}"/></w:rPr>'
                f"<w:t>{block.assessment.symbol}</w:t></w:r>"
                f'<w:r><w:t xml:space="preserve"> {escape(block.assessment.label)}</w:t></w:r></w:p>'
            )
        else:
            self.table(block)

    def paragraph(self, text: str, style: str | None = None, bold: bool = False) -> None:
        ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
        self.parts.append(f"<w:p>{ppr}{_runs(text, '<w:b/>' if bold else '')}</w:p>")

    # ------------------------------------------------------------------ tables

    def table(self, t: TableBlock) -> None:
        if t.title:
            self.parts.append(f"<w:p><w:pPr><w:keepNext/></w:pPr>{_runs(t.title, '<w:b/>')}</w:p>")
        widths = self._widths(t)
        out = [
            f'<w:tbl><w:tblPr><w:tblStyle w:val="{self.ids["Table Grid"]}"/>'
            f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
            'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>',
            *(f'<w:gridCol w:w="{w}"/>' for w in widths),
            "</w:tblGrid>",
        ]
        groups = t.groups
        if groups:
            out += self._group_header(t, groups, widths)
        else:
            cells = [
                self._cell(_breakable(h), w, r, bold=True, head=True)
                for h, w, r in zip(t.headers, widths, t.numeric, strict=True)
            ]
            out.append(_header_row(cells))
        for i, row in enumerate(t.rows):
            bold = i in t.totals
            cells = [
                self._cell(c, w, r, bold=bold)
                for c, w, r in zip(row, widths, t.numeric, strict=True)
            ]
            out.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>" + "".join(cells) + "</w:tr>")
        out.append("</w:tbl>")
        self.parts.append("".join(out))
        self.parts.append("<w:p/>")  # keeps the next table apart (Word joins touching ones)

    def _group_header(
        self, t: TableBlock, groups: list[tuple[str, int]], widths: list[int]
    ) -> list[str]:
        """Two header rows: a spanning heading over its columns ("Utfall Jan-Aug 2023"
        over Intäkter, Kostnader, Netto); a column without one fills both rows."""
        subs, top, bottom, col = t.sub_headers(), [], [], 0
        for text, span in groups:
            if text:
                w = sum(widths[col : col + span])
                top.append(self._cell(text, w, False, bold=True, head=True, span=span, centre=True))
                bottom += [
                    self._cell(_breakable(subs[c]), widths[c], t.numeric[c], bold=True, head=True)
                    for c in range(col, col + span)
                ]
            else:
                top.append(
                    self._cell(
                        _breakable(subs[col]),
                        widths[col],
                        t.numeric[col],
                        bold=True,
                        head=True,
                        merge="restart",
                    )  # fmt: skip
                )
                bottom.append(self._cell("", widths[col], False, head=True, merge="continue"))
            col += span
        return [_header_row(top), _header_row(bottom)]

    def _cell(
        self,
        text: str,
        width: int,
        right: bool,
        *,
        bold: bool = False,
        head: bool = False,
        span: int = 1,
        merge: str = "",
        centre: bool = False,
    ) -> str:
        tcpr = f'<w:tcW w:w="{width}" w:type="dxa"/>'
        if span > 1:
            tcpr += f'<w:gridSpan w:val="{span}"/>'
        if merge:
            tcpr += f'<w:vMerge w:val="{merge}"/>'
        if head and self.compact:
            tcpr += '<w:shd w:val="clear" w:color="auto" w:fill="E7E6E6"/>'
        jc = '<w:jc w:val="center"/>' if centre else '<w:jc w:val="right"/>' if right else ""
        rpr = ("<w:b/>" if bold else "") + ('<w:sz w:val="18"/>' if self.compact else "")
        ppr = f'<w:pPr><w:spacing w:before="0" w:after="0"/>{jc}</w:pPr>'
        runs = _runs(text, rpr) if text else ""
        return f"<w:tc><w:tcPr>{tcpr}</w:tcPr><w:p>{ppr}{runs}</w:p></w:tc>"

    def _widths(self, t: TableBlock) -> list[int]:
        first, each = _WIDTHS.get(t.kind, (30, None))
        n = len(t.headers)
        if n == 1:
            return [self.width]
        rest = (100 - first) / (n - 1) if each is None else each
        shares = [first + (100 - first - rest * (n - 1)), *([rest] * (n - 1))]
        widths = [int(self.width * s / 100) for s in shares]
        widths[0] += self.width - sum(widths)
        return widths


def _header_row(cells: list[str]) -> str:
    """A header row: repeated at the top of every page the table runs onto."""
    return "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" + "".join(cells) + "</w:tr>"


def _breakable(heading: str) -> str:
    """'Utfall kvinnor/flickor' may break after the slash in a narrow column."""
    return heading.replace("/", "/\u200b")


def _runs(text: str, rpr: str = "") -> str:
    """A text as runs: tabs and line breaks as Word's own, spaces kept."""
    props = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    pieces = []
    for k, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        if k:
            pieces.append("<w:br/>")
        for j, chunk in enumerate(line.split("\t")):
            if j:
                pieces.append("<w:tab/>")
            if chunk:
                pieces.append(f'<w:t xml:space="preserve">{escape(chunk)}</w:t>')
    return f"<w:r>{props}{''.join(pieces)}</w:r>"
