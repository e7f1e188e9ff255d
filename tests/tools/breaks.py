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
def brk(name, path, pairs, tests):
    BREAKS[name] = (path, pairs, tests)

brk("1-export-written-in-place", "exports/atomic.py", [(
'''    tmp: Path | None = None
    try:
        fd, tmp = _create_beside(target)
        with os.fdopen(fd, "wb") as fh:
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
        with open(target, "wb") as fh:
            fill(fh)
    except OSError as exc:
        raise OutputRefused(path, _reason(exc, target)) from None
''')], ["tests/test_export_cli.py", "tests/test_loss_output.py", "tests/test_loss_import_export.py",
        "tests/test_report_json.py", "tests/test_app_flow.py", "tests/test_loss_places.py"])
# (1b, Word/Excel written in place: they go through exports/atomic.py now, break 1.)
brk("2-find-enter-opens-first-hit", "tui/dialogs/find.py", [(
"            self.dismiss(self.hits[index or 0])", "            self.dismiss(self.hits[0])")],
 ["tests/test_app_flow.py", "tests/test_app_find_worker.py"])
brk("3-x-on-goal-exports-whole-report", "tui/verbs/export.py", [(
"    found = choices(doc, target)", "    found = choices(doc, None)")],
 ["tests/test_app_flow.py", "tests/test_app_export_dialog.py"])
brk("4-init-builds-at-final-name", "tui/cli_common.py", [
    ('    tmp = path.with_name(path.name + ".new")', '    tmp = path'),
    ('        tmp.rename(path)\n', '        pass\n'),
    ('        for leftover in (tmp, *sidecars(tmp)):', '        for leftover in sidecars(tmp):'),
], ["tests/test_cli.py", "tests/test_new_report.py", "tests/test_loss_files.py", "tests/test_loss_places.py"])
brk("5-draft-interval-an-hour", "tui/dialogs/text_editor.py", [(
"    DRAFT_INTERVAL = 3.0  #", "    DRAFT_INTERVAL = 3600.0  #")], ["tests/test_app_drafts.py"])
brk("6-update-many-one-transaction-each", "store/edits.py", [(
'''        with self.batch():
            changes = [self.update(*edit, source=source) for edit in edits]''', '''        if True:
            changes = [self.update(*edit, source=source) for edit in edits]''')],
 ["tests/test_store.py", "tests/test_import_indicators.py", "tests/test_hostile.py", "tests/test_export_tables.py",
  "tests/test_xlsx.py", "tests/test_loss_import_export.py", "tests/test_store_history.py"])
brk("c1-conflict-detection-deleted", "store/edits.py", [(
"        if expected is not _UNSET and not _same(e, current, field, expected):",
"        if False:")], ["tests/test_concurrency.py"])
brk("c2-parser-refuses-all-words", "store/values.py", [(
"    return ParsedValue(text, ValueKind.TEXT)\n",
"    raise ValueError_(f\"{text!r} är inget tal\")\n")], ["tests/test_values.py", "tests/test_hostile.py", "tests/test_hostile_values.py"])
brk("c3-parser-takes-bad-numbers-as-words", "store/values.py", [(
"        raise ValueError_(_why_not(text, s))", "        return ParsedValue(text, ValueKind.TEXT)")],
 ["tests/test_values.py", "tests/test_hostile.py", "tests/test_hostile_values.py"])

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
