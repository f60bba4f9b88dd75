"""The RDF formats (Turtle, TriG, N-Quads, JSON-LD), serialised by pyoxigraph from the store's quads.

Without filters this is the whole store. With filters it is what the chosen events reach: the events
themselves and every node reachable from them through IRIs (evidence, time intervals, actors with their
mentions and offices, articles), in the article graphs those statements live in. Turtle has no graphs:
it holds the union of the article graphs.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from kg.export.projection import Projection
from kg.store import PREFIXES, GraphStore

RDF_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS,
               "jsonld": ox.RdfFormat.JSON_LD}


def write_rdf(store: GraphStore, rdf_format: str, projection: Projection | None = None) -> bytes:
    """The store's quads (or those the projection's events reach) in `rdf_format`, a key of RDF_FORMATS."""
    target = RDF_FORMATS[rdf_format]
    quads = list(store.raw) if projection is None else reachable_quads(store, [e.iri for e in projection.events])
    statements: Iterable[ox.Quad | ox.Triple] = quads
    if not target.supports_datasets:
        statements = list(dict.fromkeys(quad.triple for quad in quads))
    prefixes = PREFIXES if target in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    return ox.serialize(statements, format=target, prefixes=prefixes)


def reachable_quads(store: GraphStore, events: list[str]) -> list[ox.Quad]:
    """Quads whose subject is one of `events` or reachable from them (other events are not followed)."""
    event_class = ox.NamedNode(PREFIXES["kgo"] + "Event")
    rdf_type = ox.NamedNode(PREFIXES["rdf"] + "type")
    chosen = {ox.NamedNode(iri) for iri in events}
    seen: set[ox.NamedNode | ox.BlankNode] = set(chosen)
    todo = list(chosen)
    quads: list[ox.Quad] = []
    while todo:
        subject = todo.pop()
        for quad in store.raw.quads_for_pattern(subject, None, None, None):
            quads.append(quad)
            node = quad.object
            if isinstance(node, ox.NamedNode | ox.BlankNode) and node not in seen and quad.predicate != rdf_type:
                seen.add(node)
                is_other_event = node not in chosen and any(
                    store.raw.quads_for_pattern(node, rdf_type, event_class, None))
                if not is_other_event:
                    todo.append(node)
    return quads
