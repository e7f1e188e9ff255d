"""Shaping a report from the keyboard (issue 12 §4): moving goals, sections, indicators,
activities and economy rows among their siblings (K/J), a goal under another parent (M),
a goal's number and title or a heading (t). Each is one step of the Editor: one ctrl+z."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from store.models import Level
from store.structure import LEVEL_NOUNS
from tui.actions import verb
from tui.editor import Refused
from tui.labels import goal_label
from tui.verbs import economy
from tui.verbs.workbench import Workbench
from tui.verbs.writing import add_after
from tui.widgets.report_tree import Ref

if TYPE_CHECKING:
    from tui.widgets.shaping import Shaped

# Where a moved row is shown again: its tree node, or its table row.
TREE_KINDS = {"goal": "goal", "section": "section", "economy_table": "table"}
ROW_FIELDS = {"indicator": "name", "activity": "text"}


def route(wb: Workbench, action: str, target: Shaped | None) -> None:
    handlers: dict[str, Callable[[Workbench, Shaped], None]] = {
        "move_up": lambda wb, t: move(wb, t, -1),
        "move_down": lambda wb, t: move(wb, t, 1),
        "move_under": move_under,
        "edit_heading": edit_heading,
        "add_section": add_section,
        "edit_report": edit_report,
        "add_table": economy.add_table,
        **economy.HANDLERS,
    }
    if target is None:
        known = action in ("move_up", "move_down", "move_under", "edit_heading")
        wb.notify(
            verb(action).missing if known else "Ställ markören i tabellen först.",
            severity="warning",
        )
        return
    if not wb.writable():
        return
    handlers[action](wb, target)


def apply(wb: Workbench, write: Callable[..., object], failed: str) -> bool:
    """One compound write as one undo step; a refusal said in a notice."""
    try:
        wb.editor.apply(write)  # type: ignore[arg-type]
    except Refused as exc:
        wb.notify(exc.message, title=failed, severity="error")
        return False
    return True


def move(wb: Workbench, target: Shaped, step: int) -> None:
    ok = apply(wb, lambda s: s.move(target.entity, target.entity_id, step), "Flyttades inte")
    if not ok:
        return
    show_again(wb, target)


def show_again(wb: Workbench, target: Shaped) -> None:
    """The moved row under the cursor again, where it went."""
    if target.entity in TREE_KINDS:
        wb.go_to(Ref(TREE_KINDS[target.entity], target.entity_id), focus_tree=True)
    elif target.entity in ROW_FIELDS:
        wb.focus_row(target.entity, target.entity_id, ROW_FIELDS[target.entity])
    elif target.entity == "economy_row" and target.table_id is not None:
        economy.focus_grid(wb, target.table_id, target.entity_id, target.column)


def move_under(wb: Workbench, target: Shaped) -> None:
    if target.entity != "goal":
        wb.notify(verb("move_under").missing, severity="warning")
        return
    store = wb.editor.store
    goal = store.goal(target.entity_id)
    if goal.level == Level.INRIKTNINGSMAL:
        wb.notify("Ett inriktningsmål ligger alltid överst.", severity="warning")
        return
    # A nämndmål may go under an områdesmål or an inriktningsmål: the områdesmål indented
    # under theirs, as in the tree.
    choices = [
        (g.id or 0, "  " * (g.level - 1) + goal_label(g))
        for g in store.parent_choices(target.entity_id)
    ]
    if not choices:
        above = "områdesmål eller inriktningsmål"
        if goal.level == Level.OMRADESMAL:
            above = LEVEL_NOUNS[Level.INRIKTNINGSMAL]
        wb.notify(f"Det finns inget annat {above} att flytta till.", severity="warning")
        return
    from tui.dialogs.parent_picker import ParentPicker

    def picked(parent_id: int | None) -> None:
        if parent_id is None:
            return
        write = lambda s: s.reparent_goal(target.entity_id, parent_id)  # noqa: E731
        if apply(wb, write, "Flyttades inte"):
            wb.go_to(Ref("goal", target.entity_id), focus_tree=True)
            wb.notify(f"Flyttade {goal_label(goal)!r} (ctrl+z ångrar).")

    title = f"Flytta {goal_label(goal)} till"
    wb.app.push_screen(ParentPicker(title, choices), picked)


def edit_heading(wb: Workbench, target: Shaped) -> None:
    from tui.dialogs.heading import HeadingDialog

    store = wb.editor.store
    if target.entity == "goal":
        goal = store.goal(target.entity_id)
        fields = [("title", "Mål", goal.title)]
        if goal.level != Level.NAMNDMAL:
            fields.insert(0, ("code", "Nummer", goal.code or ""))

        def commit(values: dict[str, str]) -> tuple[str, str] | None:
            code = values.get("code")
            write = lambda s: s.set_goal_heading(goal.id, code, values["title"])  # noqa: E731
            return _refused(wb, write, {"Nummer": "code"})

        title = f"{goal.level.label}: nummer och titel"
        if goal.level == Level.NAMNDMAL:
            title = "Nämndmålets titel"
    elif target.entity in FIELD_DIALOGS:
        title, labels = FIELD_DIALOGS[target.entity]
        model = store.get(target.entity, target.entity_id)
        fields = [(f, label, _shown(f, getattr(model, f))) for f, label in labels.items()]
        by_label = {label: f for f, label in labels.items()}

        def commit(values: dict[str, str]) -> tuple[str, str] | None:
            try:
                typed = {f: _typed(f, v) for f, v in values.items()}
            except ValueError as exc:
                return "direction", str(exc)

            def write(s):  # type: ignore[no-untyped-def]
                with s.batch():
                    changed = (s.update(target.entity, model.id, f, v) for f, v in typed.items())
                    return [c for c in changed if c is not None]

            return _refused(wb, write, by_label)
    else:
        wb.notify("Det här ändras i tabellen: e redigerar cellen.", severity="warning")
        return
    wb.app.push_screen(HeadingDialog(title, fields, commit))


# The rows `t` edits field by field: (the dialog's title, {field: label}).
FIELD_DIALOGS = {
    "section": ("Avsnittets rubrik", {"title": "Rubrik"}),
    "economy_table": (
        "Tabellens rubriker",
        {"title": "Tabellrubrik", "label_heading": "Radrubrik"},
    ),
    "indicator": (
        "Indikatorns namn, enhet och riktning",
        {"name": "Indikator", "unit": "Enhet", "direction": "Riktning (högre, lägre eller tomt)"},
    ),
}
DIRECTION_WORDS = {"higher": "högre", "lower": "lägre"}


def _shown(field: str, value: object) -> str:
    if field == "direction":
        return DIRECTION_WORDS.get(str(getattr(value, "value", value)), "")
    return "" if value is None else str(value)


def _typed(field: str, text: str) -> object:
    """A typed direction as stored: higher or lower is better, or none."""
    if field != "direction":
        return text
    word = text.strip().lower()
    for value, said in DIRECTION_WORDS.items():
        if word and said.startswith(word):
            return value
    if word:
        raise ValueError(
            f"{text!r} går inte: skriv högre (högre är bättre), lägre eller lämna tomt"
        )
    return None


def add_section(wb: Workbench, target: Shaped) -> None:
    """A new section after the one under the cursor, among its siblings (then K/J)."""
    from tui.dialogs.heading import HeadingDialog

    section = wb.editor.store.section(target.entity_id)
    added: list[int] = []

    def commit(values: dict[str, str]) -> tuple[str, str] | None:
        fields = {
            "title": values["title"],
            "report_id": wb.report_id,
            "parent_id": section.parent_id,
        }
        try:
            added.append(add_after(wb, "section", fields, section.id or 0))
        except Refused as exc:
            return "title", exc.reason
        return None

    def done(saved: bool | None) -> None:
        if added:
            wb.go_to(Ref("section", added[0]), focus_tree=True)

    title = f"Nytt avsnitt efter {section.title}"
    wb.app.push_screen(HeadingDialog(title, [("title", "Rubrik", "")], commit), done)


def edit_report(wb: Workbench, target: Shaped) -> None:
    """The report's organisation, kind, year and period text, in one step."""
    from tui.dialogs.heading import HeadingDialog

    r = wb.editor.store.report(wb.report_id)
    fields = [
        ("organisation", "Organisation", r.organisation),
        ("kind", "Slag (T1, T2 eller VB)", r.kind.value),
        ("year", "År", str(r.year)),
        ("period", "Period", r.period),
    ]
    by_label = {"Organisation": "organisation", "Rapport": "kind", "År": "year", "Period": "period"}

    def commit(v: dict[str, str]) -> tuple[str, str] | None:
        write = lambda s: s.set_report(  # noqa: E731
            wb.report_id, v["organisation"], v["kind"], v["year"], v["period"]
        )
        return _refused(wb, write, by_label)

    wb.app.push_screen(HeadingDialog("Rapportens uppgifter", fields, commit))


def _refused(
    wb: Workbench, write: Callable[..., object], fields: dict[str, str] | None = None
) -> tuple[str, str] | None:
    """None when saved; else (field, why) for the dialog to say under that field."""
    try:
        wb.editor.apply(write)  # type: ignore[arg-type]
    except Refused as exc:
        label = exc.message.split(":", 1)[0]
        return (fields or {}).get(label, "title"), exc.reason
    return None


def removal_question(wb: Workbench, goal_id: int, name: str) -> tuple[str, str]:
    """(the goal as a noun, the question): what goes with a goal when it is removed."""
    store = wb.editor.store
    goal = store.goal(goal_id)
    counts = store.goal_contents(goal_id)
    noun = LEVEL_NOUNS[goal.level] + "et"
    parts = [
        f"{n} {word}"
        for n, word in zip(counts, ("mål", "indikatorer", "aktiviteter"), strict=True)
        if n
    ]
    question = f"Ta bort {noun}\n{name!r}?"
    if parts:
        question += f"\nMed det tas också bort: {', '.join(parts)}."
    return noun, question
