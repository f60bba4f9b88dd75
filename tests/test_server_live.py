"""A real `kg serve` process on a loopback port, used by standard clients: SPARQLWrapper and rdflib."""

from __future__ import annotations

from pathlib import Path
from urllib.error import HTTPError

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper
from test_server import EX, TOKEN, make_store

CALL_QUERY = f"""
SELECT ?name ?date ?topic ?evidence WHERE {{
    <{EX}call1> <{EX}participant>/<http://www.w3.org/2000/01/rdf-schema#label> ?name ;
        <{EX}date> ?date ; <{EX}topic> ?topic ; <{EX}evidence> ?evidence .
    FILTER(LANG(?name) = "")
}}"""


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store(tmp_path_factory.mktemp("live") / "store")


@pytest.fixture(scope="module")
def endpoint(serve, store_dir: Path) -> str:
    return f"{serve(store_dir, '--token', TOKEN)}/sparql"


def test_sparqlwrapper_gets_json_rows(endpoint: str) -> None:
    client = SPARQLWrapper(endpoint)
    client.setQuery(CALL_QUERY)
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]
    assert {row["name"]["value"] for row in rows} == {"Marta Kowal", "Ivo Brandt"}
    assert {row["date"]["value"] for row in rows} == {"2024-03-05"}
    assert {row["topic"]["value"] for row in rows} == {"grain exports"}
    assert rows[0]["evidence"]["value"].startswith("Marta Kowal telefonierte")


def test_sparqlwrapper_construct_by_post_gives_a_graph(endpoint: str) -> None:
    client = SPARQLWrapper(endpoint)
    client.setMethod(POST)
    client.setQuery(f"CONSTRUCT {{ ?s <{EX}evidence> ?e }} WHERE {{ ?s <{EX}evidence> ?e }}")
    client.setReturnFormat(TURTLE)
    graph = Graph().parse(data=client.query().convert(), format="turtle")
    assert set(graph.subjects()) == {URIRef(f"{EX}call1"), URIRef(f"{EX}threat1")}


def test_rdflib_sparqlstore_queries(endpoint: str) -> None:
    graph = Graph(store=SPARQLStore(endpoint))
    rows = list(graph.query(f"SELECT ?who WHERE {{ ?threat <{EX}source> ?who }}"))
    assert [row.who for row in rows] == [URIRef(f"{EX}ivo")]


def test_rdflib_update_store_writes_with_the_token_only(endpoint: str) -> None:
    update = f'INSERT DATA {{ GRAPH <{EX}article9> {{ <{EX}note> <{EX}text> "added over HTTP" }} }}'
    refused = SPARQLUpdateStore(endpoint, endpoint)
    with pytest.raises(HTTPError) as error:
        refused.update(update)
    assert error.value.code == 401

    store = SPARQLUpdateStore(endpoint, endpoint, headers={"Authorization": f"Bearer {TOKEN}"})
    store.update(update)
    rows = list(Graph(store=SPARQLStore(endpoint)).query(f"SELECT ?t WHERE {{ <{EX}note> <{EX}text> ?t }}"))
    assert [row.t for row in rows] == [Literal("added over HTTP")]


def test_kg_query_through_the_endpoint(endpoint: str, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import main

    result = CliRunner().invoke(main, ["query", CALL_QUERY, "--endpoint", endpoint])
    assert result.exit_code == 0, result.output
    assert "Ivo Brandt" in result.output and "(2 rows)" in result.output


def test_serves_during_a_build_and_sees_its_articles_after(endpoint: str, store_dir: Path) -> None:
    """A `kg build` holds the store's write lock: the server keeps answering from its last snapshot and
    shows the new graph once the build has closed the store."""
    import time

    import pyoxigraph as ox

    ask = f"ASK {{ <{EX}built> ?p ?o }}"

    def built_is_visible() -> bool:
        client = SPARQLWrapper(endpoint)
        client.setQuery(ask)
        client.setReturnFormat(JSON)
        return client.query().convert()["boolean"]

    builder = ox.Store(str(store_dir))  # what `kg build` holds while it writes
    builder.update(f'INSERT DATA {{ GRAPH <{EX}article5> {{ <{EX}built> <{EX}text> "new article" }} }}')
    assert built_is_visible() is False  # answered from the snapshot, not blocked or broken
    builder.flush()
    del builder
    deadline = time.monotonic() + 15
    while not built_is_visible():
        assert time.monotonic() < deadline, "the new article never became visible"
        time.sleep(0.2)


def _descendants_cpu_seconds() -> float:
    """CPU seconds used so far by the live processes below this one (the kg serve processes we started)."""
    import os

    parents: dict[int, int] = {}
    cpu: dict[int, float] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        pid = int(stat.parent.name)
        parents[pid] = int(fields[1])
        cpu[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    ours, frontier = set(), {os.getpid()}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier} - ours
        ours |= frontier
    return sum(cpu[pid] for pid in ours)


def test_a_timed_out_query_stops_burning_cpu(serve, store_dir: Path) -> None:
    """A thread per query would answer 503 and go on computing; the worker running the query ends."""
    import time
    import urllib.parse
    import urllib.request

    endpoint = f"{serve(store_dir, '--timeout', '1', '--workers', '1')}/sparql"
    patterns = " . ".join(f"?s{i} ?p{i} ?o{i}" for i in range(9))  # 13^9 rows to count: hours of work
    body = urllib.parse.urlencode({"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ {patterns} }}"}).encode()
    for origin in ({"Origin": "http://analyst.example"}, {}):  # through Flask, and past it (kg/serve/fast_path.py)
        request = urllib.request.Request(endpoint, data=body,
                                         headers={**origin, "Accept": "application/sparql-results+json"})
        with pytest.raises(HTTPError) as refused:
            urllib.request.urlopen(request, timeout=30)
        assert refused.value.code == 503
        assert refused.value.read().decode() == "the query ran longer than the server's limit of 1 s\n"
        if origin:
            assert refused.value.headers["Access-Control-Allow-Origin"]  # a browser elsewhere can read why
        with urllib.request.urlopen(endpoint.replace("/sparql", "/healthz"), timeout=30):
            pass  # the only worker answers again: the one that ran the query is gone, its successor started
    before = _descendants_cpu_seconds()
    time.sleep(2)
    assert _descendants_cpu_seconds() - before < 0.5  # nothing keeps computing

    client = SPARQLWrapper(endpoint)  # with its only worker replaced, the server goes on answering
    client.setQuery(f"ASK {{ <{EX}call1> ?p ?o }}")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True


def test_every_worker_reads_a_write_at_once(serve, tmp_path: Path) -> None:
    """Workers look at the store's files only now and then, but a write through any worker is seen by all
    at once: an update followed by queries that land on either of two workers finds the new triple."""
    endpoint = f"{serve(make_store(tmp_path / 'store'), '--token', TOKEN, '--workers', '2')}/sparql"
    writer = SPARQLUpdateStore(endpoint, endpoint, headers={"Authorization": f"Bearer {TOKEN}"})
    reader = SPARQLWrapper(endpoint)
    reader.setReturnFormat(JSON)
    for round_ in range(3):
        writer.update(f'INSERT DATA {{ GRAPH <{EX}article7> {{ <{EX}note{round_}> <{EX}text> "seen" }} }}')
        reader.setQuery(f"ASK {{ <{EX}note{round_}> <{EX}text> ?t }}")
        assert all(reader.query().convert()["boolean"] for _ in range(8))
