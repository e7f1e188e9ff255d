"""The report tree: sections, the three levels of goals and the economy part, in document order."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from store.models import EconomyTable, Goal, Level, Section, SectionKind
from tui.actions import bindings
from tui.labels import goal_label, mark, plain, shorten
from tui.widgets import carried
from tui.widgets.cursor import (
    Addition,
    CursorVerbs,
    ExportTarget,
    FieldRef,
    Removal,
    Review,
)
from tui.widgets.shaping import Shaped, ShapeVerbs

_TOGGLE = Style.from_meta({"toggle": True})  # what Tree looks for under a click


@dataclass(frozen=True)
class Ref:
    """What a tree node stands for: ('goal', id), ('section', id) or ('table', id)."""

    kind: str
    id: int


class ReportTree(Tree[Ref], CursorVerbs, ShapeVerbs):
    """Keyboard tree of the report. Posts `Chosen` when the cursor lands on a node; the
    verbs on the goal (or section) under the cursor post theirs (CursorVerbs)."""

    VERB_SCOPE = "tree"
    BINDINGS = bindings(VERB_SCOPE)

    @dataclass
    class Chosen(Message):
        ref: Ref

    @dataclass
    class Opened(Message):
        ref: Ref

    def __init__(self, **kwargs: object) -> None:
        # A Text, not a str: a str is read as markup, which loads Rich's emoji table (2 ms).
        super().__init__(Text("Rapport"), **kwargs)  # type: ignore[arg-type]
        self.show_root = False
        self.auto_expand = False
        self.guide_depth = 2
        self.goals: dict[int, Goal] = {}
        self.sections: dict[int, Section] = {}
        self.nodes: dict[Ref, TreeNode[Ref]] = {}
        self.marks: dict[int, Text] = {}  # goal id → the check's mark (tui.verbs.check)

    # -- building -----------------------------------------------------------

    def load(self, sections: list[Section], goals: list[Goal]) -> None:
        """Fill the tree; the goal section holds the goals, each economy table is a leaf."""
        self.clear()
        self.goals.clear()
        self.sections.clear()
        self.nodes.clear()
        for s in sections:
            self._add_section(self.root, s, goals)
        if not any(s.kind == SectionKind.GOALS for s in _all(sections)):
            # A report without the goals' section (a new report, an import): the goals
            # at the top, after the sections, as the exports print them.
            for g in goals:
                self._add_goal(self.root, g)

    def _add_section(self, parent: TreeNode[Ref], s: Section, goals: list[Goal]) -> None:
        ref = Ref("section", s.id or 0)
        self.sections[s.id or 0] = s
        has_children = bool(s.children or s.tables or (s.kind == SectionKind.GOALS and goals))
        node = parent.add(plain(s.title), data=ref, allow_expand=has_children)
        self.nodes[ref] = node
        for t in s.tables:
            self._add_table(node, t)
        if s.kind == SectionKind.GOALS:
            node.expand()
            for g in goals:
                self._add_goal(node, g)
        for child in s.children:
            self._add_section(node, child, goals)

    def _add_table(self, parent: TreeNode[Ref], t: EconomyTable) -> None:
        ref = Ref("table", t.id or 0)
        self.nodes[ref] = parent.add_leaf(plain(f"▦ {t.title}"), data=ref)

    def _add_goal(self, parent: TreeNode[Ref], g: Goal) -> None:
        ref = Ref("goal", g.id or 0)
        self.goals[g.id or 0] = g
        node = parent.add(Text(goal_label(g)), data=ref, allow_expand=bool(g.children))
        self.nodes[ref] = node
        if g.level == 1:
            node.expand()
        for child in g.children:
            self._add_goal(node, child)

    def goal_nodes(self) -> Iterator[TreeNode[Ref]]:
        for ref, node in self.nodes.items():
            if ref.kind == "goal":
                yield node

    def set_goal(self, goal: Goal) -> None:
        """Show a goal's new title or assessment."""
        ref = Ref("goal", goal.id or 0)
        if ref in self.nodes:
            old = self.goals.get(goal.id or 0)
            if old is not None:
                goal = goal.model_copy(update={"children": old.children})
            self.goals[goal.id or 0] = goal
            self.nodes[ref].refresh()
            self._invalidate()

    def set_marks(self, marks: dict[int, Text]) -> None:
        """The check's marks by goals with findings; only the goals whose mark changed
        are drawn again (the marks are made once per change, never per key)."""
        old, self.marks = self.marks, marks
        for goal_id in old.keys() | marks.keys():
            if old.get(goal_id) != marks.get(goal_id) and (
                node := self.nodes.get(Ref("goal", goal_id))
            ):
                node.refresh()  # its line only: the tree's shape is the same

    def set_section(self, section: Section) -> None:
        """A section's new text (or title), kept for the verbs on it."""
        old = self.sections.get(section.id or 0)
        if old is not None:
            self.sections[section.id or 0] = section.model_copy(
                update={"children": old.children, "tables": old.tables}
            )
            node = self.nodes.get(Ref("section", section.id or 0))
            if node is not None and str(node.label) != plain(section.title).plain:
                node.set_label(plain(section.title))

    def select_ref(self, ref: Ref) -> bool:
        """Put the cursor on a node, opening its parents."""
        node = self.nodes.get(ref)
        if node is None:
            return False
        parent = node.parent
        while parent is not None:
            parent.expand()
            parent = parent.parent
        self._move_to(node)
        return True

    def _move_to(self, node: TreeNode[Ref]) -> None:
        self._tree_lines  # noqa: B018 - builds the lines, so the node knows its line
        if node.line >= 0:
            self.move_cursor(node)
            self.call_after_refresh(self.show_cursor_line)

    def show_cursor_line(self, from_top: bool = False) -> None:
        """Scroll as little as needed for the cursor to be in view (from the top if asked)."""
        height = self.scrollable_content_region.height
        line = self.cursor_line
        if height <= 0 or line < 0:
            return
        top = 0 if from_top else int(self.scroll_y)
        if line < top:
            top = line
        elif line >= top + height:
            top = line - height + 2
        self.scroll_to(y=max(0, top), animate=False, immediate=True)

    def expanded_refs(self) -> set[Ref]:
        return {ref for ref, node in self.nodes.items() if node.is_expanded}

    def restore_expanded(self, refs: set[Ref]) -> None:
        for ref, node in self.nodes.items():
            if ref in refs:
                node.expand()
            elif node.allow_expand:
                node.collapse()

    @property
    def current(self) -> Ref | None:
        node = self.cursor_node
        return node.data if node is not None else None

    @property
    def current_goal(self) -> Goal | None:
        ref = self.current
        return self.goals.get(ref.id) if ref is not None and ref.kind == "goal" else None

    # -- what is under the cursor (tui.widgets.cursor.Cursor) ---------------------------

    def current_field(self) -> FieldRef | None:
        """On a goal: its assessment; on a section with text: the text."""
        ref = self.current
        goal = self.current_goal
        if goal is not None:
            return FieldRef("goal", goal.id or 0, "assessment", goal.assessment)
        if ref is not None and ref.kind == "section":
            section = self.sections.get(ref.id)
            if section is not None and section.kind != SectionKind.GOALS:
                return FieldRef("section", ref.id, "body", section.body)
        return None

    def removal(self) -> Removal | None:
        ref = self.current
        if ref is not None and ref.kind == "section" and ref.id in self.sections:
            section = self.sections[ref.id]  # the goals' place in the report stays
            if section.kind == SectionKind.GOALS:
                return None
            return Removal("section", ref.id, section.title)
        if ref is not None and ref.kind == "table":
            return Removal("economy_table", ref.id, str(self.nodes[ref].label))
        return goal_removal(self.current_goal)

    def action_add(self) -> None:
        """On a section: a new section after it (tui/verbs/structure.py); else CursorVerbs'.
        On the goals' section, or in a tree with nothing in it: an inriktningsmål."""
        ref = self.current
        if self.current_goal is None and self._on_goals_root():
            super().action_add()
            return
        if self.current_goal is None and ref is not None and ref.kind in ("section", "table"):
            self._shape("add_section" if ref.kind == "section" else "add_table")
            return
        super().action_add()

    def export_target(self) -> ExportTarget | None:
        ref = self.current
        if ref is not None and ref.kind == "table":  # an economy table: offered first
            tables = (t for s in self.sections.values() for t in s.tables if t.id == ref.id)
            found = next(tables, None)
            return ExportTarget(table="economy", economy=found.key) if found else None
        return goal_export(self.current_goal)

    def addition(self) -> Addition | None:
        if self.current_goal is None and self._on_goals_root():
            return Addition(None, ("inriktningsmal",), "inriktningsmal")  # the first, or last
        return goal_addition(self.current_goal)

    def _on_goals_root(self) -> bool:
        """The cursor on the goals' section, or nothing under it (an empty report)."""
        ref = self.current
        if ref is None:
            return True
        section = self.sections.get(ref.id) if ref.kind == "section" else None
        return section is not None and section.kind == SectionKind.GOALS

    def review(self) -> Review | None:
        """On a goal: its assessment when that is unreviewed, else all its marks."""
        goal = self.current_goal
        if goal is not None:
            only = frozenset({"assessment"}) if "assessment" in goal.unreviewed else None
            return Review("goal", goal.id or 0, only)
        field = self.current_field()
        return None if field is None else Review("section", field.entity_id, frozenset({"body"}))

    def shaped(self) -> Shaped | None:
        ref, goal = self.current, self.current_goal
        if goal is not None:
            return Shaped("goal", goal.id or 0, goal_label(goal))
        if ref is not None and ref.kind == "section" and ref.id in self.sections:
            return Shaped("section", ref.id, self.sections[ref.id].title)
        if ref is not None and ref.kind == "table":
            return Shaped("economy_table", ref.id, str(self.nodes[ref].label))
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Shown only where they work: things are added and removed under goals.
        if action == "move_under":
            goal = self.current_goal
            return goal is not None and goal.level != Level.INRIKTNINGSMAL
        if action == "remove":
            return self.removal() is not None
        if action == "add":
            return (
                self.current_goal is not None or self.shaped() is not None or self._on_goals_root()
            )
        return True

    # -- drawing --------------------------------------------------------------

    def render_label(self, node: TreeNode[Ref], base_style: Style, style: Style) -> Text:
        ref = node.data
        depth = 0
        parent = node.parent
        while parent is not None and parent is not self.root:
            depth += 1
            parent = parent.parent
        if ref is None or ref.kind != "goal" or ref.id not in self.goals:
            text = super().render_label(node, base_style, style)
            room = self.size.width - depth * self.guide_depth - 2
            if room > 4 and text.cell_len > room:
                text.truncate(room - 1)
                text.append("…")
            return text
        goal = self.goals[ref.id]
        prefix = self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE
        if not node.allow_expand:
            prefix = "  "
        badge = mark(goal.assessment)
        if goal.unreviewed:  # carried, not yet reviewed
            badge = carried.mark() + badge
        flag = self.marks.get(ref.id)
        room = self.size.width - (depth + 1) * self.guide_depth - len(prefix) - len(badge) - 3
        title = shorten(goal_label(goal), max(room - (2 if flag else 0), 8))
        # The ▶ takes a click as Tree's own does: it expands or collapses the goal.
        icon = base_style + _TOGGLE if node.allow_expand else base_style
        text = Text.assemble((prefix, icon), (title, style))
        if flag is not None:
            text.append(" ")
            text.append_text(flag)
        pad = max(
            1, self.size.width - (depth + 1) * self.guide_depth - text.cell_len - len(badge) - 1
        )
        text.append(" " * pad)
        text.append_text(badge)
        if goal.assessment is None:
            text.stylize("bold", len(prefix), len(prefix) + len(title))
        return text

    # -- actions -------------------------------------------------------------

    def _on_tree_node_highlighted(self, event: Tree.NodeHighlighted[Ref]) -> None:
        if event.node.data is not None:
            self.post_message(self.Chosen(event.node.data))

    def action_collapse(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded and node.allow_expand:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent)

    def action_expand(self) -> None:
        node = self.cursor_node
        if node is None or not node.allow_expand:
            return
        if node.is_collapsed:
            node.expand()
        elif node.children:
            self.move_cursor(node.children[0])

    def action_open(self) -> None:
        node = self.cursor_node
        if node is not None and node.data is not None:
            self.post_message(self.Opened(node.data))


def goal_removal(goal: Goal | None) -> Removal | None:
    """A goal at any level is removed with what is under it (asked first, restorable)."""
    if goal is None:
        return None
    return Removal("goal", goal.id or 0, goal.title, goal.parent_id)


def goal_export(goal: Goal | None) -> ExportTarget | None:
    if goal is None:
        return None
    return ExportTarget(goal.id)


def goal_addition(goal: Goal | None, first: str = "") -> Addition | None:
    """Under an inriktningsmål: an områdesmål, a nämndmål directly under it, or another
    inriktningsmål at the top; under an områdesmål: indicators, activities and nämndmål;
    under a nämndmål: rows."""
    if goal is None:
        return None
    kinds = {
        Level.INRIKTNINGSMAL: ("omradesmal", "namndmal", "inriktningsmal"),
        Level.OMRADESMAL: ("indicator", "activity", "goal"),
        Level.NAMNDMAL: ("indicator", "activity"),
    }[goal.level]
    return Addition(goal, kinds, first if first in kinds else kinds[0])


def _all(sections: list[Section]) -> Iterator[Section]:
    for s in sections:
        yield s
        yield from _all(s.children)
