"""The reference for first-frame time: the smallest Textual app that shows a marker."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Static


class Minimal(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("Tertialrapport (minimal)")
        yield Footer()


if __name__ == "__main__":
    Minimal().run()
