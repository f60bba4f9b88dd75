"""A remote triple store reached over HTTP: Graph Store Protocol first, SPARQL Update as the fallback.

Graph Store HTTP Protocol (GSP): the first chunk of a graph is PUT to `endpoint?graph=IRI` (which replaces
the graph), the others are POSTed (added). Stores that do not speak GSP at that address answer 404, 405,
415 or 501; the client then switches, once, to SPARQL Update: `DROP SILENT GRAPH` plus `INSERT DATA
{ GRAPH ... }` for the first chunk and `INSERT DATA` for the rest, sent as the `update` form parameter
(SPARQL 1.1 Protocol). Either way a second push of the same graph replaces it rather than adding to it.

Authentication: a bearer token, or a user and password answered with Basic or Digest, whichever the
server asks for (Virtuoso's /sparql-auth asks for Digest, GraphDB for Basic).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

NOT_GSP = {400, 404, 405, 406, 415, 501}
# endpoints that take SPARQL Update but may hang on a Graph Store PUT (Virtuoso's /sparql does)
UPDATE_PATHS = {"sparql", "sparql-auth", "update", "statements"}
RETRY_STATUSES = {429, 500, 502, 503, 504}
RETRIES = 3
RETRY_PAUSE_SECONDS = 0.5


class PushError(RuntimeError):
    """The remote store refused or could not be reached; the message says which graph and why."""


@dataclass
class Target:
    endpoint: str
    update_endpoint: str | None = None  # where SPARQL Update goes; defaults to `endpoint`
    token: str | None = None
    user: str | None = None
    password: str | None = None
    protocol: str = "auto"  # "auto" (GSP, else SPARQL Update), "gsp" or "update"
    timeout: float = 60.0

    def __post_init__(self) -> None:
        for url in (self.endpoint, self.update_endpoint):
            if url and urlsplit(url).scheme not in ("http", "https"):
                raise ValueError(f"{url!r} is not an http(s) URL")
        if self.protocol not in ("auto", "gsp", "update"):
            raise ValueError(f"unknown protocol {self.protocol!r}: use auto, gsp or update")


class RemoteStore:
    """Replaces named graphs on one remote store; remembers which protocol worked."""

    def __init__(self, target: Target, transport: httpx.BaseTransport | None = None) -> None:
        self.target = target
        self.protocol = _initial_protocol(target)
        self.requests = 0
        headers = {"Authorization": f"Bearer {target.token}"} if target.token else {}
        auth = _ChallengeAuth(target.user, target.password or "") if target.user else None
        self._http = httpx.Client(timeout=target.timeout, headers=headers, auth=auth, transport=transport)

    def replace_graph(self, graph: str, chunks: list[list[str]]) -> None:
        """Make `graph` on the remote hold exactly the N-Triples lines in `chunks`, sent chunk by chunk."""
        if self.protocol in (None, "gsp"):
            response = self._gsp(graph, chunks[0], replace=True)
            if self.protocol is None and response.status_code in NOT_GSP:
                self.protocol = "update"
            else:
                _check(response, graph)
                self.protocol = "gsp"
                for chunk in chunks[1:]:
                    _check(self._gsp(graph, chunk, replace=False), graph)
                return
        for number, chunk in enumerate(chunks):
            _check(self._update(graph, chunk, replace=number == 0), graph)

    def close(self) -> None:
        self._http.close()

    def _gsp(self, graph: str, lines: list[str], replace: bool) -> httpx.Response:
        body = ("\n".join(lines) + "\n").encode("utf-8")
        return self._send("PUT" if replace else "POST", self.target.endpoint, params={"graph": graph},
                          content=body, headers={"Content-Type": "application/n-triples"})

    def _update(self, graph: str, lines: list[str], replace: bool) -> httpx.Response:
        body = "\n".join(lines)
        drop = f"DROP SILENT GRAPH <{graph}> ;\n" if replace else ""
        sparql = f"{drop}INSERT DATA {{ GRAPH <{graph}> {{\n{body}\n}} }}"
        url = self.target.update_endpoint or self.target.endpoint
        return self._send("POST", url, data={"update": sparql})

    def _send(self, method: str, url: str, **kwargs) -> httpx.Response:  # noqa: ANN003 - httpx arguments
        for attempt in range(RETRIES + 1):
            self.requests += 1
            try:
                response = self._http.request(method, url, **kwargs)
            except httpx.TransportError as error:
                if attempt == RETRIES:
                    raise PushError(f"cannot reach {url}: {error}") from None
            else:
                if response.status_code not in RETRY_STATUSES or attempt == RETRIES:
                    return response
            time.sleep(RETRY_PAUSE_SECONDS * 2**attempt)
        raise AssertionError("unreachable")


def _initial_protocol(target: Target) -> str | None:
    """The protocol to use from the start, or None to try GSP and fall back."""
    if target.protocol != "auto":
        return target.protocol
    last_segment = urlsplit(target.endpoint).path.rstrip("/").rpartition("/")[2]
    return "update" if last_segment in UPDATE_PATHS else None


def _check(response: httpx.Response, graph: str) -> None:
    if response.status_code >= 400:
        detail = " ".join(response.text.split())[:300]
        raise PushError(f"{graph}: {response.request.method} {response.request.url.copy_with(query=None)} "
                        f"answered {response.status_code} {response.reason_phrase}: {detail}")


class _ChallengeAuth(httpx.Auth):
    """Basic or Digest, whichever the server's 401 challenge names."""

    def __init__(self, user: str, password: str) -> None:
        self._basic = httpx.BasicAuth(user, password)
        self._digest = httpx.DigestAuth(user, password)
        self._scheme: str | None = None

    def auth_flow(self, request: httpx.Request) -> Iterator[httpx.Request]:
        if self._scheme == "basic":
            yield from self._basic.auth_flow(request)
            return
        if self._scheme == "digest":
            yield from self._digest.auth_flow(request)
            return
        response = yield request
        if response.status_code != 401:
            return
        challenge = response.headers.get("www-authenticate", "").lower()
        self._scheme = "digest" if challenge.startswith("digest") else "basic"
        chosen = self._digest if self._scheme == "digest" else self._basic
        flow = chosen.auth_flow(request)
        first = next(flow)
        if self._scheme == "digest":
            first = flow.send(response)  # digest needs the challenge it was given
        try:
            response = yield first
            while True:
                response = yield flow.send(response)
        except StopIteration:
            return
