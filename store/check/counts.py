"""`sammanfattning-mot-mal`: counts of goals a text states, against the goal tree.

Reports restate the tree in prose: "Servicenämnden har fem nämndmål som alla …",
"tre av de tillhörande nämndmålen … kommer att uppfyllas helt", "kommunfullmäktiges
tre inriktningsmål". A count is a digit or a number word (en/ett … tolv) right before
a goal word (nämndmål, inriktningsmål, områdesmål, mål för verksamhetsområdet), with
at most a few words such as "de tillhörande" between. What it claims:

- "N av [M] <goals> … uppfyll… helt|delvis|ej": N of them have that assessment (and
  there are M of them);
- "<N> <goals> som alla|samtliga …", or after "har", "kommunfullmäktiges", "KF:s",
  "alla", "samtliga", "totalt": there are N of them;
- "<N> <goals> … uppfyll… helt|delvis|ej" (no "av"): N of them have that assessment.

Anything else ("helt eller delvis", a count with no assessment and no such word) is
no claim, so the rule stays quiet where it cannot be sure. "Of them" means: in a
goal's Analys, the goals under that goal; in a section whose title is an
inriktningsmål's (the summary's sub-headings), or a paragraph naming one, the goals
under it; elsewhere the whole report. Inriktningsmål are always counted in the whole
report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from store.check.claims import Claim, claims
from store.check.plain import PGoal, PReport, walk
from store.check.scan import reachable, reachable_utf8
from store.terms import Assessment

PLURAL = {1: "inriktningsmål", 2: "mål för verksamhetsområdet", 3: "nämndmål"}

_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_PARAGRAPH = re.compile(r"\n\s*\n")
_TITLE_WORDS = 5  # an inriktningsmål is named by the first words of its title


@dataclass(frozen=True)
class CountError:
    phrase: str  # what the text says, as written
    message: str  # Swedish: what the tree has instead


@lru_cache(maxsize=4096)  # titles: the same few in every report of an archive
def _norm(text: str) -> str:
    return " ".join(text.casefold().split()).rstrip(".")


def _spans(text: str, separator: re.Pattern[str], start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of text[start:end] between separators, as (start, end)."""
    out, at = [], start
    for m in separator.finditer(text, start, end):
        out.append((at, m.start()))
        at = m.end()
    out.append((at, end))
    return out


class Tree:
    """One report's goal tree as counts are checked against it, each count made once."""

    def __init__(self, report: PReport) -> None:
        self.report = report
        self._counts: dict[tuple[int, int], tuple[int, dict[str | None, int]] | None] = {}

    def counts(self, context: PGoal | None, level: int) -> tuple[int, dict[str | None, int]] | None:
        """(how many goals of `level` are under `context`, how many of them by assessment)."""
        key = (id(context), level)
        if key not in self._counts:
            if level == 1:
                goals: list[PGoal] | None = list(self.report.goals)
            elif context is None:
                goals = [g for g, _ in walk(self.report.goals) if g.level == level]
            elif context.level >= level:
                goals = None
            else:
                goals = [g for g, _ in walk(context.children) if g.level == level]
            by: dict[str | None, int] = {}
            for g in goals or ():
                by[g.assessment] = by.get(g.assessment, 0) + 1
            self._counts[key] = None if goals is None else (len(goals), by)
        return self._counts[key]

    def section_context(self, title: str) -> PGoal | None:
        """The inriktningsmål a section is about, when its title is that goal's title."""
        if not self.report.goals:
            return None
        t = _norm(title)
        return next((g for g in self.report.goals if _norm(g.title) == t), None)

    def paragraph_context(self, paragraph: str) -> PGoal | None:
        text = " ".join(paragraph.casefold().split())
        named = [
            g for g in self.report.goals if " ".join(_norm(g.title).split()[:_TITLE_WORDS]) in text
        ]
        return named[0] if len(named) == 1 else None

    def check_text(
        self, text: str | bytes, context: PGoal | None, *, by_paragraph: bool = False
    ) -> list[CountError]:
        """The counts of goals in `text` that the goal tree contradicts.

        `context`: the goal the text is about (a goal's own Analys), or None for the
        report; with `by_paragraph`, a paragraph naming an inriktningsmål is about it.
        A text may come as UTF-8 bytes (load.py): most are never decoded.
        """
        if not text:
            return []
        if isinstance(text, bytes):
            if not reachable_utf8(text):
                return []
            text = text.decode("utf-8", "replace")
        hits = reachable(text) if text else []
        if not hits:
            return []

        def near(start: int, end: int) -> bool:
            return any(start <= h < end for h in hits)

        out: list[CountError] = []
        for p_start, p_end in _spans(text, _PARAGRAPH, 0, len(text)):
            if not near(p_start, p_end):
                continue
            found = [
                claim
                for s_start, s_end in _spans(text, _SENTENCE, p_start, p_end)
                if near(s_start, s_end)
                for claim in claims(text[s_start:s_end])
            ]
            if not found:
                continue
            where = context
            if by_paragraph and where is None:
                where = self.paragraph_context(text[p_start:p_end])
            for claim in found:
                out += self.compare(where, claim)
        return out

    def compare(self, context: PGoal | None, claim: Claim) -> list[CountError]:
        counted = self.counts(context, claim.level)
        if counted is None:
            return []
        total, by = counted
        noun = PLURAL[claim.level]
        under = "i rapporten" if claim.level == 1 or context is None else f"under {context.label}"
        phrase = " ".join(claim.phrase.split())
        out = []
        if claim.total is not None and claim.total != total:
            out.append(
                CountError(phrase, f"texten säger ”{phrase}”, men {under} finns {total} {noun}")
            )
        if claim.count is not None and claim.assessment is not None:
            n = by.get(claim.assessment, 0)
            if n != claim.count:
                label = Assessment(claim.assessment).label
                out.append(
                    CountError(
                        phrase,
                        f"texten säger ”{phrase}” ({label}), men {n} av {total} {noun} "
                        f"{under} har bedömningen {label}",
                    )
                )
        return out
