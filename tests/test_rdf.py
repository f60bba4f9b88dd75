"""Extraction -> RDF: the triples say what the extraction says, conform to the shapes, and are stable."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import RDF, BNode, Literal, Namespace, URIRef
from rdflib.compare import isomorphic

from kg.model import Document, Entity, Event, Extraction, Office, Span
from kg.rdf import (
    ExtractionError,
    article_graph_iri,
    event_iri,
    extraction_to_graph,
    extraction_to_quads,
    validate,
)
from kg.rdf.namespaces import KGO, KGR

TEXT = (
    "On 12 March 2024, Foreign Minister Anna Berg spoke by phone with her Norlandian counterpart Tomas Lind "
    "about grain exports and the front line. "
    "Lind said Norland and Sudmark had exchanged 40 prisoners in a deal mediated by Turkey."
)
# rdflib 7.6 warns about its own use of Dataset.default_context / .contexts when a Dataset is read.
pytestmark = pytest.mark.filterwarnings("ignore:Dataset.*is deprecated:DeprecationWarning")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # rdflib's XSD warns when pytest inspects the module

PREFIXES = (
    "PREFIX kgo: <https://w3id.org/kg-news/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
)


def span(text: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(text, start + 1)
    return Span(text, start, start + len(text))


def sentence(number: int) -> Span:
    first_end = TEXT.index("line.") + len("line.")
    if number == 0:
        return Span(TEXT[:first_end], 0, first_end)
    start = first_end + 1
    return Span(TEXT[start:], start, len(TEXT))


def make_extraction(doc_id: str = "test-001") -> Extraction:
    entities = [
        Entity(
            "e1",
            "Anna Berg",
            "PERSON",
            [span("Anna Berg")],
            offices=[Office("Foreign Minister", "foreign_minister", "sm")],
            country="sm",
        ),
        Entity("e2", "Tomas Lind", "PERSON", [span("Tomas Lind"), span("Lind", 1)]),
        Entity("e3", "Norland", "GPE", [span("Norland", 1)], country="nl"),
        Entity("e4", "Sudmark", "GPE", [span("Sudmark")]),
        Entity("e5", "Turkey", "GPE", [span("Turkey")], wikidata="Q43", country="tr"),
    ]
    events = [
        Event(
            "ev1",
            "CONSULT",
            participants=["e1", "e2"],
            mode="phone",
            date="2024-03-12",
            topics=["grain exports", "the front line"],
            confidence=0.85,
            evidence=[sentence(0)],
            trigger="spoke",
        ),
        Event(
            "ev2",
            "PRISONER_EXCHANGE",
            participants=["e3", "e4"],
            mediator="e5",
            reported_by="e2",
            not_after="2024-03-13",
            quantity=40,
            confidence=0.7,
            evidence=[sentence(1)],
            trigger="exchanged",
        ),
    ]
    document = Document(
        id=doc_id,
        title="Ministers talk",
        published="2024-03-13",
        language="en",
        source="Test Wire",
        url="https://example.org/news/1",
        pipeline="en:test",
    )
    return Extraction(document=document, text=TEXT, entities=entities, events=events)


@pytest.fixture(scope="module")
def dataset():
    return extraction_to_graph(make_extraction())


def select(dataset, query: str) -> list[tuple]:
    return [tuple(row) for row in dataset.query(PREFIXES + query)]


def test_consult_phone_call(dataset) -> None:
    rows = select(
        dataset,
        """
        SELECT ?name WHERE { ?e a kgo:Consult, kgo:Event ; kgo:mode kgo:Phone ; kgo:eventType "CONSULT" ;
                             kgo:participant/rdfs:label ?name }""",
    )
    assert {str(name) for (name,) in rows} == {"Anna Berg", "Tomas Lind"}
    assert all(name.language == "en" for (name,) in rows)


def test_consult_date_topics_and_evidence(dataset) -> None:
    event = URIRef(event_iri("test-001", "ev1"))
    graph = dataset.graph(URIRef(article_graph_iri("test-001")))
    assert graph.value(event, KGO.date) == Literal("2024-03-12", datatype=XSD.date)
    assert str(graph.value(event, KGO.datePrecision)) == "day"
    assert set(graph.objects(event, KGO.topic)) == {
        Literal("grain exports", lang="en"),
        Literal("the front line", lang="en"),
    }
    evidence = graph.value(event, KGO.evidence)
    start, end = graph.value(evidence, KGO.start), graph.value(evidence, KGO.end)
    assert start.datatype == XSD.integer and end.datatype == XSD.integer
    assert str(graph.value(evidence, KGO.text)) == TEXT[int(start) : int(end)]
    assert graph.value(evidence, KGO.text).language == "en"


def test_prisoner_exchange_roles_quantity_and_bound(dataset) -> None:
    rows = select(
        dataset,
        """
        SELECT ?quantity ?mediator ?reporter ?notAfter WHERE {
            ?e a kgo:PrisonerExchange ; kgo:quantity ?quantity ; kgo:notAfter ?notAfter ;
               kgo:mediator/rdfs:label ?mediator ; kgo:reportedBy/rdfs:label ?reporter .
            FILTER NOT EXISTS { ?e kgo:date ?any } }""",
    )
    assert len(rows) == 1
    quantity, mediator, reporter, not_after = rows[0]
    assert quantity == Literal("40", datatype=XSD.integer)
    assert (str(mediator), str(reporter)) == ("Turkey", "Tomas Lind")
    assert not_after.datatype == XSD.date


def test_provenance(dataset) -> None:
    rows = select(
        dataset,
        """
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?e ?pipeline WHERE { ?e a kgo:Event ; prov:wasDerivedFrom ?article ; kgo:inArticle ?article ;
                                       prov:wasGeneratedBy/kgo:pipeline ?pipeline .
                                    ?article kgo:contentHash ?hash }""",
    )
    assert len(rows) == 2
    assert {str(pipeline) for _, pipeline in rows} == {"en:test"}


def test_actors_offices_and_wikidata(dataset) -> None:
    graph = dataset.graph(URIRef(article_graph_iri("test-001")))
    turkey = KGR["entity/Q43"]
    assert (turkey, RDF.type, KGO.Country) in graph
    assert (
        turkey,
        URIRef("http://www.w3.org/2002/07/owl#sameAs"),
        URIRef("http://www.wikidata.org/entity/Q43"),
    ) in graph
    berg = KGR["person/anna-berg"]
    office = graph.value(berg, KGO.holdsOffice)
    assert str(graph.value(office, KGO.role)) == "foreign_minister"
    assert graph.value(office, KGO.officeOf) is not None
    mentions = list(graph.objects(KGR["person/tomas-lind"], KGO.mention))
    assert len(mentions) == 2
    for mention in mentions:
        start, end = int(graph.value(mention, KGO.start)), int(graph.value(mention, KGO.end))
        assert str(graph.value(mention, KGO.text)) == TEXT[start:end]


def test_one_named_graph_without_blank_nodes(dataset) -> None:
    graphs = [g.identifier for g in dataset.graphs() if len(g)]
    assert graphs == [URIRef(article_graph_iri("test-001"))]
    assert not any(
        isinstance(term, BNode) for triple in dataset.triples((None, None, None)) for term in triple
    )


def test_same_actor_in_two_articles_is_one_node() -> None:
    first = extraction_to_graph(make_extraction("a"))
    second = extraction_to_graph(make_extraction("b"))
    assert (KGR["person/tomas-lind"], RDF.type, KGO.Person) in first
    assert (KGR["person/tomas-lind"], RDF.type, KGO.Person) in second
    assert set(first.subjects(RDF.type, KGO.Event)).isdisjoint(second.subjects(RDF.type, KGO.Event))


def test_dates_typed_by_precision() -> None:
    extraction = make_extraction()
    extraction.events[0].date = "2024-03"
    extraction.events[1].date = "2024"
    graph = extraction_to_graph(extraction)
    datatypes = {str(o.datatype) for o in graph.objects(None, KGO.date)}
    assert datatypes == {str(XSD.gYearMonth), str(XSD.gYear)}
    assert validate(graph).conforms


def test_conforms_to_shapes(dataset) -> None:
    report = validate(dataset)
    assert report.conforms, report.text


BREAKAGES = {  # name: (how to break the graph, what the report must say)
    "no evidence": (lambda g, e: g.remove((e, KGO.evidence, None)), "at least one evidence"),
    "two event types": (lambda g, e: g.add((e, RDF.type, KGO.Assault)), "exactly one event type"),
    "confidence above one": (
        lambda g, e: g.set((e, KGO.confidence, Literal("1.5", datatype=XSD.decimal))),
        "confidence is one number in [0, 1]",
    ),
    "date as plain string": (
        lambda g, e: g.set((e, KGO.date, Literal("12 March 2024"))),
        "kgo:date is one xsd:date",
    ),
    "role points to a literal": (
        lambda g, e: g.add((e, KGO.target, Literal("Norland"))),
        "a role must point to an actor",
    ),
    "start after end": (
        lambda g, e: g.set((g.value(e, KGO.evidence), KGO.start, Literal(500))),
        "start must be an xsd:integer >= 0 and <= end",
    ),
    "actor without label": (
        lambda g, e: g.remove((KGR["person/anna-berg"], None, Literal("Anna Berg", lang="en"))),
        "an actor has a label",
    ),
    "article without hash": (lambda g, e: g.remove((None, KGO.contentHash, None)), "content hash"),
}


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_broken_graph_does_not_conform(breakage: str) -> None:
    dataset = extraction_to_graph(make_extraction())
    graph = dataset.graph(URIRef(article_graph_iri("test-001")))
    breaks, message = BREAKAGES[breakage]
    breaks(graph, URIRef(event_iri("test-001", "ev1")))
    report = validate(dataset)
    assert not report.conforms
    assert message in report.text


def test_same_extraction_same_triples() -> None:
    first, second = extraction_to_graph(make_extraction()), extraction_to_graph(make_extraction())
    assert set(first.quads()) == set(second.quads())
    graph = URIRef(article_graph_iri("test-001"))
    assert isomorphic(first.graph(graph), second.graph(graph))
    assert extraction_to_quads(make_extraction()) == extraction_to_quads(make_extraction())


def test_quads_are_the_graph() -> None:
    extraction = make_extraction()
    nquads = extraction_to_graph(extraction).serialize(format="nquads")
    from_graph = set(ox.parse(nquads, ox.RdfFormat.N_QUADS))
    quads = extraction_to_quads(extraction)
    assert len(quads) == len(set(quads)) > 50
    assert set(quads) == from_graph


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda x: setattr(x.events[0], "source", "e99"), "e99"),
        (lambda x: setattr(x.events[0], "date", "March 2024"), "March 2024"),
        (lambda x: setattr(x.events[0], "type", "GOSSIP"), "GOSSIP"),
        (lambda x: setattr(x.events[0], "mode", "pigeon"), "pigeon"),
        (lambda x: setattr(x.entities[4], "wikidata", "Turkey"), "Turkey"),
        (lambda x: setattr(x.events[1], "confidence", 2.0), "confidence"),
    ],
)
def test_bad_input_is_a_clear_error(change, message: str) -> None:
    extraction = make_extraction()
    change(extraction)
    with pytest.raises(ExtractionError, match=message) as raised:
        extraction_to_graph(extraction)
    assert "test-001" in str(raised.value)
