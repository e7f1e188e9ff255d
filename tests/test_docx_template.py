"""`--template CITY.docx`: the city's styles, page set-up, header and footer; its body replaced."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from tests.docs_support import export, headings
from tui.cli import main

RED = RGBColor(0xC0, 0x00, 0x00)


def city_template(path: Path, *, footer: bool = True, drop: tuple[str, ...] = ()) -> Path:
    """A template like a city's: Georgia 20 pt dark red Heading 1, wide margins, a header
    and (optionally) a footer of its own, a body of sample text, a Swedish Word's
    style id for Heading 1, and without the styles named in `drop`."""
    d = docx.Document()
    h1 = d.styles["Heading 1"]
    h1.font.name, h1.font.size, h1.font.color.rgb = "Georgia", Pt(20), RED
    h1.element.styleId = "Rubrik1"
    section = d.sections[0]
    section.left_margin = section.right_margin = Mm(40)
    section.header.paragraphs[0].text = "Stockholms stad – mall"
    if footer:
        section.footer.paragraphs[0].text = "Stadens egen sidfot"
    d.add_paragraph("Mallens exempeltext")
    d.add_heading("Mallens rubrik", 1)
    for name in drop:
        style = d.styles[name].element
        style.getparent().remove(style)
    d.save(str(path))
    return path


def test_template_styles_header_footer_and_page(db_path: Path, tmp_path: Path) -> None:
    template = city_template(tmp_path / "stad.docx")
    out = export(db_path, tmp_path / "r.docx", "report", "--format", "docx",
                 "--template", str(template))  # fmt: skip
    d = docx.Document(str(out))
    h1 = d.styles["Heading 1"]
    assert (h1.font.name, h1.font.size, h1.font.color.rgb) == ("Georgia", Pt(20), RED)
    first = next(p for p in d.paragraphs if p.style.name == "Heading 1")
    assert first.text == "Sammanfattande analys"
    assert first._p.pPr.pStyle.val == "Rubrik1"  # the template's own style, not a copy
    assert [p.text for p in d.paragraphs].count("Mallens exempeltext") == 0
    assert not any(p.text == "Mallens rubrik" for p in d.paragraphs)
    section = d.sections[0]
    assert round(section.left_margin.mm) == 40
    assert section.header.paragraphs[0].text == "Stockholms stad – mall"
    footer = section.footer._element
    assert [p.text for p in section.footer.paragraphs] == ["Stadens egen sidfot"]
    assert footer.find(".//" + qn("w:fldSimple")) is None  # the city's footer is kept
    assert headings(out)[0] == (0, "Testnämnden – Tertialrapport 2 2023")
    assert d.core_properties.title == "Testnämnden – Tertialrapport 2 2023"


def test_template_without_footer_gets_the_page_numbers(db_path: Path, tmp_path: Path) -> None:
    template = city_template(tmp_path / "stad.docx", footer=False)
    out = export(db_path, tmp_path / "r.docx", "report", "--format", "docx",
                 "--template", str(template))  # fmt: skip
    section = docx.Document(str(out)).sections[0]
    assert section.header.paragraphs[0].text == "Stockholms stad – mall"
    fields = [f.get(qn("w:instr")).strip() for f in section.footer._element.iter(qn("w:fldSimple"))]
    assert fields == ["PAGE", "NUMPAGES"]


def test_styles_the_template_lacks_are_added(db_path: Path, tmp_path: Path) -> None:
    from store.store import Store

    with Store(db_path) as store:
        store.update("goal", 1, "analys", "Inledning\n### Underrubrik\n- ett\n- två")
    missing = ("List Bullet", "Table Grid", "Title", "Heading 2", "Heading 3")
    template = city_template(tmp_path / "stad.docx", drop=missing)
    out = export(db_path, tmp_path / "r.docx", "report", "--format", "docx",
                 "--template", str(template))  # fmt: skip
    d = docx.Document(str(out))
    for name in missing:
        assert d.styles[name] is not None
    bullets = [p for p in d.paragraphs if p.style.name == "List Bullet"]
    assert [p.text for p in bullets] == ["ett", "två"]
    num_id = d.styles["List Bullet"].element.pPr.numPr.numId.val
    numbering = d.part.numbering_part.element
    num = next(n for n in numbering.num_lst if n.numId == num_id)
    abstract = num.abstractNumId.val
    fmt = numbering.xpath(
        f'w:abstractNum[@w:abstractNumId="{abstract}"]/w:lvl[@w:ilvl="0"]/w:numFmt/@w:val'
    )
    assert fmt == ["bullet"]
    assert ("Heading 4", "Underrubrik") in [(p.style.name, p.text) for p in d.paragraphs]
    assert d.tables[0].style.name == "Table Grid"


def test_a_dotx_template(db_path: Path, tmp_path: Path) -> None:
    source = city_template(tmp_path / "stad.docx")
    dotx = tmp_path / "stad.dotx"
    with zipfile.ZipFile(source) as z, zipfile.ZipFile(dotx, "w") as w:
        for item in z.infolist():
            data = z.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            w.writestr(item, data)
    out = export(db_path, tmp_path / "r.docx", "report", "--format", "docx",
                 "--template", str(dotx))  # fmt: skip
    d = docx.Document(str(out))  # opens as a document, not a template
    assert d.styles["Heading 1"].font.name == "Georgia"


@pytest.mark.parametrize("content", [b"inte en Word-fil", b"PK\x03\x04trasig", None])
def test_a_bad_template_is_one_line_and_leaves_the_file(
    content: bytes | None, db_path: Path, tmp_path: Path, capsys
) -> None:  # noqa: ANN001
    folder = tmp_path / "ut"
    folder.mkdir()
    template = folder / "mall.docx"
    if content is not None:
        template.write_bytes(content)
    out = folder / "r.docx"
    out.write_bytes(b"the author's earlier file")
    code = main(["export", "report", "--format", "docx", "--template", str(template),
                 "--db", str(db_path), "--output", str(out)])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "Traceback" not in err and str(template) in err
    assert out.read_bytes() == b"the author's earlier file"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["r.docx", *(["mall.docx"] if content is not None else [])]
    )


def test_template_only_with_docx(db_path: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    template = city_template(tmp_path / "stad.docx")
    code = main(["export", "report", "--format", "md", "--template", str(template),
                 "--db", str(db_path)])  # fmt: skip
    assert code == 2 and "--template" in capsys.readouterr().err


def test_template_from_a_stream(db_path: Path, tmp_path: Path) -> None:
    from exports.docx import write_docx
    from tests.docs_support import document

    template = io.BytesIO(city_template(tmp_path / "stad.docx").read_bytes())
    out = io.BytesIO()
    write_docx(document(db_path), out, template=template)
    assert docx.Document(io.BytesIO(out.getvalue())).styles["Heading 1"].font.name == "Georgia"
