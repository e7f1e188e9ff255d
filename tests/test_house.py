"""The house's rules, checked: the core knows nothing of the screen, SQL lives in store/."""

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", ["store", "exports"])
def test_core_never_imports_textual(package: str) -> None:
    for path in (ROOT / package).rglob("*.py"):
        assert not imports(path) & {"textual", "rich", "tui"}, path


def test_store_and_exports_import_without_textual() -> None:
    code = (
        "import sys, store.store, store.sample, exports; "
        "assert 'textual' not in sys.modules, 'textual imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_no_sql_outside_store() -> None:
    sql = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE)\b.*\b(FROM|INTO|SET)\b")
    for package in ("tui", "exports"):
        for path in (ROOT / package).rglob("*.py"):
            assert not sql.search(path.read_text(encoding="utf-8")), path


def test_every_subcommand_is_documented() -> None:
    from tui.cli import SUBCOMMANDS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in SUBCOMMANDS:
        assert f"tertial {name}" in readme, name
