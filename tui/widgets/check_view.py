"""The check view (`c`): the report's findings grouped by goal, in report order.

A composite widget that owns its state: the findings of the last check, the one under
its cursor and the one last jumped to. The screen gives it a new check after every
change (`show`); it keeps its cursor on the same finding while the list changes under
it. `enter` posts `Jump` for the finding under the cursor; the screen goes there.
Severity is a symbol and a word (never colour alone).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.actions import bindings
from tui.labels import printable

if TYPE_CHECKING:
    from store.check import Finding, Severity

# symbol, word, style: the word says it where colour cannot.
# Keyed by store.check.Severity's values (a StrEnum looks its member up by them), so
# the first frame does not import the checker (issue 15, item 10).
SEVERITY_MARKS: dict[str, tuple[str, str, str]] = {
    "fel": ("✗", "fel", "bold red"),
    "varning": ("!", "varning", "yellow"),
    "info": ("i", "info", "cyan"),
}

Key = tuple[str, str, int | None, str | None, int | None]


def finding_key(f: Finding) -> Key:
    """What a finding is about, the same from one check to the next."""
    return (f.rule, f.kind, f.item_id, f.field, f.column)


def severity_mark(severity: Severity) -> Text:
    symbol, _, style = SEVERITY_MARKS[severity]
    return Text(symbol, style=style)


def summary(findings: list[Finding], share: tuple[int, int]) -> str:
    """'0 fel · 3 varningar · 1 info · klart 96 % (92 av 95)', as `tertial check` says it."""
    from tui.check_render import Tally

    return Tally().add(findings, share).summary()


def _line(f: Finding) -> Text:
    """'✗ fel      Indikator X › Periodens utfall – what is wrong' under its group."""
    symbol, word, style = SEVERITY_MARKS[f.severity]
    sub = f.where[len(f.group) :].lstrip(" ›,") if f.where.startswith(f.group) else f.where
    text = Text.assemble((f"{symbol} {word:<7} ", style))
    text.append(printable(f"{sub} – {f.detail}" if sub else f.detail, prose=True))
    return text


class FindingList(OptionList):
    def watch_show_vertical_scrollbar(self) -> None:
        # The scrollbar takes a column from the lines, which Textual's OptionList
        # (8.2.8) measured without it and keeps until resized: measured again.
        self.call_later(self._clear_caches)


class CheckView(Vertical):
    """Findings in report order under their goal's heading; `enter` goes to one."""

    VERB_SCOPE = "check"
    BINDINGS = bindings(VERB_SCOPE)

    @dataclass
    class Jump(Message):
        finding: Finding

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.findings: list[Finding] | None = None  # None: not checked yet
        self.share = (0, 0)
        self.last: Key | None = None  # the finding last jumped to (F goes on from it)
        self._rows: list[int | None] = []  # option index → finding index (None: a heading)
        self._filled = False  # the list shows the current findings
        self._return_to: Widget | None = None
        self.due = False  # a check is asked for, to run after the next frame (tui.verbs.check)

    def on_mount(self) -> None:
        self.border_title = "Granskning"
        self.border_subtitle = "enter går dit · F nästa fynd · esc stänger"

    def compose(self) -> ComposeResult:
        yield Static(id="check-summary")
        yield FindingList(id="check-list")

    @property
    def options(self) -> OptionList:
        return self.query_one("#check-list", OptionList)

    # -- state -------------------------------------------------------------------------

    def show(self, findings: list[Finding], share: tuple[int, int]) -> None:
        """A new check. The list is drawn now when open, else when next opened."""
        under = self.current  # of the list as it was
        if under is not None:
            self.last = finding_key(under)
        self.findings, self.share = findings, share
        self._filled = False
        if self.display:
            self._fill()

    def open(self) -> None:
        focused = self.screen.focused
        if focused is not None and self not in focused.ancestors_with_self:
            self._return_to = focused
        self.display = True
        if not self._filled:
            self._fill()
        self.options.focus()

    def toggle(self) -> None:
        """`c`: open the view and go into it; from inside it, close it."""
        focused = self.screen.focused
        if self.display and focused is not None and self in focused.ancestors_with_self:
            self.close()
        else:
            self.open()

    def close(self) -> None:
        """Hidden, and the focus back where it was before the view opened."""
        self.display = False
        back = self._return_to
        if back is not None and back.is_attached and back.display:
            back.focus()
        else:
            self.screen.focus_next()

    @property
    def current(self) -> Finding | None:
        index = self.options.highlighted
        if not self._filled or index is None or index >= len(self._rows) or not self.findings:
            return None  # not drawn since the last check: its rows are of the one before
        row = self._rows[index]
        return None if row is None else self.findings[row]

    def highlight(self, finding: Finding) -> None:
        """The cursor on `finding` (the one F or enter went to), and it remembered."""
        self.last = finding_key(finding)
        if self._filled:
            self._highlight_key(self.last)

    def _highlight_key(self, key: Key | None) -> bool:
        for index, row in enumerate(self._rows):
            if row is not None and self.findings and finding_key(self.findings[row]) == key:
                self.options.highlighted = index
                return True
        return False

    def _fill(self) -> None:
        """The findings under their group headings; the cursor stays on the same finding,
        or where it was when that one is gone (fixed)."""
        findings = self.findings or []
        options = self.options
        at = options.highlighted
        self.query_one("#check-summary", Static).update(summary(findings, self.share))
        rows: list[int | None] = []
        items: list[Option] = []
        group = None
        for n, f in enumerate(findings):
            if f.group != group:
                group = f.group
                items.append(Option(Text(printable(group), style="bold"), disabled=True))
                rows.append(None)
            items.append(Option(_line(f)))
            rows.append(n)
        if not findings:
            items.append(Option(Text("Inga fynd: rapporten är klar.", "italic"), disabled=True))
            rows.append(None)
        self._rows = rows
        options.set_options(items)
        self._filled = True
        if self.last is not None and self._highlight_key(self.last):
            return
        if at is not None and findings:
            # The finding there was fixed: the next one (or the last) takes its place.
            later = [i for i, r in enumerate(rows) if r is not None and i >= at]
            options.highlighted = (
                later[0] if later else max(i for i, r in enumerate(rows) if r is not None)
            )
        elif findings:
            options.highlighted = rows.index(0)

    # -- verbs ---------------------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        finding = self.current
        if finding is not None:
            self.post_message(self.Jump(finding))

    def action_close_check(self) -> None:
        self.close()

    def action_cursor_down(self) -> None:
        self.options.action_cursor_down()

    def action_cursor_up(self) -> None:
        self.options.action_cursor_up()
