"""The workbench's verbs in one table: key, action, Swedish label, palette help, and who has it.

From this table come every widget's and the screen's bindings (`bindings`), the command
palette (`palette`), the order of the footer and the help dialog (`ranked`), and the
help's words (`help_rows`). A new verb is one row here and an `action_<name>` on each
widget named in its `on` (usually posting a message the screen routes).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from textual.binding import ActiveBinding, Binding


class Verb(NamedTuple):
    action: str  # the widget's action_<action>
    keys: str  # as in a Binding: "n,insert"
    label: str  # the footer's and the help's word
    on: tuple[str, ...]  # who binds it: screen, tree, table, grid, text, pane (VERB_SCOPE)
    palette: str = ""  # the palette's help line; empty: not in the palette
    show: bool = True  # in the footer
    missing: str = ""  # said when nothing under the cursor takes it

    def binding(self, scope: str) -> Binding:
        return Binding(
            self.keys, self.action, self.label, show=self.show, id=f"{scope}.{self.action}"
        )


# In the order the footer shows them; the same action on several widgets is one row.
VERBS: tuple[Verb, ...] = (
    Verb("open", "enter", "Öppna", ("tree",)),
    Verb("cursor_down", "j", "Ned", ("tree", "table"), show=False),
    Verb("cursor_up", "k", "Upp", ("tree", "table"), show=False),
    Verb("collapse", "left,h", "Fäll ihop", ("tree",), show=False),
    Verb("expand", "right,l", "Fäll ut", ("tree",), show=False),
    Verb("cursor_left", "h", "Vänster", ("table",), show=False),
    Verb("cursor_right", "l", "Höger", ("table",), show=False),
    Verb("edit", "e,enter", "Redigera cell", ("table",)),
    # -- workbench-place: a row's fields one under the other --
    Verb(
        "row_view",
        "o",
        "Radvy",
        ("table",),
        palette="Alla fält för indikatorn eller aktiviteten under varandra (o)",
        missing="Ställ markören på en indikator eller aktivitet i tabellen först.",
    ),
    Verb("toggle_flag", "space", "Avvikelse av/på", ("table",)),
    Verb(
        "row_analys",
        "A",
        "Analys för raden",
        ("table",),
        palette="Redigera Analys för indikatorn eller aktiviteten (A)",
        missing="Ställ markören på en indikator eller aktivitet i tabellen först.",
    ),
    Verb("edit", "e,enter", "Redigera text", ("text",)),
    Verb("assess", "a", "Bedömning", ("screen",), palette="Sätt bedömning på valt mål (a)"),
    Verb("edit", "e", "Redigera", ("screen",), palette="Redigera texten eller cellen (e)"),
    # -- workbench-place: room for the pane on a small terminal --
    Verb(
        "tree_width",
        "w",
        "Trädbredd",
        ("screen",),
        palette="Trädet brett, dolt eller i normal bredd (w)",
    ),
    Verb(
        "add",
        "n,insert",
        "Lägg till",
        ("tree", "table", "pane"),
        palette="Lägg till indikator, aktivitet eller nämndmål (n)",
        missing="Välj ett områdesmål eller nämndmål: där läggs indikatorer, aktiviteter och "
        "nämndmål till.",
    ),
    Verb(
        "remove",
        "delete",
        "Ta bort",
        ("tree", "table", "pane"),
        palette="Ta bort indikator, aktivitet eller nämndmål (delete)",
        missing="Ställ markören på en indikator, en aktivitet eller ett nämndmål för att ta bort.",
    ),
    Verb(
        "find",
        "slash",
        "Sök",
        ("screen",),
        palette="Sök i mål, indikatorer, aktiviteter och texter (/)",
    ),
    Verb(
        "export",
        "x",
        "Exportera",
        ("tree", "table", "grid", "pane"),
        palette="Exportera mål, tabell eller hela rapporten till Word, Excel, Markdown eller CSV (x)",
        missing="Välj ett mål eller ställ markören i en tabell.",
    ),
    Verb("reports", "r", "Rapporter", ("screen",), palette="Byt rapport i filen (r)"),
    Verb("undo", "ctrl+z", "Ångra", ("screen",), palette="Ångra senaste ändringen (ctrl+z)"),
    Verb("redo", "ctrl+y", "Gör om", ("screen",), palette="Gör om det som ångrades (ctrl+y)"),
    Verb("help", "question_mark", "Hjälp", ("screen",), palette="Visa tangenterna här (?)"),
    Verb("quit", "q", "Avsluta", ("screen",), palette="Avsluta tertial (q)"),
    Verb(
        "field_history",
        "H",
        "Historik",
        ("tree", "table", "text", "pane"),
        palette="Fältets tidigare värden; välj ett att sätta igen (H)",
        missing="Ställ markören på en text, en cell i tabellen eller ett mål i trädet "
        "(dess bedömning).",
    ),
    Verb(
        "restore_deleted",
        "U",
        "Återställ borttaget",
        ("screen",),
        palette="Ta tillbaka borttagna mål, indikatorer, aktiviteter, avsnitt, tabeller och "
        "tabellrader (U)",
    ),
    Verb("next_unassessed", "b", "Nästa utan bedömning", ("screen",)),
    # -- new report & review (issue 12) --
    Verb(
        "review",
        "g",
        "Granskad",
        ("tree", "table", "text"),
        palette="Markera det förda vidare under markören som granskat (g)",
        missing="Ställ markören på en text, ett mål i trädet eller en rad i tabellen.",
    ),
    Verb(
        "previous_text",
        "p",
        "Förra texten",
        ("tree", "table", "text"),
        palette="Visa texten i rapporten den fördes vidare från (p)",
        missing="Ställ markören på en text, ett mål i trädet eller en rad i tabellen.",
    ),
    # -- check view (issue 13) --
    Verb(
        "check",
        "c",
        "Granska",
        ("screen",),
        palette="Granska rapporten: alla fynd per mål, enter går dit (c)",
    ),
    Verb(
        "next_finding",
        "F",
        "Nästa fynd",
        ("screen",),
        palette="Nästa fynd från markören, i rapportens ordning (F)",
        show=False,
    ),
    Verb("close_check", "escape", "Stäng granskningen", ("check",)),
    Verb("cursor_down", "j", "Ned", ("check",), show=False),
    Verb("cursor_up", "k", "Upp", ("check",), show=False),
    # -- structure: shaping a report (issue 12 §4) --
    Verb(
        "edit_heading",
        "t",
        "Nummer, titel, rubrik",
        ("tree", "table"),
        palette="Ändra ett måls nummer och titel, en rubrik, en indikators namn, enhet och "
        "riktning (t)",
        missing="Ställ markören på ett mål, ett avsnitt, en tabell eller en indikator.",
    ),
    Verb(
        "move_up",
        "K",
        "Flytta upp",
        ("tree", "table", "grid"),
        palette="Flytta upp bland sina syskon: mål, avsnitt, indikator, aktivitet, rad (K)",
        missing="Ställ markören på det som ska flyttas.",
    ),
    Verb(
        "move_down",
        "J",
        "Flytta ned",
        ("tree", "table", "grid"),
        palette="Flytta ned bland sina syskon: mål, avsnitt, indikator, aktivitet, rad (J)",
        missing="Ställ markören på det som ska flyttas.",
    ),
    Verb(
        "move_under",
        "M",
        "Flytta till annat mål",
        ("tree",),
        palette="Flytta målet (med allt under det) till ett annat överordnat mål (M)",
        missing="Ställ markören på ett områdesmål eller nämndmål i trädet.",
    ),
    Verb(
        "edit_report",
        "R",
        "Rapportens uppgifter",
        ("tree", "table"),
        palette="Ändra rapportens organisation, slag (T1, T2, VB), år och period (R)",
        show=False,
        missing="Gå till trädet först (tab), och välj sedan i paletten igen.",
    ),
    # In an economy grid R renames the column: there the report's fields are palette-only.
    Verb("edit_report", "", "Rapportens uppgifter", ("grid",), show=False),
    Verb("edit_grid_cell", "e,enter", "Redigera cell", ("grid",)),
    Verb("add_economy_row", "n,insert", "Ny rad", ("grid",)),
    Verb("remove_economy_row", "delete", "Ta bort rad", ("grid",)),
    Verb("toggle_total", "space", "Summarad av/på", ("grid",)),
    Verb("add_column", "N", "Ny kolumn", ("grid",)),
    Verb("rename_column", "R", "Byt kolumnrubrik", ("grid",)),
    Verb("remove_column", "D", "Ta bort kolumn", ("grid",)),
)

_RANK = {f"{scope}.{v.action}": i for i, v in enumerate(VERBS) for scope in v.on}
_BY_ACTION = {v.action: v for v in reversed(VERBS)}  # the first row of an action

# Swedish words for Textual's own bindings, shown in help.
TEXTUAL_WORDS = {
    "cursor_up": "Upp",
    "cursor_down": "Ned",
    "cursor_left": "Vänster",
    "cursor_right": "Höger",
    "page_up": "Sida upp",
    "page_down": "Sida ned",
    "page_left": "Sida vänster",
    "scroll_up": "Rulla upp",
    "scroll_down": "Rulla ned",
    "scroll_left": "Rulla vänster",
    "scroll_right": "Rulla höger",
    "page_right": "Sida höger",
    "scroll_home": "Till början",
    "scroll_end": "Till slutet",
    "scroll_top": "Överst",
    "scroll_bottom": "Nederst",
    "select_cursor": "Välj",
    "toggle_node": "Fäll ut/ihop",
    "toggle_expand_all": "Fäll ut/ihop allt",
    "cursor_parent": "Till överordnat",
    "cursor_parent_next_sibling": "Till nästa överordnade",
    "cursor_previous_sibling": "Föregående på samma nivå",
    "cursor_next_sibling": "Nästa på samma nivå",
    "app.focus_next": "Nästa ruta",
    "app.focus_previous": "Föregående ruta",
    "screen.copy_text": "Kopiera markerad text",
    "quit": "Avsluta",
    "command_palette": "Kommandon (alla åtgärder, gå till mål)",
}


def bindings(scope: str) -> list[Binding]:
    """The bindings of one widget (or the screen): every verb whose `on` names it."""
    return [v.binding(scope) for v in VERBS if scope in v.on and v.keys]  # no keys: palette only


def handles(scope: str, action: str) -> bool:
    return f"{scope}.{action}" in _RANK


def verb(action: str) -> Verb:
    return _BY_ACTION[action]


def palette() -> list[Verb]:
    """The palette's verbs, one per action."""
    return [v for v in VERBS if v.palette]


def ranked(active: Mapping[str, ActiveBinding]) -> dict[str, ActiveBinding]:
    """Active bindings in the table's order (the footer's and help's order): a widget's
    own keys first, then the verbs, wherever in the focus chain each is bound."""
    order = {key: _RANK.get(b.binding.id or "", -1) for key, b in active.items()}
    return {key: active[key] for key in sorted(active, key=order.__getitem__)}


def help_rows(active: Mapping[str, ActiveBinding], key_name: object) -> list[tuple[str, str]]:
    """(keys, words) for every key that works here, each action once per widget."""
    by_action: dict[tuple[int, str], tuple[list[str], str]] = {}
    for key, bound in active.items():
        b = bound.binding
        words = TEXTUAL_WORDS.get(b.action) or b.description
        if not words:
            continue
        slot = by_action.setdefault((id(bound.node), b.action), ([], words))
        slot[0].append(key_name(key))  # type: ignore[operator]
    # The report's verbs first (a Bedömning, e Redigera, n Lägg till …), then the
    # widgets' own moves (home, pageup …) that every Textual list has.
    ordered = sorted(by_action.items(), key=lambda item: item[0][1] in TEXTUAL_WORDS)
    rows = [(" ".join(keys), words) for _, (keys, words) in ordered]
    rows.append(("ctrl+q", "Avsluta"))
    return list(dict.fromkeys(rows))
