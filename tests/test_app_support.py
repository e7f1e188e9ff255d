"""Shared helpers for the app tests: a copy of the sample report, a second Store to check."""

from __future__ import annotations

import asyncio
import functools
import shutil
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest

from store.store import Store

# The terminal size most pilot tests run at.
SIZE = (100, 35)
SAMPLE = Path(__file__).resolve().parents[1] / "store" / "sample"
SAMPLE_JSON = SAMPLE / "servicenamnden-tertialrapport-2-2023.json"


@pytest.fixture(scope="session")
def _sample_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # The sample ships with tertial: a missing one fails the tests that use it, never skips.
    assert SAMPLE_JSON.exists(), f"the sample report is missing: {SAMPLE_JSON}"
    from tui.cli_common import create_database

    path = tmp_path_factory.mktemp("master") / "sample.db"
    create_database(path, sample=True)
    return path


@pytest.fixture
def sample_db(_sample_master: Path, tmp_path: Path) -> Path:
    path = tmp_path / "sample.db"
    shutil.copy(_sample_master, path)
    return path


def make_app(path: Path):  # noqa: ANN201
    from tui.app import TertialApp

    return TertialApp(Store(path))


def read(path: Path) -> Store:
    """A separate Store on the same file: what is really saved."""
    return Store(path)


def goal_id(path: Path, title: str) -> int:
    with read(path) as s:
        report = s.reports()[0].id
        hit = next(h for h in s.search(title, report) if h.kind == "goal" and h.title == title)
        return hit.id


def indicator(path: Path, name: str):  # noqa: ANN201
    with read(path) as s:
        report = s.reports()[0].id
        hit = next(h for h in s.search(name, report) if h.kind == "indicator" and h.title == name)
        return s.get("indicator", hit.id)


def sync(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async pilot test without an async pytest plugin."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


async def until(pilot: Any, condition: Callable[[], object], seconds: float = 5.0) -> bool:
    """Let the app run (its workers and timers too) until `condition()` holds.

    Returns as soon as it does; False after `seconds`, for the caller's assert to say what.
    """
    for _ in range(int(seconds / 0.02)):
        if condition():
            return True
        await pilot.pause(0.02)
    return bool(condition())


def palette_prompts(app: Any) -> list[str]:
    """The command palette's options as text (its search runs in the background)."""
    from textual.command import CommandList

    try:
        options = app.screen.query_one(CommandList)
    except Exception:  # noqa: BLE001 - no palette (yet)
        return []
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
