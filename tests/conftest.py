from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from store.store import Store
from tests.factories import small_document

# In CI (.ci/run sets CI) every property test draws the same examples on every run, so a
# failure is reproducible and a pass is not luck; no example database is written (the
# permission pass runs where the checkout is read-only). Locally, new examples each run.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(autouse=True)
def _own_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Never touch the user's own tertial.db.
    monkeypatch.setenv("TERTIAL_DATA_DIR", str(tmp_path_factory.mktemp("data")))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "report.db"
    with Store(path, create=True) as store:
        store.add_document(small_document())
    return path


@pytest.fixture
def store(db_path: Path):  # noqa: ANN201
    with Store(db_path) as s:
        yield s
