"""SPARQL Update through the protocol, including `using-graph-uri` / `using-named-graph-uri`.

pyoxigraph's `update` takes no dataset, so the protocol's dataset becomes `USING <g>` / `USING NAMED <g>`
clauses written in front of the `WHERE` of each DELETE/INSERT operation, which is what the protocol
says those parameters mean. Finding that `WHERE` needs only a small scan that skips strings, IRIs and
comments and tracks braces, not a full parser; pyoxigraph still parses (and rejects) the result.
"""

from __future__ import annotations

import re

from flask import current_app, request

from kg.serve.protocol import ProtocolError, UpdateRequest

_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<long_string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\")
  | (?P<string>'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<open>\{) | (?P<close>\})
  | (?P<word>(?<![\w:?$])[A-Za-z]+(?![\w:]))
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


def run_update(operation: UpdateRequest) -> None:
    """Apply an update to the store; raises ProtocolError for a bad update or a busy store."""
    from kg.serve.dataset import StoreBusy

    text = with_protocol_dataset(operation)
    served = current_app.extensions["kg.store"]
    try:
        with served.writing() as store:
            store.raw.update(text, base_iri=request.base_url)
    except SyntaxError as error:
        raise ProtocolError(400, f"update syntax error: {error}") from None
    except StoreBusy as error:
        raise ProtocolError(503, f"{error}; try again when it is done", {"Retry-After": "5"}) from None


def with_protocol_dataset(operation: UpdateRequest) -> str:
    """The update text with the protocol's USING clauses written in; 400 if the text has its own."""
    clauses = [f"USING <{iri}>" for iri in operation.using_graphs]
    clauses += [f"USING NAMED <{iri}>" for iri in operation.using_named_graphs]
    if not clauses:
        return operation.update
    if any(_IRI_UNSAFE.search(iri) for iri in operation.using_graphs + operation.using_named_graphs):
        raise ProtocolError(400, "using-graph-uri and using-named-graph-uri must be IRIs")
    words = list(_top_level_words(operation.update))
    if any(word in ("USING", "WITH") for word, _, _ in words):
        raise ProtocolError(
            400, "the update has its own USING or WITH clause, so it cannot also take using-graph-uri "
                 "or using-named-graph-uri parameters"
        )
    # every WHERE but that of the DELETE WHERE shorthand, which takes no USING
    insertions = [position for word, position, previous in words if word == "WHERE" and previous != "DELETE"]
    text = operation.update
    for position in reversed(insertions):
        text = f"{text[:position]}{' '.join(clauses)} {text[position:]}"
    return text


_IRI_UNSAFE = re.compile(r'[<>"{}|^`\\\s]')


def _top_level_words(text: str):  # noqa: ANN202 - an iterator of (WORD, offset, previous token)
    """Keywords outside braces, strings, IRIs and comments, upper-cased, with their offsets and the
    token just before each."""
    depth = 0
    previous = ""
    for match in _TOKEN.finditer(text):
        kind, token = match.lastgroup, match.group()
        if kind == "comment" or token.isspace():
            continue
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth -= 1
        elif kind == "word" and depth == 0:
            yield token.upper(), match.start(), previous
        previous = token.upper()
