"""The SPARQL 1.1 Service Description, answered for a plain GET of the endpoint."""

from __future__ import annotations

import pyoxigraph as ox
from flask import Request, Response, current_app

from kg.serve import formats
from kg.serve.protocol import ProtocolError

SD = "http://www.w3.org/ns/sparql-service-description#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RESULT_FORMATS = {
    "http://www.w3.org/ns/formats/SPARQL_Results_JSON", "http://www.w3.org/ns/formats/SPARQL_Results_XML",
    "http://www.w3.org/ns/formats/SPARQL_Results_CSV", "http://www.w3.org/ns/formats/SPARQL_Results_TSV",
    "http://www.w3.org/ns/formats/Turtle", "http://www.w3.org/ns/formats/N-Triples",
    "http://www.w3.org/ns/formats/JSON-LD", "http://www.w3.org/ns/formats/RDF_XML",
    "http://www.w3.org/ns/formats/TriG", "http://www.w3.org/ns/formats/N-Quads",
}


def describe_service(request: Request) -> Response:
    try:
        chosen = formats.choose("graph", request.headers.get("Accept"), request.args.getlist("format"))
    except formats.NotAcceptable as error:
        raise ProtocolError(406, str(error)) from None
    body = ox.serialize(_description(request.base_url), format=chosen.writer,
                        prefixes={"sd": SD, "formats": "http://www.w3.org/ns/formats/"})
    return Response(body, content_type=chosen.content_type, headers={"Vary": "Accept"})


def _description(endpoint: str) -> list[ox.Triple]:
    service = ox.BlankNode()
    dataset = ox.BlankNode()
    default_graph = ox.BlankNode()

    def sd(term: str) -> ox.NamedNode:
        return ox.NamedNode(SD + term)

    triples = [
        ox.Triple(service, RDF_TYPE, sd("Service")),
        ox.Triple(service, sd("endpoint"), ox.NamedNode(endpoint)),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(service, sd("feature"), sd("EmptyGraphs")),
        ox.Triple(service, sd("defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, sd("Dataset")),
        ox.Triple(dataset, sd("defaultGraph"), default_graph),
        ox.Triple(default_graph, RDF_TYPE, sd("Graph")),
    ]
    if current_app.config["KG_QUERY_SETTINGS"].union_default_graph:
        triples.append(ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")))
    if current_app.config.get("KG_TOKEN"):
        triples.append(ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Update")))
    triples += [ox.Triple(service, sd("resultFormat"), ox.NamedNode(iri)) for iri in sorted(RESULT_FORMATS)]
    return triples
