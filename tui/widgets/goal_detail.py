"""The detail pane: a goal (texts, indicators, activities), a prose section or an economy table."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.geometry import Region
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from store.models import GOAL_TEXT_FIELDS, INDICATOR_VALUE_FIELDS, EconomyTable, Goal, Section
from tui.actions import bindings
from tui.labels import goal_label, mark_long, plain, printable
from tui.widgets import carried
from tui.widgets.cursor import Addition, CursorVerbs, ExportTarget, FieldRef, Removal, Review
from tui.widgets.report_tree import goal_addition, goal_export, goal_removal
from tui.widgets.value_table import EconomyGrid, ValueTable

if TYPE_CHECKING:
    from store.carried import Origin
    from tui.editor import Touched

ROW_EMPTY = "(ingen analys – A i tabellen eller e här skriver en)"
_LABELS = {**INDICATOR_VALUE_FIELDS, "analys": "Analys"}


class TextBlock(Static, CursorVerbs, can_focus=True):
    """One text (Analys, Förväntat resultat, Beskrivning, a section's text); `e` edits it."""

    VERB_SCOPE = "text"
    BINDINGS = bindings(VERB_SCOPE)

    @dataclass
    class Edit(Message):
        entity: str  # goal, section
        id: int
        field: str
        label: str
        value: str

    EMPTY = "(tom – tryck e för att skriva)"

    def __init__(self, field: str, label: str, *, empty: str = EMPTY, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.field = field
        self.label = label
        self.empty = empty
        self.entity = "goal"
        self.entity_id = 0
        self.value = ""

    def show(self, entity: str, entity_id: int, value: str, label: str | None = None) -> None:
        self.entity, self.entity_id, self.value = entity, entity_id, value
        if label is not None:
            self.label = label
        self.border_title = plain(self.label)
        body = plain(value, prose=True) if value.strip() else Text(self.empty, "dim italic")
        self.update(body)

    def action_edit(self) -> None:
        self.post_message(
            self.Edit(self.entity, self.entity_id, self.field, self.label, self.value)
        )

    def current_field(self) -> FieldRef | None:
        return FieldRef(self.entity, self.entity_id, self.field, self.value)

    def review(self) -> Review | None:
        return Review(self.entity, self.entity_id, frozenset({self.field}))

    def mark_unreviewed(self, item: Any, label: str) -> None:
        """'från T2 2023 · ej granskad' under the text while its carried value is unreviewed."""
        unreviewed = self.field in getattr(item, "unreviewed", ())
        self.border_subtitle = carried.note(label) if unreviewed else ""
        self.set_class(unreviewed, "unreviewed")

    def on_click(self) -> None:
        self.action_edit()  # a click opens the text's editor, as e does


class MetaLine(Static):
    """A goal's level and, below it, its assessment: a click there chooses one (a)."""

    goal_shown = False

    async def on_click(self, event: events.Click) -> None:
        if self.goal_shown and event.y == 1:
            await self.run_action("screen.assess")


class DetailPane(VerticalScroll, CursorVerbs):
    """Shows whatever the tree has selected. Holds no store: the screen gives it models.

    The verbs on the goal it shows (remove, export, add) are bound here, so they work
    from any text or table in it that has no verb of its own for the key.
    """

    VERB_SCOPE = "pane"
    BINDINGS = bindings(VERB_SCOPE)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.goal: Goal | None = None  # the goal shown, with its indicators and activities
        self.year = 0
        # The report the shown one was carried from ('T2 2023'), and its indicators by
        # the id of the indicator carried from each (issue 12).
        self.carried_label = ""
        self.previous: dict[int, Origin] = {}

    def set_carried(self, label: str, previous: dict[int, Origin]) -> None:
        self.carried_label, self.previous = label, previous

    def compose(self) -> ComposeResult:
        yield Static(id="detail-title")
        yield MetaLine(id="detail-meta")
        for field, label in GOAL_TEXT_FIELDS.items():
            yield TextBlock(field, label, id=f"text-{field}", classes="text")
        yield TextBlock("body", "Text", id="text-body", classes="text")
        with Vertical(id="indicator-part"):
            yield Static("Indikatorer", classes="part-heading")
            yield ValueTable("indicator", id="indicators")
            yield Static(id="indicator-previous")
            yield Static(id="indicator-notes")
            yield TextBlock("analys", "Analys", empty=ROW_EMPTY, id="indicator-analys")
        with Vertical(id="activity-part"):
            yield Static("Aktiviteter", classes="part-heading")
            yield ValueTable("activity", id="activities")
            yield TextBlock("analys", "Analys", empty=ROW_EMPTY, id="activity-analys")
        yield Vertical(id="economy")

    def _text(self, field: str) -> TextBlock:
        return self.query_one(f"#text-{field}", TextBlock)

    @property
    def indicator_table(self) -> ValueTable:
        return self.query_one("#indicators", ValueTable)

    @property
    def activity_table(self) -> ValueTable:
        return self.query_one("#activities", ValueTable)

    def _heading(self, title: str, meta: Text | str) -> None:
        self.query_one("#detail-title", Static).update(Text(printable(title), style="bold"))
        self.query_one("#detail-meta", Static).update(meta)

    def _hide_all(self) -> None:
        self.goal = None
        self.query_one(MetaLine).goal_shown = False
        for block in self.query(TextBlock):
            block.display = False
        self.query_one("#indicator-part").display = False
        self.query_one("#activity-part").display = False
        self.query_one("#economy").remove_children()

    def show_empty(self) -> None:
        """A report without goals: say what to do first, not a row of empty boxes."""
        self._hide_all()
        self._heading(
            "Rapporten har inga mål än",
            "n lägger till det första inriktningsmålet · R ändrar rapportens uppgifter",
        )

    def show_goal(self, goal: Goal, year: int) -> None:
        self._hide_all()
        self.goal, self.year = goal, year
        self._goal_parts(goal)
        if goal.level > 1:
            self.query_one("#indicator-part").display = True
            self.indicator_table.load(goal, year)
            self.query_one("#activity-part").display = True
            self.activity_table.load(goal, year)
            self._row_parts(goal)
        self.scroll_home(animate=False)

    def shows(self, goal: Goal, t: Touched) -> bool:
        """Whether the pane, showing `goal`, shows what the change `t` touched."""
        if t.entity == "goal":
            return t.entity_id == goal.id
        if t.goal_id is not None:
            return t.goal_id == goal.id
        table = self.indicator_table if t.entity == "indicator" else self.activity_table
        return t.entity in ("indicator", "activity") and t.entity_id in table.models

    def refresh_goal(self, goal: Goal) -> None:
        """The goal shown, read anew after a change: texts, assessment and rows updated in
        place (the cursor and the scroll stay)."""
        self.goal = goal
        self._goal_parts(goal)
        if goal.level > 1:
            for table in (self.indicator_table, self.activity_table):
                models = goal.indicators if table.entity == "indicator" else goal.activities
                if [m.id for m in models] == list(table.models):
                    table.goal = goal
                    for model in models:
                        if model != table.models[model.id or 0]:
                            table.update_model(model)
                else:  # rows came or went
                    table.load(goal, self.year)
            self._row_parts(goal)

    def _goal_parts(self, goal: Goal) -> None:
        self.query_one(MetaLine).goal_shown = True
        meta = Text.assemble((goal.level.label, "italic"), "\nBedömning: ")
        meta.append_text(mark_long(goal.assessment))
        if "assessment" in goal.unreviewed:
            meta.append(f"  {carried.MARK} {carried.note(self.carried_label)}", carried.MARK_STYLE)
        self._heading(goal_label(goal), meta)
        for field in GOAL_TEXT_FIELDS:
            block = self._text(field)
            block.show("goal", goal.id or 0, getattr(goal, field))
            block.mark_unreviewed(goal, self.carried_label)
            block.display = True

    def _row_parts(self, goal: Goal) -> None:
        notes = [
            printable(f"⚠ {i.name}: {i.to_check}", prose=True)
            for i in goal.indicators
            if i.to_check
        ]
        if not goal.indicators:
            notes.insert(0, "Inga indikatorer (n lägger till en).")
        note = self.query_one("#indicator-notes", Static)
        note.update(Text("\n".join(notes), style="yellow"))
        note.display = bool(notes)
        self.show_row_analys(self.indicator_table)
        self.show_row_analys(self.activity_table)

    def refresh_section(self, section: Section) -> None:
        """The section shown, read anew after its text changed."""
        self._heading(section.title, Text("Avsnitt", style="italic"))
        if section.kind != "goals":
            self._text("body").show("section", section.id or 0, section.body)
            self._text("body").mark_unreviewed(section, self.carried_label)

    def show_section(self, section: Section) -> None:
        self._hide_all()
        self._heading(section.title, Text("Avsnitt", style="italic"))
        if section.kind == "goals":
            self.query_one("#detail-meta", Static).update(
                Text("Målen följer nedan i trädet.", style="italic")
            )
        else:
            block = self._text("body")
            block.show("section", section.id or 0, section.body)
            block.mark_unreviewed(section, self.carried_label)
            block.display = True
        self._mount_tables(section.tables)
        self.scroll_home(animate=False)

    def show_table(self, table: EconomyTable) -> None:
        self._hide_all()
        self._heading(table.title, Text(printable(f"Ekonomitabell ({table.unit})"), style="italic"))
        self._mount_tables([table])
        self.scroll_home(animate=False)

    # -- the Analys of the row under a table's cursor ------------------------------

    def row_analys(self, table: ValueTable) -> TextBlock:
        return self.query_one(f"#{table.entity}-analys", TextBlock)

    def show_row_analys(self, table: ValueTable) -> None:
        block = self.row_analys(table)
        cur = table.current
        if table.entity == "indicator":
            self._previous_values(None if cur is None else table.models[cur[0]])
        if cur is None:
            block.display = False
            return
        model = table.models[cur[0]]
        block.show(table.entity, cur[0], model.analys, f"Analys – {table.row_name(cur[0])}")
        block.mark_unreviewed(model, self.carried_label)
        block.display = True

    def _previous_values(self, model: Any) -> None:
        """Under the indicator table: the previous report's values of the row under the
        cursor ('T2 2023: 87'), and which of its carried fields are unreviewed."""
        line = self.query_one("#indicator-previous", Static)
        origin = None if model is None else self.previous.get(model.id or 0)
        text = Text() if model is None else carried.previous_line(origin, model, _LABELS)
        line.update(text)
        line.display = bool(text)

    def on_data_table_cell_highlighted(self, event: ValueTable.CellHighlighted) -> None:
        if isinstance(event.data_table, ValueTable):
            self.show_row_analys(event.data_table)

    def _mount_tables(self, tables: list[EconomyTable]) -> None:
        box = self.query_one("#economy", Vertical)
        for t in tables:
            heading = Text(printable(f"{t.title} ({t.unit})"), style="bold")
            box.mount(Static(heading, classes="part-heading"))
            box.mount(EconomyGrid(t, classes="economy-table"))

    def edit_first_text(self) -> None:
        """`e` outside a text or table: the first text shown (a goal's Analys, a section's text)."""
        first = next((b for b in self.query(TextBlock) if b.display), None)
        if first is not None:
            first.action_edit()

    # -- what is under the cursor, for the goal shown (tui.widgets.cursor.Cursor) -------

    def removal(self) -> Removal | None:
        return goal_removal(self.goal)

    def export_target(self) -> ExportTarget | None:
        return goal_export(self.goal)

    def addition(self) -> Addition | None:
        return goal_addition(self.goal)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action in ("add", "remove") and self.goal is None)

    def focus_first(self) -> bool:
        """Focus the first text or table shown; False when there is none."""
        for widget in self.screen.focus_chain:
            if self in widget.ancestors:
                widget.focus()
                return True
        return False

    def show_widget(self, widget: Widget) -> None:
        """Scroll (at once, no animation) so a table or text is in view."""
        self.scroll_to_widget(widget, animate=False, immediate=True)

    def keep_in_view(self, touched: list[tuple[str, int, str]]) -> None:
        """After a save: what was written stays in view, scrolled as little as can be.

        `touched` holds (entity, id, field). A text shows its first lines (its border
        title says which text it is); a table row shows the row under the cursor.
        """
        for entity, entity_id, field in touched:
            for block in self.query(TextBlock):
                if block.display and (block.entity, block.entity_id, block.field) == (
                    entity,
                    entity_id,
                    field,
                ):
                    self._reveal(block.region, 4)
            for table in (self.indicator_table, self.activity_table):
                here = (table.entity, table.current[0]) if table.current else None
                if table.display and table.has_focus and here == (entity, entity_id):
                    self._reveal(table.cursor_screen_row(), 1)

    def _reveal(self, screen_region: Region, lines: int) -> None:
        """Scroll so the first `lines` lines of a region (in screen cells) are in view."""
        if not screen_region.height or not self.content_region.height:
            return
        inner = self.content_region
        region = Region(
            screen_region.x - inner.x + int(self.scroll_x),
            screen_region.y - inner.y + int(self.scroll_y),
            max(1, screen_region.width),
            min(lines, screen_region.height),
        )
        self.scroll_to_region(region, animate=False, immediate=True)
