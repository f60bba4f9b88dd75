"""The embedded on-disk store: pyoxigraph underneath, one named graph per article.

Each article is written in one transaction: a single SPARQL update drops its old graph and inserts the new
one (or, for graphs the store does not hold yet, `put_graphs` adds several whole graphs in one transaction),
and pyoxigraph applies either entirely or not at all. A crash therefore leaves every article either
as it was or as it is now, never half-written and never both; ingesting the same article twice gives the
same triples, not twice as many.

Concurrency: an on-disk store has ONE writer. A second `GraphStore.open(path)` while another process holds
the store fails (the database is locked). `GraphStore.open(path, read_only=True)` opens without the lock, but
reading while another process writes is undefined behaviour in pyoxigraph (it may see stale or inconsistent
data, or fail): stop the writer first, or serve queries from the writing process itself.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

if TYPE_CHECKING:
    from kg.model import Extraction

KGO = "https://w3id.org/kg-news/ontology#"
PREFIXES = {
    "kgo": KGO,
    "kgr": "https://w3id.org/kg-news/id/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "time": "http://www.w3.org/2006/time#",
    "wd": "http://www.wikidata.org/entity/",
}
_DATASET_SELECTION = ("use_default_graph_as_union", "default_graph", "named_graphs")
_LOCK_POLL_SECONDS = 0.1


class StoreError(OSError):
    """The store cannot be opened, read or written; the message says why (and keeps pyoxigraph's own).

    An OSError, like pyoxigraph's own open failures, so callers that wait for a locked store
    (`"lock" in str(error)`) keep working.
    """


class GraphStore:
    """A thin, typed wrapper around `pyoxigraph.Store` that knows about article graphs."""

    def __init__(self, store: ox.Store, path: Path | None = None, read_only: bool = False) -> None:
        self.raw = store
        self.path = path
        self.read_only = read_only

    @classmethod
    def open(cls, path: str | Path | None = None, read_only: bool = False, wait: float = 0.0) -> GraphStore:
        """Open (creating if needed) the store at `path`; `None` gives an in-memory store.

        `read_only=True` needs an existing store and must not be used while another process writes to it.
        `wait` seconds: while another process holds the store (a server taking a snapshot opens it for a few
        milliseconds), keep trying that long before giving up.
        """
        deadline = time.monotonic() + wait
        while True:
            try:
                return cls._open_once(path, read_only)
            except StoreError as error:
                if not _is_lock_error(error) or time.monotonic() >= deadline:
                    raise
                time.sleep(_LOCK_POLL_SECONDS)

    @classmethod
    def _open_once(cls, path: str | Path | None, read_only: bool) -> GraphStore:
        if path is None:
            return cls(ox.Store())
        path = Path(path)
        if path.exists() and not path.is_dir():
            raise StoreError(f"{path} is a file, not a store directory")
        try:
            if read_only:
                if not path.is_dir():
                    raise StoreError(f"no store at {path}")
                return cls(ox.Store.read_only(str(path)), path, read_only=True)
            path.mkdir(parents=True, exist_ok=True)
            return cls(ox.Store(str(path)), path)
        except OSError as error:
            raise StoreError(
                f"cannot open the store at {path}: {error} (is another process writing to it?)"
            ) from None

    # --- writing ---------------------------------------------------------------------------------------

    def replace_graph(self, graph: ox.NamedNode | str, quads: Iterable[ox.Quad | ox.Triple]) -> int:
        """Atomically replace the contents of `graph` with `quads` (their own graph names are ignored).

        Returns the number of distinct triples written.
        """
        return self.replace_graph_ntriples(graph, (f"{q.subject} {q.predicate} {q.object} ." for q in quads))

    def replace_graph_ntriples(self, graph: ox.NamedNode | str, lines: Iterable[str]) -> int:
        """`replace_graph` for triples already written as N-Triples lines (what batch workers send back)."""
        name = graph if isinstance(graph, ox.NamedNode) else ox.NamedNode(graph)
        triples = dict.fromkeys(lines)
        body = "\n".join(triples)
        self.update(f"DROP SILENT GRAPH {name} ;\nINSERT DATA {{ GRAPH {name} {{\n{body}\n}} }}")
        return len(triples)

    def put_graphs(self, graphs: Sequence[tuple[str, Iterable[ox.Quad]]]) -> list[int]:
        """Replace several graphs at once, each whole or not at all; returns each one's number of triples.

        Graphs the store does not hold yet (every article of a fresh build) are added together in one
        transaction, which is much cheaper than one SPARQL update per graph (no N-Triples to write and
        parse, one commit); a graph that already exists is replaced by its own DROP + INSERT update. Either
        way a crash leaves each graph as it was or as it is now. The quads' own graph names are ignored.
        """
        if self.read_only:
            raise StoreError(f"the store at {self.path} is open read-only")
        fresh: list[ox.Quad] = []
        fresh_names: set[ox.NamedNode] = set()
        counts = []
        for graph, quads in graphs:
            name = ox.NamedNode(graph)
            distinct = list(dict.fromkeys(_in_graph(q, name) for q in quads))
            counts.append(len(distinct))
            if name in fresh_names:  # the same graph twice: the later one wins, as with two calls
                self._add(fresh)
                fresh, fresh_names = [], set()
            if self.raw.contains_named_graph(name):
                self.replace_graph(name, distinct)
            else:
                fresh += distinct
                fresh_names.add(name)
        self._add(fresh)
        return counts

    def _add(self, quads: list[ox.Quad]) -> None:
        """Add quads in one transaction."""
        if not quads:
            return
        try:
            self.raw.extend(quads)
        except (OSError, RuntimeError) as error:
            raise StoreError(f"the write failed (nothing was written): {error}") from None

    def put_extraction(self, extraction: Extraction) -> int:
        """Write (or rewrite) the article's named graph; returns its number of triples.

        Raises `kg.rdf.ExtractionError` (a ValueError) when the extraction cannot be written as RDF.
        """
        from kg.rdf import article_graph_iri, extraction_to_quads

        quads = extraction_to_quads(extraction)
        return self.replace_graph(article_graph_iri(extraction.document.id), quads)

    def remove_article(self, doc_id: str) -> bool:
        """Drop the article's graph; False if there was none."""
        from kg.rdf import article_graph_iri

        graph = ox.NamedNode(article_graph_iri(doc_id))
        if not self.raw.contains_named_graph(graph):
            return False
        self.update(f"DROP GRAPH {graph}")
        return True

    def update(self, sparql: str) -> None:
        """Run a SPARQL update, all of it or nothing."""
        if self.read_only:
            raise StoreError(f"the store at {self.path} is open read-only")
        try:
            self.raw.update(sparql)
        except SyntaxError as error:
            raise StoreError(f"invalid SPARQL update: {error}") from None
        except (OSError, RuntimeError) as error:
            raise StoreError(f"the update failed (nothing was written): {error}") from None

    def load(self, path: str | Path, graph: str | None = None) -> None:
        """Load an RDF file in one transaction, its format from the extension (.nq, .trig, .ttl, .nt, ...).

        Triple formats go into `graph` if given, else into the default graph.
        """
        path = Path(path)
        rdf_format = _format_of(path)
        to_graph = ox.NamedNode(graph) if graph else None
        if self.read_only:
            raise StoreError(f"the store at {self.path} is open read-only")
        try:
            self.raw.load(path=str(path), format=rdf_format, to_graph=to_graph)
        except (OSError, SyntaxError, ValueError) as error:
            raise StoreError(f"cannot load {path}: {error}") from None

    # --- reading ---------------------------------------------------------------------------------------

    def query(self, sparql: str, **kwargs):  # noqa: ANN201 - pyoxigraph's result types
        """Run a SPARQL query; pyoxigraph's keyword arguments pass through.

        Unless told otherwise (use_default_graph_as_union, default_graph or named_graphs), the default
        graph is the union of all graphs, since every article lives in a named graph of its own. The
        prefixes in `PREFIXES` are predeclared (a query's own PREFIX lines take precedence).

        Caveat: pyoxigraph 0.5 returns a triple of that union once per graph that holds it (oxigraph issue
        1919, fixed in 0.6), so a label two articles both state comes back twice. Use DISTINCT here, or
        `kg.serve.dataset.ServedStore.open(path, union_view=True)` (what `kg query` and `kg serve` do).
        """
        if not any(key in kwargs for key in _DATASET_SELECTION):
            kwargs["use_default_graph_as_union"] = True
        kwargs.setdefault("prefixes", PREFIXES)
        try:
            return self.raw.query(sparql, **kwargs)
        except SyntaxError as error:
            raise StoreError(f"invalid SPARQL query: {error}") from None
        except (OSError, RuntimeError) as error:
            raise StoreError(f"the query failed: {error}") from None

    def article_hash(self, doc_id: str) -> str | None:
        """The stored kgo:contentHash of the article, so a batch can skip articles that did not change."""
        from kg.rdf import article_graph_iri, article_iri

        graph = ox.NamedNode(article_graph_iri(doc_id))
        subject = ox.NamedNode(str(article_iri(doc_id)))
        predicate = ox.NamedNode(KGO + "contentHash")
        for quad in self.raw.quads_for_pattern(subject, predicate, None, graph):
            return quad.object.value
        return None

    def article_hashes(self) -> dict[str, str]:
        """Every stored kgo:contentHash by the IRI of the graph that holds it, read in one pass.

        A batch looks articles up here instead of asking the store once per article.
        """
        predicate = ox.NamedNode(KGO + "contentHash")
        return {
            quad.graph_name.value: quad.object.value
            for quad in self.raw.quads_for_pattern(None, predicate, None, None)
            if isinstance(quad.graph_name, ox.NamedNode)
        }

    def named_graphs(self) -> list[ox.NamedNode]:
        return [g for g in self.raw.named_graphs() if isinstance(g, ox.NamedNode)]

    def graph_triples(self, graph: ox.NamedNode | str) -> Iterator[ox.Triple]:
        """The triples of one named graph, streamed from the store."""
        name = graph if isinstance(graph, ox.NamedNode) else ox.NamedNode(graph)
        for quad in self.raw.quads_for_pattern(None, None, None, name):
            yield quad.triple

    def graph_size(self, graph: ox.NamedNode | str) -> int:
        """The number of triples in one named graph (0 if there is none)."""
        return sum(1 for _ in self.graph_triples(graph))

    def default_graph_size(self) -> int:
        return sum(1 for _ in self.raw.quads_for_pattern(None, None, None, ox.DefaultGraph()))

    def dump(self, path: str | Path) -> None:
        """Write every graph to `path` in a dataset format chosen by the extension (.nq or .trig)."""
        path = Path(path)
        rdf_format = _format_of(path)
        if not rdf_format.supports_datasets:
            raise StoreError(
                f"{path.suffix} holds one graph only; dump to .nq or .trig to keep the article graphs"
            )
        try:
            self.raw.dump(str(path), rdf_format)
        except OSError as error:
            raise StoreError(f"cannot write {path}: {error}") from None

    def flush(self) -> None:
        if not self.read_only:
            self.raw.flush()

    def __len__(self) -> int:
        return len(self.raw)

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.flush()


def _in_graph(quad: ox.Quad, name: ox.NamedNode) -> ox.Quad:
    return quad if quad.graph_name == name else ox.Quad(quad.subject, quad.predicate, quad.object, name)


def _is_lock_error(error: OSError) -> bool:
    return "lock" in str(error).lower()


def _format_of(path: Path) -> ox.RdfFormat:
    rdf_format = ox.RdfFormat.from_extension(path.suffix.lstrip("."))
    if rdf_format is None:
        raise StoreError(
            f"unknown RDF file extension {path.suffix!r} (use .nq, .trig, .ttl, .nt, .rdf or .jsonld)"
        )
    return rdf_format
