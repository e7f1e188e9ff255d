"""The sample report tertial ships with: Servicenämnden, Tertialrapport 2 2023."""

from __future__ import annotations

from importlib import resources

from store.models import ReportDocument

SAMPLE_FILE = "servicenamnden-tertialrapport-2-2023.json"


def load_sample() -> ReportDocument:
    text = resources.files(__name__).joinpath(SAMPLE_FILE).read_text(encoding="utf-8")
    return ReportDocument.model_validate_json(text)
