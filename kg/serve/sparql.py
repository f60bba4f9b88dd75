"""The SPARQL 1.1 Protocol endpoint at /sparql: queries, updates, and the service description."""

from __future__ import annotations

import time

from flask import Blueprint, Flask, Response, current_app, request

from kg.serve import formats
from kg.serve.auth import require_write_access
from kg.serve.execute import Answer, QuerySettings, QueryTimeout, TooManyRows, evaluate
from kg.serve.protocol import ProtocolError, QueryRequest, UpdateRequest, read_request
from kg.serve.query_processes import QueryFailed
from kg.serve.service_description import describe_service
from kg.serve.updates import run_update

blueprint = Blueprint("sparql", __name__)


@blueprint.route("/sparql", methods=["GET", "POST"], strict_slashes=False)
def endpoint() -> Response:
    operation = read_request(request)
    if operation is None:
        return describe_service(request)
    if isinstance(operation, UpdateRequest):
        require_write_access()
        run_update(operation)
        return Response(status=204)
    return _answer_query(operation)


def _answer_query(operation: QueryRequest) -> Response:
    try:
        answer = run_query(current_app, operation, request.headers.get("Accept"), request.environ)
    except QUERY_ERRORS as error:
        raise protocol_error_for(error) from None
    return Response(answer.body, content_type=answer.content_type, headers={"Vary": "Accept"})


QUERY_ERRORS = (SyntaxError, formats.NotAcceptable, TooManyRows, QueryTimeout, ValueError, QueryFailed)


def protocol_error_for(error: Exception) -> ProtocolError:
    """The status a query's failure is answered with (one of QUERY_ERRORS)."""
    if isinstance(error, SyntaxError):
        return ProtocolError(400, f"query syntax error: {error}")
    if isinstance(error, formats.NotAcceptable):
        return ProtocolError(406, str(error))
    if isinstance(error, QueryTimeout):
        return ProtocolError(503, str(error))
    if isinstance(error, QueryFailed):
        return ProtocolError(500, str(error))
    return ProtocolError(400, str(error))  # too many rows; a default-graph-uri that is not an IRI


def run_query(app: Flask, operation: QueryRequest, accept: str | None, environ: dict) -> Answer:
    """Where the query runs depends on how its time limit can be enforced.

    No limit: right here. A store on disk: right here under a watchdog in a single-request worker
    (`kg serve`; the worker ends at the limit, kg/serve/query_watchdog.py), or else in a query process
    that is killed at the limit (any other WSGI server; kg/serve/query_processes.py). An in-memory store
    lives only in this process: there the limit is checked as rows are written.
    """
    settings: QuerySettings = app.config["KG_QUERY_SETTINGS"]
    served = app.extensions["kg.store"]
    if settings.timeout is not None and not served.in_memory:
        if app.config["KG_QUERY_ISOLATION"] == "worker":
            watchdog = app.extensions["kg.query_watchdog"]
            with served.querying() as store, watchdog.watching(settings.timeout, environ):
                return evaluate(store.raw, operation, accept, settings)
        with served.querying_location() as location:
            return app.extensions["kg.queries"].run(location, operation, accept, settings)
    deadline = time.monotonic() + settings.timeout if settings.timeout is not None else None
    with served.querying() as store:
        return evaluate(store.raw, operation, accept, settings, deadline)
