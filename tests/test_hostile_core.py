"""Hostile values (issue 11, items 8, 9 and 14): a number is strictly a number.

A unit is a word from store/units.py, never arbitrary text, so no formula hides behind
a number; invisible characters are taken out of values, other digits refused, a name
needs something visible; a refusal says what is actually wrong.
"""

from __future__ import annotations

import csv
import io
import sqlite3
import sys
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exports.csvfmt import BOM, DANGEROUS, read_csv, to_csv
from store.errors import InvalidValue
from store.limits import MAX_TEXT_LENGTH
from store.models import INDICATOR_VALUE_FIELDS, NUMERIC_INDICATOR_FIELDS
from store.sample import load_sample
from store.store import Store
from store.units import UNIT_WORDS, is_unit
from store.values import INVISIBLE, ValueError_, ValueKind, parse_value
from tests.test_export_support import csv_cells
from tui.cli import main

FORMULAS = ["-1 %+cmd|' /C calc'!A0", "-2 x+3+cmd|' /C calc'!A0"]
SETTINGS = settings(max_examples=150, deadline=None, derandomize=True)


def _refused(db: Path, entity: str, entity_id: int, field: str, value: str) -> str:
    """The reason a value is refused; the field keeps what it held."""
    with Store(db) as store:
        before = getattr(store.get(entity, entity_id), field)
        with pytest.raises(InvalidValue) as exc:
            store.update(entity, entity_id, field, value)
        assert getattr(store.get(entity, entity_id), field) == before
    return exc.value.reason


# -- 8. a formula behind a number -----------------------------------------------------


@pytest.mark.parametrize("text", FORMULAS)
def test_a_formula_behind_a_number_is_no_number(db_path: Path, text: str) -> None:
    with pytest.raises(ValueError_, match="ingen enhet"):
        parse_value(text)
    for field in NUMERIC_INDICATOR_FIELDS:
        assert "ingen enhet" in _refused(db_path, "indicator", 1, field, text)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("98,1 %", "%"),
        ("4 st", "st"),
        ("1 234 kr", "kr"),
        ("12,5 tkr", "tkr"),
        ("3,1 mnkr", "mnkr"),
        ("14 dagar", "dagar"),
        ("2 år", "år"),
        ("1,5 timmar", "timmar"),
        ("45 minuter", "minuter"),
        ("1,8 kg CO2 per kg livsmedel", "kg CO2 per kg livsmedel"),
        ("4 000 CO2e", "CO2e"),
        ("310 kWh/m²", "kWh/m²"),
        ("3,2 per 1 000 invånare", "per 1 000 invånare"),
    ],
)
def test_a_unit_is_a_word_from_the_list(text: str, unit: str) -> None:
    assert parse_value(text).unit == unit


@pytest.mark.parametrize("text", ["5 %%", "5 x", "5 kr+1", "5 =A1", "5 @SUM(A1)", "5 kr|st"])
def test_any_other_unit_is_refused(text: str) -> None:
    with pytest.raises(ValueError_, match="ingen enhet"):
        parse_value(text)


def test_every_unit_the_sample_prints_is_in_the_list() -> None:
    doc = load_sample()
    seen = set()
    for goal in _goals(doc.goals):
        for ind in goal.indicators:
            for field in INDICATOR_VALUE_FIELDS:
                if field in NUMERIC_INDICATOR_FIELDS and (unit := ind.parsed(field).unit):
                    seen.add(unit)
            if ind.unit:
                assert is_unit(ind.unit), ind.unit
    for section in _sections(doc.sections):
        for table in section.tables:
            assert is_unit(table.unit), table.unit
    assert seen == {"%", "st", "kg CO2 per kg livsmedel", "CO2e"}
    issue = ["%", "kr", "tkr", "mnkr", "st", "dagar", "år", "timmar", "minuter"]
    assert {w.casefold() for w in issue} <= UNIT_WORDS


def _goals(goals):  # noqa: ANN001, ANN202
    for g in goals:
        yield g
        yield from _goals(g.children)


def _sections(sections):  # noqa: ANN001, ANN202
    for s in sections:
        yield s
        yield from _sections(s.children)


@pytest.mark.parametrize("dialect", ["rfc4180", "excel-sv"])
@pytest.mark.parametrize("text", FORMULAS)
def test_a_formula_kept_as_text_is_neutralised_in_the_csv(
    db_path: Path, tmp_path: Path, capsys, text: str, dialect: str
) -> None:  # noqa: ANN001
    with Store(db_path) as store:  # a name is free text: stored as typed
        store.update("indicator", 1, "name", text)
    out = tmp_path / "i.csv"
    argv = ["export", "indicators", "--format", "csv", "--dialect", dialect]
    assert main([*argv, "--db", str(db_path), "--output", str(out)]) == 0
    capsys.readouterr()
    names = [row[1] for row in csv_cells(out.read_bytes(), dialect)]
    assert "'" + text in names  # a spreadsheet shows it as text, never runs it
    assert text not in names
    back = read_csv(out.read_bytes())
    assert text in [row.cells[1] for row in back.rows]  # the import reads it as it was


_cell = st.lists(
    st.one_of(
        st.sampled_from([*DANGEROUS, "'", " ", "\u00a0", "\u200b", "\ufeff", "%", "|", "!"]),
        st.sampled_from([*"0123456789,", " kr", " st", " %", "cmd", "A0", "/"]),
        st.characters(exclude_categories=["Cs"]),
    ),
    max_size=12,
).map("".join)


@SETTINGS
@given(
    cells=st.lists(_cell, min_size=1, max_size=4), dialect=st.sampled_from(["rfc4180", "excel-sv"])
)
def test_no_csv_cell_can_start_a_formula_unless_it_is_a_plain_number(
    cells: list[str], dialect: str
) -> None:
    cells = ["rad", *cells]  # never a blank row (a blank row is left out on reading)
    text = to_csv(["Analys"] * len(cells), [cells], dialect)
    delimiter = ";" if dialect == "excel-sv" else ","
    records = list(csv.reader(io.StringIO(text.removeprefix(BOM), newline=""), delimiter=delimiter))
    for cell in records[1]:
        visible = INVISIBLE.sub("", cell).lstrip()
        if cell[:1] in DANGEROUS or visible[:1] in DANGEROUS:
            # Only a plain number may start so: Swedish digits and a unit from the list.
            parsed = parse_value(cell)
            assert parsed.kind == ValueKind.NUMBER, cell
            assert parsed.unit is None or is_unit(parsed.unit), cell
    assert [r.cells for r in read_csv(text.encode()).rows] == [cells]


# -- 9. look-alike numbers ------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("\ufeff100", "100"), ("\u200b5,4", "5,4"), ("98,1\u2060 %", "98,1 %"), ("\u202e87", "87")],
)
def test_invisible_characters_are_taken_out_of_a_value(
    db_path: Path, typed: str, stored: str
) -> None:
    with pytest.raises(ValueError_, match="osynligt tecken"):
        parse_value(typed)  # the parser itself never reads them as a number
    with Store(db_path) as store:
        store.update("indicator", 1, "outcome", typed)
    with Store(db_path) as store:
        assert store.get("indicator", 1).outcome == stored
        assert store.get("indicator", 1).parsed("outcome").kind == ValueKind.NUMBER


def test_the_invisible_characters_are_unicodes_format_characters() -> None:
    matched = {c for c in map(chr, range(sys.maxunicode + 1)) if INVISIBLE.fullmatch(c)}
    cf = {c for c in map(chr, range(sys.maxunicode + 1)) if unicodedata.category(c) == "Cf"}
    assert cf <= matched
    # Beyond this Python's Unicode, only code points later versions made format ones.
    assert all(unicodedata.category(c) == "Cn" for c in matched - cf)


@pytest.mark.parametrize("text", ["٣", "١٢٣", "۵,۴", "𝟓", "𝟏𝟐 %", "１２", "٣ st", "-٣"])
def test_other_digits_are_refused(db_path: Path, text: str) -> None:
    with pytest.raises(ValueError_, match="0–9"):
        parse_value(text)
    assert "0–9" in _refused(db_path, "indicator", 1, "target", text)


def test_a_doubled_per_cent_sign_is_refused(db_path: Path) -> None:
    assert "'%%' är ingen enhet" in _refused(db_path, "indicator", 1, "outcome", "5 %%")


@pytest.mark.parametrize(
    ("entity", "field"),
    [("indicator", "name"), ("goal", "title"), ("section", "title"), ("activity", "text")],
)
@pytest.mark.parametrize("blank", ["\u00a0\u00a0", "\u202f", "\u00a0\u200b\u00a0", "\u2060"])
def test_a_name_of_only_no_break_spaces_is_empty(
    db_path: Path, entity: str, field: str, blank: str
) -> None:
    assert "tom" in _refused(db_path, entity, 1, field, blank)


@pytest.mark.parametrize(
    ("text", "number", "unit"),
    [("+/-1,5 %", Decimal("1.5"), "%"), ("+/-0,25 st", Decimal("0.25"), "st"), ("+/- 1 %", 1, "%")],
)
def test_a_tolerance_with_decimals_keeps_its_decimal_comma(text: str, number, unit: str) -> None:  # noqa: ANN001
    assert parse_value(text) == parse_value(text).__class__(
        text, ValueKind.RANGE, Decimal(number), unit
    )


# -- 14. messages that say what is wrong ----------------------------------------------


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("2023-02-30", "februari 2023 har 28 dagar"),
        ("2024-02-30", "februari 2024 har 29 dagar"),
        ("2023-04-31", "april 2023 har 30 dagar"),
        ("2023-13-01", "ingen månad 13"),
        ("2023-06-00", "dagarna räknas från 01"),
    ],
)
def test_a_date_that_does_not_exist_says_so(db_path: Path, typed: str, reason: str) -> None:
    said = _refused(db_path, "activity", 1, "end_date", typed)
    assert reason in said and "inget datum som finns" in said
    assert "skriv ÅÅÅÅ-MM-DD" not in said  # it is written that way


def test_a_date_in_another_form_still_gets_the_form(db_path: Path) -> None:
    assert "skriv ÅÅÅÅ-MM-DD" in _refused(db_path, "activity", 1, "end_date", "30/6 2023")


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("--5", "2 tecken (--) före talet"),
        ("+-5", "2 tecken (+-) före talet"),
        ("-", "bara ett tecken"),
        ("1,2,3", "2 decimalkomman"),
        ("5,", "direkt efter decimalkommat"),
        (",5", "en siffra före decimalkommat"),
        ("1 23", "grupper om tre"),
        ("5kr", "mellanslag mellan talet och enheten (5 kr)"),
        ("12.500", "decimalkomma"),  # a point before three digits: thousands?
    ],
)
def test_a_malformed_number_says_what_is_wrong(db_path: Path, typed: str, reason: str) -> None:
    said = _refused(db_path, "indicator", 1, "outcome", typed)
    assert reason in said and "inget tal" in said
    if typed != "12.500":
        assert "decimalkomma (98,1) och mellanslag" not in said  # not the general advice


def test_invisible_characters_hide_no_heading_name_or_value_in_a_csv(
    db_path: Path, tmp_path: Path, capsys
) -> None:  # noqa: ANN001
    path = tmp_path / "i.csv"
    path.write_bytes(
        "\u200bMål,Indikator\u2060,Prognos helår,Årsmål\r\n"
        "Servicenämnden ger god service,Andel\u200b nöjda medborgare,\ufeff86,85\u200b %\r\n".encode()
    )
    assert main(["import", "indicators", str(path), "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "Prognos helår: '' → '86'" in out and "Årsmål" not in out  # 85 % is unchanged
    with Store(db_path) as store:
        assert (store.get("indicator", 1).forecast, store.get("indicator", 1).target) == (
            "86",
            "85 %",
        )


def test_a_file_an_earlier_tertial_wrote_still_opens(db_path: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    # Values the stricter checks refuse, as an earlier version could have saved them.
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("UPDATE indicators SET outcome = '5 påsar', target = '\u200b5' WHERE id = 1")
        conn.execute("UPDATE goals SET title = '\u00a0' WHERE id = 3")
        conn.execute("UPDATE sections SET body = ? WHERE id = 1", ("x" * (MAX_TEXT_LENGTH + 5),))
    conn.close()
    with Store(db_path) as store:
        doc = store.document(1)
        assert doc.goals[0].children[0].children[0].indicators[0].outcome == "5 påsar"
    for argv in (["report", "--format", "md"], ["indicators", "--format", "csv"]):
        out = tmp_path / f"out.{argv[-1]}"
        assert main(["export", *argv, "--db", str(db_path), "--output", str(out)]) == 0
    assert "5 påsar" in (tmp_path / "out.csv").read_text(encoding="utf-8")
    capsys.readouterr()
    with Store(db_path) as store:  # what is typed now is checked in full
        assert "ingen enhet" in _refused(db_path, "indicator", 2, "outcome", "5 påsar")
        store.update("indicator", 1, "outcome", "5 st")
        store.update("indicator", 1, "target", "5")
        assert store.get("indicator", 1).parsed("outcome").unit == "st"
