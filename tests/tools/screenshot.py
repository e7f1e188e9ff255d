"""The README's screenshot: the sample at 120×40 on a nämndmål, as an author sees it.

    python tests/tools/screenshot.py            # writes docs/screenshot.svg

Run it after a change to what the workbench shows, so the README stays current.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

GOAL = "Servicenämnden ger god service"  # a nämndmål with indicators and an Analys


async def shoot(out: Path) -> None:
    from store.store import Store
    from tui.app import TertialApp
    from tui.cli_common import create_database
    from tui.widgets.report_tree import Ref

    out = out.absolute()
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)  # the header names the file as an author who opened it there sees it
        path = Path(tmp) / "tertial.db"
        create_database(path, sample=True)
        with Store(path) as s:
            report = s.reports()[0].id
            hit = next(h for h in s.search(GOAL, report) if h.kind == "goal")
        app = TertialApp(Store(path))
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            app.screen.select(Ref("goal", hit.id))
            await pilot.pause(0.3)
            svg = app.export_screenshot(title="tertial")
        os.chdir(ROOT)
        out.write_text(svg, encoding="utf-8")


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshot.svg"
    asyncio.run(shoot(out))
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
