"""The Markdown report: the report's order and hierarchy, as Word's (issue 14).

No heading level skipped, texts in the report's order, sub-headings and lists inside
texts as real ones, economy headings as printed (a spanning heading joined to its
column with " · "), no invented captions, numbers right-aligned.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from exports.outline import BulletList, Heading, Paragraph, text_blocks
from exports.report import heading, prose
from tests.docs_support import document, goal_heading, md_headings, walk_goals
from tests.test_export_support import md_tables, sample_db
from tui.cli import main


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    db = sample_db(tmp_path_factory.mktemp("md"))
    out = tmp_path_factory.mktemp("md") / "r.md"
    assert main(["export", "report", "--db", str(db), "--output", str(out)]) == 0
    return db, out.read_text(encoding="utf-8")


def rule_of(markdown: str, header_start: str) -> str:
    lines = markdown.splitlines()
    at = next(i for i, ln in enumerate(lines) if ln.startswith(header_start))
    return lines[at + 1]


def test_no_heading_level_skipped(sample: tuple[Path, str]) -> None:
    _, md = sample
    heads = md_headings(md)
    assert heads[0] == (0, "Servicenämnden – Tertialrapport 2 2023")
    assert heads[1] == (1, "Sammanfattande analys")
    for (a, _), (b, _) in zip(heads, heads[1:], strict=False):
        assert b <= a + 1
    # the tokens agree: every heading a real one, levels as counted (after the title block,
    # which pandoc and GitHub read as metadata)
    front, body = re.fullmatch(r"(---\n.*?\n---\n)(.*)", md, re.S).groups()
    assert "\nlang: sv-SE\n" in front
    tokens = [t.tag for t in MarkdownIt("commonmark").parse(body) if t.type == "heading_open"]
    assert [int(t[1]) for t in tokens] == [lvl for lvl, _ in heads[1:]]


def test_goals_below_the_follow_up_section(sample: tuple[Path, str]) -> None:
    db, md = sample
    heads = md_headings(md)
    at = heads.index((1, "Uppföljning av Kommunfullmäktiges inriktningsmål"))
    goals = [(g.level + 1, goal_heading(g)) for g in walk_goals(document(db).goals)]
    assert [h for h in heads if h[1].startswith(("KF:s", "Nämndmål"))] == goals
    assert heads[at + 1] == goals[0]


def test_goal_texts_in_the_reports_order(sample: tuple[Path, str]) -> None:
    db, md = sample
    goal = next(g for g in walk_goals(document(db).goals) if "erbjuder konsulttjänster" in g.title)
    part = md.split(f"#### {goal_heading(goal)}\n", 1)[1].split("\n#### ", 1)[0]
    labels = re.findall(r"^##### (Beskrivning|Förväntat resultat|Analys)$", part, re.M)
    assert labels == ["Beskrivning", "Förväntat resultat", "Analys"]
    assert part.lstrip().startswith("● Uppfylls helt")
    assert "\n###### Verksamhetsområde lokalplanering\n" in part


def test_lists_and_sub_headings_inside_texts(sample: tuple[Path, str]) -> None:
    _, md = sample
    assert "\n- dubbletter,\n- att fakturor inte leveransgodkänns" in md
    assert "\n### Utveckling av volymer inom leverantörsreskontra\n" in md
    tokens = MarkdownIt("commonmark").parse(md)
    items = [t for t in tokens if t.type == "list_item_open"]
    assert len(items) >= 10


def test_economy_headings_as_printed_and_numbers_right_aligned(sample: tuple[Path, str]) -> None:
    _, md = sample
    tables = {t[0][0]: t for t in md_tables(md) if t[0][0] != "Indikator"}
    utfall = tables["Resultat per verksamhetsområde (mnkr)"]
    assert utfall[0][1:] == [
        "Utfall Jan-Aug 2023 · Intäkter",
        "Utfall Jan-Aug 2023 · Kostnader",
        "Utfall Jan-Aug 2023 · Netto",
    ]
    rule = rule_of(md, "| Resultat per verksamhetsområde (mnkr)")
    cells = rule.strip("|").split("|")
    assert not cells[0].endswith(":") and all(c.endswith(":") for c in cells[1:])
    ind_rule = rule_of(md, "| Indikator").strip("|").split("|")
    assert [c.endswith(":") for c in ind_rule] == [False] + [True] * 7 + [False]
    # a caption only where the report prints a title; the budget table has none
    before_budget = md.split("\n| (mnkr)", 1)[0].rstrip().splitlines()[-1]
    assert not before_budget.startswith("**")
    assert "**Periodens utfall (mnkr)**" in md and "Budget, bokfört" not in md


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("### A\nText", [Heading(3, "A"), Paragraph("Text")]),
        ("#### A\n##### B\n#### C", [Heading(3, "A"), Heading(4, "B"), Heading(3, "C")]),
        ("##### A\n### B", [Heading(3, "A"), Heading(3, "B")]),  # never skips a level
        ("- a\n- b\nc\n- d", [BulletList(("a", "b")), Paragraph("c"), BulletList(("d",))]),
        (
            "-5,4 mnkr\n#hashtag\n- ",
            [Paragraph("-5,4 mnkr"), Paragraph("#hashtag"), Paragraph("-")],
        ),  # fmt: skip
        ("### A ###", [Heading(3, "A")]),
    ],
)
def test_light_markdown_in_texts(text: str, expected: list) -> None:
    assert text_blocks(text, 2) == expected


def test_prose_escapes_what_is_not_light_markdown() -> None:
    assert prose("-\n#x\n1. a") == "\\-\n\n\\#x\n\n1\\. a"
    assert prose("### Rubrik ###", 1) == "## Rubrik"  # ATX closing #s
    assert heading(2, "Rubrik #") == "## Rubrik \\#"  # a # of the text itself stays
    assert prose("- # inte rubrik") == "- \\# inte rubrik"
