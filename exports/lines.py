"""Bounded lists for what a file import reports, however large the file.

`Capped` keeps the first lines of a list (errors, rows not found) and then one line
saying how many more there were; `LineSet` keeps a row's line numbers as the few runs a
message names ("rad 2–95, 97") and a count.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

SHOWN = 20  # lines of a list shown; the rest are counted


def count_text(n: int) -> str:
    """'904 764': thousands separated by a space, as the report prints numbers."""
    return f"{n:,}".replace(",", " ")


class Capped(list[str]):
    """The first `limit` items appended, then one line `more(n)` for the n left out.

    `total` counts every item appended. Printing the list prints what a reader needs.
    """

    def __init__(self, more: Callable[[int], str], limit: int = SHOWN) -> None:
        super().__init__()
        self.more, self.limit, self.total = more, limit, 0

    def append(self, item: str) -> None:
        self.total += 1
        if self.total <= self.limit:
            super().append(item)
        else:
            self._summary()

    def extend(self, items: Iterable[str]) -> None:
        for item in items:
            self.append(item)

    def shown(self) -> list[str]:
        """The items kept, without the line that counts the rest."""
        return list(self[: self.limit])

    def merge(self, other: Capped) -> None:
        """Append `other`'s items, counting those it left out too."""
        shown = other.shown()
        self.extend(shown)
        if hidden := other.total - len(shown):
            self.total += hidden
            self._summary()

    def _summary(self) -> None:
        line = self.more(self.total - self.limit)
        if len(self) > self.limit:
            self[-1] = line
        else:
            super().append(line)


class LineSet:
    """Line numbers, added in increasing order, kept as their first runs and a count."""

    RUNS = 9  # one more than a message names, so it knows to say "…"

    def __init__(self, lines: Iterable[int] = ()) -> None:
        self.runs: list[list[int]] = []
        self.count = 0
        self.cut = False  # runs were left out
        for n in sorted(set(lines)):
            self.add(n)

    def add(self, n: int) -> None:
        self.count += 1
        if self.cut:
            return
        if self.runs and n == self.runs[-1][1] + 1:
            self.runs[-1][1] = n
        elif len(self.runs) < self.RUNS:
            self.runs.append([n, n])
        else:
            self.cut = True

    def text(self) -> str:
        """'rad 4', 'rad 4 och 5', 'rad 2–95', 'rad 2, 5, 9–12'."""
        parts: list[str] = []
        for a, b in self.runs:
            parts += [str(a)] if a == b else [str(a), str(b)] if b == a + 1 else [f"{a}–{b}"]
        if len(parts) > 8 or self.cut:
            parts = [*parts[:8], f"… ({count_text(self.count)} rader)"]
        if len(parts) == 2:
            return f"rad {parts[0]} och {parts[1]}"
        return "rad " + ", ".join(parts)
