"""The three W3C service-description tests. Their manifest names them without HTTP actions (they were run
by the sdl tool); what each one checks is what its mf:name says, written here per test name."""

from __future__ import annotations

from manifest import Case
from rdflib import RDF, Graph, Namespace, URIRef
from replay import raw_request

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
LANGUAGES = {SD.SPARQL10Query, SD.SPARQL11Query, SD.SPARQL11Update}
RDF_TYPES = {"text/turtle": "turtle", "application/rdf+xml": "xml", "application/ld+json": "json-ld",
             "application/n-triples": "nt"}


def run_case(base: str, case: Case) -> list[str]:
    checks = {"returns-rdf": _returns_rdf, "has-endpoint-triple": _has_endpoint_triple,
              "conforms-to-schema": _conforms_to_schema}
    if case.name not in checks:
        return [f"no check written for service-description test {case.name}"]
    return checks[case.name](base)


def _fetch(base: str, accept: str | None) -> tuple[int, str, bytes]:
    headers = {"accept": accept} if accept else {}
    status, response_headers, body = raw_request(base, "GET", "/sparql", headers, None)
    return status, response_headers.get("content-type", "").split(";")[0].strip(), body


def _returns_rdf(base: str) -> list[str]:
    problems = []
    for accept in (None, "text/turtle", "application/rdf+xml", "application/ld+json"):
        status, media_type, body = _fetch(base, accept)
        if status != 200 or media_type not in RDF_TYPES:
            problems.append(f"Accept {accept}: status {status}, {media_type}")
            continue
        if len(Graph().parse(data=body, format=RDF_TYPES[media_type])) == 0:
            problems.append(f"Accept {accept}: an empty graph")
    return problems


def _description(base: str) -> Graph:
    _, media_type, body = _fetch(base, "text/turtle")
    return Graph().parse(data=body, format=RDF_TYPES.get(media_type, "turtle"))


def _has_endpoint_triple(base: str) -> list[str]:
    graph = _description(base)
    if (None, SD.endpoint, URIRef(f"{base}/sparql")) in graph:
        return []
    return [f"no sd:endpoint <{base}/sparql>: {sorted(graph.objects(None, SD.endpoint))}"]


def _conforms_to_schema(base: str) -> list[str]:
    """The shape of the SPARQL 1.1 Service Description vocabulary: one sd:Service with an endpoint,
    known languages, IRIs for features and formats, and a default dataset with a default graph."""
    graph = _description(base)
    services = list(graph.subjects(RDF.type, SD.Service))
    if len(services) != 1:
        return [f"expected one sd:Service, found {len(services)}"]
    service = services[0]
    problems = []
    if not isinstance(graph.value(service, SD.endpoint), URIRef):
        problems.append("sd:endpoint missing or not an IRI")
    languages = set(graph.objects(service, SD.supportedLanguage))
    if not languages or not languages <= LANGUAGES:
        problems.append(f"sd:supportedLanguage values {languages} not among {LANGUAGES}")
    for prop in (SD.feature, SD.resultFormat):
        if not all(isinstance(value, URIRef) for value in graph.objects(service, prop)):
            problems.append(f"{prop} values must be IRIs")
    for dataset in graph.objects(service, SD.defaultDataset):
        if (dataset, RDF.type, SD.Dataset) not in graph:
            problems.append("sd:defaultDataset is not typed sd:Dataset")
        for default_graph in graph.objects(dataset, SD.defaultGraph):
            if (default_graph, RDF.type, SD.Graph) not in graph:
                problems.append("sd:defaultGraph is not typed sd:Graph")
    return problems
