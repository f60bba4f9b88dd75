"""GraphML (yEd, Cytoscape desktop, igraph, Gephi), written by networkx with typed <key>s.

GraphML ids must be XML NMTOKENs, which IRIs are not, so nodes and edges get synthetic ids (n0, e0) and
each node keeps its IRI in the `iri` attribute.
"""

from __future__ import annotations

import io

import networkx as nx

from kg.export.ids import with_synthetic_ids


def write_graphml(graph: nx.MultiDiGraph) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(with_synthetic_ids(graph), buffer, encoding="utf-8")
    return buffer.getvalue()
