"""Running a query under the operator's limits and serialising its result with pyoxigraph.

QuerySettings: a row cap and a time limit. pyoxigraph evaluates lazily while it serialises, writing to the
file object it is given; our `_Sink` counts rows as they arrive (one line per row in TSV and N-Triples)
and checks the clock, so a query stops early when it crosses either limit. The query runs in its own
thread so that the request can answer "timed out" even while pyoxigraph is busy before its first row
(a big GROUP BY); such a thread finishes its current step in the background and is then dropped.
"""

from __future__ import annotations

import io
import threading
import time
from dataclasses import dataclass

import pyoxigraph as ox
from werkzeug.datastructures import MIMEAccept

from kg.serve import formats
from kg.serve.protocol import QueryRequest
from kg.store import GraphStore


@dataclass(frozen=True)
class QuerySettings:
    """The operator's limits and the defaults every query gets."""

    timeout: float | None = None  # seconds
    max_rows: int | None = None
    union_default_graph: bool = True
    prefixes: dict[str, str] | None = None  # predeclared, so a query may use kgo: etc. without PREFIX lines


@dataclass(frozen=True)
class Answer:
    body: bytes
    format: formats.Format


class QueryTimeout(Exception):
    pass


class TooManyRows(Exception):
    pass


class _Cancelled(Exception):
    """Raised inside the sink to stop pyoxigraph's serialiser."""


class _Sink(io.RawIOBase):
    """A write target that counts lines and gives up when a limit is crossed."""

    def __init__(self, max_lines: int | None, deadline: float | None, cancel: threading.Event) -> None:
        self.buffer = io.BytesIO()
        self.lines = 0
        self.max_lines = max_lines
        self.deadline = deadline
        self.cancel = cancel

    def writable(self) -> bool:
        return True

    def write(self, chunk: bytes) -> int:  # type: ignore[override]
        if self.max_lines is not None:
            self.lines += chunk.count(b"\n")
            if self.lines > self.max_lines:
                raise TooManyRows
        if self.cancel.is_set() or (self.deadline is not None and time.monotonic() > self.deadline):
            raise _Cancelled
        return self.buffer.write(chunk)


def run_query(store: GraphStore, request: QueryRequest, accept: MIMEAccept,
              settings: QuerySettings) -> Answer:
    """Evaluate and serialise; raises SyntaxError, formats.NotAcceptable, QueryTimeout or TooManyRows."""
    if settings.timeout is None:
        return _evaluate(store.raw, request, accept, settings, None, threading.Event())
    outcome: dict[str, object] = {}
    cancel = threading.Event()
    deadline = time.monotonic() + settings.timeout

    def work() -> None:
        try:
            outcome["answer"] = _evaluate(store.raw, request, accept, settings, deadline, cancel)
        except BaseException as error:  # handed to the request thread
            # pyoxigraph's result objects must die on the thread that made them: drop the frames holding them
            error.__traceback__ = error.__context__ = error.__cause__ = None
            outcome["error"] = error

    worker = threading.Thread(target=work, name="kg-query", daemon=True)
    worker.start()
    worker.join(settings.timeout)
    if worker.is_alive() or isinstance(outcome.get("error"), _Cancelled):
        cancel.set()
        raise QueryTimeout(f"the query ran longer than the server's limit of {settings.timeout:g} s")
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["answer"]  # type: ignore[return-value]


def _evaluate(store: ox.Store, request: QueryRequest, accept: MIMEAccept, settings: QuerySettings,
              deadline: float | None, cancel: threading.Event) -> Answer:
    results = store.query(request.query, base_iri=request.base_iri, prefixes=settings.prefixes,
                          **_dataset(request, settings))
    if isinstance(results, ox.QueryBoolean):
        chosen = formats.choose("boolean", accept, request.formats)
        return Answer(results.serialize(format=chosen.writer), chosen)
    kind = "graph" if isinstance(results, ox.QueryTriples) else "solutions"
    chosen = formats.choose(kind, accept, request.formats)
    if settings.max_rows is None:
        sink = _Sink(None, deadline, cancel)
        results.serialize(sink, chosen.writer)
        return Answer(sink.buffer.getvalue(), chosen)
    return Answer(_capped(results, kind, chosen, settings.max_rows, deadline, cancel), chosen)


def _capped(results: ox.QuerySolutions | ox.QueryTriples, kind: str, chosen: formats.Format,
            max_rows: int, deadline: float | None, cancel: threading.Event) -> bytes:
    """Serialise through a line-per-row format to count rows, then into the chosen format if it differs."""
    if kind == "graph":
        lines = formats.G.N_TRIPLES
        sink = _Sink(max_rows, deadline, cancel)
        _serialise(results, sink, lines, max_rows)
        if chosen.writer == lines:
            return sink.buffer.getvalue()
        triples = ox.parse(sink.buffer.getvalue(), format=lines)
        return ox.serialize(triples, format=chosen.writer)
    lines = formats.R.TSV
    sink = _Sink(max_rows + 1, deadline, cancel)  # the header line
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
    return {"use_default_graph_as_union": settings.union_default_graph}
