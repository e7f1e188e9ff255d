"""Notices that quote stored texts: shown printable, never read as markup."""

from __future__ import annotations

from textual.notifications import SeverityLevel
from textual.screen import Screen

from tui.printable import printable


class PrintableNotices(Screen[None]):
    """A screen whose `notify` makes every message printable and plain (no markup)."""

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        super().notify(
            printable(message, prose=True),
            title=printable(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )
