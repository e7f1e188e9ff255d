"""The header: organisation, report and file; counts of goals by assessment."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from rich.text import Text
from textual.widget import Widget

from store.models import Level, Report
from tui.labels import counts_line, printable


def shown_path(path: str) -> str:
    """The file as the author knows it: relative to where tertial started, or from ~."""
    p = Path(path).absolute()
    for base, prefix in ((Path.cwd(), ""), (Path.home(), "~/")):
        try:
            return prefix + str(p.relative_to(base))
        except ValueError:
            continue
    return str(p)


class ReportHeader(Widget):
    """Two lines that shorten themselves to the terminal's width."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.report: Report | None = None
        self.path = ""
        self.read_only = False
        self.network = False
        self.counts: Mapping[Level, Mapping[str | None, int]] = {}
        self.unreviewed = 0  # carried items not yet reviewed (issue 12), set by the screen
        self.klart: int | None = None  # "klart NN %", once the check has run

    def show(
        self,
        report: Report,
        path: str,
        counts: Mapping[Level, Mapping[str | None, int]],
        read_only: bool,
        *,
        network: bool = False,
    ) -> None:
        self.report, self.counts, self.read_only = report, counts, read_only
        self.network = network
        self.path = printable(shown_path(path))
        self.refresh()

    def show_klart(self, share: tuple[int, int]) -> None:
        """Required items filled over all required items (store.check.percent)."""
        from store.check import percent

        self.klart = percent(*share)
        self.refresh()

    def render(self) -> Text:
        if self.report is None:
            return Text("")
        width = max(20, self.size.width - 2)
        r = self.report
        first = Text.assemble(
            (printable(r.organisation), "bold"), printable(f" · {r.title} ({r.period})")
        )
        if self.klart is not None:
            first.append(f" · klart {self.klart} %", style="bold")
        if self.read_only:
            first.append("  [skrivskyddad]", style="bold red")
        if self.network:
            # Rollback journal, file locked while open (store.filesystem): said here for good.
            first.append("  [nätverksenhet, låst]", style="bold yellow")
        room = width - first.cell_len - 3
        if room > 8:
            path = self.path if len(self.path) <= room else "…" + self.path[-(room - 1) :]
            first.append(f" · {path}", style="dim")
        second = Text()
        if self.unreviewed:  # carried items not yet reviewed: before the counts, always seen
            second.append(f"◇ {self.unreviewed} ej granskade", style="bold magenta")
            second.append(" │ ")
        second.append(counts_line(self.counts, width - second.cell_len))  # type: ignore[arg-type]
        return Text("\n").join([first, second])
