"""The ontology and its shapes: they parse, and every event type and mode of the model has its term."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import PROV, SH, SKOS

from kg.model import EVENT_MODES, EVENT_TYPES
from kg.rdf import ONTOLOGY_PATH, SHAPES_PATH
from kg.rdf.build import event_class, mode_concept
from kg.rdf.namespaces import CAMEO, KGO, PLOVER, SEM

MATCHES = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)
OUR_OWN_TYPES = {"STATEMENT"}  # not in PLOVER at all; mapped to CAMEO only


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_PATH)


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_PATH)


def mappings(ontology: Graph, cls: URIRef, namespace: str) -> set[URIRef]:
    return {o for p in MATCHES for o in ontology.objects(cls, p) if str(o).startswith(namespace)}


def test_ontology_header(ontology: Graph) -> None:
    header = URIRef("https://w3id.org/kg-news/ontology")
    assert (header, RDF.type, OWL.Ontology) in ontology
    for predicate in (RDFS.label, OWL.versionInfo, RDFS.comment):
        assert ontology.value(header, predicate) is not None, predicate


@pytest.mark.parametrize("event_type", EVENT_TYPES)
def test_every_event_type_has_a_mapped_class(ontology: Graph, event_type: str) -> None:
    cls = event_class(event_type)
    assert (cls, RDF.type, OWL.Class) in ontology
    assert (cls, RDFS.subClassOf, KGO.Event) in ontology
    assert (cls, SKOS.notation, Literal(event_type)) in ontology
    assert mappings(ontology, cls, str(CAMEO)), f"{cls} has no CAMEO mapping"
    if event_type not in OUR_OWN_TYPES:
        assert mappings(ontology, cls, str(PLOVER)), f"{cls} has no PLOVER mapping"


def test_plover_types_map_exactly(ontology: Graph) -> None:
    assert (KGO.Consult, SKOS.exactMatch, PLOVER.CONSULT) in ontology
    assert (KGO.Consult, SKOS.closeMatch, CAMEO["04"]) in ontology
    assert (KGO.Mediate, SKOS.closeMatch, CAMEO["045"]) in ontology
    assert (KGO.Assault, SKOS.narrowMatch, CAMEO["19"]) in ontology


def test_event_classes_have_german_and_english_labels(ontology: Graph) -> None:
    classes = set(ontology.subjects(RDF.type, OWL.Class))
    assert len(classes) > 25
    for cls in classes:
        languages = {label.language for label in ontology.objects(cls, RDFS.label)}
        assert {"de", "en"} <= languages, cls


@pytest.mark.parametrize("mode", EVENT_MODES)
def test_every_mode_is_a_concept(ontology: Graph, mode: str) -> None:
    concept = mode_concept(mode)
    assert (concept, RDF.type, SKOS.Concept) in ontology
    assert (concept, SKOS.inScheme, KGO.Modes) in ontology
    assert (concept, SKOS.notation, Literal(mode)) in ontology


def test_alignments(ontology: Graph) -> None:
    assert (KGO.Event, RDFS.subClassOf, SEM.Event) in ontology
    for role in (KGO.participant, KGO.source, KGO.target, KGO.mediator, KGO.reportedBy):
        assert (role, RDFS.subPropertyOf, SEM.hasActor) in ontology
    assert (KGO.reportedBy, RDFS.subPropertyOf, PROV.wasAttributedTo) in ontology
    assert (KGO.date, RDFS.subPropertyOf, SEM.hasTimeStamp) in ontology
    assert (KGO.notAfter, RDFS.subPropertyOf, SEM.hasLatestEndTimeStamp) in ontology
    assert (KGO.Article, RDFS.subClassOf, PROV.Entity) in ontology


def test_every_namespace_term_is_defined(ontology: Graph) -> None:
    defined = set(ontology.subjects())
    missing = [name for name in KGO.__annotations__ if KGO[name] not in defined]
    assert not missing


def test_shapes_list_every_event_class(shapes: Graph) -> None:
    assert (None, RDF.type, SH.NodeShape) in shapes
    listed = set()
    for node in shapes.objects(None, SH["in"]):
        listed |= set(Collection(shapes, node))
    assert {event_class(t) for t in EVENT_TYPES} <= listed
    assert {Literal(t) for t in EVENT_TYPES} <= listed
