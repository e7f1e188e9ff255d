"""The Word document around the report: the template, styles, language, footer, properties.

With a city template (.docx or .dotx) its styles, page set-up, header and footer are
kept and its body is replaced; a style the report needs that the template lacks is
copied from python-docx's default template, so Word's built-in names (Heading 1…,
List Bullet, Table Grid) always work. Without a template: A4, 25 mm margins.
Imported only by exports.docx (python-docx is loaded on demand).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from copy import deepcopy
from pathlib import Path
from typing import IO, Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm
from docx.styles.styles import BabelFish

from exports.formats import TemplateError

LANGUAGE = "sv-SE"
_TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def open_document(template: str | Path | IO[bytes] | None) -> Any:
    """A python-docx Document: the template with its body emptied, or a blank A4 one."""
    if template is None:
        document = docx.Document()
        section = document.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Mm(25))
        return document
    name = (
        template if isinstance(template, str | Path) else getattr(template, "name", "(utan namn)")
    )
    try:
        data = template.read() if hasattr(template, "read") else Path(template).read_bytes()
        document = docx.Document(io.BytesIO(_as_document(data)))
    except OSError as exc:
        raise TemplateError(f"mallen {name} går inte att läsa: {exc.strerror or exc}") from None
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise TemplateError(f"mallen {name} är ingen Word-fil (.docx eller .dotx)") from None
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):  # the last section's page set-up stays
            body.remove(child)
    return document


def _as_document(data: bytes) -> bytes:
    """A .dotx is a .docx with another content type: python-docx opens only the latter."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        types = z.read("[Content_Types].xml")
        if _TEMPLATE_TYPE not in types:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as w:
            for item in z.infolist():
                content = z.read(item.filename)
                if item.filename == "[Content_Types].xml":
                    content = content.replace(_TEMPLATE_TYPE, _DOCUMENT_TYPE)
                w.writestr(item, content)
        return out.getvalue()


# --------------------------------------------------------------------------- styles

_DEFAULTS: Any = None


def _default_styles() -> Any:
    global _DEFAULTS
    if _DEFAULTS is None:
        _DEFAULTS = docx.Document().styles.element
    return _DEFAULTS


def style_ids(document: Any, names: list[str]) -> dict[str, str]:
    """Each style's id in this document (a Swedish Word calls Heading 1 "Rubrik1"),
    copying the style from the default template where the document lacks it."""
    styles = document.styles.element
    by_name = {}
    for style in styles.iterchildren(qn("w:style")):  # one pass: xpath per name is slow
        name = style.find(qn("w:name"))
        if name is not None:
            by_name.setdefault(name.get(qn("w:val")), style.get(qn("w:styleId")))
    out = {}
    for name in names:
        found = by_name.get(BabelFish.ui2internal(name))
        out[name] = found if found is not None else _copy_style(document, name).styleId
    return out


def _copy_style(document: Any, name: str) -> Any:
    styles, source = document.styles.element, _default_styles()
    original = source.get_by_name(BabelFish.ui2internal(name))
    clone = deepcopy(original)
    for tag in ("w:basedOn", "w:link", "w:next"):
        ref = clone.find(qn(tag))
        if ref is None:
            continue
        dep = source.get_by_id(ref.get(qn("w:val")))
        here = styles.get_by_name(dep.name_val) if dep is not None else None
        if here is None and dep is not None and tag != "w:next":
            here = _copy_style(document, BabelFish.internal2ui(dep.name_val))
        if here is None:
            clone.remove(ref)
        else:
            ref.set(qn("w:val"), here.styleId)
    if styles.get_by_id(clone.styleId) is not None:  # the id is taken by another style
        clone.styleId = clone.styleId + "Tertial"
    num = clone.find(qn("w:pPr") + "/" + qn("w:numPr"))
    if num is not None:  # List Bullet: its numbering lives in the default template
        num.getparent().remove(num)
        _add_bullets(document, clone)
    styles.append(clone)
    return clone


def _add_bullets(document: Any, style: Any) -> None:
    numbering = document.part.numbering_part.element
    abstract_ids = [
        int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))
    ]
    abstract_id = max(abstract_ids, default=-1) + 1
    num_id = max((n.numId for n in numbering.num_lst), default=0) + 1
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        '<w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>'
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is None:
        numbering.append(abstract)
    else:
        first_num.addprevious(abstract)
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'
        )
    )
    ppr = style.get_or_add_pPr()
    ppr.insert_element_before(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="{num_id}"/></w:numPr>'),
        "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
        "w:spacing", "w:ind", "w:contextualSpacing", "w:jc", "w:outlineLvl", "w:rPr",
    )  # fmt: skip


# --------------------------------------------------------------------------- language


def set_language(document: Any) -> None:
    """Swedish everywhere: the document default and any style that names a language."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = parse_xml(f"<w:docDefaults {nsdecls('w')}/>")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = parse_xml(f"<w:rPrDefault {nsdecls('w')}/>")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = parse_xml(f"<w:rPr {nsdecls('w')}/>")
        rpr_default.append(rpr)
    if rpr.find(qn("w:lang")) is None:
        rpr.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="{LANGUAGE}"/>'))
    for lang in styles.iter(qn("w:lang")):
        lang.set(qn("w:val"), LANGUAGE)
    document.core_properties.language = LANGUAGE


def set_properties(document: Any, title: str, author: str, subject: str) -> None:
    # The template's thumbnail pictures another document (python-docx's blank one, or
    # the city's template): without one, Explorer and Finder draw the real first page.
    rels = document.part.package.rels
    for rid in [r for r, rel in rels.items() if rel.reltype == RT.THUMBNAIL]:
        rels.pop(rid)
    props = document.core_properties
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    props.title, props.author, props.subject = title, author, subject
    props.last_modified_by = author
    props.keywords = props.comments = props.category = ""
    props.created = props.modified = now
    props.revision = 1


# --------------------------------------------------------------------------- footer


def has_own_footer(section: Any) -> bool:
    """Whether the template's footer says anything (text or a field): then it stays."""
    if section.footer.is_linked_to_previous:
        return False
    xml = section.footer._element
    return (
        any((t.text or "").strip() for t in xml.iter(qn("w:t"), qn("w:instrText")))
        or xml.find(".//" + qn("w:fldSimple")) is not None
    )


def add_footer(document: Any, left: str, footer_style: str, escape: Any) -> None:
    """'Servicenämnden, Tertialrapport 2 2023' and, at the right margin, 'Sida X (Y)'
    with X and Y as PAGE and NUMPAGES fields, which Word fills in on every page."""
    section = document.sections[-1]
    if has_own_footer(section):
        return
    width = section.page_width - section.left_margin - section.right_margin
    right_tab = int(width / 635)  # EMU to twentieths of a point
    # The Footer style's own tab stops (a centre one) would catch the tab before "Sida".
    style = document.styles.element.get_by_id(footer_style)
    stops = (
        style.findall(f"{qn('w:pPr')}/{qn('w:tabs')}/{qn('w:tab')}") if style is not None else []
    )
    tabs = {int(t.get(qn("w:pos"))): "clear" for t in stops} | {right_tab: "right"}
    tabs_xml = "".join(f'<w:tab w:val="{v}" w:pos="{p}"/>' for p, v in sorted(tabs.items()))

    def field(code: str) -> str:
        return f'<w:fldSimple w:instr=" {code} "><w:r><w:t>1</w:t></w:r></w:fldSimple>'

    paragraph = parse_xml(
        f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="{footer_style}"/>'
        f"<w:tabs>{tabs_xml}</w:tabs></w:pPr>"
        f'<w:r><w:t xml:space="preserve">{escape(left)}</w:t></w:r><w:r><w:tab/>'
        f'<w:t xml:space="preserve">Sida </w:t></w:r>{field("PAGE")}'
        f'<w:r><w:t xml:space="preserve"> (</w:t></w:r>{field("NUMPAGES")}'
        "<w:r><w:t>)</w:t></w:r></w:p>"
    )
    footer = section.footer
    footer.is_linked_to_previous = False
    container = footer._element
    for p in list(container):
        container.remove(p)
    container.append(paragraph)
