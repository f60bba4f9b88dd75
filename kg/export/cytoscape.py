"""cytoscape.js JSON (`cy.json()`'s shape), which Cytoscape desktop also imports as a .cyjs file."""

from __future__ import annotations

import json
from typing import Any

import networkx as nx


def cytoscape_elements(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """{"data": ..., "elements": {"nodes": [{"data": ...}], "edges": [{"data": ...}]}}."""
    nodes = [{"data": {**data, "id": node}} for node, data in graph.nodes(data=True)]
    edges = [{"data": {**data, "id": str(key), "source": source, "target": target}}
             for source, target, key, data in graph.edges(keys=True, data=True)]
    return {"format_version": "1.0", "generated_by": "kg", "target_cytoscapejs_version": "~3",
            "data": {"name": graph.graph.get("name", "kg")}, "elements": {"nodes": nodes, "edges": edges}}


def write_cytoscape(graph: nx.MultiDiGraph) -> bytes:
    return json.dumps(cytoscape_elements(graph), ensure_ascii=False, indent=1).encode("utf-8")
