"""Write a large indicators CSV for measuring the import's memory (issue 11).

    python tests/tools/big_csv.py EXPORT.csv BIG.csv [--mb 200]

EXPORT.csv is `tertial export indicators --format csv` of a file; BIG.csv gets its
header and rows, then rows naming indicators that are not in the report (ids past the
last one, names numbered) until it holds about `--mb` megabytes. Importing BIG.csv
into the same file then plans the real rows and reports the rest as not found.

    /usr/bin/time -v python -m tui.cli import indicators BIG.csv --db FILE.db
"""

from __future__ import annotations

import argparse
import csv
import io
from pathlib import Path


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("export", type=Path)
    p.add_argument("out", type=Path)
    p.add_argument("--mb", type=int, default=200)
    args = p.parse_args()
    text = args.export.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header, real = rows[0], rows[1:]
    id_col, name_col = header.index("Indikator-id"), header.index("Indikator")
    target = args.mb * 1_000_000
    with args.out.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(header)
        w.writerows(real)
        n = 0
        while f.tell() < target:
            for r in real:
                row = list(r)
                n += 1
                row[id_col] = str(100_000 + n)
                row[name_col] = f"{r[name_col]} ({n})"
                w.writerow(row)


if __name__ == "__main__":
    main()
