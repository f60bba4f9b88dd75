"""A query from a program goes straight to the store, past Flask: the same protocol reading, the same
evaluation and time limit, the same answer, about 0.4 ms sooner (a third of a small query's time).

Taken only by what needs nothing else of the app: a query (GET with `query`, POST form or
`application/sparql-query`) to /sparql without an `Origin` header. A browser sends `Origin` with every
cross-origin request, so CORS headers are never missed here; `Vary: Origin` keeps caches from handing
this answer to a browser. A query that fails is answered with the status and message Flask would give.
Everything else (updates, the service description, requests the protocol refuses) goes through Flask as
before, with the body put back.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable

from flask import Flask
from werkzeug.wrappers import Request

from kg.serve.protocol import ProtocolError, QueryRequest, read_request
from kg.serve.sparql import QUERY_ERRORS, protocol_error_for, run_query

WSGIApp = Callable[[dict, Callable], Iterable[bytes]]
VARY = "Accept, Origin"  # the answer depends on both; without Origin it carries no CORS headers


class QueryFastPath:
    def __init__(self, app: Flask, wsgi_app: WSGIApp) -> None:
        self.app = app
        self.wsgi_app = wsgi_app

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if not self._may_take(environ):
            return self.wsgi_app(environ, start_response)
        request = Request(environ)
        try:
            operation = read_request(request)
        except ProtocolError:
            operation = None
        if not isinstance(operation, QueryRequest):
            return self._through_flask(environ, request, start_response)
        try:
            answer = run_query(self.app, operation, environ.get("HTTP_ACCEPT"), environ)
        except QUERY_ERRORS as error:
            response = protocol_error_for(error).response()
            response.headers["Vary"] = VARY
            return response(environ, start_response)
        start_response("200 OK", [("Content-Type", answer.content_type), ("Content-Length", str(len(answer.body))),
                                  ("Vary", VARY)])
        return [answer.body]

    def _may_take(self, environ: dict) -> bool:
        if environ.get("PATH_INFO") != "/sparql" or "HTTP_ORIGIN" in environ:
            return False
        method = environ.get("REQUEST_METHOD")
        if method == "GET":
            return "query=" in environ.get("QUERY_STRING", "")
        if method != "POST":
            return False
        length = environ.get("CONTENT_LENGTH") or ""
        limit = self.app.config.get("MAX_CONTENT_LENGTH")
        return length.isdigit() and (limit is None or int(length) <= limit)

    def _through_flask(self, environ: dict, request: Request, start_response: Callable) -> Iterable[bytes]:
        """Flask reads the body again: give it back what was read."""
        if environ.get("REQUEST_METHOD") == "POST":
            body = request.get_data(cache=True)
            environ["wsgi.input"] = io.BytesIO(body)
            environ["CONTENT_LENGTH"] = str(len(body))
        return self.wsgi_app(environ, start_response)
