"""Reading a SPARQL 1.1 Protocol request: which operation, which text, which dataset.

Kept apart from the Flask views so the rules of the protocol (one operation per request, which media
types carry which operation, UTF-8 only) live in one place and raise one kind of error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import parse_qs

if TYPE_CHECKING:  # query processes import this module and need no Flask
    from werkzeug.wrappers import Request, Response

FORM = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"


class ProtocolError(Exception):
    """A request the protocol does not allow; carries the HTTP status to answer with."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}

    def response(self) -> Response:
        """The answer: the message as plain text, with the status and headers."""
        from werkzeug.wrappers import Response

        return Response(self.message + "\n", status=self.status, headers=self.headers,
                        content_type="text/plain; charset=utf-8")


@dataclass(frozen=True)
class QueryRequest:
    query: str
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    formats: list[str] = field(default_factory=list)  # `format` parameters, tried in order
    base_iri: str | None = None

    @property
    def has_dataset(self) -> bool:
        return bool(self.default_graphs or self.named_graphs)


@dataclass(frozen=True)
class UpdateRequest:
    update: str
    using_graphs: list[str] = field(default_factory=list)
    using_named_graphs: list[str] = field(default_factory=list)


def read_request(request: Request) -> QueryRequest | UpdateRequest | None:
    """The operation a request asks for; `None` for a plain GET of the endpoint (the service description)."""
    url_params = request.args.to_dict(flat=False)
    if request.method in ("GET", "HEAD"):
        if "update" in url_params:
            raise ProtocolError(400, "an update must be sent with POST, not GET")
        if "query" not in url_params:
            return None
        return _query(url_params, url_params, request.base_url)
    if request.method != "POST":
        raise ProtocolError(405, f"{request.method} is not a SPARQL protocol method; use GET or POST")
    media_type = request.mimetype
    if not media_type:
        raise ProtocolError(400, f"a POST needs a Content-Type: {FORM}, {QUERY_TYPE} or {UPDATE_TYPE}")
    if media_type not in (FORM, QUERY_TYPE, UPDATE_TYPE):
        raise ProtocolError(
            415, f"unsupported Content-Type {media_type!r}; use {FORM}, {QUERY_TYPE} or {UPDATE_TYPE}"
        )
    body = _utf8_body(request)
    if media_type == QUERY_TYPE:
        _forbid(url_params, "query", "update")
        return _query({"query": [body]}, url_params, request.base_url)
    if media_type == UPDATE_TYPE:
        _forbid(url_params, "query", "update")
        return _update({"update": [body]}, url_params)
    try:
        form = parse_qs(body, keep_blank_values=True, errors="strict")
    except UnicodeDecodeError as error:
        raise ProtocolError(400, f"the form is not valid UTF-8: {error}") from None
    if "query" in form and "update" in form:
        raise ProtocolError(400, "a request carries either a query or an update, not both")
    if "query" in form:
        return _query(form, {**url_params, **form}, request.base_url)
    if "update" in form:
        return _update(form, {**url_params, **form})
    raise ProtocolError(400, "the form has neither a 'query' nor an 'update' field")


def _query(source: dict[str, list[str]], params: dict[str, list[str]], base_iri: str) -> QueryRequest:
    return QueryRequest(
        base_iri=base_iri,
        query=_single(source, "query"),
        default_graphs=params.get("default-graph-uri", []),
        named_graphs=params.get("named-graph-uri", []),
        formats=params.get("format", []),
    )


def _update(source: dict[str, list[str]], params: dict[str, list[str]]) -> UpdateRequest:
    return UpdateRequest(
        update=_single(source, "update"),
        using_graphs=params.get("using-graph-uri", []),
        using_named_graphs=params.get("using-named-graph-uri", []),
    )


def _single(params: dict[str, list[str]], name: str) -> str:
    values = params.get(name, [])
    if len(values) != 1:
        raise ProtocolError(400, f"exactly one '{name}' is allowed per request, got {len(values)}")
    return values[0]


def _forbid(params: dict[str, list[str]], *names: str) -> None:
    for name in names:
        if name in params:
            raise ProtocolError(
                400, f"'{name}' in the URL is not allowed when the body carries the operation"
            )


def _utf8_body(request: Request) -> str:
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise ProtocolError(415, f"the body must be UTF-8, not {charset}")
    try:
        return request.get_data(cache=True).decode("utf-8")
    except UnicodeDecodeError as error:
        raise ProtocolError(400, f"the body is not valid UTF-8: {error}") from None
