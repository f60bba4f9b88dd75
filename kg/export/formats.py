"""The export formats by name: file extension, media type, and which writer makes them.

Three kinds: `graph` formats write one of the two views (kg.export.views), `table` formats the events
table, `rdf` formats the RDF itself.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    name: str
    kind: str  # graph, table or rdf
    extension: str
    media_type: str
    description: str


FORMATS = {f.name: f for f in (
    Format("gexf", "graph", "gexf", "application/gexf+xml", "GEXF 1.3 (Gephi)"),
    Format("graphml", "graph", "graphml", "application/graphml+xml", "GraphML (yEd, Cytoscape desktop)"),
    Format("cytoscape", "graph", "cyjs", "application/json", "cytoscape.js JSON (Cytoscape desktop: .cyjs)"),
    Format("dot", "graph", "dot", "text/vnd.graphviz", "Graphviz DOT"),
    Format("d3", "graph", "json", "application/json", "D3 node-link JSON"),
    Format("csv", "table", "csv", "text/csv", "events table, CSV"),
    Format("parquet", "table", "parquet", "application/vnd.apache.parquet", "events table, Parquet"),
    Format("turtle", "rdf", "ttl", "text/turtle", "RDF Turtle (union of the article graphs)"),
    Format("trig", "rdf", "trig", "application/trig", "RDF TriG (one graph per article)"),
    Format("nquads", "rdf", "nq", "application/n-quads", "RDF N-Quads (one graph per article)"),
    Format("jsonld", "rdf", "jsonld", "application/ld+json", "JSON-LD"),
)}
ALIASES = {"cyjs": "cytoscape", "ttl": "turtle", "nq": "nquads", "json-ld": "jsonld", "n-quads": "nquads",
           "gv": "dot", "json": "d3"}


def get_format(name: str) -> Format:
    """The format called `name` (or a common alias of it); ValueError lists the known names."""
    key = name.strip().lower()
    key = ALIASES.get(key, key)
    if key not in FORMATS:
        raise ValueError(f"unknown export format {name!r}; choose one of {', '.join(FORMATS)}")
    return FORMATS[key]


def format_for_path(path: str) -> Format | None:
    """The format a file name's extension suggests (out.gexf -> gexf), if any."""
    suffix = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    by_extension = {f.extension: f for f in FORMATS.values() if f.name != "d3"}
    return by_extension.get(suffix) or (FORMATS[ALIASES[suffix]] if suffix in ALIASES else None)
