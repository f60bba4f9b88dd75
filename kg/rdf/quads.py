"""rdflib terms -> pyoxigraph quads, for the store's fast path.

Every literal the builder makes carries its lexical form, so conversion copies strings; named nodes are
cached because a few predicates and classes make up most of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.rdf.build import Triple


@lru_cache(maxsize=4096)
def named_node(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def term(node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(node, URIRef):
        return named_node(str(node))
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        if node.datatype:
            return ox.Literal(str(node), datatype=named_node(str(node.datatype)))
        return ox.Literal(str(node))
    if isinstance(node, BNode):
        return ox.BlankNode(str(node))
    raise TypeError(f"cannot convert {node!r} to a pyoxigraph term")


def to_quads(triples: Iterable[Triple], graph: str) -> list[ox.Quad]:
    graph_name = ox.NamedNode(graph)
    return [ox.Quad(term(s), term(p), term(o), graph_name) for s, p, o in triples]
