"""Extraction -> RDF: one named graph per article, against kg/ontology.ttl.

    extraction_to_graph(extraction)  -> rdflib.Dataset holding the article's named graph
    extraction_to_quads(extraction)  -> list[pyoxigraph.Quad], the same triples for the store
    article_graph_iri(doc_id)        -> the IRI of that named graph
    validate(graph)                  -> SHACL report against kg/shapes.ttl (+ the ontology)

`ExtractionError` (a ValueError) says which article and which entity or event cannot be written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rdflib import Dataset, URIRef

from kg.rdf.build import ExtractionError, extraction_triples
from kg.rdf.files import ONTOLOGY_PATH, SHAPES_PATH
from kg.rdf.iris import article_graph_iri, article_iri, event_iri
from kg.rdf.namespaces import KGO, KGR
from kg.rdf.validate import ValidationReport, validate

if TYPE_CHECKING:
    import pyoxigraph as ox

    from kg.model import Extraction

__all__ = [
    "KGO",
    "KGR",
    "ONTOLOGY_PATH",
    "SHAPES_PATH",
    "ExtractionError",
    "ValidationReport",
    "article_graph_iri",
    "article_iri",
    "event_iri",
    "extraction_to_graph",
    "extraction_to_quads",
    "validate",
]


def extraction_to_graph(extraction: Extraction) -> Dataset:
    """The article's triples in the named graph `article_graph_iri(document.id)`.

    The dataset's default graph is the union of its named graphs, so SPARQL without GRAPH sees them.
    """
    dataset = Dataset(default_union=True)
    bind_prefixes(dataset)
    graph = dataset.graph(URIRef(article_graph_iri(extraction.document.id)))
    for triple in extraction_triples(extraction):
        graph.add(triple)
    return dataset


def extraction_to_quads(extraction: Extraction) -> list[ox.Quad]:
    """The same triples as `extraction_to_graph`, as pyoxigraph quads in the article's graph."""
    from kg.rdf.quads import to_quads

    return to_quads(extraction_triples(extraction), article_graph_iri(extraction.document.id))


def bind_prefixes(graph) -> None:  # noqa: ANN001 - rdflib Graph or Dataset
    from kg.rdf import namespaces

    graph.bind("kgo", str(KGO._NS))
    graph.bind("kgr", str(KGR))
    for prefix in ("sem", "schema", "time", "wd", "plover", "cameo"):
        graph.bind(prefix, str(getattr(namespaces, prefix.upper())))
