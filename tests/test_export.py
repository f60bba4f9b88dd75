"""kg.export: every file is read back by a real reader (networkx, xmllint against the schemas, Graphviz,
pandas, rdflib) and must hold what the graph holds; filters, the CLI and the /export endpoint."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from kg.export import FilterError, build_view, export, parse_filters, project
from kg.store import GraphStore

XSD = Path(__file__).parent / "fixtures" / "xsd"
AUSTIN = "https://w3id.org/kg-news/id/person/lloyd-austin"
BELOUSSOW = "https://w3id.org/kg-news/id/person/andrej-beloussow"
needs_xmllint = pytest.mark.skipif(not shutil.which("xmllint"), reason="xmllint missing: scripts/setup-tools.sh")
needs_dot = pytest.mark.skipif(not shutil.which("dot"), reason="Graphviz missing: scripts/setup-tools.sh")

# Written for these tests: one actor named in two languages, a mediated exchange dated to a month, a
# consultation in a second article, and an actor label with markup and quotes.
TRIG = """
@prefix kgo: <https://w3id.org/kg-news/ontology#> .
@prefix kgr: <https://w3id.org/kg-news/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
kgr:graph/a1 {
  kgr:article/a1 a kgo:Article .
  kgr:event/a1/ev1 a kgo:Event, kgo:PrisonerExchange ; kgo:eventType "PRISONER_EXCHANGE" ;
      kgo:participant kgr:entity/Q1001, kgr:entity/Q1002 ; kgo:mediator kgr:country/qatar ;
      kgo:date "2023-03"^^xsd:gYearMonth ; kgo:datePrecision "month" ; kgo:quantity 40 ;
      kgo:inArticle kgr:article/a1 ; kgo:evidence kgr:evidence/a1/0-40 .
  kgr:evidence/a1/0-40 a kgo:Evidence ; kgo:text "Nordland and Suedland swapped 40 prisoners."@en ;
      kgo:start 0 ; kgo:end 40 .
  kgr:entity/Q1001 a kgo:Country ; rdfs:label "Northland"@en ; owl:sameAs <http://www.wikidata.org/entity/Q1001> .
  kgr:entity/Q1002 a kgo:Country ; rdfs:label "Southland"@en ; owl:sameAs <http://www.wikidata.org/entity/Q1002> .
  kgr:country/qatar a kgo:Country ; rdfs:label "Qatar"@en .
}
kgr:graph/a2 {
  kgr:article/a2 a kgo:Article .
  kgr:event/a2/ev1 a kgo:Event, kgo:Consult ; kgo:eventType "CONSULT" ; kgo:mode kgo:Phone ;
      kgo:source kgr:person/ann-vale ; kgo:target kgr:entity/Q1001 ;
      kgo:participant kgr:person/ann-vale, kgr:entity/Q1001 ;
      kgo:notAfter "2024-05-02"^^xsd:date ; kgo:inArticle kgr:article/a2 ; kgo:topic "Hafen"@de .
  kgr:entity/Q1001 a kgo:Country ; rdfs:label "Nordland"@de .
  kgr:person/ann-vale a kgo:Person ; rdfs:label "Ann \\"<b>Vale</b>\\""@de .
}
"""


@pytest.fixture(scope="module")
def seed_dir(tmp_path_factory: pytest.TempPathFactory, seed_extraction) -> Path:
    folder = tmp_path_factory.mktemp("export") / "store"
    store = GraphStore.open(folder)
    store.put_extraction(seed_extraction)
    store.flush()
    del store
    return folder


@pytest.fixture(scope="module")
def seed(seed_dir: Path) -> GraphStore:
    return GraphStore.open(seed_dir, read_only=True)


@pytest.fixture(scope="module")
def small() -> GraphStore:
    store = GraphStore.open()
    trig = re.sub(r"kgr:([\w/.-]+[\w])", r"<https://w3id.org/kg-news/id/\1>", TRIG)
    store.raw.load(trig.encode(), format=ox.RdfFormat.TRIG)
    return store


def _event_count(store: GraphStore) -> int:
    rows = list(store.query("SELECT (COUNT(DISTINCT ?e) AS ?n) { ?e a kgo:Event }"))
    return int(rows[0]["n"].value)


# --- the projection and the views ------------------------------------------------------------------------


def test_actor_network_has_the_austin_beloussow_call_with_its_evidence(seed: GraphStore) -> None:
    graph = build_view(project(seed), "actors")
    calls = [data for _, _, data in graph.edges(data=True) if data["event_type"] == "CONSULT"]
    edges = graph.get_edge_data(AUSTIN, BELOUSSOW)
    assert edges, "no Austin -> Beloussow edge"
    (call,) = [data for data in edges.values() if data["event_type"] == "CONSULT"]
    assert call in calls
    assert call["mode"] == "phone" and call["weight"] == 1 and call["directed"] is True
    assert call["date"] == "2024-06-26" and call["date_stated"] is False  # the publication day
    assert "US-Verteidigungsminister Lloyd Austin hat" in call["evidence"]
    assert graph.nodes[AUSTIN]["label"] == "Lloyd Austin" and graph.nodes[AUSTIN]["actor_type"] == "PERSON"
    assert graph.nodes["https://w3id.org/kg-news/id/entity/Q30"]["wikidata"] == "Q30"


def test_event_graph_links_each_event_to_its_actors_by_role(seed: GraphStore) -> None:
    graph = build_view(project(seed), "events")
    events = [node for node, data in graph.nodes(data=True) if data["kind"] == "event"]
    assert len(events) == _event_count(seed)
    call = next(node for node in events if graph.nodes[node]["event_type"] == "CONSULT")
    roles = {(data["role"], target) for _, target, data in graph.out_edges(call, data=True)}
    assert roles == {("source", AUSTIN), ("target", BELOUSSOW)}  # participants named by their roles


def test_attributes_are_flat_and_typed(seed: GraphStore) -> None:
    for view in ("actors", "events"):
        graph = build_view(project(seed), view)
        values = [*(d for _, d in graph.nodes(data=True)), *(d for _, _, d in graph.edges(data=True))]
        assert all(type(v) in (str, int, float, bool) for data in values for v in data.values())


def test_labels_in_two_languages_stay_apart_and_english_is_preferred(small: GraphStore) -> None:
    node = build_view(project(small), "actors").nodes["https://w3id.org/kg-news/id/entity/Q1001"]
    assert node["label"] == "Northland"
    assert node["labels"] == "Nordland@de | Northland@en"


def test_mediator_and_participants(small: GraphStore) -> None:
    graph = build_view(project(small), "actors")
    edges = {(u.rsplit("/", 1)[-1], v.rsplit("/", 1)[-1], d["role"], d["directed"])
             for u, v, d in graph.edges(data=True) if d["event_type"] == "PRISONER_EXCHANGE"}
    assert edges == {("Q1001", "Q1002", "participants", False), ("qatar", "Q1001", "mediator", True),
                     ("qatar", "Q1002", "mediator", True)}


# --- filters -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("filters", "expected"), [
    ({"types": "consult"}, {"a2/ev1"}),
    ({"since": "2023-03-31", "until": "2023-04"}, {"a1/ev1"}),  # a month overlaps its last day
    ({"since": "2024"}, {"a2/ev1"}),  # undated: placed at its not-after day
    ({"actor": "Nordland"}, {"a1/ev1", "a2/ev1"}),  # any label, any language
    ({"actor": "q1002"}, {"a1/ev1"}),
    ({"actor": "https://w3id.org/kg-news/id/country/qatar"}, {"a1/ev1"}),
    ({"article": "a2"}, {"a2/ev1"}),
    ({"article": "a1", "types": ["CONSULT"]}, set()),
])
def test_filters_select_events(small: GraphStore, filters: dict, expected: set[str]) -> None:
    chosen = project(small, parse_filters(**filters)).events
    assert {event.iri.split("/event/")[1] for event in chosen} == expected


@pytest.mark.parametrize(("filters", "message"), [
    ({"types": "CONSULT,PARTY"}, "unknown event type(s) PARTY"),
    ({"since": "2024-02-30"}, "not a valid date"),
    ({"since": "June"}, "not a date"),
    ({"since": "2024-05", "until": "2024-04"}, "empty"),
])
def test_bad_filter_values_are_explained(filters: dict, message: str) -> None:
    with pytest.raises(FilterError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_filters(**filters)


def test_unknown_actor_or_article_is_explained(small: GraphStore) -> None:
    with pytest.raises(FilterError, match="no actor 'Atlantis'"):
        project(small, parse_filters(actor="Atlantis"))
    with pytest.raises(FilterError, match="no events from article 'a9'"):
        project(small, parse_filters(article="a9"))


# --- each file read back by a real reader ------------------------------------------------------------------


@pytest.mark.parametrize("view", ["actors", "events"])
def test_gexf_reads_back_with_the_same_nodes_edges_and_attributes(seed: GraphStore, view: str) -> None:
    graph = build_view(project(seed), view)
    back = nx.read_gexf(io.BytesIO(export(seed, "gexf", view=view)))
    assert (back.number_of_nodes(), back.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
    for node, data in graph.nodes(data=True):
        assert back.nodes[node] == data
    read_edges = {data["id"]: data for _, _, data in back.edges(data=True)}
    for _, _, key, data in graph.edges(keys=True, data=True):
        assert read_edges[key] == {**data, "id": key, **({"weight": float(data["weight"])} if "weight" in data else {})}


@pytest.mark.parametrize("view", ["actors", "events"])
def test_graphml_reads_back_with_the_same_nodes_edges_and_attributes(seed: GraphStore, view: str) -> None:
    graph = build_view(project(seed), view)
    back = nx.read_graphml(io.BytesIO(export(seed, "graphml", view=view)))
    assert (back.number_of_nodes(), back.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
    by_iri = {data["iri"]: data for _, data in back.nodes(data=True)}
    assert by_iri == {node: data for node, data in graph.nodes(data=True)}
    # a graph without parallel edges reads back as a DiGraph, which keeps the GraphML edge id as `id`
    read = sorted(json.dumps({k: v for k, v in data.items() if k != "id"}, sort_keys=True)
                  for _, _, data in back.edges(data=True))
    assert read == sorted(json.dumps(data, sort_keys=True) for _, _, data in graph.edges(data=True))


@needs_xmllint
@pytest.mark.parametrize(("format_name", "schema"), [("gexf", "gexf-1.3/gexf.xsd"), ("graphml", "graphml/graphml.xsd")])
@pytest.mark.parametrize("view", ["actors", "events"])
def test_xml_formats_validate_against_their_schemas(seed: GraphStore, tmp_path: Path, format_name: str,
                                                    schema: str, view: str) -> None:
    path = tmp_path / f"out.{format_name}"
    path.write_bytes(export(seed, format_name, view=view))
    result = subprocess.run(["xmllint", "--noout", "--nonet", "--schema", str(XSD / schema), str(path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "validates" in result.stderr


@needs_dot
def test_dot_renders_with_graphviz(seed: GraphStore) -> None:
    graph = build_view(project(seed), "actors")
    result = subprocess.run(["dot", "-Tsvg"], input=export(seed, "dot"), capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr.decode()
    svg = result.stdout.decode()
    assert svg.count('class="node"') == graph.number_of_nodes()
    assert svg.count('class="edge"') == graph.number_of_edges()
    assert "Lloyd Austin" in svg and "Andrej Beloussow" in svg


def test_dot_quotes_labels_with_quotes_and_markup(small: GraphStore) -> None:
    text = export(small, "dot").decode()
    assert 'label="Ann \\"<b>Vale</b>\\""' in text
    assert "https://" not in text.split("[")[0]  # ids are synthetic, IRIs only inside quoted attributes


def test_d3_json_reads_back_as_node_link_data(seed: GraphStore) -> None:
    graph = build_view(project(seed), "actors")
    data = json.loads(export(seed, "d3"))
    back = nx.node_link_graph(data, edges="links")
    assert (back.number_of_nodes(), back.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
    assert {link["source"] for link in data["links"]} <= {node["id"] for node in data["nodes"]}


def test_cytoscape_json_has_every_element(seed: GraphStore) -> None:
    graph = build_view(project(seed), "events")
    elements = json.loads(export(seed, "cytoscape", view="events"))["elements"]
    assert len(elements["nodes"]) == graph.number_of_nodes() and len(elements["edges"]) == graph.number_of_edges()
    assert len({edge["data"]["id"] for edge in elements["edges"]}) == graph.number_of_edges()


def test_events_table_reads_back_with_pandas(seed: GraphStore) -> None:
    import pandas as pd

    csv = pd.read_csv(io.BytesIO(export(seed, "csv")), keep_default_na=False)
    parquet = pd.read_parquet(io.BytesIO(export(seed, "parquet")))
    assert len(csv) == len(parquet) == _event_count(seed)
    for table in (csv, parquet):
        call = table[table["type"] == "CONSULT"].iloc[0]
        assert (call["source"], call["target"], call["mode"]) == ("Lloyd Austin", "Andrej Beloussow", "phone")
        assert call["not_after"] == "2024-06-26"
    assert sorted(parquet[parquet["type"] == "CONSULT"].iloc[0]["participants"]) == ["Andrej Beloussow", "Lloyd Austin"]
    assert "US-Verteidigungsminister Lloyd Austin hat" in csv[csv["type"] == "CONSULT"].iloc[0]["evidence"]
    assert {"Q159", "Q212"} <= set(parquet[parquet["type"] == "PRISONER_EXCHANGE"].iloc[0]["wikidata"])


def _reference(store: GraphStore) -> rdflib.Dataset:
    dataset = rdflib.Dataset()
    dataset.parse(data=ox.serialize(store.raw, format=ox.RdfFormat.N_QUADS).decode(), format="nquads")
    return dataset


@pytest.mark.parametrize(("format_name", "rdflib_format"), [("trig", "trig"), ("nquads", "nquads"),
                                                            ("jsonld", "json-ld")])
def test_rdf_datasets_parse_back_isomorphic_graph_by_graph(seed: GraphStore, format_name: str,
                                                           rdflib_format: str) -> None:
    back = rdflib.Dataset()
    back.parse(data=export(seed, format_name), format=rdflib_format)
    wanted = {str(g.identifier): g for g in _reference(seed).graphs() if len(g)}
    read = {str(g.identifier): g for g in back.graphs() if len(g)}
    assert read.keys() == wanted.keys() and len(wanted) == 1
    assert all(isomorphic(read[name], wanted[name]) for name in wanted)


def test_turtle_parses_back_as_the_union_of_the_article_graphs(seed: GraphStore) -> None:
    union = rdflib.Graph()
    for subject, predicate, obj, _ in _reference(seed).quads():
        union.add((subject, predicate, obj))
    back = rdflib.Graph().parse(data=export(seed, "turtle"), format="turtle")
    assert len(back) == len(seed) and isomorphic(back, union)


def test_filtered_rdf_keeps_the_chosen_events_and_what_they_reach(seed: GraphStore) -> None:
    dataset = rdflib.Dataset()
    dataset.parse(data=export(seed, "nquads", parse_filters(types="CONSULT")), format="nquads")
    back = rdflib.Graph()
    for subject, predicate, obj, _ in dataset.quads():
        back.add((subject, predicate, obj))
    kgo = rdflib.Namespace("https://w3id.org/kg-news/ontology#")
    events = set(back.subjects(rdflib.RDF.type, kgo.Event))
    assert [str(e).rsplit("/", 1)[-1] for e in events] == ["ev1"]
    texts = {str(text) for text in back.objects(None, kgo.text)}
    assert any(text.startswith("US-Verteidigungsminister Lloyd Austin hat") for text in texts)
    assert (rdflib.URIRef(AUSTIN), rdflib.RDFS.label, rdflib.Literal("Lloyd Austin", lang="de")) in back


# --- the command and the endpoint --------------------------------------------------------------------------


def test_cli_writes_the_file_the_extension_names(seed_dir: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import main

    out = tmp_path / "net.graphml"
    result = CliRunner().invoke(main, ["export", "--store", str(seed_dir), "-o", str(out), "--actor", "Lloyd Austin"])
    assert result.exit_code == 0, result.output
    back = nx.read_graphml(out)
    assert {data["label"] for _, data in back.nodes(data=True)} == {"Lloyd Austin", "Andrej Beloussow"}


@pytest.mark.parametrize(("arguments", "message"), [
    (["-o", "x.unknown"], "cannot tell the format"),
    (["-o", "-", "--format", "csv", "--type", "PARTY"], "unknown event type"),
    (["-o", "-", "--format", "csv", "--actor", "Atlantis"], "no actor 'Atlantis'"),
])
def test_cli_explains_bad_input_without_a_traceback(seed_dir: Path, arguments: list[str], message: str) -> None:
    from click.testing import CliRunner

    from kg.cli import main

    result = CliRunner().invoke(main, ["export", "--store", str(seed_dir), *arguments])
    assert result.exit_code != 0 and message in result.output
    assert "Traceback" not in result.output


@pytest.fixture(scope="module")
def client(seed_dir: Path, seed: GraphStore):
    from kg.server import create_app

    app = create_app({"KG_STORE": str(seed_dir)})
    return app.test_client()


def test_export_endpoint_sends_the_file(client, seed: GraphStore) -> None:
    response = client.get("/export?format=gexf&view=events&type=CONSULT")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="kg-events.gexf"'
    back = nx.read_gexf(io.BytesIO(response.data))
    assert set(back.nodes) == {"https://w3id.org/kg-news/id/event/000_c56ab70738da21e2/ev1", AUSTIN, BELOUSSOW}


@pytest.mark.parametrize(("query", "message"), [("format=xls", "unknown export format"),
                                                ("format=csv&view=map", "unknown view"),
                                                ("format=csv&until=yesterday", "not a date")])
def test_export_endpoint_rejects_bad_parameters(client, query: str, message: str) -> None:
    response = client.get("/export?" + query)
    assert response.status_code == 400 and message in response.get_data(as_text=True)


def test_graph_data_gives_elements_and_events_with_evidence(client, seed: GraphStore) -> None:
    data = client.get("/graph/data?actor=Q30").get_json()
    events = {event["type"] for event in data["events"]}
    assert events == {"THREATEN", "ACCUSE"}
    assert all(event["evidence"] for event in data["events"])
    assert {node["data"]["label"] for node in data["elements"]["nodes"]} >= {"USA", "Dmitri Peskow"}
    assert client.get("/graph").status_code == 200
