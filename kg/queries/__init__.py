"""Example SPARQL queries shipped with the package (kg/queries/*.rq), for the README, `kg serve` and the UI.

Each file's first line is a comment that gives its title. The queries name no graph: they expect the
default graph to be the union of the article graphs, which is what `GraphStore.query` gives.
"""

from __future__ import annotations

from importlib.resources import files


def example_queries() -> dict[str, tuple[str, str]]:
    """File stem -> (title, query text), sorted by stem."""
    queries = {}
    for resource in sorted(files(__package__).iterdir(), key=lambda r: r.name):
        if resource.name.endswith(".rq"):
            text = resource.read_text(encoding="utf-8")
            first_line = text.splitlines()[0] if text else ""
            title = first_line.lstrip("#").strip() if first_line.startswith("#") else resource.name[:-3]
            queries[resource.name[:-3]] = (title, text)
    return queries
