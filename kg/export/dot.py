"""Graphviz DOT, written here because IRIs are not DOT ids (`http:` would read as a port).

Nodes get synthetic ids (n0, n1, ...) in a stable order; the IRI and every attribute ride along as quoted
attributes, so `dot`, `neato` or `sfdp` can lay the graph out and the data is still there.
"""

from __future__ import annotations

import networkx as nx

from kg.export.ids import with_synthetic_ids

GRAPH_STYLE = {"rankdir": "LR", "overlap": "false", "splines": "true"}
NODE_STYLE = {"shape": "box", "style": "rounded", "fontname": "Helvetica"}
EDGE_STYLE = {"fontname": "Helvetica", "fontsize": "10"}


def write_dot(graph: nx.MultiDiGraph) -> bytes:
    graph = with_synthetic_ids(graph)
    lines = [f"digraph {quote(graph.graph.get('name', 'kg'))} {{",
             f"  graph {_attributes(GRAPH_STYLE)};",
             f"  node {_attributes(NODE_STYLE)};",
             f"  edge {_attributes(EDGE_STYLE)};"]
    for node, data in graph.nodes(data=True):
        lines.append(f"  {node} {_attributes(data)};")
    for source, target, data in graph.edges(data=True):
        attributes = dict(data)
        if attributes.get("directed") is False:
            attributes["dir"] = "none"
        lines.append(f"  {source} -> {target} {_attributes(attributes)};")
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def quote(value: object) -> str:
    """A DOT double-quoted string: backslashes and quotes escaped, line breaks as DOT's centred \\n."""
    text = str(value).lower() if isinstance(value, bool) else str(value)
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\r\n", "\n").replace("\n", "\\n")
    return f'"{text}"'


def _attributes(attributes: dict[str, object]) -> str:
    return "[" + ", ".join(f"{name}={quote(value)}" for name, value in attributes.items()) + "]"
