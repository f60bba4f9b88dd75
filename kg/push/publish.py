"""The local store -> a remote triple store, one named graph at a time, each replacing its remote copy."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

import httpx

from kg.push.remote import PushError, RemoteStore, Target
from kg.store import GraphStore

CHUNK_TRIPLES = 10_000


@dataclass
class PushReport:
    endpoint: str
    protocol: str | None = None
    graphs: int = 0
    triples: int = 0
    requests: int = 0
    seconds: float = 0.0
    failed: list[str] = field(default_factory=list)  # one line per graph that could not be pushed
    default_graph_triples: int = 0  # left out: pushing them could not replace, only add

    def summary(self) -> str:
        left_out = (f"; {self.default_graph_triples} triples of the default graph left out"
                    if self.default_graph_triples else "")
        return (f"{self.graphs} graphs ({self.triples} triples) pushed to {self.endpoint} with "
                f"{_protocol_name(self.protocol)} in {self.requests} requests, {self.seconds:.1f} s; "
                f"{len(self.failed)} failed{left_out}")

    def to_json(self) -> dict[str, Any]:
        return {"command": "kg push", "endpoint": self.endpoint, "protocol": self.protocol, "graphs": self.graphs,
                "triples": self.triples, "requests": self.requests, "seconds": round(self.seconds, 3),
                "failed": self.failed, "default_graph_triples": self.default_graph_triples}


def push_store(store: GraphStore, target: Target, chunk_triples: int = CHUNK_TRIPLES,
               graphs: Iterable[str] | None = None, on_graph: Callable[[], object] | None = None,
               transport: httpx.BaseTransport | None = None) -> PushReport:
    """Push every named graph of `store` (or only `graphs`) to `target`; `on_graph()` is called after each.

    A graph the remote refuses is listed in `report.failed` and the push goes on, unless no graph has got
    through yet: then PushError is raised (the address, the protocol or the credentials are wrong).
    """
    started = time.monotonic()
    remote = RemoteStore(target, transport)
    report = PushReport(target.endpoint, default_graph_triples=store.default_graph_size())
    names = list(graphs) if graphs is not None else [g.value for g in store.named_graphs()]
    try:
        for name in names:
            chunks = list(_chunks(_ntriples(store, name), chunk_triples))
            if not chunks:
                continue
            try:
                remote.replace_graph(name, chunks)
            except PushError as error:
                if report.graphs == 0:
                    raise  # nothing got through: a wrong address or credentials, not one bad graph
                report.failed.append(str(error))
            else:
                report.graphs += 1
                report.triples += sum(len(c) for c in chunks)
            if on_graph:
                on_graph()
    finally:
        report.protocol = remote.protocol
        report.requests = remote.requests
        report.seconds = time.monotonic() - started
        remote.close()
    return report


def _ntriples(store: GraphStore, graph: str) -> Iterator[str]:
    for triple in store.graph_triples(graph):
        yield f"{triple.subject} {triple.predicate} {triple.object} ."


def _chunks(lines: Iterator[str], size: int) -> Iterator[list[str]]:
    while chunk := list(islice(lines, max(1, size))):
        yield chunk


def _protocol_name(protocol: str | None) -> str:
    return {"gsp": "the Graph Store Protocol", "update": "SPARQL Update"}.get(protocol or "", "no protocol")
