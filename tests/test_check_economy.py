"""ekonomi-summa and the economy half of ogiltigt-tal, on edited copies of the sample's
economy tables (its tables add up as printed, within rounding)."""

from __future__ import annotations

from pathlib import Path

from store.check import Severity, check_report
from store.store import Store
from tests.test_check_support import checked, of, sample, table_row


def _row_id(store: Store, key: str, label: str) -> int:
    rid = store.reports()[0].id
    t = next(t for t in store.economy_tables(rid) if t.key == key)
    return next(r.id for r in t.rows if r.label == label)


def test_ekonomi_summa_difference_and_total(tmp_path: Path) -> None:
    doc = sample()
    table_row(doc, "utfall", "Ekonomi").cells = ["52,6", "42,3", "11,2"]
    findings, store = checked(doc, tmp_path / "e.db")
    found = of(findings, "ekonomi-summa")
    assert [(f.item_id, f.column) for f in found] == [
        (_row_id(store, "utfall", "Ekonomi"), 2),
        (_row_id(store, "utfall", "Resultat före bokslutsdisposition"), 2),
    ]
    assert (
        "Netto är 11,2, men Utfall Jan-Aug 2023 · Intäkter − Utfall Jan-Aug 2023 · Kostnader "
        "ger 10,3" in found[0].message
    )
    assert "summan av raderna ovanför ger -15,5" in found[1].message
    assert all(f.kind == "economy_row" and f.field == "cells" for f in found)
    store.close()


def test_ekonomi_summa_allows_half_the_last_digit_per_value() -> None:
    doc = sample()
    row = table_row(doc, "utfall", "Upphandling")  # 32,8 − 29,6 = 3,2; printed 3,1
    row.cells = ["32,8", "29,6", "3,3"]  # off by 0,1: within 3 × 0,05
    assert not of(check_report(doc), "ekonomi-summa")
    row.cells = ["32,8", "29,6", "3,0"]  # off by 0,2
    assert len(of(check_report(doc), "ekonomi-summa")) == 1


def test_ekonomi_summa_budget_deviation_sign_is_not_checked() -> None:
    doc = sample()
    row = table_row(doc, "budget", "Kostnader")  # 312,2 − 311,6 = 0,6
    row.cells = ["312,2", "208,0", "311,6", "-0,6"]
    assert not of(check_report(doc), "ekonomi-summa")
    row.cells = ["312,2", "208,0", "311,6", "1,6"]
    [f] = of(check_report(doc), "ekonomi-summa")
    assert "Budgetavvikelse är 1,6, men Budget 2023 − Prognos 2023 ger 0,6" in f.message


def test_ekonomi_summa_later_total_adds_the_rows_between() -> None:
    doc = sample()
    row = table_row(doc, "arsprognos", "Resultat efter bokslutsdisposition")
    row.cells = ["299,3", "312,2", "293,3", "311,6", "-5,4"]  # the −5,4 återföring left out
    [f] = of(check_report(doc), "ekonomi-summa")
    assert "Prognos 2023 · Kostnader är 311,6" in f.message and "ger 306,2" in f.message


def test_ogiltigt_tal_in_an_economy_table(tmp_path: Path) -> None:
    doc = sample()
    table_row(doc, "utfall", "Ekonomi").cells = ["52,6", "uppgift saknas", "10,2"]
    findings, store = checked(doc, tmp_path / "e.db")
    [f] = of(findings, "ogiltigt-tal")
    assert f.severity == Severity.FEL and f.kind == "economy_row" and f.column == 1
    assert f.item_id == _row_id(store, "utfall", "Ekonomi")
    assert not of(findings, "ekonomi-summa")  # what cannot be added is not added
    store.close()


def test_a_difference_column_wrong_on_several_rows_is_one_finding() -> None:
    doc = sample()
    table_row(doc, "utfall", "Ekonomi").cells = ["52,6", "42,3", "11,2"]
    table_row(doc, "utfall", "Kontaktcenter").cells = ["45,0", "39,0", "7,0"]
    table_row(doc, "utfall", "Rekrytering").cells = ["11,7", "13,3", "0,0"]
    table_row(doc, "utfall", "Lokalplanering").cells = ["9,9", "9,2", "5,0"]
    found = of(check_report(doc), "ekonomi-summa")
    assert [f.item.split(" › ")[1] for f in found] == [
        "Ekonomi",  # where the column first goes wrong
        "Resultat före bokslutsdisposition",
    ]
    assert (
        "Utfall Jan-Aug 2023 · Netto är inte Utfall Jan-Aug 2023 · Intäkter − Utfall Jan-Aug "
        "2023 · Kostnader på 4 rader: Ekonomi (11,2, ger 10,3), Kontaktcenter (7,0, ger 6,0), "
        "Rekrytering (0,0, ger -1,6) och 1 till"
    ) in found[0].message
    assert found[0].column == 2
