"""What a sentence says about the goal tree: counts of goals, for sammanfattning-mot-mal.

A count is a digit or a number word (en/ett … tolv) right before a goal word
(nämndmål, inriktningsmål, områdesmål, mål för verksamhetsområdet), with at most a
few words such as "de tillhörande" between. See store/check/counts.py for what each
claims and how it is checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

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

# Words that may stand between a count and its goal word ("tre av de tillhörande nämndmålen").
FILLER = {
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
TOKEN = re.compile(r"[^\W\d_]+(?::[^\W\d_]+)?|\d+|[,;]")
WINDOW = 8  # tokens from a count to its goal word, at most ("tre av de fem tillhörande …")
REACH = 60  # characters from a count to its goal word, at most


@dataclass(frozen=True)
class Claim:
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
def claims(sentence: str) -> tuple[Claim, ...]:
    """Every count of goals one sentence states."""
    spans = [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(sentence)]
    words = [s[0] for s in spans]
    toks = [w.lower() for w in words]
    out: list[Claim] = []
    for k in range(len(toks)):
        word = _goal_word(toks, words, k)
        if word is None:
            continue
        level, end = word
        i = k - 1
        while i >= 0 and toks[i] in FILLER:
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
            while j >= 0 and toks[j] in FILLER:
                j -= 1
            if j > 0 and toks[j] == "av" and _number(toks[j - 1]) is not None:
                count, total, start, partition = _number(toks[j - 1]), n, j - 1, True
            else:
                count = n
        else:
            continue
        if k - start > WINDOW or spans[k][1] - spans[start][1] > REACH:
            continue  # too far apart to be one phrase (and beyond what the scans read)
        rest = toks[end + 1 :]
        phrase = sentence[spans[start][1] : spans[end][2]]
        if partition:
            out.append(Claim(phrase, level, total, count, _assessment(rest)))
        elif rest[:2] in (["som", "alla"], ["som", "samtliga"]):
            out.append(Claim(phrase, level, count, None, None))
        elif (assessed := _assessment(rest)) is not None:
            out.append(Claim(phrase, level, None, count, assessed))
        elif start > 0 and toks[start - 1] in _TOTAL_BEFORE:
            out.append(Claim(phrase, level, count, None, None))
    return tuple(out)
