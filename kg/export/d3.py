"""D3's node-link JSON ({"nodes": [...], "links": [...]}, as d3-force expects), by networkx."""

from __future__ import annotations

import json

import networkx as nx


def write_d3(graph: nx.MultiDiGraph) -> bytes:
    data = nx.node_link_data(graph, edges="links")
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
