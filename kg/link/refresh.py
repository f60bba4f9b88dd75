"""Rebuild the people/office part of the knowledge base from Wikidata position-held (P39) statements.

For each position in `data/src/positions.tsv` (a checked position Q-id mapped to our role and country)
the holders come from `p:P39/ps:P39` with `pq:P580` (start) and `pq:P582` (end), their names from
rdfs:label and skos:altLabel in German and English. Refreshed holders replace the shipped offices of the
roles they cover; the shipped people and every other office stay. The result is a people YAML and a
kb.json in an output folder; `KG_KB=<folder>/kb.json` makes `load_kb()` use it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from kg.link.build_kb import SRC_DIR, build, slug, unique, write
from kg.link.normalise import normalise
from kg.link.online import PREFIXES, SparqlClient, qid_of

BATCH = 100  # people per name query
SINCE = date(1990, 1, 1)  # statements that ended before this day are left out


@dataclass(frozen=True)
class Position:
    qid: str
    role: str
    country: str


@dataclass
class RefreshReport:
    positions: int
    statements: int
    people: int
    new_people: int
    people_file: Path
    kb_file: Path


def read_positions(path: Path | None = None) -> list[Position]:
    with open(path or SRC_DIR / "positions.tsv", encoding="utf-8", newline="") as handle:
        return [Position(row["qid"], row["role"], row["country"]) for row in csv.DictReader(handle, delimiter="\t")]


def holders_query(positions: list[Position]) -> str:
    values = " ".join(f"wd:{p.qid}" for p in positions)
    return PREFIXES + f"""PREFIX p: <http://www.wikidata.org/prop/>
PREFIX ps: <http://www.wikidata.org/prop/statement/>
PREFIX pq: <http://www.wikidata.org/prop/qualifier/>
SELECT ?person ?position ?start ?end WHERE {{
  VALUES ?position {{ {values} }}
  ?person p:P39 ?statement .
  ?statement ps:P39 ?position .
  OPTIONAL {{ ?statement pq:P580 ?start }}
  OPTIONAL {{ ?statement pq:P582 ?end }}
}}"""


def names_query(qids: list[str]) -> str:
    values = " ".join(f"wd:{q}" for q in qids)
    return PREFIXES + f"""SELECT ?person ?name ?lang ?kind WHERE {{
  VALUES ?person {{ {values} }}
  {{ ?person rdfs:label ?name BIND("label" AS ?kind) }} UNION {{ ?person skos:altLabel ?name BIND("alias" AS ?kind) }}
  BIND(LANG(?name) AS ?lang)
  FILTER(?lang IN ("de", "en"))
}}"""


def wikidata_day(value: str | None) -> date | None:
    """ "2012-05-07T00:00:00Z" -> date(2012, 5, 7); BCE, partial or odd values -> None."""
    if not value or value.startswith("-"):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def fetch_people(client: SparqlClient, positions: list[Position], since: date = SINCE) -> list[dict[str, Any]]:
    """People records (the people.yaml format) for the holders of `positions`."""
    by_qid = {p.qid: p for p in positions}
    rows, _ = client.select(holders_query(positions))
    offices: dict[str, list[list[Any]]] = {}
    for row in rows:
        person, position = qid_of(row.get("person")), by_qid.get(qid_of(row.get("position")) or "")
        if not person or position is None:
            continue
        start, end = wikidata_day(row.get("start")), wikidata_day(row.get("end"))
        if end is not None and end < since:
            continue
        office = [position.role, position.country, start, end]
        if office not in offices.setdefault(person, []):
            offices[person].append(office)
    names: dict[str, dict[str, list[str]]] = {}
    qids = sorted(offices)
    for first in range(0, len(qids), BATCH):
        rows, _ = client.select(names_query(qids[first:first + BATCH]))
        labels_first = sorted(rows, key=lambda r: r.get("kind") != "label")
        for row in labels_first:
            person = qid_of(row.get("person"))
            if person and row.get("lang") in ("de", "en"):
                names.setdefault(person, {}).setdefault(row["lang"], []).append(row["name"])
    people = []
    for qid in qids:
        person_names = {lang: unique(values) for lang, values in names.get(qid, {}).items()}
        label = (person_names.get("en") or person_names.get("de") or [qid])[0]
        people.append({
            "key": slug(label) or qid.lower(), "qid": qid, "qid_source": "Wikidata P39 refresh",
            "country": offices[qid][0][1],
            "de": _with_surname(person_names.get("de", [])), "en": _with_surname(person_names.get("en", [])),
            "offices": sorted(offices[qid], key=lambda o: (o[2] or date.min)),
        })
    return people


def _with_surname(names: list[str]) -> list[str]:
    if names and len(names[0].split()) > 1 and len(names[0].split()[-1]) > 3:
        return unique(names + [names[0].split()[-1]])
    return names


def merge_people(shipped: list[dict[str, Any]], refreshed: list[dict[str, Any]],
                 covered: set[tuple[str, str]]) -> tuple[list[dict[str, Any]], int]:
    """Shipped people with refreshed offices for the covered (role, country) pairs; new holders appended."""
    merged = [dict(p) for p in shipped]
    for person in merged:  # refreshed data is the truth for the covered offices
        person["offices"] = [o for o in person.get("offices") or [] if (o[0], o[1]) not in covered]
    by_qid = {p["qid"]: p for p in merged if p.get("qid")}
    by_name = {normalise(n): p for p in merged for n in (p.get("en") or [])[:1]}
    keys = {p["key"] for p in merged}
    new = 0
    for person in refreshed:
        names = person.get("en") or []
        match = by_qid.get(person["qid"]) or (by_name.get(normalise(names[0])) if names else None)
        if match is None:
            key = person["key"] if person["key"] not in keys else f"{person['key']}-{person['qid'].lower()}"
            merged.append({**person, "key": key})
            keys.add(key)
            new += 1
            continue
        match["qid"], match["qid_source"] = person["qid"], person["qid_source"]
        match["offices"] = match["offices"] + person["offices"]
        for lang in ("de", "en"):
            match[lang] = unique((match.get(lang) or []) + (person.get(lang) or []))
    return merged, new


def refresh(client: SparqlClient, out_dir: Path, positions_file: Path | None = None) -> RefreshReport:
    """Query the endpoint, merge with the shipped people, write people.yaml and kb.json into `out_dir`."""
    positions = read_positions(positions_file)
    refreshed = fetch_people(client, positions)
    with open(SRC_DIR / "people.yaml", encoding="utf-8") as handle:
        shipped = yaml.safe_load(handle)
    merged, new = merge_people(shipped, refreshed, {(p.role, p.country) for p in positions})
    out_dir.mkdir(parents=True, exist_ok=True)
    people_file = out_dir / "people.yaml"
    with open(people_file, "w", encoding="utf-8") as handle:
        yaml.safe_dump(merged, handle, allow_unicode=True, sort_keys=False, width=120)
    kb_file = out_dir / "kb.json"
    write(build(people_file=people_file), kb_file)
    statements = sum(len(p["offices"]) for p in refreshed)
    return RefreshReport(len(positions), statements, len(refreshed), new, people_file, kb_file)
