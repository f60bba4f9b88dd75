"""The SPARQL 1.1 Graph Store HTTP Protocol at /store.

Graphs are named indirectly (`/store?graph=IRI`, `/store?default`) or directly (`/store/some/path`: the
graph's IRI is that URL). GET and HEAD read; PUT replaces, POST adds (a POST to /store itself makes a new
graph and answers with its IRI in Location), DELETE removes. Writes need the bearer token.
"""

from __future__ import annotations

import uuid

import pyoxigraph as ox
from flask import Blueprint, Request, Response, current_app, request

from kg.serve import formats
from kg.serve.auth import require_write_access
from kg.serve.dataset import StoreBusy
from kg.serve.protocol import ProtocolError
from kg.store import GraphStore

blueprint = Blueprint("graph_store", __name__)
METHODS = ["GET", "PUT", "POST", "DELETE"]  # HEAD comes with GET


@blueprint.route("/store", methods=METHODS, strict_slashes=False)
@blueprint.route("/store/<path:_name>", methods=METHODS)
def graph_store(_name: str | None = None) -> Response:
    graph = _target_graph(request)
    if request.method in ("GET", "HEAD"):
        return _read(graph)
    require_write_access()
    if graph is None:
        if request.method != "POST":
            raise ProtocolError(400, "name a graph: ?graph=IRI or ?default")
        graph = ox.NamedNode(f"{request.base_url.rstrip('/')}/{uuid.uuid4().hex}")
        _write(graph, _parse_body(request, graph), replace=False)
        return Response(status=201, headers={"Location": graph.value})
    if request.method == "DELETE":
        return _delete(graph)
    created = _write(graph, _parse_body(request, graph), replace=request.method == "PUT")
    return Response(status=201 if created else 204)


def _target_graph(req: Request) -> ox.NamedNode | ox.DefaultGraph | None:
    """The graph a request names; None for a bare /store (only a POST may do that)."""
    direct = req.path.rstrip("/") != req.script_root + "/store"
    has_graph, has_default = "graph" in req.args, "default" in req.args
    if sum((direct, has_graph, has_default)) > 1:
        raise ProtocolError(400, "name one graph: a path under /store, ?graph=IRI or ?default")
    if has_default:
        return ox.DefaultGraph()
    if direct:
        return ox.NamedNode(req.base_url)
    if has_graph:
        try:
            return ox.NamedNode(req.args["graph"])
        except ValueError as error:
            raise ProtocolError(400, f"?graph= is not an IRI: {error}") from None
    return None


def _read(graph: ox.NamedNode | ox.DefaultGraph | None) -> Response:
    if graph is None:
        raise ProtocolError(400, "name a graph: ?graph=IRI or ?default")
    try:
        chosen = formats.choose("graph", request.headers.get("Accept"), request.args.getlist("format"))
    except formats.NotAcceptable as error:
        raise ProtocolError(406, str(error)) from None
    with current_app.extensions["kg.store"].reading() as store:
        if not _exists(store, graph):
            raise ProtocolError(404, f"no graph {graph}")
        triples = [ox.Triple(q.subject, q.predicate, q.object)
                   for q in store.raw.quads_for_pattern(None, None, None, graph)]
    body = ox.serialize(triples, format=chosen.writer)
    return Response(body, content_type=chosen.content_type, headers={"Vary": "Accept"})


def _parse_body(req: Request, graph: ox.NamedNode | ox.DefaultGraph) -> list[ox.Triple]:
    """The triples of the request body, or of each part of a multipart/form-data body."""
    base = graph.value if isinstance(graph, ox.NamedNode) else req.base_url
    if req.mimetype == "multipart/form-data":
        parts = [(part.mimetype, part.read()) for part in req.files.values()]
        if not parts:
            raise ProtocolError(400, "the multipart body has no RDF documents")
    else:
        parts = [(req.mimetype, req.get_data())]
    triples: list[ox.Triple] = []
    for media_type, data in parts:
        triples += _parse_document(media_type, data, base)
    return triples


def _parse_document(media_type: str, data: bytes, base: str) -> list[ox.Triple]:
    rdf_format = ox.RdfFormat.from_media_type(media_type) if media_type else None
    if rdf_format is None or rdf_format.supports_datasets:
        raise ProtocolError(415, f"send an RDF graph format (Turtle, N-Triples, RDF/XML, JSON-LD...), "
                                 f"not {media_type or 'no Content-Type'}")
    try:
        return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(data, rdf_format, base_iri=base)]
    except SyntaxError as error:
        raise ProtocolError(400, f"cannot parse the {media_type} body: {error}") from None


def _write(graph: ox.NamedNode | ox.DefaultGraph, triples: list[ox.Triple], replace: bool) -> bool:
    """Replace or extend the graph in one transaction (one SPARQL update); True if it is new."""
    named = isinstance(graph, ox.NamedNode)
    body = "\n".join(f"{t.subject} {t.predicate} {t.object} ." for t in triples)
    operations = [f"DROP SILENT GRAPH {graph}" if named else "DROP SILENT DEFAULT"] if replace else []
    operations.append(f"INSERT DATA {{ GRAPH {graph} {{\n{body}\n}} }}" if named else f"INSERT DATA {{\n{body}\n}}")
    try:
        with current_app.extensions["kg.store"].writing() as store:
            created = not _exists(store, graph)
            store.raw.update(" ;\n".join(operations))
            if named:
                store.raw.add_graph(graph)  # an empty PUT still makes the graph exist
    except StoreBusy as error:
        raise ProtocolError(503, f"{error}; try again when it is done", {"Retry-After": "5"}) from None
    return created


def _delete(graph: ox.NamedNode | ox.DefaultGraph) -> Response:
    try:
        with current_app.extensions["kg.store"].writing() as store:
            if not _exists(store, graph):
                raise ProtocolError(404, f"no graph {graph}")
            if isinstance(graph, ox.NamedNode):
                store.raw.remove_graph(graph)
            else:
                store.raw.clear_graph(graph)
    except StoreBusy as error:
        raise ProtocolError(503, f"{error}; try again when it is done", {"Retry-After": "5"}) from None
    return Response(status=204)


def _exists(store: GraphStore, graph: ox.NamedNode | ox.DefaultGraph) -> bool:
    return isinstance(graph, ox.DefaultGraph) or store.raw.contains_named_graph(graph)
