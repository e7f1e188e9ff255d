"""The command palette's jump-to-goal provider: every goal by number and title."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from tui.labels import LEVEL_SHORT, MARKS, goal_label


class GoalCommands(Provider):
    """'Gå till mål': type a number or words of a title."""

    def _goals(self) -> list[tuple[str, str, int]]:
        from tui.screens.main import MainScreen

        screen = self.screen
        if not isinstance(screen, MainScreen):
            return []
        out = []
        for goal in screen.tree.goals.values():
            symbol, letter, _ = MARKS[goal.assessment]
            text = f"Gå till mål: {goal_label(goal)}"
            out.append((text, f"{LEVEL_SHORT[goal.level]} · {symbol} {letter}", goal.id or 0))
        return out

    async def discover(self) -> Hits:
        from tui.screens.main import MainScreen

        screen = self.screen
        for text, help_text, goal_id in self._goals():
            assert isinstance(screen, MainScreen)
            yield DiscoveryHit(Text(text), partial(screen.jump_to_goal, goal_id), help=help_text)

    async def search(self, query: str) -> Hits:
        from tui.screens.main import MainScreen

        screen = self.screen
        matcher = self.matcher(query)
        for text, help_text, goal_id in self._goals():
            score = matcher.match(text)
            if score > 0:
                assert isinstance(screen, MainScreen)
                yield Hit(
                    score,
                    highlight(matcher, text),
                    partial(screen.jump_to_goal, goal_id),
                    help=help_text,
                )


def highlight(matcher: Matcher, text: str) -> Content:
    """The matched letters highlighted, the text itself never read as markup.

    (Matcher.highlight reads the candidate as markup: a title with "[b]" would change.)
    """
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if not score:
        return content
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
