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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from store.check.plain import PGoal, PReport, walk

NUMBER_WORDS = {
    "en": 1,
    "ett": 1,
    "två": 2,
    "tre": 3,
    "fyra": 4,
    "fem": 5,
    "sex": 6,
    "sju": 7,
    "åtta": 8,
    "nio": 9,
    "tio": 10,
    "elva": 11,
    "tolv": 12,
}
LEVEL_WORDS = {
    "inriktningsmål": 1,
    "inriktningsmålen": 1,
    "områdesmål": 2,
    "områdesmålen": 2,
    "nämndmål": 3,
    "nämndmålen": 3,
}
PLURAL = {1: "inriktningsmål", 2: "mål för verksamhetsområdet", 3: "nämndmål"}
ASSESSMENT_LABELS = {"helt": "Uppfylls helt", "delvis": "Uppfylls delvis", "ej": "Uppfylls ej"}

# Words that may stand between a count and its goal word ("tre av de tillhörande nämndmålen").
_FILLER = {
    "de",
    "dessa",
    "våra",
    "nämndens",
    "kommunfullmäktiges",
    "kf:s",
    "tillhörande",
    "egna",
    "övriga",
    "olika",
}
# Before a count, these make it the number of all such goals ("har fem nämndmål").
_TOTAL_BEFORE = {"har", "kommunfullmäktiges", "kf:s", "alla", "samtliga", "totalt", "sammanlagt"}
_TOKEN = re.compile(r"[^\W\d_]+(?::[^\W\d_]+)?|\d+|[,;]")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_PARAGRAPH = re.compile(r"\n\s*\n")
# The goal words without their first letter, in lower case and in capitals: str.find
# is fast, and the first letter may be a capital.
_STEMS = tuple(w[1:] for w in ("nämndmål", "inriktningsmål", "områdesmål")) + tuple(
    w[1:].upper() for w in ("nämndmål", "inriktningsmål", "områdesmål")
)
_AREA_STEMS = ("erksamhetsområde", "ERKSAMHETSOMRÅDE")
_AREA_HEAD = re.compile(r"mål(?:en)?[\W_]+för[\W_]+v$")
_TITLE_WORDS = 5  # an inriktningsmål is named by the first words of its title
_WINDOW = 8  # tokens from a count to its goal word, at most ("tre av de fem tillhörande …")
_REACH = 60  # characters from a count to its goal word, at most
# A digit, or a number word standing as a word of its own (as _TOKEN reads words).
_NUMBER = re.compile(
    r"(?i)\d|(?<![^\W\d_])(?:en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv)(?![^\W\d_])"
)


@dataclass(frozen=True)
class CountError:
    phrase: str  # what the text says, as written
    message: str  # Swedish: what the tree has instead


@dataclass(frozen=True)
class _Claim:
    phrase: str
    level: int
    total: int | None
    count: int | None
    assessment: str | None


def _number(tok: str) -> int | None:
    if tok.isdigit():
        return int(tok)
    return NUMBER_WORDS.get(tok)


def _cased(word: str) -> bool:
    """Written as words are: in lower case, with a capital initial, or in capitals."""
    return word.islower() or word.isupper() or (word[:1].isupper() and word[1:].islower())


def _goal_word(toks: list[str], words: list[str], k: int) -> tuple[int, int] | None:
    """(level, index of its last token) when a goal word starts at token k.

    `toks` are the tokens in lower case, `words` as written (see _cased).
    """
    t = toks[k]
    if t in LEVEL_WORDS and _cased(words[k]):
        return LEVEL_WORDS[t], k
    if (
        t in ("mål", "målen")
        and k + 2 < len(toks)
        and toks[k + 1] == "för"
        and toks[k + 2].startswith("verksamhetsområde")
        and _cased(words[k + 2])
    ):
        return 2, k + 2
    return None


def _assessment(rest: list[str]) -> str | None:
    """The one assessment the rest of a sentence states, if it states exactly one."""
    if not any(
        t.startswith(("uppfyll", "uppnå")) or t in ("nå", "nås", "når", "nått", "nåtts")
        for t in rest
    ):
        return None
    helt, delvis = "helt" in rest, "delvis" in rest
    negated = "inte" in rest or "ej" in rest
    if helt and delvis:
        return None  # "helt eller delvis"
    if delvis:
        return "delvis"
    if helt:
        return None if negated else "helt"
    return "ej" if negated else None


@lru_cache(maxsize=8192)  # sentences recur: carried forward, and in the summary and the Analys
def claims(sentence: str) -> tuple[_Claim, ...]:
    """Every count of goals one sentence states."""
    spans = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(sentence)]
    words = [s[0] for s in spans]
    toks = [w.lower() for w in words]
    out: list[_Claim] = []
    for k in range(len(toks)):
        word = _goal_word(toks, words, k)
        if word is None:
            continue
        level, end = word
        i = k - 1
        while i >= 0 and toks[i] in _FILLER:
            i -= 1
        if i < 0:
            continue
        total = count = None
        partition = False
        if toks[i] == "av" and i > 0 and _number(toks[i - 1]) is not None:
            count, start, partition = _number(toks[i - 1]), i - 1, True
        elif (n := _number(toks[i])) is not None:
            start = i
            j = i - 1
            while j >= 0 and toks[j] in _FILLER:
                j -= 1
            if j > 0 and toks[j] == "av" and _number(toks[j - 1]) is not None:
                count, total, start, partition = _number(toks[j - 1]), n, j - 1, True
            else:
                count = n
        else:
            continue
        if k - start > _WINDOW or spans[k][1] - spans[start][1] > _REACH:
            continue  # too far apart to be one phrase (and beyond what _reachable reads)
        rest = toks[end + 1 :]
        phrase = sentence[spans[start][1] : spans[end][2]]
        if partition:
            out.append(_Claim(phrase, level, total, count, _assessment(rest)))
        elif rest[:2] in (["som", "alla"], ["som", "samtliga"]):
            out.append(_Claim(phrase, level, count, None, None))
        elif (assessed := _assessment(rest)) is not None:
            out.append(_Claim(phrase, level, None, count, assessed))
        elif start > 0 and toks[start - 1] in _TOTAL_BEFORE:
            out.append(_Claim(phrase, level, count, None, None))
    return tuple(out)


@lru_cache(maxsize=4096)  # titles: the same few in every report of an archive
def _norm(text: str) -> str:
    return " ".join(text.casefold().split()).rstrip(".")


def _reachable(text: str) -> list[int]:
    """Where a goal word has a number within reach before it: most texts have none.

    Finds the goal words as claims() reads them (see _cased) with str.find, and looks
    for a number in the _REACH characters before each, so it never drops a count.
    """
    starts: list[int] = []
    for stem in _STEMS:
        at = text.find(stem)
        while at != -1:
            starts.append(max(0, at - 1))  # the word starts one letter before its stem
            at = text.find(stem, at + 1)
    for stem in _AREA_STEMS:
        at = text.find(stem)
        while at != -1:
            # "mål för verksamhetsområdet": the goal word starts at "mål"
            head = text[max(0, at - 40) : at].lower()
            if m := _AREA_HEAD.search(head):
                starts.append(at - len(head) + m.start())
            at = text.find(stem, at + 1)
    return sorted(a for a in starts if _NUMBER.search(text, max(0, a - _REACH), a))


def _utf8(word: str) -> bytes:
    """A word as a bytes pattern in any case: ASCII by (?i), å ä ö both ways."""
    return b"".join(
        re.escape(c.encode())
        if c.isascii()
        else b"(?:%s|%s)" % (c.lower().encode(), c.upper().encode())
        for c in word
    )


def _alternatives(words: Iterable[str]) -> bytes:
    return b"|".join(_utf8(w) for w in sorted(words, key=len, reverse=True))


# What claims() accepts right before a goal word (a count, then only fillers, "av" and
# counts), in UTF-8 bytes and wider: anything that is not an ASCII letter, digit or
# , ; may separate words (a non-ASCII letter too). Searched up to a goal word, so a
# text is read only where claims() could find something.
_NUMBER_UTF8 = rb"\d+|(?<![a-z])(?:" + _alternatives(NUMBER_WORDS) + rb")"
_CHAIN_UTF8 = re.compile(
    rb"(?i)(?:"
    + _NUMBER_UTF8
    + rb")(?:[^a-z0-9,;]*(?:"
    + _NUMBER_UTF8
    + rb"|"
    + _alternatives({*_FILLER, "av"})
    + rb"))*[^a-z0-9,;]*$"
)
_AREA_HEAD_UTF8 = re.compile(
    rb"(?i)" + _utf8("mål") + rb"(?:en)?[^a-z0-9,;]+" + _utf8("för") + rb"[^a-z0-9,;]+v$"
)
# The goal words split at "mål" (or "område"), which each holds once: one pass finds
# every "mål", and the bytes before it tell a goal word (its stem, as _STEMS).
_CUTS_UTF8 = {
    core.encode(): tuple(stem[: stem.index(core)].encode() for stem in stems if core in stem)
    for core, stems in (
        ("mål", _STEMS),
        ("MÅL", _STEMS),
        ("område", _AREA_STEMS),
        ("OMRÅDE", _AREA_STEMS),
    )
}


def _goal_words_utf8(data: bytes) -> Iterator[tuple[int, bool]]:
    """(where a goal word starts, whether it is "mål för verksamhetsområdet"), in UTF-8."""
    for core, heads in _CUTS_UTF8.items():
        area = core[0] in b"oO"
        at = data.find(core)
        while at != -1:
            for head in heads:
                if data.endswith(head, 0, at):
                    start = at - len(head)
                    if area:  # the goal word is "mål för v…", before the stem's first letter
                        m = _AREA_HEAD_UTF8.search(data, max(0, start - 160), start)
                        if m:
                            yield m.start(), True
                    else:
                        yield max(0, start - 1), False  # the stem's first letter went before it
                    break
            at = data.find(core, at + 1)


def _reachable_utf8(data: bytes) -> bool:
    """_reachable for a text still in UTF-8 (as load.py reads it): any hit at all?

    Reads wider windows (a character is at most four bytes) and reads what may stand
    before a goal word more loosely than claims() does, so it finds at least what
    claims() would; only then is the text decoded.
    """
    reach = 4 * (_REACH + 1)
    return any(
        _CHAIN_UTF8.search(data, max(0, start - reach), start)
        for start, _ in _goal_words_utf8(data)
    )


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
            if not _reachable_utf8(text):
                return []
            text = text.decode("utf-8", "replace")
        hits = _reachable(text) if text else []
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

    def compare(self, context: PGoal | None, claim: _Claim) -> list[CountError]:
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
                label = ASSESSMENT_LABELS[claim.assessment]
                out.append(
                    CountError(
                        phrase,
                        f"texten säger ”{phrase}” ({label}), men {n} av {total} {noun} "
                        f"{under} har bedömningen {label}",
                    )
                )
        return out
