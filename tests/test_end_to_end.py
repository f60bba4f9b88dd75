"""The whole path on the seed: extract -> RDF -> store -> a live `kg serve` -> SPARQLWrapper."""

from __future__ import annotations

import pytest
from servers import store_from_extractions
from SPARQLWrapper import JSON, SPARQLWrapper

CALL = """
PREFIX kgo: <https://w3id.org/kg-news/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?event ?name ?notAfter ?topic ?text WHERE {
  ?event a kgo:Consult ; kgo:mode ?mode ; kgo:notAfter ?notAfter ; kgo:topic ?topic ;
         kgo:evidence/kgo:text ?text .
  { ?event kgo:source ?actor } UNION { ?event kgo:target ?actor }
  ?actor rdfs:label ?name .
}"""


@pytest.fixture(scope="module")
def seed_endpoint(serve, tmp_path_factory: pytest.TempPathFactory, seed_extraction) -> str:
    store = store_from_extractions(tmp_path_factory.mktemp("seed") / "store", seed_extraction)
    return f"{serve(store)}/sparql"


def test_seed_phone_call_through_sparqlwrapper(seed_endpoint: str) -> None:
    client = SPARQLWrapper(seed_endpoint)
    client.setQuery(CALL)
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]
    assert {"Lloyd Austin", "Andrej Beloussow"} <= {r["name"]["value"] for r in rows}
    assert {r["notAfter"]["value"] for r in rows} == {"2024-06-26"}
    assert any("Krieg" in r["topic"]["value"] for r in rows)
    texts = {r["text"]["value"] for r in rows}
    assert any(t.startswith("US-Verteidigungsminister Lloyd Austin hat") for t in texts)


def test_seed_graph_validates_against_the_shapes(seed_extraction) -> None:
    from kg.rdf import extraction_to_graph, validate

    report = validate(extraction_to_graph(seed_extraction))
    assert report.conforms, report.text
