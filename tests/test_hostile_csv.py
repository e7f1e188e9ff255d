"""Large CSV files (issue 11, items 11 and 12): streamed, capped, every text round-trips.

The import reads a file of any size one row at a time, so memory stays flat; the errors
and the rows not found are the first 20 and a count; a field as long as the store's
longest text survives export → import, and csv's process-wide field limit is put back.
"""

from __future__ import annotations

import csv
import io
import tracemalloc
from pathlib import Path

import pytest

from exports.csvfmt import FIELD_LIMIT, CsvError, read_csv, to_csv
from exports.importer import plan
from exports.lines import SHOWN
from exports.tables import indicators_csv_table
from store.errors import InvalidValue
from store.limits import MAX_TEXT_LENGTH
from store.store import Store
from store.versions import indicator_versions
from tui.cli import main


def _exported(db: Path) -> tuple[list[str], list[list[str]]]:
    with Store(db) as store:
        table = indicators_csv_table(store.document(1), indicator_versions(store, 1))
    return table.headers, table.rows


def _big_csv(path: Path, db: Path, rows: int) -> Path:
    """The file's own rows, then `rows` rows naming indicators that are not there."""
    headers, real = _exported(db)
    i, n = headers.index("Indikator-id"), headers.index("Indikator")
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(headers)
        w.writerows(real)
        for k in range(rows):
            row = list(real[k % len(real)])
            row[i], row[n] = str(1000 + k), f"{row[n]} ({k})"
            w.writerow(row)
    return path


def _peak(db: Path, path: Path) -> int:
    """Peak memory (bytes, as Python allocates it) of `tertial import indicators` of a file."""
    tracemalloc.start()
    try:
        assert main(["import", "indicators", str(path), "--db", str(db)]) == 0
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_import_memory_is_flat_for_any_size(db_path: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    small = _big_csv(tmp_path / "small.csv", db_path, 500)
    big = _big_csv(tmp_path / "big.csv", db_path, 10_000)  # 20 times as many rows, 1.5 MB
    assert big.stat().st_size > 1_200_000
    _peak(db_path, small)  # the first run loads the modules the import needs
    peak_small = _peak(db_path, small)
    peak_big = _peak(db_path, big)
    # The file is never held whole (nor its rows): the peak does not grow with the file.
    assert peak_big < peak_small * 1.5 + 200_000, (peak_small, peak_big)
    assert peak_big < 2_000_000, peak_big
    assert "(10000)" in capsys.readouterr().out


def test_rows_not_found_are_the_first_twenty_and_a_count(db_path: Path, tmp_path: Path) -> None:
    with _big_csv(tmp_path / "b.csv", db_path, 5_000).open("rb") as f:
        result = plan(_document(db_path), read_csv(f))
    assert result.unmatched.total == 5_000
    assert len(result.unmatched) == SHOWN + 1
    assert result.unmatched[0].startswith("rad 4: ")  # the header, then the file's own rows
    assert result.unmatched[-1] == "… och 4 980 rader till som inte hittades"
    assert result.errors == []


def test_errors_are_the_first_twenty_and_a_count(db_path: Path, tmp_path: Path) -> None:
    headers, real = _exported(db_path)
    rows = [list(real[0]) for _ in range(3_001)]  # the same indicator 3 001 times
    for k, row in enumerate(rows):
        row[headers.index("Periodens utfall")] = f"{k} %%"
    data = to_csv(headers, rows).encode()
    result = plan(_document(db_path), read_csv(data))
    assert result.errors.total == 3_001
    assert len(result.errors) == SHOWN + 1
    assert result.errors[0].startswith("rad 2, kolumn 'Periodens utfall': '0 %%' är inget tal")
    assert result.errors[1] == (
        "rad 2 och 3 gäller samma indikator (Servicenämnden ger god service › Andel nöjda "
        "medborgare); ta bort den ena"
    )
    assert result.errors[-1] == "… och 2 981 fel till"


def test_the_import_command_prints_the_capped_list(db_path: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    path = _big_csv(tmp_path / "b.csv", db_path, 3_000)
    assert main(["import", "indicators", str(path), "--db", str(db_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "Rader som inte hittades i rapporten (3000), inte importerade:" in out
    assert len(out) < 30
    assert out[-1] == "  … och 2 980 rader till som inte hittades"


def _document(db: Path):  # noqa: ANN202
    with Store(db) as store:
        return store.document(1)


# -- 12. every value the store accepts survives the CSV round trip ------------------


@pytest.mark.parametrize("dialect", ["rfc4180", "excel-sv"])
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "Andel " + "nöjda " * 40_000),  # 240 000 characters, past csv's 128 KiB
        ("kf_target", "Tas fram " + "x" * 200_000),
        ("name", "-" + "\"'=" * ((MAX_TEXT_LENGTH - 1) // 3)),  # longest, all quotes to double
    ],
    ids=["name-240k", "value-200k", "name-longest-quotes"],
)
def test_a_long_text_survives_export_and_import(
    db_path: Path, tmp_path: Path, capsys, field: str, value: str, dialect: str
) -> None:  # noqa: ANN001
    assert len(value) <= MAX_TEXT_LENGTH
    with Store(db_path) as store:
        if field != "name":  # words where a number goes: an indicator without a unit
            store.update("indicator", 1, "unit", "")
        store.update("indicator", 1, field, value)
    out = tmp_path / "i.csv"
    argv = ["export", "indicators", "--format", "csv", "--dialect", dialect, "--db", str(db_path)]
    assert main([*argv, "--output", str(out)]) == 0
    limit = csv.field_size_limit()
    code = main(["import", "indicators", str(out), "--db", str(db_path)])
    captured = capsys.readouterr()
    assert (code, captured.err) == (0, "")
    assert "Inga ändringar" in captured.out
    assert csv.field_size_limit() == limit  # the process-wide setting is put back
    with Store(db_path) as store:
        assert getattr(store.get("indicator", 1), field) == value


def test_the_store_refuses_a_text_longer_than_a_csv_field_may_be(db_path: Path) -> None:
    with Store(db_path) as store, pytest.raises(InvalidValue, match="högst"):
        store.update("goal", 1, "analys", "x" * (MAX_TEXT_LENGTH + 1))
    assert FIELD_LIMIT > MAX_TEXT_LENGTH + 1  # room for a neutralising quote


def test_a_field_longer_than_any_text_is_refused_in_swedish() -> None:
    data = ("Mål,Indikator\r\na," + "x" * (FIELD_LIMIT + 1) + "\r\n").encode()
    with pytest.raises(CsvError, match="rad 2: ett fält är längre än"):
        read_csv(data)


def test_a_file_without_line_breaks_is_refused_without_reading_it_whole() -> None:
    data = io.BytesIO(b"M\xc3\xa5l,Indikator\r\n" + b"a," * 3_000_000)  # 6 MB on one line
    tracemalloc.start()
    try:
        with pytest.raises(CsvError, match="rad 2: raden är längre än"):
            read_csv(data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 60_000_000
