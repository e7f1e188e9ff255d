"""`tertial export report --format docx`: the .docx read back with python-docx.

Headings in the report's order and hierarchy (Word's built-in heading styles), a
goal's texts in the report's order, the economy tables' spanning headings, numbers
right-aligned, header rows repeated, tables as wide as the page, the footer's page
fields, Swedish as the language, title and author in the properties.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.table import Table

from tests.docs_support import (
    document,
    export,
    goal_heading,
    headings,
    md_headings,
    plain,
    walk_goals,
    walk_sections,
)
from tests.test_export_support import sample_db
from tui.cli import main

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("docx")
    db = sample_db(folder)
    return db, export(db, folder / "rapport.docx", "report", "--format", "docx")


def tables(path: Path) -> list[Table]:
    return docx.Document(str(path)).tables


def cell_texts(table: Table, row: int) -> list[str]:
    return [plain(c.text) for c in table.rows[row].cells]


def test_headings_follow_the_report(sample: tuple[Path, Path]) -> None:
    db, path = sample
    doc = document(db)
    heads = headings(path)
    assert heads[0] == (0, "Servicenämnden – Tertialrapport 2 2023")
    # the top-level sections are Heading 1, in order; nested sections one level down each
    sections = [(d, s.title) for s, d in walk_sections(doc.sections)]
    assert [h for h in heads if h[0] == 1] == [(1, s.title) for s in doc.sections]
    found = [h for h in heads if h in sections]
    assert [h for h in sections if h in found] == sections
    # the goal tree sits under "Uppföljning av Kommunfullmäktiges inriktningsmål"
    at = heads.index((1, "Uppföljning av Kommunfullmäktiges inriktningsmål"))
    goal_heads = [h for h in heads if h[1].startswith(("KF:s", "Nämndmål"))]
    assert goal_heads == [(g.level + 1, goal_heading(g)) for g in walk_goals(doc.goals)]
    assert heads[at + 1] == (2, goal_heading(doc.goals[0]))
    # never a level skipped
    for (a, _), (b, _) in zip(heads, heads[1:], strict=False):
        assert b <= a + 1


def test_sub_headings_inside_texts_are_headings(sample: tuple[Path, Path]) -> None:
    _, path = sample
    heads = headings(path)
    goal = next(i for i, h in enumerate(heads) if "erbjuder konsulttjänster" in h[1])
    assert heads[goal][0] == 4  # a nämndmål
    analys = heads.index((5, "Analys"), goal)
    assert heads[analys + 1] == (6, "Verksamhetsområde lokalplanering")
    ekonomi = heads.index((2, "Ekonomi"))
    assert heads[ekonomi + 1] == (
        3,
        "Ekonomisk prognos för bastjänster inom verksamhetsområde ekonomi:",
    )
    assert (3, "Utveckling av volymer inom leverantörsreskontra") in heads


def test_lists_inside_texts_are_list_bullets(sample: tuple[Path, Path]) -> None:
    _, path = sample
    d = docx.Document(str(path))
    bullets = [p.text for p in d.paragraphs if p.style.name == "List Bullet"]
    assert "dubbletter," in bullets
    assert any(b.startswith("Förvaltningsövergripande gemensamma definitioner") for b in bullets)
    assert not any(p.text.startswith(("- ", "#")) for p in d.paragraphs)


def test_goal_texts_in_the_reports_order(sample: tuple[Path, Path]) -> None:
    db, path = sample
    goal = next(g for g in walk_goals(document(db).goals) if "erbjuder konsulttjänster" in g.title)
    assert goal.description and goal.expected_result and goal.analys
    d = docx.Document(str(path))
    paras = [(p.style.name, p.text) for p in d.paragraphs]
    start = paras.index(("Heading 4", goal_heading(goal)))
    end = next(i for i in range(start + 1, len(paras)) if paras[i][0] == "Heading 4")
    part = paras[start:end]
    labels = [t for s, t in part if s == "Heading 5" and not t.startswith("Analys –")]
    assert labels == ["Beskrivning", "Förväntat resultat", "Analys"]
    assert part[1] == ("Normal", "● Uppfylls helt")  # the assessment: symbol and words
    b = part.index(("Heading 5", "Beskrivning"))
    assert part[b + 1][1] == goal.description.split("\n")[0]
    f = part.index(("Heading 5", "Förväntat resultat"))
    assert part[f + 1][1] == goal.expected_result.split("\n")[0]


def test_economy_table_with_a_spanning_heading(sample: tuple[Path, Path]) -> None:
    _, path = sample
    found = {cell_texts(t, 0)[0]: t for t in tables(path)}
    utfall = found["Resultat per verksamhetsområde (mnkr)"]
    tr = utfall._tbl.tr_lst
    first = tr[0].tc_lst
    assert [tc.grid_span for tc in first] == [1, 3]  # merged across Intäkter … Netto
    assert plain(first[1].xpath("string(.)")) == "Utfall Jan-Aug 2023"
    assert first[0].vMerge == "restart" and tr[1].tc_lst[0].vMerge == "continue"
    assert cell_texts(utfall, 1)[1:] == ["Intäkter", "Kostnader", "Netto"]
    assert cell_texts(utfall, 2) == ["Nämnd och administration", "0,9", "26,5", "-25,6"]
    for row in tr[:2]:  # both header rows repeat on every page
        assert row.find(f"{W}trPr/{W}tblHeader") is not None
    assert tr[2].find(f"{W}trPr/{W}tblHeader") is None

    prognos = found["Resultat per verksamhetsområde"]
    top = prognos._tbl.tr_lst[0].tc_lst
    assert [(plain(tc.xpath("string(.)")), tc.grid_span) for tc in top] == [
        ("Resultat per verksamhetsområde", 1),
        ("Budget 2023", 2),
        ("Prognos 2023", 2),
        ("Budgetavvikelse", 1),
    ]
    assert top[-1].vMerge == "restart"  # Budgetavvikelse fills both header rows
    # a title only where the report prints one: the budget table has none
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    assert "Periodens utfall (mnkr)" in texts
    assert not any("Budget, bokfört" in t for t in texts)


def test_numbers_right_aligned_and_tables_fit_the_page(sample: tuple[Path, Path]) -> None:
    db, path = sample
    d = docx.Document(str(path))
    section = d.sections[0]
    page = (section.page_width - section.left_margin - section.right_margin) / 635
    indicators = [t for t in d.tables if cell_texts(t, 0)[0] == "Indikator"]
    assert len(indicators) == sum(bool(g.indicators) for g in walk_goals(document(db).goals))
    for t in d.tables:
        grid = [int(g.get(qn("w:w"))) for g in t._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert sum(grid) <= page + 1
        assert t._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        assert t.style.name == "Table Grid"
    t = indicators[0]
    row = t.rows[1].cells
    assert row[1].text == "87"
    aligned = [c.paragraphs[0].alignment for c in row]
    assert aligned[1] == aligned[7] == docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT  # 87, 85 %
    assert aligned[0] is None and aligned[8] is None  # the name, the period
    assert cell_texts(t, 0)[3] == "Utfall kvinnor/flickor"


def test_footer_with_page_fields(sample: tuple[Path, Path]) -> None:
    _, path = sample
    footer = docx.Document(str(path)).sections[0].footer
    assert not footer.is_linked_to_previous
    xml = footer._element
    fields = [f.get(qn("w:instr")).strip() for f in xml.iter(qn("w:fldSimple"))]
    assert fields == ["PAGE", "NUMPAGES"]
    text = "".join(t.text for t in xml.iter(qn("w:t")))
    assert text == "Servicenämnden, Tertialrapport 2 2023Sida 1 (1)"  # fields show 1 until Word
    # "Sida" at the right margin: the Footer style's centre tab is cleared
    stops = [(t.get(qn("w:val")), int(t.get(qn("w:pos")))) for t in xml.iter(qn("w:tab"))
             if t.get(qn("w:val"))]  # fmt: skip
    section = docx.Document(str(path)).sections[0]
    width = (section.page_width - section.left_margin - section.right_margin) // 635
    assert stops == [("clear", 4680), ("right", width), ("clear", 9360)]
    with zipfile.ZipFile(path) as z:
        assert not any("thumbnail" in n for n in z.namelist())


def test_language_and_properties(sample: tuple[Path, Path]) -> None:
    _, path = sample
    d = docx.Document(str(path))
    langs = {lang.get(qn("w:val")) for lang in d.styles.element.iter(qn("w:lang"))}
    assert langs == {"sv-SE"}
    default = d.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert default.get(qn("w:val")) == "sv-SE"
    props = d.core_properties
    assert (props.title, props.author, props.language) == (
        "Servicenämnden – Tertialrapport 2 2023",
        "Servicenämnden",
        "sv-SE",
    )
    section = d.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_word_and_markdown_share_the_outline(sample: tuple[Path, Path], capsys) -> None:  # noqa: ANN001
    db, path = sample
    assert main(["export", "report", "--db", str(db)]) == 0
    markdown = capsys.readouterr().out
    assert md_headings(markdown) == [(lvl, plain(t)) for lvl, t in headings(path)]


def test_one_goal_and_below(sample: tuple[Path, Path], tmp_path: Path) -> None:
    db, _ = sample
    path = export(db, tmp_path / "mål.docx", "report", "--format", "docx", "--goal", "1.3")
    heads = headings(path)
    assert heads[1][0] == 1 and heads[1][1].startswith("KF:s mål för verksamhetsområdet: 1.3 ")
    assert [h for h in heads if h[1].startswith("Nämndmål")] == [
        (2, "Nämndmål: Servicenämnden ger likvärdig, tillgänglig och kvalificerad information "
         "och vägledning i frågor inom det sociala området"),
    ]  # fmt: skip
    assert not any(h[1].startswith("KF:s mål för verksamhetsområdet: 1.4") for h in heads)


def test_any_text_makes_a_valid_document(db_path: Path, tmp_path: Path) -> None:
    from store.store import Store

    nasty = "A & B <c> \"d\" 'e'\tflik\n- punkt <x>\n### Rubrik & <y>\n\U0001f600 \u202e slut"
    with Store(db_path) as store:
        store.update("goal", 1, "analys", nasty)
        store.update("section", 1, "title", "Sammanfattande <analys> & mer")
    path = export(db_path, tmp_path / "r.docx", "report", "--format", "docx")
    d = docx.Document(str(path))
    texts = [p.text for p in d.paragraphs]
    assert "A & B <c> \"d\" 'e'\tflik" in texts
    assert "punkt <x>" in texts and "Rubrik & <y>" in texts
    assert "Sammanfattande <analys> & mer" in texts


def test_word_and_excel_load_only_when_written() -> None:
    import subprocess
    import sys

    code = (
        "import sys, exports.formats, exports.docx, exports.xlsx, exports.report, tui.export_cli; "
        "heavy = {'docx', 'openpyxl', 'lxml'} & {m.split('.')[0] for m in sys.modules}; "
        "assert not heavy, heavy"
    )
    root = Path(__file__).resolve().parents[1]
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root)
