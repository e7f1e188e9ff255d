import datetime as dt

import pytest
from pydantic import ValidationError

from store.models import Activity, Assessment, EconomyTable, Goal, Indicator, ReportDocument


def message(exc: pytest.ExceptionInfo[ValidationError]) -> str:
    return str(exc.value)


def test_assessment_outside_scale_names_field_and_value() -> None:
    with pytest.raises(ValidationError) as exc:
        Goal(level=1, code="1", title="Mål", assessment="Uppfylls nästan")
    assert "assessment" in message(exc) and "Uppfylls nästan" in message(exc)


def test_assessment_labels() -> None:
    g = Goal(level=1, code="1", title="Mål", assessment="Uppfylls delvis")
    assert g.assessment is Assessment.DELVIS and g.assessment.label == "Uppfylls delvis"
    assert Goal(level=1, title="Mål", assessment="").assessment is None


def test_end_date_before_start_date() -> None:
    with pytest.raises(ValidationError) as exc:
        Activity(text="Utreda", start_date="2023-06-30", end_date="2023-01-01")
    assert "Slutdatum 2023-01-01" in message(exc) and "2023-06-30" in message(exc)


def test_unparseable_date_names_value() -> None:
    with pytest.raises(ValidationError) as exc:
        Activity(text="Utreda", start_date="30/6")
    assert "start_date" in message(exc) and "'30/6'" in message(exc)


def test_activity_flag_words() -> None:
    assert Activity(text="x", deviation="Avvikelse").deviation is True
    assert Activity(text="x", deviation="").deviation is False
    with pytest.raises(ValidationError):
        Activity(text="x", deviation="kanske")
    assert Activity(text="x", start_date="2023-01-01").start_date == dt.date(2023, 1, 1)


def test_level_that_does_not_exist() -> None:
    with pytest.raises(ValidationError) as exc:
        Goal(level=4, title="Mål")
    assert "level" in message(exc) and "4" in message(exc)


def test_namndmal_without_parent() -> None:
    with pytest.raises(ValidationError) as exc:
        Goal(id=7, level=3, title="Nämndmål utan områdesmål")
    assert "överordnat" in message(exc)
    with pytest.raises(ValidationError) as exc:
        ReportDocument(
            report={"organisation": "N", "kind": "T2", "year": 2023},
            sections=[],
            goals=[Goal(level=3, title="Nämndmål utan områdesmål")],
        )
    assert "Nämndmål utan områdesmål" in message(exc)


def test_children_must_be_below_their_parents_level() -> None:
    # A nämndmål may stand directly under an inriktningsmål (issue 12: "under either").
    top = Goal(level=1, code="1", title="A", children=[Goal(level=3, title="B")])
    assert [c.level for c in top.children] == [3]
    with pytest.raises(ValidationError):
        Goal(level=2, code="1.1", title="A", children=[Goal(level=2, code="1.2", title="B")])
    with pytest.raises(ValidationError):
        Goal(level=1, code="1", title="A", children=[Goal(level=1, code="2", title="B")])


def test_codes_fit_levels() -> None:
    with pytest.raises(ValidationError):
        Goal(level=2, code="1", title="A")
    with pytest.raises(ValidationError):
        Goal(level=3, code="1.1", title="A")
    assert Goal(level=2, code="3.7", title="A").label == "3.7 A"


def test_indicator_values_validated() -> None:
    ind = Indicator(name="Sjukfrånvaro", outcome="2,1 %", kf_target="Tas fram av nämnd/styrelse")
    assert str(ind.parsed("outcome").number) == "2.1"
    with pytest.raises(ValidationError) as exc:
        Indicator(name="Sjukfrånvaro", outcome="2.100")  # thousands or decimals?
    assert "outcome" in message(exc) and "'2.100'" in message(exc)
    with pytest.raises(ValidationError):
        Indicator(name="Två\nrader")


def test_control_characters_refused_in_titles() -> None:
    with pytest.raises(ValidationError):
        Goal(level=1, title="Mål \x1b[2J")


def test_economy_row_width() -> None:
    with pytest.raises(ValidationError):
        EconomyTable(
            key="t", title="T", columns=["A", "B"], rows=[{"label": "x", "cells": ["1,0"]}]
        )
