"""Graph export: the store's events as files for Gephi, yEd, Cytoscape, Graphviz, D3, pandas and RDF tools.

    export(store, "gexf", filters, view="actors")  -> bytes of the file
    project(store, filters)                        -> Projection (events, actors, articles as records)
    build_view(projection, "actors" | "events")    -> networkx.MultiDiGraph with flat, typed attributes
    parse_filters(since=, until=, types=, actor=, article=) -> Filters  (FilterError on bad input)

One projection (kg.export.projection) feeds every writer; see docs/export.md for the formats and views.
"""

from __future__ import annotations

from kg.export.filters import FilterError, Filters, parse_filters
from kg.export.formats import FORMATS, Format, format_for_path, get_format
from kg.export.projection import Projection, project
from kg.export.views import VIEWS, build_view
from kg.store import GraphStore

__all__ = ["FORMATS", "VIEWS", "FilterError", "Filters", "Format", "Projection", "build_view", "export",
           "format_for_path", "get_format", "parse_filters", "project"]


def export(store: GraphStore, format_name: str, filters: Filters | None = None, view: str = "actors") -> bytes:
    """The store (or the part `filters` select) as a file in format `format_name`.

    Raises ValueError for an unknown format or view and FilterError for a filter naming nothing in the store.
    """
    chosen = get_format(format_name)
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}; choose one of {', '.join(VIEWS)}")
    filters = filters or Filters()
    if chosen.kind == "rdf":
        from kg.export.rdf import write_rdf

        projection = None if filters.is_empty() else project(store, filters)
        return write_rdf(store, chosen.name, projection)
    projection = project(store, filters)
    if chosen.kind == "table":
        from kg.export.table import write_csv, write_parquet

        return write_csv(projection) if chosen.name == "csv" else write_parquet(projection)
    return _graph_writer(chosen.name)(build_view(projection, view))


def _graph_writer(name: str):  # noqa: ANN202 - a writer: MultiDiGraph -> bytes
    from kg.export import cytoscape, d3, dot, gexf, graphml

    return {"gexf": gexf.write_gexf, "graphml": graphml.write_graphml, "cytoscape": cytoscape.write_cytoscape,
            "dot": dot.write_dot, "d3": d3.write_d3}[name]
