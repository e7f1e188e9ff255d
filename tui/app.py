"""TertialApp: wires the store to the main screen. Nothing else lives here."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

from rich.console import RenderableType
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import Provider
from textual.screen import Screen
from textual.widgets import Static

from store.store import Store
from tui.labels import printable
from tui.screens.main import STATE_REPORT, MainScreen
from tui.startup import release_gc, warm_validation

WARM_AFTER = 0.5  # seconds after the first frame (tui.startup.warm_validation)
NETWORK_NOTICE = (
    "Filen ligger på en nätverksenhet: tertial sparar med återställningsjournal (inte WAL) "
    "och låser filen medan den är öppen, så ingen annan kan ändra den samtidigt."
)


def goal_commands() -> type[Provider]:
    """The palette's goal list, imported when the palette first opens."""
    from tui.commands import GoalCommands

    return GoalCommands


class TertialApp(App[None]):
    TITLE = "tertial"
    CSS_PATH = [
        "app.tcss",
        "export.tcss",
        "carried.tcss",
        "check.tcss",
        "structure.tcss",
        "place.tcss",
    ]
    COMMANDS = App.COMMANDS | {goal_commands}
    COMMAND_PALETTE_BINDING = "ctrl+p"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Avsluta", show=False, priority=True),
        Binding("ctrl+p", "command_palette", "Kommandon", show=False, priority=True),
    ]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self._after_frame: list[tuple[Screen, Callable[[], object]]] = []

    def after_first_frame(self, screen: Screen, callback: Callable[[], object]) -> None:
        """`callback` once `screen`'s first frame has been written to the terminal.

        Not merely after the next refresh: Textual composes the first frames of a
        screen pushed while the app mounts inside a batch and writes none of them, and
        callbacks after a refresh ran before anything was on screen (issue 15, item 10).
        """
        self._after_frame.append((screen, callback))

    def _display(self, screen: Screen, renderable: RenderableType | None) -> None:
        super()._display(screen, renderable)
        if renderable is None or self._batch_count or not self._after_frame:
            return
        due = [callback for s, callback in self._after_frame if s is screen]
        if due:
            self._after_frame = [(s, c) for s, c in self._after_frame if s is not screen]
            for callback in due:
                screen.call_later(callback)

    def on_mount(self) -> None:
        # After the app's mount, which Textual runs inside a batch: a screen pushed
        # inside it is laid out and composed once for nothing, then again (17 ms).
        self.call_later(self._open)

    def _open(self) -> None:
        ids = self.store.report_ids()
        if not ids:
            self.push_screen(EmptyScreen(str(self.store.path)))
            return
        saved = self.store.state(STATE_REPORT)
        report_id = int(saved) if saved and saved.isdigit() and int(saved) in ids else ids[0]
        screen = MainScreen(self.store, report_id or 0)
        self.push_screen(screen)
        # Idle half a second after the first frame: the first write's validation, ready.
        warm = partial(warm_validation, self.call_later)
        self.after_first_frame(screen, partial(self.set_timer, WARM_AFTER, warm))
        if self.store.network and not self.store.read_only:
            self.notify(NETWORK_NOTICE, title="Nätverksenhet", severity="warning", timeout=10)

    def action_quit(self) -> None:  # type: ignore[override]
        # A text being typed is kept as a draft: the next start offers it back.
        for screen in self.screen_stack:
            write_draft = getattr(screen, "write_draft", None)
            if callable(write_draft):
                write_draft()
        if isinstance(self.screen, MainScreen):
            self.screen.remember()
        self.exit()

    def action_command_palette(self) -> None:
        from tui.palette import Palette

        if self.use_command_palette and not Palette.is_open(self):
            self.push_screen(Palette(id="--command-palette"))

    def search_themes(self) -> None:
        from textual.theme import ThemeProvider

        from tui.palette import THEME_PLACEHOLDER, Palette

        self.push_screen(Palette(providers=[ThemeProvider], placeholder=THEME_PLACEHOLDER))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        if isinstance(screen, MainScreen):  # its verbs, from the action table (tui.actions)
            for title, help_text, run in screen.palette_commands():
                yield SystemCommand(title, help_text, run)
        yield SystemCommand("Tema", "Byt färgtema", self.action_change_theme)


class EmptyScreen(Screen[None]):
    BINDINGS = [Binding("n", "new_report", "Ny rapport"), Binding("q", "app.quit", "Avsluta")]

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path

    def on_mount(self) -> None:
        # drawn: collection on again (tui.startup)
        self.app.after_first_frame(self, release_gc)  # type: ignore[attr-defined]

    def compose(self):  # noqa: ANN201
        yield Static(
            f"{printable(self.path)} innehåller inga rapporter.\n\n"
            "n skapar en ny rapport: tom, med kommunfullmäktiges mål eller mål från en fil.\n"
            "(Eller en fil med exempelrapporten: tertial init FIL --sample)\n\nq avslutar.",
            markup=False,
        )

    def action_new_report(self) -> None:
        from tui.verbs.new_report import ask

        store: Store = self.app.store  # type: ignore[attr-defined]

        def opened(report_id: int) -> None:
            self.app.switch_screen(MainScreen(store, report_id))

        ask(self.app, store, None, opened)
