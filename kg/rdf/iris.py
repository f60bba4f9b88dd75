"""Deterministic IRIs for everything an extraction describes.

The same input always gives the same IRI, so re-ingesting an article replaces its triples instead of adding
new nodes, and the same actor named in two articles is one node: by Wikidata Q-id where linked, otherwise by
type and normalised name.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import quote

from rdflib import URIRef

from kg.rdf.namespaces import RESOURCE_IRI

QID = re.compile(r"^Q[1-9][0-9]*$")

# NER type -> path segment of unlinked actors' IRIs; the ontology class is chosen in `build`.
TYPE_SEGMENTS = {"PERSON": "person", "ORG": "organisation", "GPE": "country", "LOC": "place"}


class IriError(ValueError):
    """An identifier that cannot become part of an IRI."""


@lru_cache(maxsize=65536)  # document ids, entity keys and small numbers recur in every article
def segment(value: str) -> str:
    """`value` percent-encoded so it is one safe path segment."""
    if not value:
        raise IriError("empty identifier")
    return quote(value, safe="-_.~")


def normalise_name(name: str) -> str:
    """'Wolodymyr Selenskyj' -> 'wolodymyr-selenskyj'; 'Außenministerium' -> 'aussenministerium'."""
    folded = unicodedata.normalize("NFKD", name.replace("ß", "ss").replace("ẞ", "SS"))
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    return re.sub(r"[\W_]+", "-", folded).strip("-")


def resource(*parts: str) -> URIRef:
    return URIRef(RESOURCE_IRI + "/".join(segment(p) for p in parts))


def article_graph_iri(doc_id: str) -> str:
    """The named graph that holds everything read from article `doc_id`."""
    return str(resource("graph", doc_id))


def article_iri(doc_id: str) -> URIRef:
    return resource("article", doc_id)


def extraction_iri(doc_id: str) -> URIRef:
    return resource("extraction", doc_id)


def event_iri(doc_id: str, event_id: str) -> URIRef:
    return resource("event", doc_id, event_id)


def span_iri(kind: str, doc_id: str, start: int, end: int) -> URIRef:
    """An evidence or mention node: one per article and character range."""
    return resource(kind, doc_id, f"{start}-{end}")


def actor_iri(entity_type: str, name: str, wikidata: str | None) -> URIRef:
    if wikidata:
        if not QID.match(wikidata):
            raise IriError(f"not a Wikidata Q-id: {wikidata!r}")
        return resource("entity", wikidata)
    if entity_type not in TYPE_SEGMENTS:
        raise IriError(f"unknown entity type {entity_type!r} (expected one of {', '.join(TYPE_SEGMENTS)})")
    key = normalise_name(name)
    if not key:
        raise IriError(f"entity name {name!r} has no letters or digits")
    return resource(TYPE_SEGMENTS[entity_type], key)


def country_code_iri(code: str) -> URIRef:
    """A state known only by its ISO code: an office's or person's country that the article does not name."""
    return resource("country", "iso", code.lower())


def organisation_key_iri(key: str) -> URIRef:
    return resource("organisation", normalise_name(key) or key)


def office_iri(owner: str | None, role: str) -> URIRef:
    return resource("office", (owner or "any").lower(), normalise_name(role) or role)


def time_iri(date: str) -> URIRef:
    return resource("time", date)


def time_description_iri(date: str) -> URIRef:
    return resource("time", date, "description")
