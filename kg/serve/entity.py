"""What the entity page shows about one IRI: labels, types, Wikidata links, offices, events with evidence,
and every statement about it. Queries use the ontology's terms from kg.rdf.namespaces, so a renamed term
fails at import rather than silently showing nothing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from kg.rdf.namespaces import KGO
from kg.store import GraphStore

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"
ROLES = ("participant", "source", "target", "mediator", "reportedBy")
MAX_STATEMENTS = 300


@dataclass(frozen=True)
class _Reader:
    """A store and the options that make its default graph the union of all graphs."""

    store: GraphStore
    options: dict[str, bool]

    def rows(self, query: str) -> list[dict[str, ox.NamedNode | ox.Literal | ox.BlankNode]]:
        results = self.store.raw.query(query, **self.options)
        names = [v.value for v in results.variables]
        return [{name: row[name] for name in names if row[name] is not None} for row in results]

    def ask(self, query: str) -> bool:
        return bool(self.store.raw.query(query, **self.options))


def describe_entity(store: _Reader, iri: str, union_options: dict[str, bool] | None = None
                    ) -> dict[str, Any]:
    """`union_options`: how to make `store`'s default graph the union (ServedStore.union_options)."""
    node = ox.NamedNode(iri)  # ValueError for a malformed IRI
    store = _Reader(store, {"use_default_graph_as_union": True} if union_options is None else union_options)
    labels = _labels(store, node)
    statements = _statements(store, node)
    return {
        "iri": iri,
        "title": labels[0]["text"] if labels else _short(iri),
        "labels": labels,
        "types": [{"iri": t, "name": _short(t)} for t in _types(store, node)],
        "wikidata": _wikidata(store, node),
        "offices": _offices(store, node),
        "events": _events(store, node),
        "statements": statements,
        "found": bool(statements) or _is_object(store, node),
    }


def _rows(store: _Reader, query: str) -> list[dict[str, ox.NamedNode | ox.Literal | ox.BlankNode]]:
    return store.rows(query)


def _values(store: _Reader, query: str) -> list[str]:
    return [row["v"].value for row in _rows(store, query) if "v" in row]


def _types(store: _Reader, node: ox.NamedNode) -> list[str]:
    return _values(store, f"SELECT DISTINCT ?v {{ {node} <{RDF_TYPE}> ?v }}")


def _labels(store: _Reader, node: ox.NamedNode) -> list[dict[str, str]]:
    rows = _rows(store, f"SELECT DISTINCT ?l {{ {node} <{RDFS_LABEL}>|<{SKOS_ALT}> ?l }} ORDER BY ?l")
    return [{"text": row["l"].value, "lang": getattr(row["l"], "language", None) or ""} for row in rows]


def _wikidata(store: _Reader, node: ox.NamedNode) -> list[dict[str, str]]:
    links = []
    for value in _values(store, f"SELECT DISTINCT ?v {{ {node} <{OWL_SAME_AS}> ?v }}"):
        if value.startswith(WIKIDATA_ENTITY):
            qid = value[len(WIKIDATA_ENTITY):]
            links.append({"id": qid, "url": f"https://www.wikidata.org/wiki/{qid}"})
    return links


def _offices(store: _Reader, node: ox.NamedNode) -> list[dict[str, str]]:
    rows = _rows(store, f"""
        SELECT ?office (SAMPLE(?l) AS ?label) (SAMPLE(?ofLabel) AS ?of) {{
            {node} <{KGO.holdsOffice}> ?office .
            OPTIONAL {{ ?office <{RDFS_LABEL}> ?l }}
            OPTIONAL {{ ?office <{KGO.officeOf}> ?org . OPTIONAL {{ ?org <{RDFS_LABEL}> ?ofLabel }} }}
        }} GROUP BY ?office""")
    return [{"iri": row["office"].value, "label": row["label"].value if "label" in row else _short(row["office"].value),
             "of": row["of"].value if "of" in row else ""} for row in rows]


def _events(store: _Reader, node: ox.NamedNode) -> list[dict[str, Any]]:
    roles = " ".join(f"<{KGO[role]}>" for role in ROLES)
    rows = _rows(store, f"""
        SELECT ?event ?role ?type ?date ?notAfter ?text {{
            VALUES ?role {{ {roles} }}
            ?event ?role {node} .
            OPTIONAL {{ ?event <{KGO.eventType}> ?type }}
            OPTIONAL {{ ?event <{KGO.date}> ?date }}
            OPTIONAL {{ ?event <{KGO.notAfter}> ?notAfter }}
            OPTIONAL {{ ?event <{KGO.evidence}>/<{KGO.text}> ?text }}
        }} ORDER BY DESC(?date) ?event""")
    events: dict[str, dict[str, Any]] = {}  # one entry per event, with every role the entity plays in it
    for row in rows:
        when = row["date"].value if "date" in row else ""
        if not when and "notAfter" in row:
            when = f"not after {row['notAfter'].value}"
        event = events.setdefault(row["event"].value, {
            "iri": row["event"].value, "roles": [], "when": when,
            "type": row["type"].value if "type" in row else _short(row["event"].value), "evidence": []})
        role = _short(row["role"].value)
        if role not in event["roles"]:
            event["roles"].append(role)
        if "text" in row and row["text"].value not in event["evidence"]:
            event["evidence"].append(row["text"].value)
    return list(events.values())


def _statements(store: _Reader, node: ox.NamedNode) -> list[dict[str, Any]]:
    rows = _rows(store, f"SELECT DISTINCT ?p ?o {{ {node} ?p ?o }} ORDER BY ?p ?o LIMIT {MAX_STATEMENTS}")
    return [{"predicate": row["p"].value, "predicate_name": _short(row["p"].value), "value": row["o"].value,
             "link": isinstance(row["o"], ox.NamedNode)} for row in rows]


def _is_object(store: _Reader, node: ox.NamedNode) -> bool:
    return store.ask(f"ASK {{ ?s ?p {node} }}")


def _short(iri: str) -> str:
    """The last segment of an IRI, for display."""
    return iri.rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1] or iri
