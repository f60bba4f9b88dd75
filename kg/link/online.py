"""Online linking through a Wikidata SPARQL endpoint, for entities the offline knowledge base does not know.

Exact label or alias matches (rdfs:label / skos:altLabel in German, English or "mul") are filtered by
type (wdt:P31: humans for PERSON, never disambiguation pages) and, where the entity's state is known, by
citizenship or country (wdt:P27 / wdt:P17). Only a single surviving item is linked. Answers are cached
on disk (sqlite), requests are spaced by a minimum interval and time out; a failure leaves the entity
unlinked and says why, it never raises.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.link.kb import KnowledgeBase, load_kb
from kg.model import Entity, Extraction

log = logging.getLogger(__name__)

DEFAULT_ENDPOINT = "https://query.wikidata.org/sparql"
USER_AGENT = "kg/0.1 (knowledge graphs of diplomacy and conflict events; SPARQLWrapper)"
ENTITY_IRI = "http://www.wikidata.org/entity/"
HUMAN = "Q5"
# Wikimedia disambiguation pages, categories, templates, list articles: never an entity.
NOT_ENTITIES = {"Q4167410", "Q4167836", "Q11266439", "Q13406463"}
# Classes that make an item a place (direct wdt:P31 values; no subclass walk, to keep queries cheap).
PLACE_CLASSES = {
    "Q6256", "Q3624078", "Q515", "Q1549591", "Q5119", "Q486972", "Q15284", "Q3957", "Q532", "Q10864048",
    "Q835714", "Q35657", "Q107390", "Q1221156", "Q15063611", "Q82794", "Q7275", "Q3336843", "Q1637706",
}
ORGANISATION = "Q43229"  # organisation: ORG items must be instances of it or of a subclass
PLACE = "Q2221906"  # geographic location: places may also qualify through it
LANGS = ("de", "en", "mul")
PREFIXES = """PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <http://schema.org/>
"""


@dataclass(frozen=True)
class OnlineResult:
    qid: str | None
    reason: str
    cached: bool = False


def default_cache_dir() -> Path:
    base = os.environ.get("KG_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "kg")
    return Path(base)


def sparql_literal(text: str) -> str:
    """A SPARQL string literal: quotes and backslashes escaped, line breaks removed."""
    cleaned = " ".join(text.split())
    return '"' + cleaned.replace("\\", "\\\\").replace('"', '\\"') + '"'


def label_query(name: str) -> str:
    values = " ".join(f"{sparql_literal(name)}@{lang}" for lang in LANGS)
    return PREFIXES + f"""SELECT DISTINCT ?item ?class ?country ?description ?kind WHERE {{
  VALUES ?name {{ {values} }}
  {{ ?item rdfs:label ?name }} UNION {{ ?item skos:altLabel ?name }}
  OPTIONAL {{ ?item wdt:P31 ?class }}
  OPTIONAL {{ ?item wdt:P31/wdt:P279* wd:{ORGANISATION} BIND("organisation" AS ?kind) }}
  OPTIONAL {{ ?item wdt:P31/wdt:P279* wd:{PLACE} BIND("place" AS ?kind) }}
  OPTIONAL {{ {{ ?item wdt:P27 ?country }} UNION {{ ?item wdt:P17 ?country }} }}
  OPTIONAL {{ ?item schema:description ?description FILTER(LANG(?description) = "en") }}
}} LIMIT 200"""


class QueryCache:
    """Answers of earlier queries, keyed by endpoint and query text, in one sqlite file."""

    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / "wikidata-sparql.sqlite"
        self._lock = threading.Lock()
        with self._connect() as db:
            db.execute("CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, body TEXT, stored REAL)")

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=10)

    @staticmethod
    def key(endpoint: str, query: str) -> str:
        return hashlib.sha256(f"{endpoint}\n{query}".encode()).hexdigest()

    def get(self, endpoint: str, query: str) -> list[dict[str, Any]] | None:
        with self._lock, self._connect() as db:
            row = db.execute("SELECT body FROM answers WHERE key = ?", (self.key(endpoint, query),)).fetchone()
        return json.loads(row[0]) if row else None

    def put(self, endpoint: str, query: str, rows: list[dict[str, Any]]) -> None:
        with self._lock, self._connect() as db:
            db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?)",
                       (self.key(endpoint, query), json.dumps(rows), time.time()))


class SparqlClient:
    """SPARQLWrapper with a User-Agent, a timeout, a minimum interval between requests and a disk cache."""

    def __init__(self, endpoint: str = DEFAULT_ENDPOINT, cache_dir: Path | None = None, timeout: float = 20.0,
                 min_interval: float = 1.0, user_agent: str = USER_AGENT, use_cache: bool = True) -> None:
        self.endpoint = endpoint
        self.timeout = timeout
        self.min_interval = min_interval
        self.user_agent = user_agent
        self.cache = QueryCache(cache_dir or default_cache_dir()) if use_cache else None
        self._last_request = 0.0
        self.requests = 0  # network requests made (for tests and logs)

    def select(self, query: str) -> tuple[list[dict[str, Any]], bool]:
        """Rows of a SELECT query as {variable: value} dicts, and whether they came from the cache.

        Raises `SparqlError` with a readable reason when the endpoint fails.
        """
        if self.cache is not None:
            rows = self.cache.get(self.endpoint, query)
            if rows is not None:
                return rows, True
        rows = self._fetch(query)
        if self.cache is not None:
            self.cache.put(self.endpoint, query, rows)
        return rows, False

    def _wait_turn(self) -> None:
        pause = self._last_request + self.min_interval - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        self._last_request = time.monotonic()

    def _fetch(self, query: str) -> list[dict[str, Any]]:
        from SPARQLWrapper import JSON, SPARQLWrapper

        self._wait_turn()
        client = SPARQLWrapper(self.endpoint, agent=self.user_agent)
        client.setQuery(query)
        client.setReturnFormat(JSON)
        client.setTimeout(max(1, round(self.timeout)))
        self.requests += 1
        try:
            answer = client.queryAndConvert()
        except Exception as error:  # network, HTTP and parse errors all mean "no answer"
            raise SparqlError(f"{self.endpoint}: {type(error).__name__}: {str(error).strip()[:200]}") from error
        if not isinstance(answer, dict) or "results" not in answer:
            raise SparqlError(f"{self.endpoint}: the answer is not SPARQL JSON results")
        return [{var: cell["value"] for var, cell in binding.items()} for binding in answer["results"]["bindings"]]


class SparqlError(RuntimeError):
    """The endpoint could not answer (unreachable, timeout, HTTP error, malformed answer)."""


def qid_of(iri: str | None) -> str | None:
    if iri and iri.startswith(ENTITY_IRI):
        return iri[len(ENTITY_IRI):]
    return None


def _items(rows: list[dict[str, Any]]) -> dict[str, dict[str, set[str]]]:
    """Rows -> {qid: {"classes": {...}, "countries": {...}, "kinds": {"organisation", "place"}}}."""
    items: dict[str, dict[str, set[str]]] = {}
    for row in rows:
        qid = qid_of(row.get("item"))
        if not qid:
            continue
        item = items.setdefault(qid, {"classes": set(), "countries": set(), "kinds": set()})
        if row.get("kind"):
            item["kinds"].add(row["kind"])
        if qid_of(row.get("class")):
            item["classes"].add(qid_of(row["class"]))  # type: ignore[arg-type]
        if qid_of(row.get("country")):
            item["countries"].add(qid_of(row["country"]))  # type: ignore[arg-type]
    return items


def type_fits(entity_type: str, classes: set[str], kinds: frozenset[str] | set[str] = frozenset()) -> bool:
    """PERSON: a human; GPE/LOC: a place (known class or geographic location); ORG: an organisation."""
    if classes & NOT_ENTITIES or (entity_type != "PERSON" and HUMAN in classes):
        return False
    if entity_type == "PERSON":
        return HUMAN in classes
    if entity_type in ("GPE", "LOC"):
        return bool(classes & PLACE_CLASSES) or "place" in kinds
    return "organisation" in kinds and not classes & PLACE_CLASSES


class OnlineLinker:
    """Links entities by exact Wikidata labels; abstains unless exactly one item fits."""

    def __init__(self, client: SparqlClient, kb: KnowledgeBase | None = None) -> None:
        self.client = client
        self.kb = kb or load_kb()

    def _country_qid(self, country: str | None) -> str | None:
        entry = self.kb.get(country) if country else None
        return entry.qid if entry is not None else None

    def link_entity(self, entity: Entity) -> OnlineResult:
        try:
            rows, cached = self.client.select(label_query(entity.name))
        except SparqlError as error:
            log.warning("online linking of %r failed: %s", entity.name, error)
            return OnlineResult(None, f"endpoint failed: {error}")
        items = {q: i for q, i in _items(rows).items() if type_fits(entity.type, i["classes"], i["kinds"])}
        if not items:
            return OnlineResult(None, f"no {entity.type} item labelled {entity.name!r}", cached)
        country = self._country_qid(entity.country)
        if len(items) > 1 and country:
            same = {q: i for q, i in items.items() if country in i["countries"]}
            items = same or items
        if len(items) > 1:
            return OnlineResult(None, f"ambiguous: {len(items)} items ({', '.join(sorted(items)[:5])})", cached)
        qid = next(iter(items))
        return OnlineResult(qid, "unique label match" + (f" in {entity.country}" if country else ""), cached)

    def link_extraction(self, extraction: Extraction) -> dict[str, OnlineResult]:
        """Link the entities still without an id; returns what happened per entity id."""
        results: dict[str, OnlineResult] = {}
        for entity in extraction.entities:
            if entity.wikidata or entity.type not in ("PERSON", "ORG", "GPE", "LOC"):
                continue
            if getattr(entity, "kb_key", None):
                results[entity.id] = OnlineResult(None, "known to the offline KB without a checked id")
                continue
            result = self.link_entity(entity)
            if result.qid:
                entity.wikidata = result.qid
            results[entity.id] = result
        return results
