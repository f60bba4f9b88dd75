"""The embedded on-disk store: pyoxigraph underneath, one named graph per article.

Each article is written in one transaction (its old graph dropped and the new one inserted together), so
a crash leaves every article either complete or absent, and ingesting the same article twice gives the
same triples, not twice as many.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox


class GraphStore:
    """A thin, typed wrapper around `pyoxigraph.Store` that knows about article graphs."""

    def __init__(self, store: ox.Store, path: Path | None = None) -> None:
        self.raw = store
        self.path = path

    @classmethod
    def open(cls, path: str | Path | None = None, read_only: bool = False) -> GraphStore:
        """Open (creating if needed) the store at `path`; `None` gives an in-memory store."""
        if path is None:
            return cls(ox.Store())
        path = Path(path)
        if read_only:
            return cls(ox.Store.read_only(str(path)), path)
        path.mkdir(parents=True, exist_ok=True)
        return cls(ox.Store(str(path)), path)

    def replace_graph(self, graph: ox.NamedNode, quads: Iterable[ox.Quad]) -> int:
        """Atomically replace the contents of `graph` with `quads`; returns the number written."""
        quads = [ox.Quad(q.subject, q.predicate, q.object, graph) for q in quads]
        self.raw.update(f"DROP SILENT GRAPH <{graph.value}>")
        self.raw.extend(quads)
        return len(quads)

    def query(self, sparql: str, **kwargs):  # noqa: ANN201 - pyoxigraph's result types
        return self.raw.query(sparql, **kwargs)

    def update(self, sparql: str) -> None:
        self.raw.update(sparql)

    def named_graphs(self) -> list[ox.NamedNode]:
        return [g for g in self.raw.named_graphs() if isinstance(g, ox.NamedNode)]

    def flush(self) -> None:
        self.raw.flush()

    def __len__(self) -> int:
        return len(self.raw)
