"""Evaluating one query under the operator's row cap and serialising its result with pyoxigraph.

pyoxigraph evaluates lazily while it serialises, writing to the file object it is given; our `_Sink`
counts rows as they arrive (one line per row in TSV and N-Triples), so a query stops as soon as it crosses
the row cap. The time limit is not enforced here (pyoxigraph cannot be interrupted from Python) but by
ending what runs `evaluate` at the deadline: the server's worker (kg/serve/query_watchdog.py) or a query
process (kg/serve/query_processes.py).
"""

from __future__ import annotations

import io
import time
from dataclasses import dataclass

import pyoxigraph as ox

from kg.serve import formats
from kg.serve.protocol import QueryRequest


@dataclass(frozen=True)
class QuerySettings:
    """The operator's limits and the defaults every query gets."""

    timeout: float | None = None  # seconds
    max_rows: int | None = None
    union_default_graph: bool = True
    union_view: bool = False  # the store queried holds the union in its default graph (kg/serve/dataset.py)
    prefixes: dict[str, str] | None = None  # predeclared, so a query may use kgo: etc. without PREFIX lines


@dataclass(frozen=True)
class Answer:
    body: bytes
    content_type: str


class QueryTimeout(Exception):
    pass


class TooManyRows(Exception):
    pass


class _Sink(io.RawIOBase):
    """A write target that counts lines and gives up when the row cap or a deadline is crossed."""

    def __init__(self, max_lines: int | None, deadline: float | None = None) -> None:
        self.buffer = io.BytesIO()
        self.lines = 0
        self.max_lines = max_lines
        self.deadline = deadline

    def writable(self) -> bool:
        return True

    def write(self, chunk: bytes) -> int:  # type: ignore[override]
        if self.max_lines is not None:
            self.lines += chunk.count(b"\n")
            if self.lines > self.max_lines:
                raise TooManyRows
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise QueryTimeout
        return self.buffer.write(chunk)


def evaluate(store: ox.Store, request: QueryRequest, accept: str | None, settings: QuerySettings,
             deadline: float | None = None) -> Answer:
    """Evaluate and serialise; raises SyntaxError, formats.NotAcceptable, TooManyRows, ValueError, and
    QueryTimeout if `deadline` (time.monotonic) passes while rows are written (a soft limit, for stores
    that live in the server process and so cannot be handed to a query process)."""
    try:
        return _evaluate(store, request, accept, settings, deadline)
    except QueryTimeout:
        raise QueryTimeout(timeout_message(settings.timeout)) from None


def timeout_message(timeout: float | None) -> str:
    return f"the query ran longer than the server's limit of {timeout or 0:g} s"


def _evaluate(store: ox.Store, request: QueryRequest, accept: str | None, settings: QuerySettings,
              deadline: float | None) -> Answer:
    results = store.query(request.query, base_iri=request.base_iri, prefixes=settings.prefixes,
                          **_dataset(request, settings))
    if isinstance(results, ox.QueryBoolean):
        chosen = formats.choose("boolean", accept, request.formats)
        return Answer(results.serialize(format=chosen.writer), chosen.content_type)
    kind = "graph" if isinstance(results, ox.QueryTriples) else "solutions"
    chosen = formats.choose(kind, accept, request.formats)
    if settings.max_rows is None:
        sink = _Sink(None, deadline)
        results.serialize(sink, chosen.writer)
        return Answer(sink.buffer.getvalue(), chosen.content_type)
    body = _capped(results, kind, chosen, settings.max_rows, deadline)
    return Answer(body, chosen.content_type)


def _capped(results: ox.QuerySolutions | ox.QueryTriples, kind: str, chosen: formats.Format,
            max_rows: int, deadline: float | None) -> bytes:
    """Serialise through a line-per-row format to count rows, then into the chosen format if it differs."""
    if kind == "graph":
        lines = formats.G.N_TRIPLES
        sink = _Sink(max_rows, deadline)
        _serialise(results, sink, lines, max_rows)
        if chosen.writer == lines:
            return sink.buffer.getvalue()
        triples = ox.parse(sink.buffer.getvalue(), format=lines)
        return ox.serialize(triples, format=chosen.writer)
    lines = formats.R.TSV
    sink = _Sink(max_rows + 1, deadline)  # the header line
    _serialise(results, sink, lines, max_rows)
    if chosen.writer == lines:
        return sink.buffer.getvalue()
    return ox.parse_query_results(sink.buffer.getvalue(), format=lines).serialize(format=chosen.writer)


def _serialise(results, sink: _Sink, writer, max_rows: int) -> None:  # noqa: ANN001 - pyoxigraph types
    try:
        results.serialize(sink, writer)
    except TooManyRows:
        raise TooManyRows(
            f"the result has more than the server's limit of {max_rows} rows; add a LIMIT or narrow the query"
        ) from None


def store_prefixes() -> dict[str, str] | None:
    """The prefixes `GraphStore.query` predeclares, so a query means the same here as in the library."""
    from kg import store

    prefixes = getattr(store, "PREFIXES", None)
    return {name: str(iri) for name, iri in prefixes.items()} if prefixes else None


def _dataset(request: QueryRequest, settings: QuerySettings) -> dict:
    """The protocol's dataset replaces the query's own; without one, the default graph is the union."""
    if request.has_dataset:
        return {
            "default_graph": [ox.NamedNode(iri) for iri in request.default_graphs],
            "named_graphs": [ox.NamedNode(iri) for iri in request.named_graphs],
        }
    if settings.union_default_graph and not settings.union_view:
        return {"use_default_graph_as_union": True}
    return {}
