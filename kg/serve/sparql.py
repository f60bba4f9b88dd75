"""The SPARQL 1.1 Protocol endpoint at /sparql: queries, updates, and the service description."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request

from kg.serve import formats
from kg.serve.auth import require_write_access
from kg.serve.execute import QueryTimeout, TooManyRows, run_query
from kg.serve.protocol import ProtocolError, QueryRequest, UpdateRequest, read_request
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
    served = current_app.extensions["kg.store"]
    try:
        with served.reading() as store:
            settings = current_app.config["KG_QUERY_SETTINGS"]
            answer = run_query(store, operation, request.accept_mimetypes, settings)
    except SyntaxError as error:
        raise ProtocolError(400, f"query syntax error: {error}") from None
    except formats.NotAcceptable as error:
        raise ProtocolError(406, str(error)) from None
    except TooManyRows as error:
        raise ProtocolError(400, str(error)) from None
    except QueryTimeout as error:
        raise ProtocolError(503, str(error)) from None
    except ValueError as error:  # e.g. a default-graph-uri that is not an IRI
        raise ProtocolError(400, str(error)) from None
    return Response(answer.body, content_type=answer.format.content_type, headers={"Vary": "Accept"})
