"""Quick scans: where in a text a count of goals could stand, so most texts are never read.

Each finds at least what claims() would (tests/test_check_counts.py checks it with
generated sentences): a text they pass over states no count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from store.check.claims import FILLER, NUMBER_WORDS, REACH

# The goal words without their first letter, in lower case and in capitals: str.find
# is fast, and the first letter may be a capital.
_STEMS = tuple(w[1:] for w in ("nämndmål", "inriktningsmål", "områdesmål")) + tuple(
    w[1:].upper() for w in ("nämndmål", "inriktningsmål", "områdesmål")
)
_AREA_STEMS = ("erksamhetsområde", "ERKSAMHETSOMRÅDE")
_AREA_HEAD = re.compile(r"mål(?:en)?[\W_]+för[\W_]+v$")
# A digit, or a number word standing as a word of its own (as claims.TOKEN reads words).
_NUMBER = re.compile(
    r"(?i)\d|(?<![^\W\d_])(?:en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv)(?![^\W\d_])"
)


def reachable(text: str) -> list[int]:
    """Where a goal word has a number within reach before it: most texts have none.

    Finds the goal words as claims() reads them (see claims._cased) with str.find, and looks
    for a number in the REACH characters before each, so it never drops a count.
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
    return sorted(a for a in starts if _NUMBER.search(text, max(0, a - REACH), a))


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
    + _alternatives({*FILLER, "av"})
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


def reachable_utf8(data: bytes) -> bool:
    """reachable() for a text still in UTF-8 (as load.py reads it): any hit at all?

    Reads wider windows (a character is at most four bytes) and reads what may stand
    before a goal word more loosely than claims() does, so it finds at least what
    claims() would; only then is the text decoded.
    """
    reach = 4 * (REACH + 1)
    return any(
        _CHAIN_UTF8.search(data, max(0, start - reach), start)
        for start, _ in _goal_words_utf8(data)
    )
