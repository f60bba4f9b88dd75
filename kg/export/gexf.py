"""GEXF 1.3, Gephi's own format, written by networkx: node ids are the IRIs, attributes typed and flat.

Two repairs to what networkx 3.x writes, so the file validates against the GEXF 1.3 schema: the root's
xsi:schemaLocation is put in the real XML Schema instance namespace (networkx drops the "www."), and the
graph element gets no `name` attribute, which GEXF does not have.
"""

from __future__ import annotations

import io
import re

import networkx as nx

GEXF_VERSION = "1.3"
WRONG_XSI = b'xmlns:xsi="http://w3.org/2001/XMLSchema-instance"'
XSI = b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
GRAPH_NAME = re.compile(rb'(<graph\b[^>]*?) name="[^"]*"')


def write_gexf(graph: nx.MultiDiGraph) -> bytes:
    buffer = io.BytesIO()
    nx.write_gexf(_prepared(graph), buffer, version=GEXF_VERSION)
    data = buffer.getvalue().replace(WRONG_XSI, XSI, 1)
    return GRAPH_NAME.sub(rb"\1", data, count=1)


def _prepared(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy without graph attributes whose edges carry their key as GEXF edge id."""
    copy = graph.copy()
    copy.graph.clear()
    for _, _, key, data in copy.edges(keys=True, data=True):
        data["id"] = str(key)
    return copy
