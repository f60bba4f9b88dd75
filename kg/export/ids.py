"""Synthetic node and edge ids for formats whose ids cannot be IRIs.

GraphML ids are XML NMTOKENs (no '/'), DOT ids are C-like names; both get n0, n1, ... and e0, e1, ... in a
stable order, while every node keeps its IRI in the `iri` attribute.
"""

from __future__ import annotations

import networkx as nx


def with_synthetic_ids(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    ids = {node: f"n{index}" for index, node in enumerate(graph.nodes)}
    copy = nx.MultiDiGraph(**graph.graph)
    for node, data in graph.nodes(data=True):
        copy.add_node(ids[node], **{"iri": node, **data})
    for index, (source, target, data) in enumerate(graph.edges(data=True)):
        copy.add_edge(ids[source], ids[target], key=f"e{index}", **data)
    return copy
