"""The SPARQL endpoint in-process (Flask test client): protocol, formats, errors, writes, limits."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from servers import store_from_trig

from kg.server import create_app

EX = "http://example.org/"
TOKEN = "test-token-7f3a"

# Two article graphs of a made-up diplomatic exchange, written for these tests.
TRIG = f"""
@prefix ex: <{EX}> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:article1 {{
    ex:call1 a ex:PhoneCall ; ex:participant ex:marta, ex:ivo ; ex:date "2024-03-05"^^xsd:date ;
        ex:topic "grain exports" ; ex:evidence "Marta Kowal telefonierte am Dienstag mit Ivo Brandt." .
    ex:marta rdfs:label "Marta Kowal" , "Marta Kowal"@de .
    ex:ivo rdfs:label "Ivo Brandt" .
}}
ex:article2 {{
    ex:threat1 a ex:Threat ; ex:source ex:ivo ; ex:target ex:marta ;
        ex:evidence "Brandt drohte mit Sanktionen." .
}}
"""


def make_store(path: Path) -> Path:
    return store_from_trig(path, TRIG)


@pytest.fixture()
def store_dir(tmp_path: Path) -> Path:
    return make_store(tmp_path / "store")


@pytest.fixture()
def client(store_dir: Path):
    return create_app({"KG_STORE": str(store_dir), "KG_TOKEN": TOKEN, "KG_REFRESH_INTERVAL": 0}).test_client()


@pytest.fixture()
def read_only_client(store_dir: Path):
    return create_app({"KG_STORE": str(store_dir)}).test_client()


LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
PARTICIPANTS = f"SELECT ?name WHERE {{ <{EX}call1> <{EX}participant>/<{LABEL}> ?name }}"


def names(response) -> set[str]:
    assert response.status_code == 200, response.data
    return {row["name"]["value"] for row in response.get_json(force=True)["results"]["bindings"]}


def test_get_query_answers_sparql_json_over_the_union_of_article_graphs(client) -> None:
    response = client.get("/sparql", query_string={"query": PARTICIPANTS})
    assert response.mimetype == "application/sparql-results+json"
    assert names(response) == {"Marta Kowal", "Ivo Brandt"}


def test_post_form_and_post_direct_give_the_same_rows(client) -> None:
    form = client.post("/sparql", data={"query": PARTICIPANTS})
    direct = client.post("/sparql", data=PARTICIPANTS, content_type="application/sparql-query")
    assert names(form) == names(direct) == {"Marta Kowal", "Ivo Brandt"}


@pytest.mark.parametrize(("accept", "media_type", "marker"), [
    ("application/sparql-results+xml", "application/sparql-results+xml", b"<literal>Ivo Brandt</literal>"),
    ("text/csv", "text/csv", b"\r\nIvo Brandt\r\n"),
    ("text/tab-separated-values", "text/tab-separated-values", b'\n"Ivo Brandt"\n'),
])
def test_select_formats_by_accept_header(client, accept: str, media_type: str, marker: bytes) -> None:
    response = client.get("/sparql", query_string={"query": PARTICIPANTS}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.mimetype == media_type
    assert marker in response.data


@pytest.mark.parametrize(("how", "media_type"), [
    ({"headers": {"Accept": "text/turtle"}}, "text/turtle"),
    ({"headers": {"Accept": "application/ld+json"}}, "application/ld+json"),
    ({"headers": {"Accept": "application/rdf+xml"}}, "application/rdf+xml"),
    ({"headers": {"Accept": "application/n-triples"}}, "application/n-triples"),
    ({"query_string": {"format": "trig"}}, "application/trig"),
    ({"query_string": {"format": "jsonld"}}, "application/ld+json"),
])
def test_construct_formats_parse_back_to_the_same_triples(client, how: dict, media_type: str) -> None:
    query = f"CONSTRUCT {{ ?e <{EX}evidence> ?text }} WHERE {{ ?e <{EX}evidence> ?text }}"
    extra = how.get("query_string", {})
    response = client.post("/sparql", data={"query": query, **extra}, headers=how.get("headers", {}))
    assert response.status_code == 200, response.data
    assert response.mimetype == media_type
    parsed = list(ox.parse(response.data, format=ox.RdfFormat.from_media_type(media_type)))
    assert {q.object.value for q in parsed} == {
        "Marta Kowal telefonierte am Dienstag mit Ivo Brandt.", "Brandt drohte mit Sanktionen."}


def test_ask_and_format_parameter(client) -> None:
    response = client.get("/sparql", query_string={"query": f"ASK {{ ?t a <{EX}Threat> }}", "format": "xml"})
    assert response.mimetype == "application/sparql-results+xml"
    assert b"<boolean>true</boolean>" in response.data


def test_default_graph_uri_limits_the_dataset(client) -> None:
    query = f"ASK {{ ?t a <{EX}Threat> }}"
    only_first = client.get("/sparql", query_string={"query": query, "default-graph-uri": f"{EX}article1"})
    only_second = client.get("/sparql", query_string={"query": query, "default-graph-uri": f"{EX}article2"})
    assert only_first.get_json(force=True)["boolean"] is False
    assert only_second.get_json(force=True)["boolean"] is True


def test_named_graph_uri_limits_graph_patterns(client) -> None:
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    response = client.get("/sparql", query_string={"query": query, "named-graph-uri": f"{EX}article2"})
    rows = response.get_json(force=True)["results"]["bindings"]
    assert [row["g"]["value"] for row in rows] == [f"{EX}article2"]


def test_bad_query_gets_400_with_the_parser_message(client) -> None:
    response = client.get("/sparql", query_string={"query": "SELECT ?x WHERE { ?x ?y }"})
    assert response.status_code == 400
    assert b"syntax error" in response.data and b"1:" in response.data  # line:column from the parser


def test_unacceptable_and_unsupported_media_types(client) -> None:
    not_acceptable = client.get("/sparql", query_string={"query": PARTICIPANTS},
                                headers={"Accept": "image/png"})
    unsupported = client.post("/sparql", data=PARTICIPANTS, content_type="text/plain")
    assert not_acceptable.status_code == 406
    assert unsupported.status_code == 415


def test_protocol_misuse_is_a_client_error(client) -> None:
    two_queries = client.get("/sparql?query=ASK%7B%7D&query=ASK%7B%7D")
    update_by_get = client.get("/sparql", query_string={"update": "CLEAR ALL"})
    no_type = client.post("/sparql", data=b"ASK {}", content_type="")
    put = client.put("/sparql", data={"query": "ASK {}"})
    assert [r.status_code for r in (two_queries, update_by_get, no_type)] == [400, 400, 400]
    assert put.status_code == 405


def test_service_description_at_the_endpoint_root(client) -> None:
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.mimetype == "text/turtle"
    triples = list(ox.parse(response.data, format=ox.RdfFormat.TURTLE))
    sd = "http://www.w3.org/ns/sparql-service-description#"
    endpoints = [t.object.value for t in triples if t.predicate.value == sd + "endpoint"]
    languages = {t.object.value for t in triples if t.predicate.value == sd + "supportedLanguage"}
    assert endpoints == ["http://localhost/sparql"]
    assert languages == {sd + "SPARQL11Query", sd + "SPARQL11Update"}


INSERT = f'INSERT DATA {{ GRAPH <{EX}article3> {{ <{EX}visit1> a <{EX}Visit> }} }}'
COUNT_VISITS = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?v a <{EX}Visit> }}"


def visits(client) -> int:
    response = client.get("/sparql", query_string={"query": COUNT_VISITS})
    return int(response.get_json(force=True)["results"]["bindings"][0]["n"]["value"])


def test_update_needs_the_bearer_token(client) -> None:
    missing = client.post("/sparql", data={"update": INSERT})
    wrong = client.post("/sparql", data={"update": INSERT}, headers={"Authorization": "Bearer nope"})
    assert missing.status_code == wrong.status_code == 401
    assert visits(client) == 0
    right = client.post("/sparql", data=INSERT, content_type="application/sparql-update",
                        headers={"Authorization": f"Bearer {TOKEN}"})
    assert right.status_code == 204
    assert visits(client) == 1


def test_without_a_token_the_server_is_read_only(read_only_client) -> None:
    response = read_only_client.post("/sparql", data={"update": INSERT},
                                     headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 403
    assert b"read-only" in response.data


def test_update_with_using_graph_uri_reads_only_that_graph(client) -> None:
    update = f"INSERT {{ GRAPH <{EX}copied> {{ ?s <{EX}seen> true }} }} WHERE {{ ?s a ?type }}"
    response = client.post(f"/sparql?using-graph-uri={EX}article2", data=update,
                           content_type="application/sparql-update",
                           headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 204, response.data
    rows = client.get("/sparql", query_string={
        "query": f"SELECT ?s WHERE {{ GRAPH <{EX}copied> {{ ?s ?p ?o }} }}"}).get_json(force=True)
    assert [row["s"]["value"] for row in rows["results"]["bindings"]] == [f"{EX}threat1"]


def test_the_server_sees_data_written_by_another_process_without_a_restart(client, store_dir: Path) -> None:
    assert visits(client) == 0
    writer = ox.Store(str(store_dir))  # what `kg build` does while the server runs
    writer.update(INSERT)
    writer.flush()
    del writer
    assert visits(client) == 1


def test_row_cap_answers_with_a_clear_message(store_dir: Path) -> None:
    client = create_app({"KG_STORE": str(store_dir), "KG_MAX_ROWS": 2}).test_client()
    many = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o }"})
    few = client.get("/sparql",
                     query_string={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 2", "format": "csv"})
    assert many.status_code == 400
    assert b"limit of 2 rows" in many.data
    assert few.status_code == 200 and few.data.count(b"\r\n") == 3


def test_request_size_limit(store_dir: Path) -> None:
    client = create_app({"KG_STORE": str(store_dir), "KG_MAX_REQUEST_BYTES": 1000}).test_client()
    response = client.post("/sparql", data="ASK {}" + " " * 2000, content_type="application/sparql-query")
    assert response.status_code == 413


def test_query_timeout_answers_503_and_stops_the_query(tmp_path: Path) -> None:
    """At the limit the query's process is killed: nothing keeps computing after the 503."""
    path = tmp_path / "big"
    big = ox.Store(str(path))
    big.extend(ox.Quad(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(f"{EX}p"), ox.Literal(i)) for i in range(3000))
    del big
    app = create_app({"KG_STORE": str(path), "KG_QUERY_TIMEOUT": 0.5, "KG_MAX_ROWS": 0})
    client = app.test_client()
    rows = "SELECT * WHERE { ?a ?p ?x . ?b ?p ?y . ?c ?p ?z }"  # 2.7e10 rows, streamed
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?p ?y . ?c ?p ?z }"  # no output before the end
    answers = [client.get("/sparql", query_string={"query": query}) for query in (rows, count)]
    assert [answer.status_code for answer in answers] == [503, 503]
    assert all(b"limit of 0.5 s" in answer.data for answer in answers)
    stopped = app.extensions["kg.queries"].stopped
    assert len(stopped) == 2 and not any(Path(f"/proc/{pid}").exists() for pid in stopped)
    after = client.get("/sparql", query_string={"query": f"ASK {{ <{EX}s7> ?p 7 }}"})
    assert after.status_code == 200 and after.get_json()["boolean"] is True


def test_healthz_reports_the_store(client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.data)["quads"] == 13


def test_graph_store_reads_and_needs_the_token_to_write(client) -> None:
    turtle = f'<{EX}note> <{EX}text> "Eine Notiz." .'
    refused = client.put(f"/store?graph={EX}notes", data=turtle, content_type="text/turtle")
    created = client.put(f"/store?graph={EX}notes", data=turtle, content_type="text/turtle",
                         headers={"Authorization": f"Bearer {TOKEN}"})
    fetched = client.get(f"/store?graph={EX}notes", headers={"Accept": "application/n-triples"})
    missing = client.get(f"/store?graph={EX}nothing")
    assert (refused.status_code, created.status_code, missing.status_code) == (401, 201, 404)
    assert fetched.data.decode().strip() == f'<{EX}note> <{EX}text> "Eine Notiz." .'


def test_cors_headers_for_other_origins(client) -> None:
    response = client.get("/sparql", query_string={"query": "ASK {}"}, headers={"Origin": "https://example.net"})
    assert response.headers.get("Access-Control-Allow-Origin") in ("*", "https://example.net")


def test_entity_page_escapes_text_from_the_data(tmp_path: Path) -> None:
    client = create_app({"KG_TOKEN": TOKEN}).test_client()
    turtle = f'<{EX}p9> <http://www.w3.org/2000/01/rdf-schema#label> "Mia <script>alert(1)</script>" .'
    client.put(f"/store?graph={EX}g9", data=turtle, content_type="text/turtle",
               headers={"Authorization": f"Bearer {TOKEN}"})
    page = client.get("/entity", query_string={"iri": f"{EX}p9"}).data.decode()
    assert "Mia &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page


def test_query_page_lists_the_example_queries(client) -> None:
    from kg.serve.examples import example_queries

    page = client.get("/").data.decode()
    assert all(title in page for title, _ in example_queries())


def test_kg_query_on_a_store_prints_a_table(store_dir: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import main

    result = CliRunner().invoke(main, ["query", PARTICIPANTS, "--store", str(store_dir)])
    bad = CliRunner().invoke(main, ["query", "SELECT ?x WHERE {", "--store", str(store_dir)])
    assert result.exit_code == 0, result.output
    assert '"Ivo Brandt"' in result.output and "(3 rows)" in result.output
    assert bad.exit_code != 0 and "syntax error" in bad.output and "Traceback" not in bad.output


ENTITY_TEXT = ("Außenministerin Mia <script>alert(1)</script> Berg telefonierte am 2. Juni 2024 mit Tomas Lind "
               "über Getreide.")


def test_entity_page_of_an_extracted_person(tmp_path: Path) -> None:
    """Written by the real RDF path: labels, Wikidata link, office, event with its evidence sentence, and
    markup from the article text shown as text."""
    from servers import extraction_of, span_in, store_from_extractions

    from kg.model import Entity, Event, Office
    from kg.rdf.iris import actor_iri

    name = "Mia <script>alert(1)</script> Berg"
    sentence = span_in(ENTITY_TEXT, ENTITY_TEXT)
    extraction = extraction_of(ENTITY_TEXT, [
        Entity("e1", name, "PERSON", [span_in(ENTITY_TEXT, name)], wikidata="Q4115189",
               offices=[Office("Außenministerin", "foreign_minister", "sm")], country="sm"),
        Entity("e2", "Tomas Lind", "PERSON", [span_in(ENTITY_TEXT, "Tomas Lind")]),
    ], [Event("ev1", "CONSULT", participants=["e1", "e2"], source="e1", target="e2", mode="phone",
              date="2024-06-02", topics=["Getreide"], confidence=0.8, evidence=[sentence])])
    store = store_from_extractions(tmp_path / "store", extraction)
    client = create_app({"KG_STORE": str(store)}).test_client()

    person = str(actor_iri("PERSON", name, "Q4115189"))
    page = client.get("/entity", query_string={"iri": person}).data.decode()
    escaped = "Mia &lt;script&gt;alert(1)&lt;/script&gt; Berg"
    assert f"<h1>{escaped}</h1>" in page and "<script>alert(1)" not in page
    assert 'href="https://www.wikidata.org/wiki/Q4115189"' in page
    assert "Außenministerin" in page.split("<h2>Offices</h2>")[1].split("</ul>")[0]
    events = page.split('class="kg-events"')[1].split("</table>")[0]
    assert "2024-06-02" in events and "CONSULT" in events and "participant, source" in events
    assert "telefonierte am 2. Juni 2024 mit Tomas Lind über Getreide." in events
    assert events.count("<blockquote>") == 1  # one event, shown once with both roles


@pytest.mark.parametrize("on_disk", [True, False], ids=["on-disk store", "in-memory store"])
def test_the_union_default_graph_is_a_set_of_triples(tmp_path: Path, on_disk: bool) -> None:
    """Article graphs repeat what they say about an entity; the union holds each triple once (pyoxigraph's
    own union repeats it per graph, oxigraph #1919), while GRAPH patterns still see every graph."""
    app = create_app({"KG_STORE": str(tmp_path / "store") if on_disk else None, "KG_TOKEN": TOKEN})
    client = app.test_client()
    about_marta = (f'<{EX}marta> <{LABEL}> "Marta Kowal" ; <{EX}office> <{EX}minister> . '
                   f'<{EX}minister> <{EX}officeOf> <{EX}norland> .')
    for article in range(3):
        created = client.put(f"/store?graph={EX}a{article}", data=about_marta, content_type="text/turtle",
                             headers={"Authorization": f"Bearer {TOKEN}"})
        assert created.status_code == 201
    join = f"SELECT ?name WHERE {{ ?p <{EX}office>/<{EX}officeOf> <{EX}norland> ; <{LABEL}> ?name }}"
    per_graph = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"

    def rows(query: str) -> list[dict]:
        response = client.get("/sparql", query_string={"query": query})
        assert response.status_code == 200, response.data
        return response.get_json()["results"]["bindings"]

    assert [row["name"]["value"] for row in rows(join)] == ["Marta Kowal"]  # not 27 rows
    assert rows(per_graph)[0]["n"]["value"] == "9"
    page = client.get("/entity", query_string={"iri": f"{EX}marta"}).data.decode()
    assert page.count("<li>Marta Kowal</li>") == 1


BROWSER = {"Origin": "http://analyst.example"}


def test_a_program_and_a_browser_get_the_same_answer(client) -> None:
    """Queries without Origin take the fast path past Flask; with Origin they get CORS headers from Flask."""
    for form in ({"query": PARTICIPANTS}, {"query": PARTICIPANTS, "format": "csv"}):
        program = client.post("/sparql", data=form)
        browser = client.post("/sparql", data=form, headers=BROWSER)
        assert program.status_code == browser.status_code == 200
        assert program.data == browser.data and program.content_type == browser.content_type
        assert "Access-Control-Allow-Origin" not in program.headers and program.headers["Vary"] == "Accept, Origin"
        assert browser.headers["Access-Control-Allow-Origin"]
    by_get = client.get("/sparql", query_string={"query": PARTICIPANTS}, headers={"Accept": "text/csv"})
    assert by_get.status_code == 200 and by_get.data.decode().splitlines()[0] == "name"


def test_what_the_fast_path_cannot_answer_goes_through_flask_with_its_body(client) -> None:
    bad = client.post("/sparql", data={"query": "SELECT ?x WHERE { ?x"})
    assert bad.status_code == 400 and bad.data.decode().startswith("query syntax error")
    assert bad.data == client.post("/sparql", data={"query": "SELECT ?x WHERE { ?x"}, headers=BROWSER).data
    both = client.post("/sparql", data={"query": "ASK {}", "update": "CLEAR ALL"})
    assert both.status_code == 400  # the protocol's rule, answered by Flask
    update = f'INSERT DATA {{ GRAPH <{EX}article3> {{ <{EX}note> <{EX}text> "by form" }} }}'
    written = client.post("/sparql", data={"update": update}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert written.status_code == 204  # the update's body reached Flask
    asked = client.post("/sparql", data={"query": f'ASK {{ <{EX}note> <{EX}text> "by form" }}'})
    assert asked.get_json(force=True)["boolean"] is True
    assert client.get("/sparql", headers={"Accept": "text/turtle"}).status_code == 200  # service description
