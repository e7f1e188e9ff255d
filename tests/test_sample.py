"""The shipped sample report against the text it was extracted from.

The seed is the text of the PDF (tests/data/…txt). Its line breaks, wrap points, page
footers and repeated table headers are PDF machinery, so both sides are compared with all
whitespace removed (which also undoes words split by wrapping) and with footers, repeated
indicator/activity table headers and bullet glyphs taken out of the seed.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from store.models import INDICATOR_VALUE_FIELDS, Goal, Level, ReportDocument, Section
from store.sample import load_sample

SEED = Path(__file__).parent / "data" / "servicenamnden-tertialrapport-2-2023.txt"
FOOTER = re.compile(r"Servicenämnden, Tertialrapport \d+\(\d+\)")
INDICATOR_HEADER = re.compile(
    r"Indikator Periodens\s+utfall\s+Utfall\s+män/\s+pojkar\s+Utfall\s+kvinnor/\s+flickor\s+"
    r"Utfall\s+VB\s+2022\s+Prognos\s+helår Årsmål KF:s\s+årsmål Period"
)
ACTIVITY_HEADER = "Aktivitet Startdatum Slutdatum Avvikelse"


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@cache
def doc() -> ReportDocument:
    return load_sample()


@cache
def seed_raw() -> str:
    return SEED.read_text(encoding="utf-8")


@cache
def seed() -> str:
    text = FOOTER.sub("", seed_raw())
    text = INDICATOR_HEADER.sub("", text)
    return squeeze(text.replace("\uf0b7", ""))


@cache
def seed_clean() -> str:
    # Activity rows are checked against the seed with the activity header kept out too.
    return seed().replace(squeeze(ACTIVITY_HEADER), "")


def ours(text: str) -> str:
    """Our prose, squeezed: the texts' light Markdown at line starts (bullet markers '- ',
    sub-heading markers '### ') is ours, not the report's."""
    return squeeze(re.sub(r"(?m)^(- |#{1,6} )", "", text))


def in_seed(text: str, pieces: int = 1) -> bool:
    """True when the squeezed text occurs in the squeezed seed, in at most `pieces` runs
    (in order), e.g. an indicator name split by its own value row at a page break."""
    s, hay, start = ours(text), seed_clean(), 0
    for _ in range(pieces):
        if not s:
            return True
        # longest prefix of s found at or after start
        lo, hi, at = 1, len(s), -1
        while lo <= hi:
            mid = (lo + hi) // 2
            pos = hay.find(s[:mid], start)
            if pos >= 0:
                lo, at, found = mid + 1, pos, mid
            else:
                hi = mid - 1
        if at < 0:
            return False
        start, s = at + found, s[found:]
    return not s


def all_goals(goals: list[Goal] | None = None):
    for g in doc().goals if goals is None else goals:
        yield g
        yield from all_goals(g.children)


def all_sections(sections: list[Section] | None = None):
    for s in doc().sections if sections is None else sections:
        yield s
        yield from all_sections(s.children)


def all_texts():
    r = doc().report
    yield "report", f"{r.organisation} {r.period}"
    for s in all_sections():
        yield f"section {s.title!r}", s.title
        yield f"section {s.title!r} body", s.body
        for t in s.tables:
            yield f"table {t.key}", " ".join([t.title, t.label_heading, *t.columns])
            for row in t.rows:
                yield f"table {t.key} row", " ".join([row.label, *row.cells])
    for g in all_goals():
        for f in ("title", "analys", "expected_result", "description"):
            yield f"goal {g.title!r} {f}", getattr(g, f)
        for i in g.indicators:
            yield f"indicator {i.name!r}", i.name
            yield f"indicator {i.name!r} analys", i.analys
            yield f"indicator {i.name!r} unit", i.unit
            # reading notes quote the printed row, spacing and all
            yield (
                f"note {i.name!r}",
                " ".join(
                    [i.to_check, i.reading_note, *(getattr(i, f) for f in INDICATOR_VALUE_FIELDS)]
                ),
            )
        for a in g.activities:
            yield f"activity {a.text!r}", f"{a.text} {a.analys}"


# --------------------------------------------------------------------------- the tree


def test_report():
    r = doc().report
    assert (r.organisation, r.kind.value, r.year, r.period) == (
        "Servicenämnden",
        "T2",
        2023,
        "januari–augusti",
    )


def test_goal_counts():
    levels = [g.level for g in all_goals()]
    assert levels.count(Level.INRIKTNINGSMAL) == 3
    assert levels.count(Level.OMRADESMAL) == 16
    assert levels.count(Level.NAMNDMAL) == 20
    assert [g.code for g in doc().goals] == ["1", "2", "3"]
    codes = [c.code for g in doc().goals for c in g.children]
    assert codes == ["1.1", "1.2", "1.3", "1.4", "1.5", "2.1", "2.2", "2.3", "2.4"] + [
        f"3.{n}" for n in range(1, 8)
    ]


def test_goal_titles_and_assessments_as_printed():
    prefix = {
        Level.INRIKTNINGSMAL: "KF:s inriktningsmål: {code}. ",
        Level.OMRADESMAL: "KF:s mål för verksamhetsområdet: {code} ",
        Level.NAMNDMAL: "Nämndmål: ",
    }
    for g in all_goals():
        assert g.assessment is not None, g.title
        heading = prefix[g.level].format(code=g.code) + g.title + " " + g.assessment.label
        assert in_seed(heading), heading


def test_goal_texts_are_the_report_text():
    for g in all_goals():
        for field in ("analys", "expected_result", "description"):
            for para in filter(None, getattr(g, field).split("\n")):
                assert in_seed(para), (g.title, field, para[:80])
    # every inriktningsmål and områdesmål has an Analys, and five nämndmål
    assert sum(bool(g.analys) for g in all_goals()) == 3 + 16 + 5


def test_goal_text_order_follows_the_report():
    # each goal's texts come after its heading and before the next goal's heading
    hay = seed_clean()
    last = 0
    for g in all_goals():
        at = hay.find(squeeze(g.title), last)
        assert at >= last, g.title
        for field in ("description", "expected_result", "analys"):
            text = getattr(g, field)
            if text:
                assert hay.find(ours(text.split("\n")[0]), at) >= at, (g.title, field)
        last = at


# --------------------------------------------------------------------------- indicators

EXPECTED_INDICATORS = 42


def test_indicators_names_values_and_analys():
    indicators = [i for g in all_goals() for i in g.indicators]
    assert len(indicators) == EXPECTED_INDICATORS
    for i in indicators:
        # a name can be split by a page break, and once by its own value row
        assert in_seed(i.name, pieces=2), i.name
        values = [getattr(i, f) for f in INDICATOR_VALUE_FIELDS]
        for v in values:
            assert v == v.strip()
            if v:
                assert in_seed(v), (i.name, v)
        printed = " ".join(v for v in values if v)
        assert in_seed(printed), (i.name, printed)
        if i.analys:
            assert in_seed(i.analys), i.name
        assert i.period in ("2023", "Tertial 2 2023"), i.name
        # a row with empty cells was ambiguous: its reading is written down
        if any(not v for v in values):
            assert i.reading_note.startswith("printed "), i.name


def test_indicator_placement():
    by_name = {i.name: g for g in all_goals() for i in g.indicators}
    assert by_name["Klimatpåverkan från upphandlade livsmedel och måltider"].code == "2.1"
    assert by_name["Sjukfrånvaro"].code == "3.4"
    assert by_name["Nämndens prognossäkerhet T2"].code == "3.1"
    assert by_name["Verksamhetsområde ekonomi har nöjda kunder"].level == Level.NAMNDMAL
    assert by_name["Verksamhetsområde ekonomi har nöjda kunder"].title.startswith(
        "Servicenämnden utvecklar"
    )


def test_indicator_readings():
    ind = {i.name: i for g in all_goals() for i in g.indicators}
    first = ind[
        "Andel medborgare som är nöjda med service och tillgänglighet gällande barn- och skolfrågor ska vara hög och stabil."
    ]
    assert (first.outcome, first.previous, first.forecast, first.target, first.kf_target) == (
        "87",
        "77",
        "",
        "85 %",
        "",
    )
    sick = ind["Sjukfrånvaro"]
    assert sick.direction.value == "lower" and sick.kf_target == "Tas fram av nämnd/styrelse"
    assert ind["Klimatpåverkan från upphandlade livsmedel och måltider"].direction.value == "lower"
    assert (
        ind["Klimatpåverkan från upphandlade livsmedel och måltider"].unit
        == "kg CO2 per kg livsmedel"
    )
    assert ind["Nämndens prognossäkerhet T2"].target == "+/-1 %"
    assert ind["Aktivt Medskapandeindex"].outcome_men == "78"
    assert ind["Antal tillhandahållna platser för feriejobb"].unit == "st"
    assert sum(bool(i.to_check) for i in ind.values()) >= 1


# --------------------------------------------------------------------------- activities


def test_activities_with_dates_and_flag():
    activities = [a for g in all_goals() for a in g.activities]
    assert len(activities) == 42
    for a in activities:
        dates = f"{a.start_date.isoformat()} {a.end_date.isoformat()}"
        assert in_seed(f"{a.text} {dates}"), a.text
        # the Avvikelse flag is printed right after the dates, or not at all
        assert in_seed(f"{a.text} {dates} Avvikelse") == a.deviation, a.text
        if a.analys:
            assert in_seed(f"{dates} {'Avvikelse' if a.deviation else ''} Analys {a.analys}"), (
                a.text
            )
    assert [a.text for a in activities if a.deviation] == [
        "Förvaltningen ska genomföra implementering av nytt kostdatasystem i staden."
    ]


def test_sub_headings_and_lists_inside_texts_are_light_markdown():
    texts = [t for _, t in all_texts()]
    heads = [ln for t in texts for ln in t.split("\n") if ln.startswith("#")]
    for expected in (
        "### Verksamhetsområde lokalplanering",
        "### Barns rättigheter",
        "### Nationella minoriteters rättigheter",
        "### Utveckling av volymer inom leverantörsreskontra",
    ):
        assert expected in heads
    assert all(re.fullmatch(r"### \S.{0,78}", h) for h in heads), heads
    # each sub-heading is a line of its own in the seed, with text after it
    for h in heads:
        assert re.search(r"(^|\n)\s*" + re.escape(h[4:]) + r"\s*\n", seed_raw()), h
    ekonomi = next(s for s in all_sections() if s.title == "Ekonomi")
    assert ekonomi.body.count("\n### ") == 3
    items = [ln for t in texts for ln in t.split("\n") if ln.startswith("- ")]
    assert "- dubbletter," in items and len(items) >= 10


# --------------------------------------------------------------------------- economy


def test_economy_tables():
    tables = {t.key: (s, t) for s in all_sections() for t in s.tables}
    assert set(tables) == {"utfall", "budget", "arsprognos"}
    assert tables["utfall"][0].title == "Analys av resultaträkning - uppföljning av driftbudget"
    assert tables["budget"][0].title == tables["arsprognos"][0].title == "Årsprognos driftsbudget"
    for _, t in tables.values():
        assert t.unit == "mnkr" and t.label_heading
        for row in t.rows:
            assert in_seed(" ".join([row.label, *row.cells])), (t.key, row.label)
            for cell in row.cells:
                if cell:
                    assert re.fullmatch(r"-?\d+,\d", cell), (t.key, row.label, cell)
    assert len(tables["utfall"][1].rows) == 11
    assert len(tables["budget"][1].rows) == 8
    assert len(tables["arsprognos"][1].rows) == 15
    totals = {r.label for _, t in tables.values() for r in t.rows if r.is_total}
    assert "Resultat före bokslutsdisposition" in totals
    assert "Nettoresultat före resultatdisposition" in totals
    assert tables["budget"][1].rows[0].cells == []  # Nämndens anslag: a group heading
    # a heading spanning columns is stored before " · "; the budget table has no title
    assert tables["utfall"][1].columns == [
        "Utfall Jan-Aug 2023 · Intäkter",
        "Utfall Jan-Aug 2023 · Kostnader",
        "Utfall Jan-Aug 2023 · Netto",
    ]
    assert [c.split(" · ")[0] for c in tables["arsprognos"][1].columns] == [
        "Budget 2023", "Budget 2023", "Prognos 2023", "Prognos 2023", "Budgetavvikelse"
    ]  # fmt: skip
    assert tables["budget"][1].title == ""
    for _, t in tables.values():  # the spanning headings' row, then the columns' row
        groups = [c.split(" · ")[0] for c in t.columns if " · " in c]
        assert in_seed(" ".join(dict.fromkeys(groups))), (t.key, groups)
        assert in_seed(" ".join(c.split(" · ")[-1] for c in t.columns)), t.key


def test_every_economy_number_in_the_tables():
    # every number printed in the three tables' stretch of the seed is in some table
    raw = FOOTER.sub("", seed_raw())
    start = raw.index("Periodens utfall \n(mnkr)")
    stop = raw.index("Nämnd och administration \nI nämnd och administration")
    region = raw[start:stop]
    cut = region.index("Årsprognos driftsbudget")
    region = region[:cut] + region[region.index("(mnkr) Budget 2023") :]
    printed = sorted(re.findall(r"-?\d+,\d", region))
    ours_ = sorted(
        c for s in all_sections() for t in s.tables for r in t.rows for c in r.cells if c
    )
    assert printed == ours_


# --------------------------------------------------------------------------- sections


def test_sections():
    titles = [s.title for s in doc().sections]
    assert titles[:3] == [
        "Sammanfattande analys",
        "Periodens resultat",
        "Uppföljning av Kommunfullmäktiges inriktningsmål",
    ]
    assert [s.kind.value for s in doc().sections].count("goals") == 1
    flat = [s.title for s in all_sections()]
    for title in (
        "Uppföljning av ekonomi",
        "Årsprognos driftsbudget",
        "Digitalisering, it och telefoni (DIT)",
        "Lokalplanering",
        "Resultatenheter",
        "Investeringar",
        "Försäljningar av anläggningstillgångar",
        "Verksamhetsprojekt (driftprojekt)",
        "Omslutningsförändringar",
        "Budgetjusteringar",
        "Medel för lokaländamål",
        "Analys av balansräkning",
        "Tillgångar",
        "Skulder och eget kapital",
        "Intern kontroll",
    ):
        assert title in flat
    for s in all_sections():
        assert in_seed(s.title), s.title
        for para in filter(None, s.body.split("\n")):
            assert in_seed(para), (s.title, para[:80])
    empty = [
        s.title for s in all_sections() if not s.body and not s.children and s.kind.value == "text"
    ]
    assert empty == [
        "Försäljningar av anläggningstillgångar",
        "Verksamhetsprojekt (driftprojekt)",
        "Omslutningsförändringar",
        "Budgetjusteringar",
        "Medel för lokaländamål",
    ]
    summary = doc().sections[0]
    assert [c.title for c in summary.children] == [g.title for g in doc().goals]


def test_all_prose_is_in_the_seed_once_over():
    # nothing of the report's prose is lost: every prose paragraph of the seed outside
    # the tables lands somewhere (checked by the summed length of the texts)
    total = sum(len(ours(text)) for _, text in all_texts())
    assert total > 0.9 * len(seed())


# --------------------------------------------------------------------------- cleanliness


def test_no_pdf_machinery():
    for where, text in all_texts():
        assert not FOOTER.search(text), where
        assert not re.search(r"Tertialrapport \d+\(\d+\)", text), where
        assert "\uf0b7" not in text, where
        assert "Indikator Periodens" not in text, where
        assert ACTIVITY_HEADER not in text, where
        if not where.startswith(("table", "note")):  # empty cells, quoted rows
            assert "  " not in text and "\n " not in text, where
            assert not re.search(r" \n|\n{3,}", text), where
    for s in all_sections():
        assert "\n" not in s.title
    for g in all_goals():
        assert not g.title.startswith(("KF:s", "Nämndmål"))
        for i in g.indicators:
            # words split by the narrow column are joined again
            assert not re.search(
                r"\b(stadsdelsförvaltninga|antibiotikaanvändnin|ärendehanteringssyst) ", i.name
            )


# --------------------------------------------------------------------------- the summary agrees


def nämndmål(goal: Goal) -> list[Goal]:
    return [n for area in goal.children for n in area.children]


NUMBERS = {"fem": 5, "fyra": 4, "11": 11}


def test_summary_counts_agree_with_the_tree():
    summary = doc().sections[0]
    for child, goal in zip(summary.children, doc().goals, strict=True):
        said = re.search(r"har (\w+) nämndmål", child.body)
        assert said, child.title
        assert len(nämndmål(goal)) == NUMBERS[said.group(1)], goal.title

    g1, g2, g3 = doc().goals
    one = nämndmål(g1)
    assert len(one) == 5
    assert sum(n.assessment.value == "helt" for n in one) == 3  # "tre av de tillhörande nämndmålen"
    delvis = {n.title for n in one if n.assessment.value == "delvis"}
    assert delvis == {
        "Servicenämnden ger likvärdig, tillgänglig och kvalificerad information och vägledning i frågor inom det sociala området",
        "Servicenämnden ger likvärdig, tillgänglig och kvalificerad information och vägledning i frågor om äldreomsorg",
    }
    assert all(
        a.assessment.value == "helt" for a in g1.children
    )  # "samt målen för verksamhetsområdet"

    two = nämndmål(g2)
    assert len(two) == 4 and all(n.assessment.value == "helt" for n in two)
    assert {a.code for a in g2.children if a.assessment.value == "delvis"} == {"2.1", "2.4"}

    three = nämndmål(g3)
    assert len(three) == 11
    delvis = [n for n in three if n.assessment.value == "delvis"]
    assert [n.title for n in delvis] == [
        "Servicenämnden har en ekonomi i balans",
        "Servicenämndens hållbarhetsfunktion säkrar att upphandling och avtalsförvaltning sker utifrån ekonomisk, social och miljömässig hållbarhet.",
    ]
    area31 = g3.children[0]
    assert area31.code == "3.1" and area31.assessment.value == "delvis"
    assert all(n in area31.children for n in delvis)


# --------------------------------------------------------------------------- the checks can fail


@pytest.mark.parametrize("text", ["98,2 %", "Uppfylls ej", "2023-02-30", "Tertialrapport 46(53)"])
def test_the_seed_check_refuses_what_is_not_printed(text):
    assert not in_seed(text)


def test_the_seed_check_finds_split_names_only_when_allowed():
    name = "I central-upphandlingar som innefattar transporter ställs krav på miljöanpassning av transporter och fordon i enlighet med stadens miljöprogram."
    assert not in_seed(name)
    assert in_seed(name, pieces=2)
