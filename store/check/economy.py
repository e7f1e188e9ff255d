"""`ekonomi-summa` and the economy half of `ogiltigt-tal`: economy tables as printed.

Tables print mnkr rounded to one decimal, so every check allows each value it uses
to be off by half its last printed digit ("191,5" by 0,05, "12" by 0,5), summed.

What is checked, read from the headings and row labels the city's tables use:

- A difference column: "… Netto" is the same group's Intäkter − Kostnader ("Utfall
  Jan-Aug 2023 Intäkter/Kostnader/Netto"). "Budgetavvikelse" is the Prognos group's
  netto − the Budget group's netto where both have Intäkter and Kostnader, otherwise
  Budget − Prognos. Deviations are compared without their sign: reports print a
  cost row's deviation as budget − prognos and some print revenue rows the same way.
- A total row: the first total of a table is the sum of the rows above it, or
  Intäkter − Kostnader where those are the rows (a budget table); rows with no values
  (a heading) and "Varav …" rows (part of the row above) are not added. A later
  total is the previous total plus the rows between that are not balances
  ("Ingående …", "Utgående …"); with only balances between, the printed table does
  not say how it follows, and it is not checked. An empty cell adds nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from store.check.plain import PRow, PTable
from store.check.reading import Reading, reading
from store.values import ValueKind, format_number


@dataclass(frozen=True)
class CellIssue:
    rule: str  # "ekonomi-summa" or "ogiltigt-tal"
    row: PRow
    row_index: int
    column: int
    message: str


def _amount(r: Reading) -> tuple[Decimal, Decimal] | None:
    """(number, rounding) of a printed value: "191,5" → (191.5, 0.05), "12" → (12, 0.5).

    None when it is empty or not a number.
    """
    return (r.number, r.rounding) if r.kind is ValueKind.NUMBER and r.number is not None else None


def _role(heading: str) -> tuple[str, str]:
    """(group, role): role is intäkter, kostnader, netto, avvikelse or value.

    "Utfall Jan-Aug 2023 · Netto" (a two-line heading joined) is group "utfall jan-aug
    2023", role netto.
    """
    words = heading.replace("·", " ").split()
    last = words[-1].casefold() if words else ""
    if last in ("intäkter", "kostnader", "netto"):
        return " ".join(words[:-1]).casefold(), last
    if "avvikelse" in heading.casefold():
        return "", "avvikelse"
    return heading.casefold(), "value"


@lru_cache(maxsize=1024)  # the same headings in every report of a kind
def _formula(columns: tuple[str, ...]) -> dict[int, tuple[tuple[tuple[int, int], ...], bool, str]]:
    """Difference columns: index → ((column, sign)…, sign matters, how it is formed)."""
    roles = [_role(c) for c in columns]
    where = {r: i for i, r in enumerate(roles)}
    out: dict[int, tuple[tuple[tuple[int, int], ...], bool, str]] = {}

    def netto(group: str) -> tuple[tuple[int, int], ...] | None:
        i, k = where.get((group, "intäkter")), where.get((group, "kostnader"))
        return None if i is None or k is None else ((i, 1), (k, -1))

    def starting(word: str, role: str) -> str | None:
        groups = [g for g, r in roles if r == role and g.startswith(word)]
        return groups[0] if len(groups) == 1 else None

    for d, (group, role) in enumerate(roles):
        if role == "netto" and (terms := netto(group)):
            out[d] = (terms, True, f"{columns[terms[0][0]]} − {columns[terms[1][0]]}")
        elif role == "avvikelse":
            b, p = starting("budget", "intäkter"), starting("prognos", "intäkter")
            nb, np_ = (netto(b), netto(p)) if b is not None and p is not None else (None, None)
            if nb and np_:
                out[d] = ((*np_, *((c, -s) for c, s in nb)), False, f"netto {p} − netto {b}")
                continue
            b, p = starting("budget", "value"), starting("prognos", "value")
            if b is not None and p is not None:
                terms = ((where[(b, "value")], 1), (where[(p, "value")], -1))
                out[d] = (terms, False, f"{columns[terms[0][0]]} − {columns[terms[1][0]]}")
    return out


Amount = tuple[Decimal, Decimal] | None


def table_issues(table: PTable) -> list[CellIssue]:
    """Cells that are not numbers; difference columns and totals that do not add up.

    In table order. A difference column that is wrong on several rows is one finding
    (at its first wrong cell, naming the others): a column wrong on most rows says
    the column is wrong, and one line says it better than a dozen.
    """
    n = len(table.columns)
    texts = [row.cells if len(row.cells) == n else [""] * n for row in table.rows]
    values = [[_amount(reading(t)) for t in cells] for cells in texts]
    out: list[CellIssue] = []
    for r, row in enumerate(table.rows):
        for c, text in enumerate(row.cells):
            if text.strip() and reading(text).kind != ValueKind.NUMBER:
                column = table.columns[c] if c < n else c + 1
                message = f"«{text}» i kolumnen {column} är inget belopp"
                out.append(CellIssue("ogiltigt-tal", row, r, c, message))
    formulas = _formula(tuple(table.columns))
    for d, (terms, signed, how) in formulas.items():
        wrong = [(r, computed) for r, computed in _differences(values, d, terms, signed)]
        if not wrong:
            continue
        unsigned = "" if signed else " (utan hänsyn till tecken)"
        r, computed = wrong[0]
        if len(wrong) == 1:
            message = (
                f"{table.columns[d]} är {texts[r][d]}, men {how} ger "
                f"{format_number(computed)}{unsigned}"
            )
        else:
            named = ", ".join(
                f"{table.rows[i].label} ({texts[i][d]}, ger {format_number(c)})"
                for i, c in wrong[:3]
            )
            more = f" och {len(wrong) - 3} till" if len(wrong) > 3 else ""
            message = (
                f"{table.columns[d]} är inte {how}{unsigned} på {len(wrong)} rader: {named}{more}"
            )
        out.append(CellIssue("ekonomi-summa", table.rows[r], r, d, message))
    out += _totals(table, texts, values, set(formulas))
    return sorted(out, key=lambda i: (i.row_index, i.column))


def _differences(
    values: list[list[Amount]], d: int, terms: tuple[tuple[int, int], ...], signed: bool
) -> Iterator[tuple[int, Decimal]]:
    """Rows whose difference column d is off by more than rounding: (row, computed)."""
    for r, row in enumerate(values):
        printed = row[d]
        if printed is None:
            continue
        computed, slack = Decimal(0), printed[1]
        for c, sign in terms:
            v = row[c]
            if v is None:
                break
            computed += v[0] if sign > 0 else -v[0]
            slack += v[1]
        else:
            off = abs(printed[0] - computed) if signed else abs(abs(printed[0]) - abs(computed))
            if off > slack:
                yield r, computed


def _label(row: PRow) -> str:
    return row.label.casefold().strip()


def _totals(
    table: PTable, texts: list[list[str]], values: list[list[Amount]], differences: set[int]
) -> Iterator[CellIssue]:
    previous: int | None = None
    between: list[int] = []
    for r, row in enumerate(table.rows):
        if not row.is_total:
            if any(c.strip() for c in row.cells) and not _label(row).startswith("varav"):
                between.append(r)
            continue
        skip: set[int] = set()
        labels = [_label(table.rows[b]) for b in between]
        if previous is None:
            incomes = [
                b for b, lab in zip(between, labels, strict=True) if lab.startswith("intäkter")
            ]
            costs = [
                b for b, lab in zip(between, labels, strict=True) if lab.startswith("kostnader")
            ]
            if len(incomes) == 1 and len(costs) == 1 and len(between) == 2:
                parts, how = [(incomes[0], 1), (costs[0], -1)], "Intäkter − Kostnader"
                skip = differences  # their sign convention differs by row: checked per row
            else:
                parts, how = [(b, 1) for b in between], "summan av raderna ovanför"
        else:
            flows = [
                b
                for b, lab in zip(between, labels, strict=True)
                if not lab.startswith(("ingående", "utgående"))
            ]
            parts = [(previous, 1), *((b, 1) for b in flows)] if flows else []
            how = f"{table.rows[previous].label} plus raderna emellan"
        if parts:
            wrong = list(_sum_row(table, texts, values, r, parts, how, skip))
            if wrong:
                yield CellIssue(
                    "ekonomi-summa", row, r, wrong[0][0], "; ".join(w for _, w in wrong)
                )
        previous, between = r, []


def _sum_row(
    table: PTable,
    texts: list[list[str]],
    values: list[list[Amount]],
    r: int,
    parts: list[tuple[int, int]],
    how: str,
    skip: set[int],
) -> Iterator[tuple[int, str]]:
    for c, printed in enumerate(values[r]):
        if c in skip or printed is None:
            continue
        total, slack, seen = Decimal(0), printed[1], False
        for part, sign in parts:
            if not texts[part][c].strip():
                continue  # an empty cell adds nothing
            v = values[part][c]
            if v is None:
                break  # not a number: ogiltigt-tal says so
            total += sign * v[0]
            slack += v[1]
            seen = True
        else:
            if seen and abs(printed[0] - total) > slack:
                yield (
                    c,
                    f"{table.columns[c]} är {texts[r][c]}, men {how} ger {format_number(total)}",
                )
