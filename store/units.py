"""The units a number may carry: one closed list of words, and how they combine.

A unit after a number is one or more of these words, separated by spaces or a slash:
``%``, ``st``, ``mnkr``, ``kg CO2 per kg livsmedel``, ``kr/invånare``, ``kWh/m²``; a
count may follow "per" or "av" (``per 1 000 invånare``, ``av 10``).
Nothing else is a unit, so a value such as ``-1 %+cmd|' /C calc'!A0`` is not a number
(and no spreadsheet formula can hide behind one). Words compare without regard to case.

The list holds the units the sample report prints (%, st, kg CO2 per kg livsmedel,
CO2e; mnkr in its economy tables), the units named in the report's guidance (kr, tkr,
mnkr, st, dagar, år, timmar, minuter) and the other units and counted things Swedish
municipal follow-up reports use. A report that needs another word: add it here.
"""

from __future__ import annotations

import re

# Grouped for reading; the order does not matter.
_WORDS = """
    %  ‰  procent  procentenhet  procentenheter  promille
    st  stycken  antal  gång  gånger  ggr
    kr  kronor  öre  tkr  mkr  mnkr  mdkr  tusen  miljoner  miljarder  euro  €
    s  sek  sekund  sekunder  min  minut  minuter  h  tim  timme  timmar
    dag  dagar  dygn  kalenderdagar  arbetsdagar  vardagar  vecka  veckor
    mån  månad  månader  år  kvartal  tertial
    g  kg  ton  co2  co2e  co2-ekv  koldioxidekvivalenter
    w  kw  mw  kwh  mwh  gwh  twh
    mm  cm  m  km  mil  m2  m²  kvm  kvadratmeter  m3  m³  kubikmeter  ha  hektar
    l  liter
    per  av
    invånare  inv  person  personer  pers  medborgare  kund  kunder  brukare
    elev  elever  barn  deltagare  besök  besökare  hushåll
    anställd  anställda  medarbetare  chef  chefer  årsarbetare  årsarbeten  tjänster
    ärende  ärenden  beslut  ansökan  ansökningar  anmälningar  avtal  upphandlingar
    plats  platser  lägenhet  lägenheter  bostad  bostäder  enhet  enheter
    skola  skolor  förskola  förskolor  fordon  bilar  resor
    portion  portioner  måltid  måltider  livsmedel
    tillfällen  fall
    poäng  index  nki  nmi  betyg  grader  °c
"""

UNIT_WORDS: frozenset[str] = frozenset(w.casefold() for w in _WORDS.split())
# A count may follow these ("per 1 000 invånare", "av 10"), in digits 0-9.
_BEFORE_COUNT = frozenset({"per", "av"})
_COUNT = re.compile(r"[0-9]+")

# Words are separated by white space (including no-break spaces) or a slash.
_SEPARATOR = re.compile(r"\s*/\s*|\s+")


def unit_words(unit: str) -> list[str]:
    """The words of a unit as written (empty words where a separator doubles)."""
    return _SEPARATOR.split(unit.strip())


def unknown_word(unit: str) -> str | None:
    """The first word of `unit` that is not a unit word, or None when all are."""
    previous = ""
    for word in unit_words(unit):
        w = word.casefold()
        count = _COUNT.fullmatch(w) and (previous in _BEFORE_COUNT or _COUNT.fullmatch(previous))
        if w not in UNIT_WORDS and not count:
            return word
        previous = w
    return None


def is_unit(unit: str) -> bool:
    return bool(unit.strip()) and unknown_word(unit) is None


# A few units to name in a refusal.
EXAMPLES = "%, st, kr, tkr, mnkr, dagar, timmar, kg CO2 per kg livsmedel"
