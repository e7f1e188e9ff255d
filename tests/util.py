"""Helpers shared by tests."""

from __future__ import annotations

from typing import Any

_KEYS = {"id", "report_id", "parent_id", "goal_id", "section_id", "table_id", "position"}


def content(model: Any) -> Any:
    """A model's data without ids and positions: what a report says, not where it is stored."""
    data = model.model_dump(mode="json") if hasattr(model, "model_dump") else model
    return _strip(data)


def _strip(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _strip(v) for k, v in data.items() if k not in _KEYS}
    if isinstance(data, list):
        return [_strip(v) for v in data]
    return data
