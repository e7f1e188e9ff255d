"""Small reports built in code, for tests that need a known shape."""

from __future__ import annotations

import datetime as dt

from store.models import (
    Activity,
    EconomyRow,
    EconomyTable,
    Goal,
    Indicator,
    Report,
    ReportDocument,
    Section,
)


def small_document(organisation: str = "Testnämnden", year: int = 2023) -> ReportDocument:
    return ReportDocument(
        report=Report(organisation=organisation, kind="T2", year=year, period="januari–augusti"),
        sections=[
            Section(
                title="Sammanfattande analys",
                body="Nämnden bidrar till målen.",
                children=[Section(title="Ett Stockholm som håller samman", body="Fem nämndmål.")],
            ),
            Section(title="Uppföljning av Kommunfullmäktiges inriktningsmål", kind="goals"),
            Section(
                title="Uppföljning av ekonomi",
                tables=[
                    EconomyTable(
                        key="utfall",
                        title="Periodens utfall",
                        label_heading="Resultat per verksamhetsområde",
                        columns=["Intäkter", "Kostnader", "Netto"],
                        rows=[
                            EconomyRow(label="Ekonomi", cells=["52,6", "42,3", "10,2"]),
                            EconomyRow(label="Upphandling", cells=["32,8", "29,6", "3,1"]),
                            EconomyRow(
                                label="Resultat före bokslutsdisposition",
                                cells=["85,4", "71,9", "13,3"],
                                is_total=True,
                            ),
                        ],
                    )
                ],
            ),
            Section(title="Intern kontroll", body="Inga väsentliga avvikelser."),
        ],
        goals=[
            Goal(
                level=1,
                code="1",
                title="Ett Stockholm som håller samman",
                assessment="helt",
                analys="Analys av inriktningsmålet.",
                children=[
                    Goal(
                        level=2,
                        code="1.1",
                        title="Alla barn ska ges goda villkor",
                        assessment="helt",
                        activities=[
                            Activity(
                                text="Utreda kolloplatser",
                                start_date=dt.date(2023, 1, 1),
                                end_date=dt.date(2023, 6, 30),
                            )
                        ],
                        children=[
                            Goal(
                                level=3,
                                title="Servicenämnden ger god service",
                                assessment="delvis",
                                expected_result="Nöjda medborgare.",
                                indicators=[
                                    Indicator(
                                        name="Andel nöjda medborgare",
                                        outcome="87",
                                        previous="77",
                                        target="85 %",
                                        period="2023",
                                        unit="%",
                                        direction="higher",
                                    ),
                                    Indicator(
                                        name="Sjukfrånvaro dag 1-14",
                                        outcome="2,1 %",
                                        target="2 %",
                                        kf_target="Tas fram av nämnd/styrelse",
                                        period="Tertial 2 2023",
                                        direction="lower",
                                    ),
                                ],
                            ),
                            Goal(level=3, title="Ett nytt mål utan bedömning"),
                        ],
                    )
                ],
            ),
            Goal(level=1, code="2", title="Ett grönt Stockholm", assessment="delvis"),
        ],
    )
