"""Sending a manifest case's HTTP requests to a live server and checking each response.

The manifests write paths as if the endpoints were /sparql/ and /gsp; `PATHS` maps them to ours.
The manifests assume an open endpoint; ours writes only with the operator's token, so every request
carries it (tests of the refusal without a token are in tests/test_server*.py).
"""

from __future__ import annotations

import http.client
import json
import urllib.parse
import xml.etree.ElementTree as ET

import pyoxigraph as ox
from manifest import Case, Request
from rdflib import Graph
from rdflib.compare import isomorphic

PATHS = {"/sparql/": "/sparql/", "/gsp": "/store"}
RESULT_TYPES = {"application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                "text/tab-separated-values"}
BOOLEAN_TYPES = {"application/sparql-results+json", "application/sparql-results+xml"}


def run_case(base: str, case: Case, token: str) -> list[str]:
    """Every request in order; the failures found (an empty list means the case passed)."""
    reset(base, token)
    for data_file, graph_iri in case.graph_data:
        load_graph(base, token, graph_iri, data_file.read_bytes())
    failures: list[str] = []
    variables: dict[str, str] = {}
    for number, request in enumerate(case.requests, 1):
        status, headers, body = send(base, request, token, variables)
        problems = check(request, status, headers, body)
        if request.expected.location_variable and "location" in headers:
            variables[request.expected.location_variable] = headers["location"]
        failures += [f"request {number} ({request.method} {request.path[:60]}): {p}" for p in problems]
    return failures


def send(base: str, request: Request, token: str, variables: dict[str, str]) -> tuple[int, dict, bytes]:
    path, body = request.path, request.body
    for variable, value in variables.items():
        path = path.replace(variable, value)
        body = body.replace(variable.encode(), value.encode()) if body else body
    for theirs, ours in PATHS.items():
        if path.startswith(theirs):
            path = ours + path[len(theirs):]
            break
    headers = {**request.headers, "authorization": f"Bearer {token}"}
    return raw_request(base, request.method, path, headers, body)


def raw_request(base: str, method: str, path: str, headers: dict[str, str],
                body: bytes | None) -> tuple[int, dict, bytes]:
    """Exactly these headers (http.client adds no Content-Type of its own, unlike urllib)."""
    address = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def reset(base: str, token: str) -> None:
    status, _, body = raw_request(base, "POST", "/sparql", {
        "content-type": "application/sparql-update", "authorization": f"Bearer {token}"}, b"DROP ALL")
    assert status == 204, body


def load_graph(base: str, token: str, graph_iri: str, ntriples: bytes) -> None:
    path = "/store?graph=" + urllib.parse.quote(graph_iri, safe="")
    status, _, body = raw_request(base, "PUT", path, {
        "content-type": "application/n-triples", "authorization": f"Bearer {token}"}, ntriples)
    assert status in (201, 204), body


def check(request: Request, status: int, headers: dict, body: bytes) -> list[str]:
    expected = request.expected
    problems: list[str] = []
    if not expected.status_matches(status):
        problems.append(f"status {status}, expected {'/'.join(expected.statuses)}: {body[:200]!r}")
        return problems
    media_type = headers.get("content-type", "").split(";")[0].strip().lower()
    if expected.format == "boolean" and media_type not in BOOLEAN_TYPES:
        problems.append(f"expected a boolean result, got {media_type}")
    if expected.format == "tabular" and media_type not in RESULT_TYPES:
        problems.append(f"expected a tabular result, got {media_type}")
    if expected.format == "RDF" and ox.RdfFormat.from_media_type(media_type) is None:
        problems.append(f"expected RDF, got {media_type}")
    if expected.boolean is not None and _boolean(media_type, body) is not expected.boolean:
        problems.append(f"expected boolean {expected.boolean}, got {body[:200]!r}")
    for name, value in expected.headers.items():
        if _normal(headers.get(name, "")) != _normal(value):
            problems.append(f"header {name}: {headers.get(name)!r}, expected {value!r}")
    if expected.body is not None and request.method != "HEAD":
        problems += _same_graph(expected, media_type, body)
    if expected.location_variable and "location" not in headers:
        problems.append("no Location header")
    return problems


def _boolean(media_type: str, body: bytes) -> bool | None:
    if media_type == "application/sparql-results+json":
        return json.loads(body).get("boolean")
    if media_type == "application/sparql-results+xml":
        found = ET.fromstring(body).find("{http://www.w3.org/2005/sparql-results#}boolean")
        return None if found is None else found.text.strip() == "true"
    return None


def _same_graph(expected, media_type: str, body: bytes) -> list[str]:  # noqa: ANN001
    expected_type = expected.headers.get("content-type", "text/turtle").split(";")[0].strip()
    wanted = Graph().parse(data=expected.body, format=expected_type)
    got = Graph().parse(data=body, format=media_type)
    if isomorphic(wanted, got):
        return []
    return [f"graph differs from the expected one: got {body[:300]!r}"]


def _normal(value: str) -> str:
    return ";".join(part.strip().lower() for part in value.split(";"))
