"""Child process for test_crash: saves changes in a loop until it is killed.

    python tests/helpers/crash_writer.py DB START COUNT

Change N (START <= N < START + COUNT) goes to one of three fields, each passed with
`expected=` the value read just before, as the app does. After `update` returns (the
screen would show the change as saved) it prints and flushes "ok N". Every few
changes it also saves a draft, which must never cost a saved change.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from store.store import Store  # noqa: E402

# (entity, id, field, value of change N): set up by test_crash on the small document.
FIELDS = [
    ("goal", 1, "analys", lambda n: f"v{n}"),
    ("indicator", 1, "outcome", lambda n: f"{n} st"),
    ("section", 1, "body", lambda n: f"v{n}\nandra stycket"),
]


def field_of(n: int) -> tuple[str, int, str, str]:
    entity, entity_id, field, value = FIELDS[n % len(FIELDS)]
    return entity, entity_id, field, value(n)


def main() -> int:
    path, start, count = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    with Store(path) as store:
        print("ready", flush=True)
        for n in range(start, start + count):
            entity, entity_id, field, value = field_of(n)
            shown = getattr(store.get(entity, entity_id), field)
            store.update(entity, entity_id, field, value, expected=shown)
            print(f"ok {n}", flush=True)
            if n % 5 == 0:
                store.save_draft("goal", 1, "expected_result", f"utkast {n}", "")
    return 0


if __name__ == "__main__":
    sys.exit(main())
