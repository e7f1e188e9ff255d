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


# -- the shape of the house (issue 16) ------------------------------------------------

PACKAGES = ("tui", "store", "exports")


def _modules() -> dict[str, Path]:
    out = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            out[".".join(parts)] = path
    return out


def _imported(path: Path, known: set[str]) -> set[str]:
    """The project's modules a module imports, type-only imports included."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
        found.update(n for n in names if n in known)
    return found


def test_no_import_cycle() -> None:
    """No two modules import each other, however indirectly, TYPE_CHECKING included."""
    modules = _modules()
    graph = {m: _imported(p, set(modules)) - {m} for m, p in modules.items()}
    # A package's __init__ is not a cycle with its own modules: Python imports it first.
    graph = {m: {t for t in ts if not m.startswith(t + ".")} for m, ts in graph.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(m: str) -> None:  # Tarjan's strongly connected components
        index[m] = low[m] = len(index)
        stack.append(m)
        for t in graph[m]:
            if t not in index:
                visit(t)
                low[m] = min(low[m], low[t])
            elif t in stack:
                low[m] = min(low[m], index[t])
        if low[m] == index[m]:
            part = []
            while True:
                t = stack.pop()
                part.append(t)
                if t == m:
                    break
            if len(part) > 1:
                cycles.append(sorted(part))

    for m in sorted(graph):
        if m not in index:
            visit(m)
    assert cycles == [], cycles


def test_no_module_over_400_lines() -> None:
    long = {
        str(p.relative_to(ROOT)): n
        for p in _modules().values()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}, long


def test_no_verb_decided_by_what_is_focused() -> None:
    """What is under the cursor is asked of the widget (tui.widgets.cursor), never found
    by testing the focused widget's class."""
    for path in (ROOT / "tui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "isinstance":
                subject = ast.unparse(node.args[0])
                assert "focused" not in subject, f"{path}: isinstance({subject}, ...)"


def _assignments(name: str) -> list[str]:
    out = []
    for path in _modules().values():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = node.targets if isinstance(node, ast.Assign) else []
            if isinstance(node, ast.AnnAssign):
                targets = [node.target]
            if any(getattr(t, "id", "") == name for t in targets):
                out.append(str(path.relative_to(ROOT)))
    return out


@pytest.mark.parametrize(
    "name", ["ACTIVITY_HEADERS", "VERBS", "TABLES", "ENTITIES", "SUBCOMMANDS", "FORMATS"]
)
def test_each_list_is_defined_once(name: str) -> None:
    assert len(_assignments(name)) == 1, _assignments(name)


def test_formats_are_listed_only_in_the_registry() -> None:
    """No module but exports/formats.py spells out the formats (md, csv, docx, xlsx, json)."""
    names = {"md", "csv", "docx", "xlsx", "json"}
    for module, path in _modules().items():
        if module == "exports.formats":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Tuple | ast.List | ast.Set | ast.Dict):
                items = node.keys if isinstance(node, ast.Dict) else node.elts
                words = {getattr(i, "value", None) for i in items}
                assert len(words & names) < 3, f"{path}: {sorted(words & names)}"


def test_keys_of_the_workbench_come_from_the_action_table() -> None:
    """Every binding of the screen and its widgets is a row of tui.actions.VERBS."""
    from tui.actions import VERBS
    from tui.screens.main import MainScreen
    from tui.widgets.check_view import CheckView
    from tui.widgets.goal_detail import DetailPane, TextBlock
    from tui.widgets.report_tree import ReportTree
    from tui.widgets.value_table import EconomyGrid, ValueTable

    rows = {(scope, v.action): v for v in VERBS for scope in v.on}
    for cls in (MainScreen, ReportTree, ValueTable, EconomyGrid, TextBlock, DetailPane, CheckView):
        scope = cls.VERB_SCOPE
        own = [b for b in cls.BINDINGS if getattr(b, "id", None)]
        assert own and len(own) == len(cls.BINDINGS), cls
        for b in own:
            verb = rows[(scope, b.action)]
            assert (b.key, b.description, b.id) == (verb.keys, verb.label, f"{scope}.{b.action}")
            assert callable(getattr(cls, f"action_{b.action}", None)), (cls, b.action)


def test_the_screen_is_not_grown_by_mixins() -> None:
    """The guide: grow the screen by giving widgets their own actions, not by mixing
    classes into MainScreen. Every class of ours it inherits from is a Screen."""
    from textual.screen import Screen

    from tui.screens.main import MainScreen

    ours = [c for c in MainScreen.__mro__ if c.__module__.startswith("tui.")]
    assert all(issubclass(c, Screen) for c in ours), ours
