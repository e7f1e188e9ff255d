"""The parts of the sample the seed text cannot decide by itself, typed by hand.

Indicator names and values (each ambiguous row read from the spacing and the Analys,
with the reading recorded in its note) and the economy tables, cell by cell as printed.
Used by extract_sample.py only.
"""

from __future__ import annotations

# --------------------------------------------------------------------------- indicators
# (find: first line of the name, stripped, startswith; name; values in column order
#  outcome, men, women, previous, forecast, target, kf_target, period; unit; direction;
#  has analys; reading note; to_check)

T2 = "Tertial 2 2023"
TAS = "Tas fram av nämnd/styrelse"
KG = "kg CO2 per kg livsmedel"
SP3 = "the 3-space gap after the outcome stands for the two empty gender columns"


def note(printed: str, reading: str) -> str:
    return f"printed {printed!r}: {reading}"


INDICATORS = [
    ("Andel medborgare", "Andel medborgare som är nöjda med service och tillgänglighet gällande barn- och skolfrågor ska vara hög och stabil.",
     ["87", "", "", "77", "", "85 %", "", "2023"], "%", "higher", False,
     note("87   77  85 %  2023", f"read as outcome 87, previous 77, target 85 %; {SP3}, each 2-space gap for one empty column (forecast, then KF:s årsmål)"), ""),
    ("som berör stadens", "I centralupphandlingar som berör stadens förskolor ställs krav i enlighet med kemikaliesmart förskola i Kemikalieplanen.",
     ["100", "", "", "100", "100", "100 %", "", T2], "%", "higher", False,
     note("100   100 100 100 %  Tertial 2 2023", f"read as outcome 100, previous 100, forecast 100, target 100 %; {SP3}; the 2-space gap before the period leaves KF:s årsmål empty"), ""),
    ("rekryterings tjänster", "Antal stadsdelsförvaltningar som anlitar serviceförvaltningen rekryterings tjänster för rekrytering av utbildad personal inom verksamhetsområde förskola ska öka",
     ["10", "", "", "", "", "11", "", "2023"], "", "higher", False,
     note("10     11  2023", "read as outcome 10, target 11; the 5-space gap stands for four empty columns (men, women, previous, forecast), the 2-space gap for an empty KF:s årsmål; a target above the outcome fits the name ('ska öka')"), ""),
    ("funktionshinder och", "Andel medborgare som är nöjda med service och tillgänglighet gällande funktionshinder och överförmyndarfrågor ska vara hög och stabil.",
     ["77", "", "", "81", "80", "85 %", "", "2023"], "%", "higher", True,
     note("77   81 80 85 %  2023", f"read as outcome 77, previous 81, forecast 80, target 85 %; {SP3}; the Analys says the target will not be reached, which fits a forecast of 80 against a target of 85"), ""),
    ("Kontaktcenter som", "Antal stadsdelsförvaltningar som uppger Kontaktcenter som sin första kontakt gällande information och vägledning om funktionshinderfrågor",
     ["2", "", "", "", "", "4", "", "2023"], "", "higher", True,
     note("2     4  2023", "read as outcome 2, target 4; the 5-space gap stands for four empty columns (men, women, previous, forecast); the goal Analys says two of eleven stadsdelsförvaltningar use Kontaktcenter, matching the outcome 2. The name is split by a page break"), ""),
    ("äldreomsorgsfrågor", "Andel medborgare som är nöjda med service och tillgänglighet gällande äldreomsorgsfrågor ska vara hög och stabil.",
     ["82", "", "", "85", "85", "85 %", "", "2023"], "%", "higher", True,
     note("82   85 85 85 %  2023", f"read as outcome 82, previous 85, forecast 85, target 85 %; {SP3}"), ""),
    ("r som uppger Äldre", "Antal stadsdelsförvaltningar som uppger Äldre Direkt som sin första kontakt gällande information och vägledning om äldreomsorgsfrågor.",
     ["9", "", "", "11", "", "11", "", "2023"], "", "higher", True,
     note("9   11  11  2023", f"read as outcome 9, previous 11, target 11; {SP3}, the 2-space gaps for an empty forecast and an empty KF:s årsmål; the Analys confirms the outcome (nio av elva)"), ""),
    ("Klimatpåverkan från", "Klimatpåverkan från upphandlade livsmedel och måltider",
     [f"1,8 {KG}", "", "", f"1,6 {KG}", "", f"1,6 {KG}", f"1,6 {KG}", "2023"], KG, "lower", True,
     note("1,8 kg CO2 per kg livsmedel / '  1,6 kg…' / ' 1,6 kg…' / '1,6 kg…' / 2023 (each value wrapped over several lines)",
          "read as outcome 1,8, previous 1,6, target 1,6, KF:s årsmål 1,6 (kg CO2 per kg livsmedel); the first 1,6 starts with two spaces (men and women empty), the second with one (forecast empty); the Analys names an årsmål of 1,6"),
     "De tre värdena 1,6 är placerade enbart efter inledande mellanslag i radbrutna celler: det första kan också vara Prognos helår (med föregående tomt)."),
    ("Minskning av CO2e", "Minskning av CO2e till 2023",
     ["", "", "", "", "", "4 000 CO2e", TAS, "2023"], "CO2e", "higher", True,
     note("     4 000 CO2e / Tas fram av nämnd/styrelse / 2023", "read as target 4 000 CO2e, KF:s årsmål 'Tas fram av nämnd/styrelse'; the five leading spaces stand for five empty columns (outcome to forecast); the Analys calls 4000 CO2e the 'beting' and says the outcome is produced at year end"), ""),
    ("fossil plast i enlighet", "I centralupphandlingar som innefattar produkter ställs krav på minskning av fossil plast i enlighet med stadens klimathandlingsplan.",
     ["100", "", "", "100", "100", "100 %", "", T2], "%", "higher", False,
     note("100   100 100 100 %  Tertial 2 2023", f"read as outcome 100, previous 100, forecast 100, target 100 %; {SP3}; KF:s årsmål empty (2-space gap before the period)"), ""),
    ("gifter i enlighet med", "I centralupphandlingar som innefattar produkter ställs krav på minskning av gifter i enlighet med stadens kemikalieplan.",
     ["100 %", "", "", "100 %", "", "100 %", "", "2023"], "%", "higher", False,
     note("100 %   100 %  100 %  2023", f"read as outcome 100 %, previous 100 %, target 100 %; {SP3}, the 2-space gaps for an empty forecast and an empty KF:s årsmål"), ""),
    ("I central-", "I central-upphandlingar som innefattar transporter ställs krav på miljöanpassning av transporter och fordon i enlighet med stadens miljöprogram.",
     ["100", "", "", "100", "", "100 %", "", "2023"], "%", "higher", False,
     note("100   100  100 %  2023", f"read as outcome 100, previous 100, target 100 %; {SP3}, the 2-space gaps for an empty forecast and KF:s årsmål. The name is split by a page break ('stadens miljöprogram.' follows the repeated header); 'central-' is printed with its hyphen"), ""),
    ("animalier med krav", "Andel inköpta animalier med krav på djurskydd och restriktiv antibiotikaanvändning i nivå med svensk lagstiftning",
     ["90", "", "", "79", "", "88", "88 %", "2023"], "%", "higher", False,
     note("90   79  88 88 % 2023", f"read as outcome 90, previous 79, target 88, KF:s årsmål 88 %; {SP3}, the 2-space gap for an empty forecast; single spaces after that"), ""),
    ("ekologiska måltider", "Andel inköpta ekologiska måltider och livsmedel i staden i kronor av totala värdet av inköpta måltider och livsmedel",
     ["47 %", "", "", "", "", "70 %", "70 %", "2023"], "%", "higher", True,
     note("47 %     70 % 70 % 2023", "read as outcome 47 %, target 70 %, KF:s årsmål 70 %; the 5-space gap stands for four empty columns (men, women, previous, forecast); the Analys confirms the outcome of 47 procent"), ""),
    ("resultatöverföringar", "Nämndens budgetföljsamhet efter resultatöverföringar",
     ["98,1 %", "", "", "101,1 %", "", "100 %", "100 %", T2], "%", None, False,
     note("98,1 %   101,1 % /  100 % 100 % Tertial 2 2023", f"read as outcome 98,1 %, previous 101,1 %, target 100 %, KF:s årsmål 100 %; {SP3}; the one leading space on the wrapped line stands for an empty forecast"), ""),
    ("budgetföljsamhet före", "Nämndens budgetföljsamhet före resultatöverföringar",
     ["99,8 %", "", "", "101,2 %", "", "100 %", "100 %", T2], "%", None, True,
     note("99,8 %   101,2 % /  100 % 100 % Tertial 2 2023", f"read as outcome 99,8 %, previous 101,2 %, target 100 %, KF:s årsmål 100 %; {SP3}; the one leading space on the wrapped line stands for an empty forecast"), ""),
    ("prognossäkerhet T2", "Nämndens prognossäkerhet T2",
     ["0 %", "", "", "2 %", "", "+/-1 %", "+/- 1 %", "2023"], "%", None, False,
     note("0 %   2 %  +/-1 % +/- 1 % 2023", f"read as outcome 0 %, previous 2 %, target +/-1 %, KF:s årsmål +/- 1 %; {SP3}, the 2-space gap for an empty forecast"), ""),
    ("chefsrekryteringar", "Andel chefsrekryteringar inom stadens förvaltningar som utförs av serviceförvaltningen rekrytering",
     ["43 %", "", "", "", "", "35 %", "", "2023"], "%", "higher", True,
     note("43 %     35 %  2023", "read as outcome 43 %, target 35 %; the 5-space gap stands for four empty columns (men, women, previous, forecast), the 2-space gap for an empty KF:s årsmål"), ""),
    ("Andel rekryteringar", "Andel rekryteringar inom stadens förvaltningar som utförs av serviceförvaltningen rekrytering.",
     ["11 %", "", "", "12 %", "11", "15 %", "", T2], "%", "higher", True,
     note("11 %   12 % 11 15 %  Tertial 2 2023", f"read as outcome 11 %, previous 12 %, forecast 11, target 15 %; {SP3}; the Analys says outcome and forecast are below the target, which fits 11 against 15"), ""),
    ("Antal moderbolag", "Antal moderbolag som köper tilläggstjänster av verksamhetsområde ekonomi",
     ["8", "", "", "10", "8", "8", "", T2], "", "higher", False,
     note("8   10 8 8  Tertial 2 2023", f"read as outcome 8, previous 10, forecast 8, target 8; {SP3}; KF:s årsmål empty (2-space gap before the period)"), ""),
    ("Antal moderbolag", "Antal moderbolag som köper tilläggstjänster av verksamhetsområde Kontaktcenter",
     ["5", "", "", "6", "5", "5", "", T2], "", "higher", False,
     note("5   6 5 5  Tertial 2 2023", f"read as outcome 5, previous 6, forecast 5, target 5; {SP3}; KF:s årsmål empty. The name is split by a page break ('verksamhetsområde Kontaktcenter' follows the repeated header)"), ""),
    ("Antal moderbolag", "Antal moderbolag som köper tilläggstjänster av verksamhetsområde lokalplanering",
     ["4", "", "", "4", "4", "4", "", T2], "", "higher", False,
     note("4   4 4 4  Tertial 2 2023", f"read as outcome 4, previous 4, forecast 4, target 4; {SP3}; KF:s årsmål empty"), ""),
    ("Antal moderbolag", "Antal moderbolag som köper tilläggstjänster av verksamhetsområde rekrytering",
     ["7", "", "", "7", "9", "9", "", T2], "", "higher", False,
     note("7   7 9 9  Tertial 2 2023", f"read as outcome 7, previous 7, forecast 9, target 9; {SP3}; KF:s årsmål empty"), ""),
    ("Enheten webb- och", "Enheten webb- och kommunikation har nöjda kunder",
     ["98", "", "", "", "98", "85", "", T2], "", "higher", False,
     note("98    98 85  Tertial 2 2023", "read as outcome 98, forecast 98, target 85; the 4-space gap (one wider than the 3-space gap of the rows around it) stands for three empty columns (men, women, previous); KF:s årsmål empty"), ""),
    ("lokalplanering har", "Verksamhetsområde lokalplanering har nöjda kunder.",
     ["98,9", "", "", "99,7", "", "91", "", T2], "", "higher", False,
     note("98,9   99,7  91  Tertial 2 2023", f"read as outcome 98,9, previous 99,7, target 91; {SP3}, the 2-space gaps for an empty forecast and an empty KF:s årsmål"), ""),
    ("rekrytering har nöjda", "Verksamhetsområde rekrytering har nöjda kunder",
     ["9,5", "", "", "99", "", "9,5", "", T2], "", "higher", False,
     note("9,5   99  9,5  Tertial 2 2023", f"read as outcome 9,5, previous 99, target 9,5; {SP3}, the 2-space gaps for an empty forecast and an empty KF:s årsmål"),
     "Föregående 99 står på en annan skala än utfallet och årsmålet 9,5 (procent mot en tiogradig skala?); återgivet som tryckt."),
    ("inköp har nöjda", "Verksamhetsområde upphandling och inköp har nöjda kunder gällande uppdragsupphandlingar.",
     ["100", "", "", "96", "100", "90", "", T2], "", "higher", False,
     note("100   96 100 90  Tertial 2 2023", f"read as outcome 100, previous 96, forecast 100, target 90; {SP3}; KF:s årsmål empty"), ""),
    ("Andel ärenden i", "Andel ärenden i ärendehanteringssystemet som inkommer via e-tjänster",
     ["", "", "", "22,38 %", "30 %", "30 %", "", T2], "%", "higher", False,
     note("   22,38 % / 30 % 30 %  Tertial 2 2023", "read as previous 22,38 %, forecast 30 %, target 30 %; the three leading spaces stand for an empty outcome and empty gender columns (the goal Analys says this nämndmål's indicators are reported in the verksamhetsberättelse); the 2-space gap before the period leaves KF:s årsmål empty"), ""),
    ("De som kontaktar", "De som kontaktar Kontaktcenter ska vara nöjda med kundservicen som helhet.",
     ["83", "", "", "81", "86", "86", "", T2], "", "higher", False,
     note("83   81 86 86  Tertial 2 2023", f"read as outcome 83, previous 81, forecast 86, target 86; {SP3}; KF:s årsmål empty"), ""),
    ("ekonomi har nöjda", "Verksamhetsområde ekonomi har nöjda kunder",
     ["", "", "", "66", "", "73", "", "2023"], "", "higher", True,
     note("   66  73  2023", "read as previous 66, target 73; the three leading spaces stand for an empty outcome and empty gender columns (the Analys says the indicator is reported in the verksamhetsberättelse), the 2-space gaps for an empty forecast and KF:s årsmål"), ""),
    ("lön och pension har", "Verksamhetsområde lön och pension har nöjda kunder",
     ["", "", "", "67", "", "78", "", "2023"], "", "higher", True,
     note("   67  78  2023", "read as previous 67, target 78; the three leading spaces stand for an empty outcome and empty gender columns (the Analys says the indicator is reported in the verksamhetsberättelse), the 2-space gaps for an empty forecast and KF:s årsmål"), ""),
    ("platser för feriejobb", "Antal tillhandahållna platser för feriejobb",
     ["4", "", "", "7", "4", "4 st", TAS, T2], "st", "higher", False,
     note("4   7 4 4 st Tas fram av nämnd/styrelse  Tertial 2 2023", f"read as outcome 4, previous 7, forecast 4, target 4 st, KF:s årsmål 'Tas fram av nämnd/styrelse'; {SP3}"), ""),
    ("Stockholmsjobb", "Antal tillhandahållna platser för Stockholmsjobb",
     ["1", "", "", "2", "2", "1 st", TAS, T2], "st", "higher", False,
     note("1   2 2 1 st Tas fram av nämnd/styrelse  Tertial 2 2023", f"read as outcome 1, previous 2, forecast 2, target 1 st, KF:s årsmål 'Tas fram av nämnd/styrelse'; {SP3}; the goal Analys (one Stockholmsjobb now, one more planned this autumn) fits a forecast of 2"), ""),
    ("praktikplatser för", "Antal tillhandahållna praktikplatser för högskolestuderande samt platser för verksamhetsförlagd utbildning",
     ["9 st", "", "", "14 st", "11 st", "8 st", "Tas fram av nämnd", T2], "st", "higher", False,
     note("9 st   14 st 11 st 8 st Tas fram av nämnd  Tertial 2 2023", f"read as outcome 9 st, previous 14 st, forecast 11 st, target 8 st, KF:s årsmål 'Tas fram av nämnd'; {SP3}"), ""),
    ("Antal ungdomar som", "Antal ungdomar som fått feriejobb i stadens regi",
     ["0 st", "0 st", "0 st", "0 st", "0", "0 st", "11 000", T2], "st", "higher", False, "", ""),
    ("Medskapandeindex", "Aktivt Medskapandeindex",
     ["82", "78", "82", "84", "", "84", "83", "2023"], "", "higher", True,
     note("82 78 82 84  84 83 2023", "read as outcome 82, men 78, women 82, previous 84, target 84, KF:s årsmål 83; single spaces join filled neighbours, the one 2-space gap stands for an empty forecast; the Analys confirms AMI 82 and a fall since 2022"), ""),
    ("Sjukfrånvaro 5,5", "Sjukfrånvaro",
     ["5,5 %", "5,1 %", "5,6 %", "5,6 %", "6 %", "6,5 %", TAS, T2], "%", "lower", False, "", ""),
    ("Sjukfrånvaro dag 1-", "Sjukfrånvaro dag 1-14",
     ["2,3 %", "2,2 %", "2,4 %", "2,1 %", "2,2 %", "2,2 %", TAS, T2], "%", "lower", False, "", ""),
    ("Andel elektroniska", "Andel elektroniska inköp",
     ["95,64 %", "", "", "", "", "80 %", TAS, "2023"], "%", "higher", False,
     note("95,64 %     80 % Tas fram av nämnd/styrelse  2023", "read as outcome 95,64 %, target 80 %, KF:s årsmål 'Tas fram av nämnd/styrelse'; the 5-space gap stands for four empty columns (men, women, previous, forecast)"), ""),
    ("Andel upphandlade", "Andel upphandlade avtal där kontinuerlig uppföljning genomförts",
     ["", "", "", "35 %", "", "80 %", "80 %", "2023"], "%", "higher", True,
     note("   35 %  80 % 80 % 2023", "read as previous 35 %, target 80 %, KF:s årsmål 80 %; the three leading spaces stand for an empty outcome and empty gender columns, the 2-space gap for an empty forecast"), ""),
    ("Andel kandidater", "Andel kandidater som upplevt rekryteringsprocessen som icke-diskriminerande och fördomsmedveten",
     ["99 %", "", "", "", "97 %", "97 %", "", T2], "%", "higher", False,
     note("99 %    97 % 97 %  Tertial 2 2023", "read as outcome 99 %, forecast 97 %, target 97 %; the 4-space gap stands for three empty columns (men, women, previous), the 2-space gap before the period for an empty KF:s årsmål"), ""),
    ("Andel kunder som", "Andel kunder som tycker att de fått bra stöd för att säkerställa en icke-diskriminerande och fördomsmedveten rekrytering.",
     ["100 %", "", "", "", "", "97 %", "", T2], "%", "higher", False,
     note("100 %     97 %  Tertial 2 2023", "read as outcome 100 %, target 97 %; the 5-space gap stands for four empty columns (men, women, previous, forecast), the 2-space gap for an empty KF:s årsmål. The name is split by a page break"), ""),
]


# --------------------------------------------------------------------------- economy tables


def row(label: str, *cells: str, total: bool = False) -> dict:
    return {"label": label, "cells": list(cells), "is_total": total}


UTFALL = {
    "key": "utfall",
    "title": "Periodens utfall",
    "unit": "mnkr",
    "label_heading": "Resultat per verksamhetsområde (mnkr)",
    # "Utfall Jan-Aug 2023" spans the three columns; " · " marks a spanning heading
    "columns": ["Utfall Jan-Aug 2023 · Intäkter", "Utfall Jan-Aug 2023 · Kostnader", "Utfall Jan-Aug 2023 · Netto"],
    "rows": [
        row("Nämnd och administration", "0,9", "26,5", "-25,6"),
        row("Digitalisering, it och telefoni", "0,0", "0,2", "-0,2"),
        row("Lön och pension", "37,3", "30,8", "6,5"),
        row("Upphandling", "32,8", "29,6", "3,1"),
        row("Ekonomi", "52,6", "42,3", "10,2"),
        row("Kontaktcenter", "45,0", "39,0", "6,0"),
        row("Utvecklingsavdelningen", "1,4", "16,2", "-14,8"),
        row("Rekrytering", "11,7", "13,3", "-1,6"),
        row("Lokalplanering", "9,9", "9,2", "0,7"),
        row("Avskrivningar och internränta", "0,0", "0,8", "-0,8"),
        row("Resultat före bokslutsdisposition", "191,5", "208,0", "-16,5", total=True),
    ],
}
BUDGET = {
    "key": "budget",
    "title": "",  # printed without a title of its own, straight below the section's text
    "unit": "mnkr",
    "label_heading": "(mnkr)",
    "columns": ["Budget 2023", "Bokfört 2023", "Prognos 2023", "Budgetavvikelse"],
    "rows": [
        row("Nämndens anslag"),
        row("Kostnader", "312,2", "208,0", "311,6", "0,6"),
        row("Varav avskrivningar och internränta", "1,3", "0,8", "1,3", "0,0"),
        row("Intäkter", "299,3", "191,5", "293,3", "6,0"),
        row("Nettoresultat före resultatdisposition", "-12,9", "-16,5", "-18,3", "-5,4", total=True),
        # printed '19,9  19,9 0,0': the double space is the empty Bokfört cell
        row("Ingående resultatfond", "19,9", "", "19,9", "0,0"),
        row("Utgående resultatfond", "19,9", "", "14,5", "5,4"),
        row("Budget och resultat efter resultatdisposition", "0,0", "-16,5", "0,0", "0,0", total=True),
    ],
}
ARSPROGNOS = {
    "key": "arsprognos",
    "title": "Årsprognos per verksamhet",
    "unit": "mnkr",
    "label_heading": "Resultat per verksamhetsområde",
    "columns": [
        "Budget 2023 · Intäkter",
        "Budget 2023 · Kostnader",
        "Prognos 2023 · Intäkter",
        "Prognos 2023 · Kostnader",
        "Budgetavvikelse",
    ],
    "rows": [
        row("Nämnd och administration", "1,7", "40,0", "1,7", "42,2", "-2,2"),
        row("Digitalisering, it och telefoni", "0,0", "0,0", "0,0", "0,0", "0,0"),
        row("Lön och pension", "57,7", "46,0", "58,4", "46,3", "0,4"),
        row("Upphandling", "52,8", "48,4", "49,0", "45,8", "-1,2"),
        row("Ekonomi", "78,4", "63,9", "78,8", "64,2", "0,1"),
        row("Kontaktcenter", "66,0", "53,0", "65,5", "53,5", "-1,0"),
        row("Utvecklingsavdelningen", "1,9", "24,9", "1,9", "25,3", "-0,4"),
        row("Rekrytering", "24,2", "20,6", "22,4", "19,3", "-0,5"),
        row("Lokalplanering", "16,6", "14,2", "15,6", "13,8", "-0,6"),
        row("Avskrivningar och internränta", "0,0", "1,3", "0,0", "1,3", "0,0"),
        row("Resultat före bokslutsdisposition", "299,3", "312,2", "293,3", "311,6", "-5,4", total=True),
        # printed '19,9  19,9': values in the Intäkter sub-columns, the double space the empty Budget Kostnader
        row("Ingående resultatfond", "19,9", "", "19,9", "", ""),
        # printed '0,0   -5,4 5,4': -5,4 in Prognos Kostnader (311,6 - 5,4 = 306,2 below)
        row("Årets avsättning/återföring resultatfond", "0,0", "", "", "-5,4", "5,4"),
        row("Utgående resultatfond", "19,9", "", "14,5", "", ""),
        row("Resultat efter bokslutsdisposition", "299,3", "312,2", "293,3", "306,2", "0,0", total=True),
    ],
}
