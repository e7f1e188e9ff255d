"""Child process for test_concurrency: one of two authors editing the same file.

    python tests/helpers/concurrent_writer.py DB NAME SEED COUNT

It prints "ready" once the file is open and starts when a line comes on stdin, so
that both authors write at the same time. Each round picks a field: the one both
authors edit, or this author's own. It reads the value (what the screen shows), waits
a moment (the author typing), then saves with `expected=` the value it read, as the
app does. One JSON line per round: {"saved": ..., "shown": ...} with the change the
Store returned and the value it was based on, or {"conflict": ...} with what the
Conflict said. Any other exception ends the process with a traceback.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from store.errors import Conflict  # noqa: E402
from store.store import Store  # noqa: E402

# The field both edit, and each author's own (set up by test_concurrency).
SHARED = ("goal", 1, "analys")
OWN = {"a": ("indicator", 1, "outcome"), "b": ("section", 1, "body")}


def value(name: str, field: str, n: int) -> str:
    return f"{n} st" if field == "outcome" else f"{name}{n}"


def main() -> int:
    path, name, seed, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    rng = random.Random(seed)
    with Store(path) as store:
        print("ready", flush=True)
        sys.stdin.readline()  # the other author is ready too
        for n in range(count):
            entity, entity_id, field = SHARED if rng.random() < 0.6 else OWN[name]
            shown = getattr(store.get(entity, entity_id), field)
            time.sleep(rng.uniform(0, 0.003))
            new = value(name, field, n)
            try:
                change = store.update(entity, entity_id, field, new, expected=shown)
            except Conflict as exc:
                out = {"conflict": [entity, entity_id, field, exc.shown, exc.on_disk]}
            else:
                assert change is not None
                out = {
                    "saved": [change.id, entity, entity_id, field, change.old, change.new],
                    "shown": shown,
                }
            print(json.dumps(out, ensure_ascii=False), flush=True)
    print(json.dumps({"done": name}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
