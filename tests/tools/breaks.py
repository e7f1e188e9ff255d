"""Deliberate breaks: each applied by hand to the code, the tests run, the break undone.

    python tests/tools/breaks.py [NAME ...]     # all breaks when none is named

Issue 17: every break here once slipped through the whole suite (or could have); each
must make at least one test fail. The output lists, per break, the failing tests. A
break whose text is no longer in the code stops with an AssertionError: update it
after moving code. The file is restored after each run, also when pytest fails.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BREAKS = {}
APP = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests").glob("test_app_*.py"))
def brk(name, path, pairs, tests):
    BREAKS[name] = (path, pairs, tests)

brk("1-export-written-in-place", "exports/atomic.py", [(
'''    tmp: Path | None = None
    try:
        fd, tmp = _create_beside(target)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            if mode is not None:
                os.chmod(tmp, mode)  # an existing file keeps its own permissions
            fill(fh)
            fh.flush()
            os.fsync(fh.fileno())  # on disk before it takes the old file's place
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise OutputRefused(path, _reason(exc, target)) from None
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
''', '''    try:
        with open(target, "w", encoding="utf-8", newline="") as fh:
            fill(fh)
    except OSError as exc:
        raise OutputRefused(path, _reason(exc, target)) from None
''')], ["tests/test_export_cli.py", "tests/test_loss_output.py", "tests/test_loss_import_export.py",
        "tests/test_report_json.py", "tests/test_app_flow.py", "tests/test_loss_places.py"])
brk("1b-docx-xlsx-written-in-place", "tui/export_docs.py", [(
'''            fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{output.name}.", suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                fill(fh)
            os.chmod(tmp, _mode(output))  # mkstemp's 0600 would hide it from colleagues
            os.replace(tmp, output)
            tmp = None''', '''            with open(output, "wb") as fh:
                fill(fh)''')], ["tests/test_export_cli.py", "tests/test_docx.py", "tests/test_xlsx.py", "tests/test_docx_template.py"])
brk("2-find-enter-opens-first-hit", "tui/dialogs/find.py", [(
"            self.dismiss(self.hits[index or 0])", "            self.dismiss(self.hits[0])")], APP)
brk("3-x-on-goal-exports-whole-report", "tui/screens/actions.py", [(
"                self.export(req, table, goal_id)", "                self.export(req, table, None)")], APP)
brk("4-init-builds-at-final-name", "tui/cli.py", [
    ('    tmp = path.with_name(path.name + ".new")', '    tmp = path'),
    ('        tmp.rename(path)\n', '        pass\n'),
    ('        for leftover in (tmp, *sidecars(tmp)):', '        for leftover in sidecars(tmp):'),
], ["tests/test_cli.py", "tests/test_new_report.py", "tests/test_loss_files.py", "tests/test_loss_places.py"])
brk("5-draft-interval-an-hour", "tui/dialogs/text_editor.py", [(
"    DRAFT_INTERVAL = 3.0  #", "    DRAFT_INTERVAL = 3600.0  #")], APP)
brk("6-update-many-one-transaction-each", "store/edits.py", [(
'''        with self._write() as conn:
            changes = [self._apply(conn, *edit, _UNSET, source) for edit in edits]
        return [c for c in changes if c is not None]''', '''        changes = []
        for edit in edits:
            with self._write() as conn:
                changes.append(self._apply(conn, *edit, _UNSET, source))
        return [c for c in changes if c is not None]''')],
 ["tests/test_store.py", "tests/test_import_indicators.py", "tests/test_hostile.py", "tests/test_export_tables.py",
  "tests/test_xlsx.py", "tests/test_loss_import_export.py", "tests/test_store_history.py"])
brk("c1-conflict-detection-deleted", "store/edits.py", [(
"            if shown != old and not (shown in (\"\", None) and old in (\"\", None)):",
"            if False:")], ["tests/test_concurrency.py"])
brk("c2-parser-refuses-all-words", "store/values.py", [(
"    return ParsedValue(text, ValueKind.TEXT)\n",
"    raise ValueError_(f\"{text!r} är inget tal\")\n")], ["tests/test_values.py", "tests/test_hostile.py", "tests/test_hostile_values.py"])
brk("c3-parser-takes-bad-numbers-as-words", "store/values.py", [(
'''        raise ValueError_(
            f"{text!r} är inget tal: använd decimalkomma''', '''        return ParsedValue(text, ValueKind.TEXT)
        raise ValueError_(
            f"{text!r} är inget tal: använd decimalkomma''')], ["tests/test_values.py", "tests/test_hostile.py", "tests/test_hostile_values.py"])

def run(name):
    path, pairs, tests = BREAKS[name]
    f = ROOT / path
    src = f.read_text()
    new = src
    for old, rep in pairs:
        assert new.count(old) == 1, (name, old[:60], new.count(old))
        new = new.replace(old, rep)
    f.write_text(new)
    try:
        out = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rfE", *tests],
                             cwd=ROOT, capture_output=True, text=True).stdout
    finally:
        f.write_text(src)
    fails = sorted({l.split(" - ")[0] for l in out.splitlines() if l.startswith(("FAILED", "ERROR"))})
    print(f"## {name} ({path}): {len(fails)} failing")
    for l in fails:
        print("   ", l[:160])
    if not fails:
        print("    NOTHING FAILED: this break slips through")
    sys.stdout.flush()
    return bool(fails)

if __name__ == "__main__":
    caught = [run(n) for n in (sys.argv[1:] or BREAKS)]
    sys.exit(0 if all(caught) else 1)
