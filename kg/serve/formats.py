"""Result formats: which media types the server speaks, and how a request picks one.

A request chooses by a `format` parameter (a short name or a media type) or else by its Accept header;
without either, SELECT/ASK answer in SPARQL JSON and CONSTRUCT/DESCRIBE in Turtle. The serialising itself
is pyoxigraph's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

TEXT_TYPES = ("text/", "application/n-triples", "application/n-quads", "application/trig")


@dataclass(frozen=True)
class Format:
    media_type: str
    writer: ox.QueryResultsFormat | ox.RdfFormat

    @property
    def content_type(self) -> str:
        if self.media_type.startswith(TEXT_TYPES) or self.media_type.endswith(("+xml", "/xml")):
            return f"{self.media_type}; charset=utf-8"
        return self.media_type


R = ox.QueryResultsFormat
G = ox.RdfFormat

# The first entry of each table is the default; a media type may appear under several names.
RESULT_FORMATS: dict[str, Format] = {
    "application/sparql-results+json": Format("application/sparql-results+json", R.JSON),
    "application/json": Format("application/sparql-results+json", R.JSON),
    "application/sparql-results+xml": Format("application/sparql-results+xml", R.XML),
    "application/xml": Format("application/sparql-results+xml", R.XML),
    "text/xml": Format("application/sparql-results+xml", R.XML),
    "text/csv": Format("text/csv", R.CSV),
    "text/tab-separated-values": Format("text/tab-separated-values", R.TSV),
}
GRAPH_FORMATS: dict[str, Format] = {
    "text/turtle": Format("text/turtle", G.TURTLE),
    "application/x-turtle": Format("text/turtle", G.TURTLE),
    "application/n-triples": Format("application/n-triples", G.N_TRIPLES),
    "text/plain": Format("application/n-triples", G.N_TRIPLES),
    "application/ld+json": Format("application/ld+json", G.JSON_LD),
    "application/json": Format("application/ld+json", G.JSON_LD),
    "application/rdf+xml": Format("application/rdf+xml", G.RDF_XML),
    "application/xml": Format("application/rdf+xml", G.RDF_XML),
    "text/xml": Format("application/rdf+xml", G.RDF_XML),
    "application/trig": Format("application/trig", G.TRIG),
    "application/n-quads": Format("application/n-quads", G.N_QUADS),
    "text/n3": Format("text/n3", G.N3),
}

# short names for the `format` parameter, per kind of result
RESULT_NAMES = {"json": "application/json", "xml": "application/xml", "csv": "text/csv",
                "tsv": "text/tab-separated-values", "srj": "application/json", "srx": "application/xml",
                "sparql-results+json": "application/json", "sparql-results+xml": "application/xml"}
GRAPH_NAMES = {"turtle": "text/turtle", "ttl": "text/turtle", "ntriples": "application/n-triples",
               "nt": "application/n-triples", "n-triples": "application/n-triples",
               "jsonld": "application/ld+json", "json-ld": "application/ld+json",
               "json": "application/ld+json",
               "rdfxml": "application/rdf+xml", "rdf": "application/rdf+xml", "xml": "application/rdf+xml",
               "rdf+xml": "application/rdf+xml",
               "trig": "application/trig", "nquads": "application/n-quads", "nq": "application/n-quads",
               "n3": "text/n3"}


class NotAcceptable(ValueError):
    """No format that the client accepts can carry this kind of result."""


def choose(kind: str, accept: str | None, format_params: Sequence[str] = ()) -> Format:
    """The format for a result of `kind` ("solutions", "boolean" or "graph"), from the raw Accept header.

    Several `format` values are allowed, the first known one wins: SPARQLWrapper sends e.g.
    `format=rdf+xml&format=application/rdf+xml`.
    """
    table, names = (GRAPH_FORMATS, GRAPH_NAMES) if kind == "graph" else (RESULT_FORMATS, RESULT_NAMES)
    if any(value.strip() for value in format_params):
        for value in format_params:
            wanted = names.get(value.strip().lower(), value.strip().lower())
            if wanted in table:
                return table[wanted]
        known = ", ".join(sorted(set(names)))
        shown = ", ".join(repr(value) for value in format_params)
        raise NotAcceptable(f"unknown format {shown} for this query; use one of: {known}")
    best = _negotiate(kind, accept or "")
    if best is None:
        offered = ", ".join(sorted({f.media_type for f in table.values()}))
        raise NotAcceptable(f"none of the accepted media types can carry this result; offered: {offered}")
    return table[best]


@lru_cache(maxsize=256)
def _negotiate(kind: str, accept: str) -> str | None:
    """The best media type of the table for an Accept header; cached, as clients send the same few headers."""
    table = GRAPH_FORMATS if kind == "graph" else RESULT_FORMATS
    parsed = parse_accept_header(accept, MIMEAccept)
    if not parsed or not parsed.values():
        return next(iter(table))
    # parameters such as charset=utf-8 do not change which format is meant (werkzeug would compare them)
    parsed = MIMEAccept([(value.split(";")[0].strip(), quality) for value, quality in parsed])
    return parsed.best_match(list(table), default=None)  # ties go to the earlier entry: "*/*" gets the default
