"""sammanfattning-mot-mal: what a sentence claims about the goal tree, and the quick scan
that decides which texts are read at all (it must never skip a claim)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from store.check.claims import claims
from store.check.scan import reachable, reachable_utf8


def said(sentence: str) -> list[tuple[str, int, int | None, int | None, str | None]]:
    return [(c.phrase, c.level, c.total, c.count, c.assessment) for c in claims(sentence)]


def test_the_samples_sentences() -> None:
    assert said(
        "Servicenämnden har fem nämndmål som alla medverkar till att uppfylla "
        "kommunfullmäktiges inriktningsmål om ett Stockholm som håller samman."
    ) == [("fem nämndmål", 3, 5, None, None)]
    assert said(
        "Förvaltningen bedömer att tre av de tillhörande nämndmålen, samt målen för "
        "verksamhetsområdet kommer att uppfyllas helt under året."
    ) == [("tre av de tillhörande nämndmålen", 3, None, 3, "helt")]
    assert said("Servicenämnden har 11 nämndmål som alla helt eller delvis bidrar.") == [
        ("11 nämndmål", 3, 11, None, None)
    ]
    assert said("Nämnden bidrar till att uppfylla kommunfullmäktiges tre inriktningsmål.") == [
        ("tre inriktningsmål", 1, 3, None, None)
    ]


def test_number_words_one_to_twelve_and_digits() -> None:
    words = [
        "en",
        "ett",
        "två",
        "tre",
        "fyra",
        "fem",
        "sex",
        "sju",
        "åtta",
        "nio",
        "tio",
        "elva",
        "tolv",
    ]
    values = [1, 1, *range(2, 13)]
    for word, n in zip(words, values, strict=True):
        assert said(f"Nämnden har {word} nämndmål.")[0][2] == n
    assert said("Nämnden har 14 nämndmål.")[0][2] == 14


def test_capitals_as_words_are_written() -> None:
    assert said("Fem nämndmål uppfylls delvis.") == [("Fem nämndmål", 3, None, 5, "delvis")]
    assert said("NÄMNDEN HAR FEM NÄMNDMÅL.")[0][2] == 5
    assert said("Nämnden har fem NämndMål.") == []  # not how a word is written


def test_partitions_and_what_is_no_claim() -> None:
    assert said("Fyra av fem nämndmål bedöms uppfyllas helt.") == [
        ("Fyra av fem nämndmål", 3, 5, 4, "helt")
    ]
    assert said("Två mål för verksamhetsområdet uppfylls inte.") == [
        ("Två mål för verksamhetsområdet", 2, None, 2, "ej")
    ]
    # No assessment and no word saying "all of them": not a count of the tree.
    assert said("Arbetet med fem nämndmål fortsätter.") == []
    # "helt eller delvis" states no one assessment.
    assert said("Tre nämndmål uppfylls helt eller delvis.") == []
    # Counts of other things.
    assert said("Två av elva stadsdelsförvaltningar använder Kontaktcenter.") == []
    assert said("Förvaltningen bidrar till mål 4 och 6 i programmet.") == []


# Sentences built from the words that matter, in every case, with other words and
# separators between: whatever claims() finds, the quick scans must find too.
_WORDS = st.sampled_from(
    [
        "en",
        "ett",
        "två",
        "tre",
        "fem",
        "tolv",
        "11",
        "2023",
        "av",
        "de",
        "tillhörande",
        "Tillhörande",
        "övriga",
        "våra",
        "KF:s",
        "nämndens",
        "har",
        "alla",
        "som",
        "samtliga",
        "nämndmål",
        "nämndmålen",
        "inriktningsmål",
        "områdesmål",
        "mål",
        "målen",
        "för",
        "verksamhetsområdet",
        "uppfylls",
        "uppfyllas",
        "helt",
        "delvis",
        "inte",
        "ej",
        "nås",
        "och",
        "staden",
        "arbetet",
        ",",
        ";",
    ]
)
_CASE = st.sampled_from([str.lower, str.upper, str.capitalize, lambda w: w])
_GAP = st.sampled_from([" ", "  ", "\n", " – ", "”", "(", ") ", "\u00a0", "_"])


_PART = st.tuples(_WORDS, _CASE, _GAP)
# Shaped like a claim (a count, a few words, a goal word) inside other words.
_SHAPED = st.tuples(
    st.lists(_PART, max_size=4),
    st.tuples(st.sampled_from(["fem", "tre", "11", "två", "ett"]), _CASE, _GAP),
    st.lists(
        st.tuples(
            st.sampled_from(["av", "de", "tillhörande", "fem", "övriga", "nämndens", "KF:s", "11"]),
            _CASE,
            _GAP,
        ),
        max_size=4,
    ),
    st.tuples(
        st.sampled_from(["nämndmål", "nämndmålen", "inriktningsmål", "områdesmål"]), _CASE, _GAP
    ),
    st.lists(_PART, max_size=6),
).map(lambda t: [*t[0], t[1], *t[2], t[3], *t[4]])


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.lists(_PART, min_size=1, max_size=14), _SHAPED))
def test_the_quick_scans_never_skip_a_claim(parts: list) -> None:  # noqa: ANN001
    sentence = "".join(case(word) + gap for word, case, gap in parts)
    if claims(sentence):
        assert reachable(sentence)
        assert reachable_utf8(sentence.encode())
