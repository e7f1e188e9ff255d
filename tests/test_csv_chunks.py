"""A large CSV export neutralises cells a chunk of rows at a time (exports.csvfmt): the
file is the same as neutralising every cell one by one, wherever a risky cell falls."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exports import csvfmt
from exports.csvfmt import neutralise, to_csv

CELLS = st.one_of(
    st.sampled_from(["", "0 %", "+/-1 %", "-5,4", "=1+1", " =x", "\u200b@a", "'=b", "ok"]),
    st.text(max_size=8),
)


def _one_by_one(headers: list[str], rows: list[list[str]]) -> str:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([neutralise(c) for c in headers])
    writer.writerows([neutralise(c) for c in row] for row in rows)
    return buf.getvalue()


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csvfmt, "CHUNK", 3)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(CELLS, min_size=0, max_size=4), max_size=12), st.integers(1, 5))
def test_chunked_neutralising_matches_cell_by_cell(rows: list[list[str]], chunk: int) -> None:
    headers = ["Namn", "Utfall"]
    before, csvfmt.CHUNK = csvfmt.CHUNK, chunk
    try:
        assert to_csv(headers, [tuple(r) for r in rows]) == _one_by_one(headers, rows)
    finally:
        csvfmt.CHUNK = before


def test_risky_rows_in_every_place_of_several_chunks(small_chunks: None) -> None:
    rows = [("a", "b", "c")] * 10
    for k in range(10):
        for col in range(3):
            risky = [list(r) for r in rows]
            risky[k][col] = "+/-1 %"
            risky[(k + 4) % 10][2 - col] = "=SUM(A1)"
            assert to_csv(["x", "y", "z"], [tuple(r) for r in risky]) == _one_by_one(
                ["x", "y", "z"], risky
            )


# -- each distinct cell written once (exports.csv_rows) -----------------------------------

MANY = st.one_of(
    st.sampled_from(["", "0 %", "+/-1 %", "a,b", 'sa "x"', "rad\nrad", "r\r", "x;y", "=A1"]),
    st.text(max_size=6),
    st.none(),
    st.integers(-3, 3),
    st.sampled_from([1, 1.0, True, 0, 0.0, False, -2.5]),
)


def _csv_module(headers: list[str], rows: list[list[object]], dialect: str) -> str:
    """What csv.writer writes, every cell neutralised (None as empty, others as str)."""
    delimiter = ";" if dialect == "excel-sv" else ","
    buf = io.StringIO(newline="")
    if dialect == "excel-sv":
        buf.write(csvfmt.BOM)
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([neutralise(c) for c in headers])
    for row in rows:
        writer.writerow([neutralise("" if c is None else str(c)) for c in row])
    return buf.getvalue()


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(MANY, min_size=0, max_size=4), max_size=14),
    st.sampled_from(csvfmt.DIALECTS),
    st.integers(1, 4),
    st.sampled_from([0.0, 0.25, 1.0]),
    st.integers(1, 8),
)
def test_rows_written_from_remembered_cells_are_what_csv_writes(
    rows: list[list[object]], dialect: str, chunk: int, most_new: float, max_forms: int
) -> None:
    """Whatever the cells (quotes, line breaks, the other dialect's delimiter, None,
    numbers, rows of one cell or none), and however the chunks fall, the forms table is
    cleared or the writer falls back to csv.writer: the bytes are csv.writer's."""
    from exports import csv_rows

    saved = csv_rows.CHUNK, csv_rows.MOST_NEW, csv_rows.MAX_FORMS
    csv_rows.CHUNK, csv_rows.MOST_NEW, csv_rows.MAX_FORMS = chunk, most_new, max_forms
    try:
        written = to_csv(["Namn", "Mål"], [tuple(r) for r in rows], dialect)
    finally:
        csv_rows.CHUNK, csv_rows.MOST_NEW, csv_rows.MAX_FORMS = saved
    assert written == _csv_module(["Namn", "Mål"], rows, dialect)


def test_an_archive_of_recurring_cells_is_written_from_the_table() -> None:
    """The fast way is taken where cells recur, and gives csv.writer's bytes."""
    from exports import csv_rows

    rows = [("Org", f"T{n % 3}", "+/-1 %", 'ett "citat", med komma', "12,5 %") for n in range(5000)]
    calls: list[int] = []
    original = csv_rows._Forms.__missing__

    def counting(self, value):  # noqa: ANN001, ANN202
        calls.append(1)
        return original(self, value)

    csv_rows._Forms.__missing__ = counting  # type: ignore[method-assign]
    try:
        written = to_csv(["a", "b", "c", "d", "e"], rows)
    finally:
        csv_rows._Forms.__missing__ = original  # type: ignore[method-assign]
    assert written == _csv_module(["a", "b", "c", "d", "e"], [list(r) for r in rows], "rfc4180")
    assert len(calls) == 7  # Org, T0, T1, T2 and the three others: each formed once
    assert "'+/-1 %" in written and '"ett ""citat"", med komma"' in written
