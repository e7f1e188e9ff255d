"""Build a synthetic city archive shaped like the sample report, for the benchmark.

    python tests/bench/generate.py PATH [--organisations 50] [--years 10] [--seed 1]

Every organisation reports three times a year (T1, T2, VB) for each year, ending with
2023: 50 organisations x 10 years = 1,500 reports. Each report has the sample's goals,
indicators, activities, sections and economy tables; its texts are the sample's
sentences shuffled and mixed with other sentences of the sample, with the
organisation's name and the year put in, so the full-text index sees a realistic
vocabulary. Values are perturbed, assessments drawn. The same seed gives the same
file content (see `archive_digest`).

Documents are made in a worker process and written through the store's own bulk
path (`Store.add_documents` → store/bulk.py), a batch of reports per transaction.
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import random
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from store.models import ReportDocument  # noqa: E402
from store.sample import load_sample  # noqa: E402

LAST_YEAR = 2023
KINDS = (("T1", "januari–april"), ("T2", "januari–augusti"), ("VB", "januari–december"))

# Committees and companies of a large Swedish city; more are numbered districts.
ORGANISATIONS = [
    "Servicenämnden",
    "Kommunstyrelsen",
    "Arbetsmarknadsnämnden",
    "Exploateringsnämnden",
    "Fastighetsnämnden",
    "Idrottsnämnden",
    "Kulturnämnden",
    "Kyrkogårdsnämnden",
    "Miljö- och hälsoskyddsnämnden",
    "Socialnämnden",
    "Stadsbyggnadsnämnden",
    "Trafiknämnden",
    "Utbildningsnämnden",
    "Äldrenämnden",
    "Överförmyndarnämnden",
    "Valnämnden",
    "Revisorskollegiet",
    "Bromma stadsdelsnämnd",
    "Enskede-Årsta-Vantörs stadsdelsnämnd",
    "Farsta stadsdelsnämnd",
    "Hägersten-Älvsjö stadsdelsnämnd",
    "Hässelby-Vällingby stadsdelsnämnd",
    "Kungsholmens stadsdelsnämnd",
    "Norrmalms stadsdelsnämnd",
    "Rinkeby-Kista stadsdelsnämnd",
    "Skarpnäcks stadsdelsnämnd",
    "Skärholmens stadsdelsnämnd",
    "Spånga-Tensta stadsdelsnämnd",
    "Södermalms stadsdelsnämnd",
    "Östermalms stadsdelsnämnd",
    "AB Familjebostäder",
    "AB Stockholmshem",
    "AB Svenska Bostäder",
    "Micasa Fastigheter i Stockholm AB",
    "S:t Erik Markutveckling AB",
    "SISAB Skolfastigheter i Stockholm AB",
    "Stockholm Business Region AB",
    "Stockholm Globe Arena Fastigheter AB",
    "Stockholm Parkering AB",
    "Stockholm Vatten och Avfall AB",
    "Stockholms Hamn AB",
    "Stockholms Stadshus AB",
    "Stockholms Stadsteater AB",
    "Stokab AB",
    "Visit Stockholm AB",
    "Bostadsförmedlingen i Stockholm AB",
    "Stockholm Stads Bostadsförmedling",
    "Stockholms Stads Parkerings AB",
    "Mässfastigheter i Stockholm AB",
    "Stockholm Stadsmission-stiftelsen",
]

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])")
_SIMPLE_NUMBER = re.compile(r"^(-?)(\d{1,3})(?:,(\d))?( ?%)?$")


def organisation_names(n: int) -> list[str]:
    names = ORGANISATIONS[:n]
    names += [f"Stadsdelsnämnd {i}" for i in range(len(names) + 1, n + 1)]
    return names


# -- the sample, taken apart once --------------------------------------------------


class _Parts:
    """The sample as a dict, each text split into paragraphs of sentences."""

    def __init__(self) -> None:
        self.doc: dict[str, Any] = load_sample().model_dump(mode="json")
        self.split: dict[str, list[list[str]]] = {}
        pool: list[str] = []
        for text in _texts(self.doc):
            paras = [_SENTENCE.split(p) for p in text.split("\n\n") if p.strip()]
            self.split[text] = paras
            pool += [s for p in paras for s in p if len(s) > 30]
        self.pool = sorted(set(pool))


def _texts(doc: dict[str, Any]) -> Iterator[str]:
    for g in _walk(doc["goals"]):
        yield from (g["analys"], g["expected_result"], g["description"])
        for i in g["indicators"]:
            yield i["analys"]
        for a in g["activities"]:
            yield a["analys"]
    for s in _walk(doc["sections"]):
        yield s["body"]


def _walk(items: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for item in items:
        yield item
        yield from _walk(item["children"])


# -- one report ----------------------------------------------------------------------


class _Variant:
    def __init__(self, parts: _Parts, seed: int, org: str, year: int, kind: str) -> None:
        self.parts = parts
        self.rng = random.Random(f"{seed}:{org}:{year}:{kind}")
        self.org = org
        self.year = year
        self.shift = year - LAST_YEAR

    def years(self, text: str) -> str:
        if not self.shift:
            return text
        return re.sub(r"\b(20[12]\d)\b", lambda m: str(int(m[1]) + self.shift), text)

    def names(self, text: str) -> str:
        text = text.replace("Servicenämnden", self.org).replace("servicenämnden", self.org)
        return self.years(text)

    def prose(self, text: str) -> str:
        paras = self.parts.split.get(text)
        if not paras:
            return text
        rng, pool = self.rng, self.parts.pool
        out = []
        for para in paras:
            sentences = [rng.choice(pool) if rng.random() < 0.3 else s for s in para]
            if len(sentences) > 1 and rng.random() < 0.5:
                rng.shuffle(sentences)
            out.append(" ".join(sentences))
        return self.names("\n\n".join(out))

    def number(self, value: str) -> str:
        m = _SIMPLE_NUMBER.match(value)
        if not m or self.rng.random() < 0.2:
            return value
        sign, whole, frac, pct = m.groups()
        x = float(f"{whole}.{frac or 0}") * self.rng.uniform(0.8, 1.2)
        x = min(x, 999.9)
        text = f"{x:.1f}".replace(".", ",") if frac else str(round(x))
        return f"{sign}{text}{pct or ''}"

    def date(self, value: str | None) -> str | None:
        if not value:
            return value
        y, rest = value.split("-", 1)
        year = int(y) + self.shift
        if rest == "02-29" and year % 4:
            rest = "02-28"
        return f"{year}-{rest}"


def make_document(parts: _Parts, seed: int, org: str, year: int, kind: str, period: str) -> dict:
    v = _Variant(parts, seed, org, year, kind)
    src = parts.doc
    assessments = ["helt", "helt", "delvis", "delvis", "ej", None]

    def goal(g: dict[str, Any]) -> dict[str, Any]:
        return {
            **g,
            "title": v.names(g["title"]),
            "assessment": v.rng.choice(assessments) if g["assessment"] or g["level"] > 1 else None,
            "analys": v.prose(g["analys"]),
            "expected_result": v.prose(g["expected_result"]),
            "description": v.prose(g["description"]),
            "children": [goal(c) for c in g["children"]],
            "indicators": [
                {
                    **i,
                    **{f: v.number(i[f]) for f in _VALUE_FIELDS},
                    "period": v.years(i["period"]),
                    "analys": v.prose(i["analys"]),
                    "to_check": "",
                    "reading_note": "",
                }
                for i in g["indicators"]
            ],
            "activities": [
                {
                    **a,
                    "text": v.names(a["text"]),
                    "start_date": v.date(a["start_date"]),
                    "end_date": v.date(a["end_date"]),
                    "deviation": v.rng.random() < 0.1,
                    "analys": v.prose(a["analys"]),
                }
                for a in g["activities"]
            ],
        }

    def section(s: dict[str, Any]) -> dict[str, Any]:
        return {
            **s,
            "title": v.years(s["title"]),
            "body": v.prose(s["body"]),
            "children": [section(c) for c in s["children"]],
            "tables": [
                {
                    **t,
                    "title": v.years(t["title"]),
                    "columns": [v.years(c) for c in t["columns"]],
                    "rows": [{**r, "cells": [v.number(c) for c in r["cells"]]} for r in t["rows"]],
                }
                for t in s["tables"]
            ],
        }

    sections = [section(s) for s in src["sections"]]
    # A case number per report: a word that occurs once in the whole archive.
    if sections and sections[0]["body"]:
        dnr = f"Dnr {kind}-{year}/{v.rng.randrange(1000, 9999)}"
        sections[0]["body"] += f"\n\n{dnr}"
    return {
        "report": {"organisation": org, "kind": kind, "year": year, "period": period},
        "sections": sections,
        "goals": [goal(g) for g in src["goals"]],
    }


_VALUE_FIELDS = ("outcome", "outcome_men", "outcome_women", "previous", "forecast", "target")

_PARTS: _Parts | None = None


def _build(job: tuple[int, str, int, str, str]) -> ReportDocument:
    global _PARTS
    if _PARTS is None:
        _PARTS = _Parts()
    return ReportDocument.model_validate(make_document(_PARTS, *job))


def jobs(organisations: int, years: int, seed: int) -> list[tuple[int, str, int, str, str]]:
    first = LAST_YEAR - years + 1
    return [
        (seed, org, year, kind, period)
        for org in organisation_names(organisations)
        for year in range(first, LAST_YEAR + 1)
        for kind, period in KINDS
    ]


def documents(organisations: int, years: int, seed: int = 1) -> Iterator[ReportDocument]:
    """The archive's reports in a fixed order, built in this process."""
    for job in jobs(organisations, years, seed):
        yield _build(job)


def generate(
    path: Path, organisations: int = 50, years: int = 10, seed: int = 1, workers: int = 1
) -> int:
    """Write the archive to a new file at `path`; returns the number of reports."""
    from store.store import Store

    path = Path(path)
    if path.exists():
        raise SystemExit(f"{path} finns redan")
    todo = jobs(organisations, years, seed)
    with Store(path, create=True) as store:
        if workers > 1:
            ctx = multiprocessing.get_context("fork")
            with ctx.Pool(workers - 1) as pool:
                docs = pool.imap(_build, todo, chunksize=8)
                store.add_documents(docs, source="benchmark")
        else:
            store.add_documents((_build(j) for j in todo), source="benchmark")
        store.conn.execute("PRAGMA optimize")
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return len(todo)


_DIGEST_TABLES = (
    ("organisations", "id, name"),
    ("reports", "id, organisation_id, kind, year, period"),
    ("sections", "*"),
    ("economy_tables", "*"),
    ("economy_rows", "*"),
    ("goals", "*"),
    ("indicators", "*"),
    ("activities", "*"),
)


def archive_digest(path: Path) -> str:
    """SHA-256 of every content row, in id order: equal for equal archives."""
    import sqlite3

    h = hashlib.sha256()
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        for table, cols in _DIGEST_TABLES:
            for row in conn.execute(f"SELECT {cols} FROM {table} ORDER BY id"):
                h.update(repr(row).encode())
    finally:
        conn.close()
    return h.hexdigest()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("path", type=Path)
    p.add_argument("--organisations", type=int, default=50)
    p.add_argument("--years", type=int, default=10)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--workers", type=int, default=min(2, multiprocessing.cpu_count()))
    p.add_argument("--digest", action="store_true", help="print the content digest when done")
    args = p.parse_args(argv)
    start = time.perf_counter()
    n = generate(args.path, args.organisations, args.years, args.seed, args.workers)
    took = time.perf_counter() - start
    size = args.path.stat().st_size / 1e6
    print(f"{args.path}: {n} reports, {size:.0f} MB, {took:.1f} s", file=sys.stderr)
    if args.digest:
        print(archive_digest(args.path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
