"""kg push against real stores: an `oxigraph serve` and a Virtuoso started here. After two pushes the remote
holds exactly the local store's triples; a changed article replaces its remote graph."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from kg.model import Document, Entity, Event, Extraction, Span
from kg.push import PushError, Target, push_store
from kg.rdf import article_graph_iri
from kg.store import GraphStore

TEXT = "Ministerin Anna Berg aus Sudmark besuchte am 4. März 2024 Nordland. Sie drohte Westmark mit Sanktionen."
GRAPHS = "https://w3id.org/kg-news/"
COUNT = f'SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{GRAPHS}")) }}'


def span(text: str) -> Span:
    start = TEXT.index(text)
    return Span(text, start, start + len(text))


def extraction(doc_id: str, with_threat: bool = True) -> Extraction:
    entities = [Entity("e1", "Anna Berg", "PERSON", [span("Anna Berg")]),
                Entity("e2", "Sudmark", "GPE", [span("Sudmark")]),
                Entity("e3", "Nordland", "GPE", [span("Nordland")]),
                Entity("e4", "Westmark", "GPE", [span("Westmark")])]
    events = [Event("ev1", "CONSULT", participants=["e1", "e3"], mode="visit", date="2024-03-04",
                    evidence=[span(TEXT.split(". ")[0])])]
    if with_threat:
        events.append(Event("ev2", "THREATEN", source="e1", target="e4", topics=["Sanktionen"],
                            evidence=[span("Sie drohte Westmark mit Sanktionen.")]))
    document = Document(id=doc_id, title="Besuch", published="2024-03-05", language="de", pipeline="de:test")
    return Extraction(document=document, text=TEXT, entities=entities, events=events)


@pytest.fixture()
def local(tmp_path) -> Path:
    """An on-disk store of five article graphs."""
    store = GraphStore.open(tmp_path / "local")
    for number in range(5):
        store.put_extraction(extraction(f"push-{number}"))
    store.flush()
    del store
    return tmp_path / "local"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server stopped (exit {process.returncode})")
        try:
            httpx.get(url, timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    pytest.fail(f"{url} did not come up in {seconds} s")


@pytest.fixture()
def oxigraph(tmp_path) -> Iterator[str]:
    binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(binary).exists():
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    port = free_port()
    server = subprocess.Popen([binary, "serve", "--location", str(tmp_path / "ox"), "--bind", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/query?query=ASK%7B%7D", server)
        yield base
    finally:
        server.terminate()
        server.wait(10)


VIRTUOSO_INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = {sql_port}
DirsAllowed = ., {d}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ServerThreads = 4

[HTTPServer]
ServerPort = {http_port}
ServerRoot = {d}
ServerThreads = 4

[SPARQL]
ResultSetMaxRows = 100000
"""


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory) -> Iterator[str]:
    binary = shutil.which("virtuoso-t")
    if binary is None:
        pytest.skip("Virtuoso is not installed: run scripts/setup-virtuoso.sh")
    folder = tmp_path_factory.mktemp("virtuoso")
    http_port = free_port()
    config = folder / "virtuoso.ini"
    config.write_text(VIRTUOSO_INI.format(d=folder, sql_port=free_port(), http_port=http_port))
    server = subprocess.Popen([binary, "+foreground", "+configfile", str(config)], cwd=folder,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{http_port}"
    try:
        wait_for(base + "/sparql?query=ASK%7B%7D", server)
        yield base
    finally:
        server.terminate()
        server.wait(30)


def remote_count(query_url: str) -> int:
    response = httpx.post(query_url, data={"query": COUNT}, headers={"Accept": "application/sparql-results+json"})
    response.raise_for_status()
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def local_count(path: Path) -> int:
    store = GraphStore.open(path)
    return sum(store.graph_size(g) for g in store.named_graphs())


def push_twice_then_change(local: Path, target: Target, query_url: str, chunk: int = 10_000) -> str:
    """Two pushes, then one article loses an event and is pushed again; returns the protocol used."""
    expected = local_count(local)
    for _ in range(2):
        store = GraphStore.open(local)
        report = push_store(store, target, chunk)
        del store
        assert (report.graphs, report.triples, report.failed) == (5, expected, [])
        assert remote_count(query_url) == expected
    store = GraphStore.open(local)
    before = store.graph_size(article_graph_iri("push-2"))
    smaller = store.put_extraction(extraction("push-2", with_threat=False))
    assert smaller < before
    push_store(store, target, chunk)
    assert remote_count(query_url) == expected - before + smaller == local_count_of(store)
    return report.protocol


def local_count_of(store: GraphStore) -> int:
    return sum(store.graph_size(g) for g in store.named_graphs())


def test_oxigraph_graph_store_protocol(local, oxigraph) -> None:
    target = Target(oxigraph + "/store")
    assert push_twice_then_change(local, target, oxigraph + "/query") == "gsp"


def test_oxigraph_chunked_pushes_replace_whole_graphs(local, oxigraph) -> None:
    assert push_twice_then_change(local, Target(oxigraph + "/store"), oxigraph + "/query", chunk=7) == "gsp"


def test_oxigraph_falls_back_to_sparql_update(local, oxigraph) -> None:
    # /update takes no Graph Store requests: the client must notice and switch
    target = Target(oxigraph + "/update", protocol="auto")
    assert push_twice_then_change(local, target, oxigraph + "/query", chunk=9) == "update"


def test_cli_push_to_oxigraph(local, oxigraph, tmp_path) -> None:
    from kg.cli import main

    for _ in range(2):
        result = CliRunner().invoke(main, ["push", "--store", str(local), "--endpoint", oxigraph + "/store",
                                           "--report", str(tmp_path / "push.json"), "--quiet"])
        assert result.exit_code == 0, result.output
        assert "5 graphs" in result.output
    assert remote_count(oxigraph + "/query") == local_count(local)


def test_virtuoso_graph_store_protocol_with_digest(local, virtuoso) -> None:
    target = Target(virtuoso + "/sparql-graph-crud-auth", user="dba", password="dba")
    assert push_twice_then_change(local, target, virtuoso + "/sparql") == "gsp"


def test_virtuoso_sparql_update_in_chunks(local, virtuoso) -> None:
    target = Target(virtuoso + "/sparql-auth", user="dba", password="dba")
    assert push_twice_then_change(local, target, virtuoso + "/sparql", chunk=11) == "update"


def test_wrong_credentials_stop_at_once(local, virtuoso) -> None:
    target = Target(virtuoso + "/sparql-graph-crud-auth", user="dba", password="wrong")
    with pytest.raises(PushError, match="401"):
        push_store(GraphStore.open(local), target)


def test_bearer_token_and_chunks_on_the_wire(local) -> None:
    seen: list[tuple[str, str, int]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.headers["Authorization"] == "Bearer s3cret"
        seen.append((request.method, request.url.params["graph"], request.content.count(b"\n")))
        return httpx.Response(204)

    store = GraphStore.open(local)
    size = store.graph_size(article_graph_iri("push-0"))
    report = push_store(store, Target("https://example.org/store", token="s3cret"), chunk_triples=10,
                        graphs=[article_graph_iri("push-0")], transport=httpx.MockTransport(handler))
    assert report.triples == size == sum(lines for _, _, lines in seen)
    assert [method for method, _, _ in seen] == ["PUT"] + ["POST"] * (len(seen) - 1)
    assert len(seen) == -(-size // 10)
