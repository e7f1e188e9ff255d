"""Build store/sample/servicenamnden-tertialrapport-2-2023.json from the seed text.

One-off tool, not needed at run time: the JSON is what ships. Run from the repo root:

    python tests/tools/extract_sample.py

It parses the goal tree, goal prose and activities from the PDF text, and takes the
parts the text cannot decide by itself from hand-written tables below: indicator names
(wrapped in a narrow column, sometimes split by a page break) and indicator values
(empty cells vanish in the text, so each row is read by hand from the spacing and the
Analys; every decision is written to the indicator's reading_note), and the economy
tables (small, copied cell by cell as printed).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sample_data import ARSPROGNOS, BUDGET, INDICATORS, UTFALL  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from store.models import ReportDocument  # noqa: E402

SEED = ROOT / "tests" / "data" / "servicenamnden-tertialrapport-2-2023.txt"
OUT = ROOT / "store" / "sample" / "servicenamnden-tertialrapport-2-2023.json"

FOOTER = re.compile(r"^\s*Servicenämnden, Tertialrapport \d+\(\d+\)\s*$")
BULLET = "\uf0b7"
GOAL_RE = [
    (1, re.compile(r"^\s*KF:s inriktningsmål: (\d+)\. (.*)$")),
    (2, re.compile(r"^\s*KF:s mål för verksamhetsområdet: (\d+\.\d+) (.*)$")),
    (3, re.compile(r"^\s*Nämndmål: ()(.*)$")),
]
TEXT_HEADINGS = {"Analys": "analys", "Förväntat resultat": "expected_result", "Beskrivning": "description"}
DATES = re.compile(r"^(.*?)\s*(\d{4}-\d{2}-\d{2}) (\d{4}-\d{2}-\d{2})\s*(Avvikelse)?\s*$")


def load_lines() -> list[str]:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    out = []
    for i, line in enumerate(lines):
        # Two bullet items whose last word fell after a blank line in the PDF text:
        # "... implementeras hösten" / "" / "2023" and "... går" / "" / "till betalning,".
        if not line.strip() and i > 0 and i + 1 < len(lines):
            prev, nxt = lines[i - 1].strip(), lines[i + 1].strip()
            if (prev.endswith("implementeras hösten") and nxt == "2023") or (
                prev.endswith("med påföljd att fakturan inte går") and nxt.startswith("till betalning")
            ):
                continue
        if FOOTER.match(line):
            continue
        out.append(line)
    return out


# --------------------------------------------------------------------------- prose


def join_words(raw: list[str]) -> str:
    """Join wrapped lines into one line; a line with no trailing space was cut mid-word."""
    text, glue = "", ""
    for line in raw:
        piece = line.strip()
        if not piece:
            continue
        text += (glue if text else "") + piece
        glue = " " if line.endswith((" ", "\t")) else ""
    return re.sub(r"[ \u00a0]{2,}", " ", text).strip()


def _first_word(line: str) -> str:
    s = line.strip()
    return s.split(" ", 1)[0] if s else ""


def _is_bullet(line: str) -> bool:
    return line.strip().startswith(BULLET)


def prose(raw: list[str]) -> str:
    """Raw PDF lines → paragraphs separated by a blank line; bullets as '- ' lines."""
    raw = [line for line in raw if not FOOTER.match(line)]
    nonblank = [line.strip() for line in raw if line.strip()]
    if not nonblank:
        return ""
    width = max(len(s) for s in nonblank)

    def heading_like(i: int) -> bool:
        s = raw[i].strip()
        if not s or s[-1] in ".,;-" or len(s) > 0.7 * width or _is_bullet(raw[i]):
            return False
        nxt = raw[i + 1].strip() if i + 1 < len(raw) else ""
        return bool(nxt) and (nxt[0].isupper() or nxt.startswith(BULLET))

    # units: (kind, [raw lines]) with kind "p" paragraph or "b" bullet item
    units: list[tuple[str, list[str]]] = []
    cur: list[str] | None = None
    kind = "p"
    for i, line in enumerate(raw):
        s = line.strip()
        if not s:
            cur = None
            continue
        start = cur is None
        if not start:
            prev = cur[-1].strip()
            fits = len(prev) + 1 + len(_first_word(s)) <= width - 1  # proportional font: keep a little slack
            upper = s[0].isupper()
            if _is_bullet(line) or kind == "b" and upper or prev[-1] in ".:!?" and upper and fits:
                start = True
            elif upper and ((heading_like(i - 1) and fits) or (prev[-1] in ".:!?" and heading_like(i))):
                start = True  # after a short heading line, or before one
        if start:
            kind = "b" if _is_bullet(line) else "p"
            cur = [line.replace(BULLET, "", 1) if kind == "b" else line]
            units.append((kind, cur))
        else:
            cur.append(line)
    blocks: list[str] = []
    last_kind = None
    for k, (kind, lines) in enumerate(units):
        text = join_words(lines)
        if kind == "b":
            text = "- " + text
            if last_kind == "b":
                blocks[-1] += "\n" + text
                continue
        elif k + 1 < len(units) and is_sub_heading(text):
            text = "### " + text  # the texts' light Markdown: a sub-heading
        blocks.append(text)
        last_kind = kind
    return "\n\n".join(blocks)


def is_sub_heading(text: str) -> bool:
    """A short line of its own, no sentence, with text after it: a sub-heading in the PDF
    ("Verksamhetsområde lokalplanering", "Barns rättigheter", "Ekonomisk prognos för ...:")."""
    return len(text) <= 80 and text[0].isupper() and text[-1] not in ".,;!?"


# --------------------------------------------------------------------------- goals


def goal_match(line: str):
    for level, rx in GOAL_RE:
        if m := rx.match(line):
            return level, m
    return None


def is_indicator_header(line: str) -> bool:
    return line.strip().startswith("Indikator Periodens")


def is_activity_header(line: str) -> bool:
    return line.strip() == "Aktivitet Startdatum Slutdatum Avvikelse"


def parse_goals(lines: list[str], start: int, end: int):
    """Goals, their prose and activities; returns (roots, goal start lines)."""
    roots: list[dict] = []
    stack: list[dict] = []
    starts: list[tuple[int, dict]] = []
    mode = None  # "goal", "indicator", "activity"
    field: list[str] | None = None  # raw lines of the current goal text field
    act_analys: list[str] | None = None
    act_text: list[str] | None = None
    i = start

    while i < end:
        line = lines[i]
        s = line.strip()
        # A heading follows a blank line or starts with a space; 'KF:s mål för
        # verksamhetsområdet: 3.1 …' also occurs inside a paragraph, at a line start.
        gm = goal_match(line) if (not lines[i - 1].strip() or line.startswith(" ")) else None
        if gm:
            if act_analys:
                stack[-1]["activities"][-1]["analys"] = prose(act_analys)
            level, m = gm
            title_lines = [line]
            i += 1
            while lines[i].strip():
                title_lines.append(lines[i])
                i += 1
            title = join_words(title_lines)
            title = re.sub(r"^KF:s inriktningsmål: \d+\. |^KF:s mål för verksamhetsområdet: \d+\.\d+ |^Nämndmål: ", "", title)
            while not lines[i].strip():
                i += 1
            assessment = None
            if lines[i].strip().startswith("Uppfylls"):
                assessment = lines[i].strip().removeprefix("Uppfylls ").strip()
                i += 1
            goal = {
                "level": level,
                "code": m.group(1) or None,
                "title": title,
                "assessment": assessment,
                "_fields": {"analys": [], "expected_result": [], "description": []},
                "children": [],
                "indicators": [],
                "activities": [],
            }
            while stack and stack[-1]["level"] >= level:
                stack.pop()
            if stack:
                stack[-1]["children"].append(goal)
            else:
                roots.append(goal)
            stack.append(goal)
            starts.append((i, goal))
            mode, field, act_analys, act_text = "goal", None, None, None
            continue
        goal = stack[-1] if stack else None
        if is_indicator_header(line):
            mode, field, act_analys, act_text = "indicator", None, None, None
        elif is_activity_header(line):
            mode, field, act_analys, act_text = "activity", None, None, None
        elif mode == "goal" and s in TEXT_HEADINGS:
            field = goal["_fields"][TEXT_HEADINGS[s]]
            if field:  # a second block of the same kind (does not happen here)
                field.append("")
        elif mode == "goal" and field is not None:
            field.append(line)
        elif mode == "activity":
            if act_analys is not None:
                if s:
                    act_analys.append(line)
                else:
                    goal["activities"][-1]["analys"] = prose(act_analys)
                    act_analys = None
            elif s == "Analys":
                act_analys = []
            elif act_text is not None:
                if s:
                    act_text.append(line)
                if dm := DATES.match(s):
                    act_text[-1] = dm.group(1) + " "
                    text = join_words(act_text)
                    goal["activities"].append(
                        {
                            "text": text,
                            "start_date": dm.group(2),
                            "end_date": dm.group(3),
                            "deviation": bool(dm.group(4)),
                            "analys": "",
                        }
                    )
                    act_text = None
            elif s and line.startswith("  "):
                act_text = []
                continue  # re-read this line as the first text line
        i += 1
    if act_analys:
        stack[-1]["activities"][-1]["analys"] = prose(act_analys)
    return roots, starts


VALUE_FIELDS = ["outcome", "outcome_men", "outcome_women", "previous", "forecast", "target", "kf_target", "period"]


def indicator_analys(lines: list[str], at: int) -> str:
    i = at
    while lines[i].strip() != "Analys":
        i += 1
    raw = []
    i += 1
    while i < len(lines) and lines[i].strip() and not is_indicator_header(lines[i]) and not goal_match(lines[i]):
        raw.append(lines[i])
        i += 1
    return prose(raw)


def attach_indicators(lines: list[str], start: int, starts: list[tuple[int, dict]]) -> int:
    cursor = start
    for find, name, values, unit, direction, has_analys, reading, to_check in INDICATORS:
        while not lines[cursor].strip().startswith(find):
            cursor += 1
        owner = [g for s, g in starts if s <= cursor][-1]
        ind = {"name": name, **dict(zip(VALUE_FIELDS, values, strict=True))}
        ind.update(unit=unit, direction=direction, analys="", to_check=to_check, reading_note=reading)
        if has_analys:
            ind["analys"] = indicator_analys(lines, cursor)
        owner["indicators"].append(ind)
        cursor += 1
    return len(INDICATORS)


# --------------------------------------------------------------------------- sections

# (title, depth, tables); depth 0 = top level. "goals" marks the goal tree.
ECONOMY = [
    ("Uppföljning av ekonomi", 0, []),
    ("Analys av resultaträkning - uppföljning av driftbudget", 1, [UTFALL]),
    ("Årsprognos driftsbudget", 1, [BUDGET, ARSPROGNOS]),
    ("Nämnd och administration", 1, []),
    ("Digitalisering, it och telefoni (DIT)", 1, []),
    ("Lön och pension", 1, []),
    ("Upphandling och inköp", 1, []),
    ("Ekonomi", 1, []),
    ("Kontaktcenter", 1, []),
    ("Utvecklingsavdelningen", 1, []),
    ("Rekrytering", 1, []),
    ("Lokalplanering", 1, []),
    ("Resultatenheter", 1, []),
    ("Investeringar", 1, []),
    ("Försäljningar av anläggningstillgångar", 1, []),
    ("Verksamhetsprojekt (driftprojekt)", 1, []),
    ("Omslutningsförändringar", 1, []),
    ("Budgetjusteringar", 1, []),
    ("Medel för lokaländamål", 1, []),
    ("Analys av balansräkning", 1, []),
    ("Tillgångar", 2, []),
    ("Jämförelse med föregående år", 3, []),
    ("Skulder och eget kapital", 2, []),
    ("Jämförelse med föregående år", 3, []),
    ("Intern kontroll", 0, []),
]
# Where a section's prose stops before a table (the table's own lines are not prose).
TABLE_STARTS = {"Analys av resultaträkning - uppföljning av driftbudget": "Periodens utfall",
                "Årsprognos driftsbudget": "(mnkr) Budget 2023"}


def find_line(lines: list[str], text: str, start: int, prefix: bool = False) -> int:
    for i in range(start, len(lines)):
        s = lines[i].strip()
        if s == text or (prefix and s.startswith(text)):
            return i
    raise LookupError(text)


def build_sections(lines: list[str], goals_start: int, econ_start: int) -> list[dict]:
    def section(title: str, body: str = "", kind: str = "text") -> dict:
        return {"title": title, "body": body, "kind": kind, "children": [], "tables": []}

    # Before the goals: Sammanfattande analys (3 children), Periodens resultat.
    i_sum = find_line(lines, "Sammanfattande analys", 0)
    heads = []
    for t in (
        "Ett Stockholm som håller samman med en stark och jämlik välfärd i hela staden",
        "Ett grönt och fossilfritt Stockholm som leder en rättvis klimatomställning",
        "Ett Stockholm med en stabil och hållbar ekonomi med utbildning, jobb och bostäder för alla",
    ):
        heads.append((t, find_line(lines, t, i_sum)))
    i_per = find_line(lines, "Periodens resultat", i_sum)
    summary = section("Sammanfattande analys", prose(lines[i_sum + 1 : heads[0][1]]))
    for k, (t, at) in enumerate(heads):
        end = heads[k + 1][1] if k + 1 < len(heads) else i_per
        summary["children"].append(section(t, prose(lines[at + 1 : end])))
    result = section("Periodens resultat", prose(lines[i_per + 1 : goals_start]))
    goals_marker = section("Uppföljning av Kommunfullmäktiges inriktningsmål", "", "goals")
    top = [summary, result, goals_marker]

    # After the goals: economy and the rest.
    found = []
    cursor = econ_start
    for title, depth, tables in ECONOMY:
        at = find_line(lines, title, cursor)
        found.append((title, depth, tables, at))
        cursor = at + 1
    stack: list[tuple[int, dict]] = []
    for k, (title, depth, tables, at) in enumerate(found):
        end = found[k + 1][3] if k + 1 < len(found) else len(lines)
        if title in TABLE_STARTS:
            end = find_line(lines, TABLE_STARTS[title], at, prefix=True)
        sec = section(title, prose(lines[at + 1 : end]))
        sec["tables"] = [dict(t) for t in tables]
        while stack and stack[-1][0] >= depth:
            stack.pop()
        (stack[-1][1]["children"] if stack else top).append(sec)
        stack.append((depth, sec))
    return top


# --------------------------------------------------------------------------- assemble


def finish_goal(goal: dict) -> None:
    for key, raw in goal.pop("_fields").items():
        goal[key] = prose(raw)
    for k, child in enumerate(goal["children"], 1):
        child["position"] = k
        finish_goal(child)
    for k, item in enumerate(goal["indicators"], 1):
        item["position"] = k
    for k, item in enumerate(goal["activities"], 1):
        item["position"] = k


def number(items: list[dict], nested: str | None) -> None:
    for k, item in enumerate(items, 1):
        item["position"] = k
        if nested:
            number(item[nested], nested)
            for t, table in enumerate(item.get("tables", []), 1):
                table["position"] = t
                for r, rw in enumerate(table["rows"], 1):
                    rw["position"] = r


def main() -> None:
    lines = load_lines()
    goals_start = find_line(lines, "Uppföljning av Kommunfullmäktiges inriktningsmål", 0)
    econ_start = find_line(lines, "Uppföljning av ekonomi", goals_start)
    roots, starts = parse_goals(lines, goals_start + 1, econ_start)
    attach_indicators(lines, goals_start + 1, starts)
    for k, g in enumerate(roots, 1):
        g["position"] = k
        finish_goal(g)
    sections = build_sections(lines, goals_start, econ_start)
    number(sections, "children")
    doc = {
        "report": {"organisation": "Servicenämnden", "kind": "T2", "year": 2023, "period": "januari–augusti"},
        "sections": sections,
        "goals": roots,
    }
    model = ReportDocument.model_validate(doc)
    OUT.write_text(
        json.dumps(model.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
