"""Reading the W3C SPARQL 1.1 protocol-style manifests (HTTP requests and expected responses, in RDF).

The manifests (../shared/w3c/sparql11/{protocol,graph-store-protocol,service-description}) describe each
test as a list of ht:Request with method, path, headers and body, and an ht:Response with the expected
status (class), boolean, result format, Location template and body. This module turns them into plain
dataclasses; `replay.py` sends them to a live server.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Namespace, URIRef
from rdflib.collection import Collection

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")

W3C_ROOT = Path(os.environ.get("KG_W3C_TESTS", Path(__file__).resolve().parents[3] / "shared" / "w3c" / "sparql11"))

# the http-statusCodes terms the manifests use, by name; "StatusCode2xx" etc. are classes
STATUS_CODES = {"OK": 200, "Created": 201, "NoContent": 204, "NotFound": 404, "BadRequest": 400}


@dataclass(frozen=True)
class Expected:
    statuses: tuple[str, ...]  # "201" or "2xx"
    boolean: bool | None = None
    format: str | None = None  # "boolean", "tabular" or "RDF"
    location_variable: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: str | None = None

    def status_matches(self, status: int) -> bool:
        return any(str(status) == s or (s.endswith("xx") and str(status)[0] == s[0]) for s in self.statuses)


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    expected: Expected


@dataclass(frozen=True)
class Case:
    name: str  # the local name of the test IRI
    title: str
    kind: str  # the local name of its rdf:type, e.g. ProtocolTest
    requires: tuple[str, ...]
    graph_data: tuple[tuple[Path, str], ...]  # (data file, graph IRI) to load first
    requests: tuple[Request, ...]


def load_cases(manifest: Path) -> list[Case]:
    """The entries of a manifest in their listed order, following mf:include."""
    graph = Graph().parse(manifest, format="turtle")
    cases: list[Case] = []
    for included in graph.objects(None, MF.include):
        for item in Collection(graph, included):
            cases += load_cases(Path(str(item).removeprefix("file://")))
    for entries in graph.objects(None, MF.entries):
        cases += [_case(graph, test, manifest.parent) for test in Collection(graph, entries)]
    return cases


def _case(graph: Graph, test: URIRef, folder: Path) -> Case:
    action = graph.value(test, MF.action)
    requests: list[Request] = []
    if action is not None:
        for request_list in graph.objects(action, HT.requests):
            requests += [_request(graph, node) for node in Collection(graph, request_list)]
    graph_data = tuple(
        (folder / Path(str(graph.value(data, UT.graph))).name, str(graph.value(data, RDFS.label)))
        for data in graph.objects(test, UT.graphData)
    )
    return Case(
        name=_local(test), title=str(graph.value(test, MF.name, default="")),
        kind=_local(graph.value(test, RDF.type)),
        requires=tuple(sorted(_local(r) for r in graph.objects(test, MF.requires))),
        graph_data=graph_data, requests=tuple(requests),
    )


def _request(graph: Graph, node) -> Request:  # noqa: ANN001 - an rdflib node
    response = graph.value(node, HT.resp)
    return Request(
        method=str(graph.value(node, HT.methodName)),
        path=str(graph.value(node, HT.absolutePath)),
        headers=_headers(graph, node),
        body=_body(graph, graph.value(node, HT.body)),
        expected=_expected(graph, response),
    )


def _expected(graph: Graph, response) -> Expected:  # noqa: ANN001
    statuses = tuple(sorted(_status(code) for code in graph.objects(response, MF.expectedStatus)))
    boolean = graph.value(response, MF.expectedBoolean)
    body = graph.value(response, HT.body)
    location = graph.value(response, MF.expectedLocation)
    return Expected(
        statuses=statuses,
        boolean=None if boolean is None else boolean.toPython(),
        format=None if graph.value(response, MF.expectedFormat) is None
        else str(graph.value(response, MF.expectedFormat)),
        location_variable=None if location is None else str(location),
        headers=_headers(graph, response),
        body=None if body is None else str(graph.value(body, CNT.chars)),
    )


def _status(code: URIRef) -> str:
    name = _local(code)
    if name.startswith("StatusCode") and name.endswith("xx"):
        return name.removeprefix("StatusCode")
    return str(STATUS_CODES[name])


def _headers(graph: Graph, node) -> dict[str, str]:  # noqa: ANN001
    headers: dict[str, str] = {}
    for header_list in graph.objects(node, HT.headers):
        for header in Collection(graph, header_list):
            headers[str(graph.value(header, HT.fieldName)).lower()] = str(graph.value(header, HT.fieldValue))
    return headers


def _body(graph: Graph, body) -> bytes | None:  # noqa: ANN001
    if body is None:
        return None
    encoding = str(graph.value(body, CNT.characterEncoding, default="UTF-8"))
    return str(graph.value(body, CNT.chars)).encode(encoding)


def _local(iri) -> str:  # noqa: ANN001
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
