"""The sample report tertial ships with (Servicenämnden, Tertialrapport 2 2023), and
Kommunfullmäktige's goals for a year, a new report's starting point."""

from __future__ import annotations

import json
from importlib import resources

from store.models import Goal, ReportDocument

SAMPLE_FILE = "servicenamnden-tertialrapport-2-2023.json"

# KF:s inriktningsmål and mål för verksamhetsområdet are the same for every nämnd in a
# year: the years shipped, each with its file here.
CITY_GOALS = {2023: "kf-mal-2023.json"}


def load_sample() -> ReportDocument:
    text = resources.files(__name__).joinpath(SAMPLE_FILE).read_text(encoding="utf-8")
    return ReportDocument.model_validate_json(text)


def city_goals_name(year: int) -> str:
    """As a start is offered: 'Kommunfullmäktiges mål 2023'."""
    return f"Kommunfullmäktiges mål {year}"


def load_city_goals(year: int) -> list[Goal]:
    """KF's two levels for `year`, numbered and titled, nothing else. KeyError if not shipped."""
    text = resources.files(__name__).joinpath(CITY_GOALS[year]).read_text(encoding="utf-8")
    return [Goal.model_validate(g) for g in json.loads(text)["goals"]]
