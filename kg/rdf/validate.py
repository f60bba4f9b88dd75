"""SHACL validation of article graphs against kg/shapes.ttl, with the ontology's class hierarchy.

pyshacl is imported only when validating: it is slow to import and most runs never need it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rdflib import Graph

from kg.rdf.files import ONTOLOGY_PATH, SHAPES_PATH


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    text: str  # pyshacl's human-readable report
    graph: Graph  # the report as RDF (sh:ValidationReport)


@lru_cache(maxsize=1)
def _shapes_and_ontology() -> tuple[Graph, Graph]:
    return Graph().parse(SHAPES_PATH), Graph().parse(ONTOLOGY_PATH)


def validate(data: Graph) -> ValidationReport:
    """Validate `data` (a Graph or a Dataset; each named graph on its own) against the shapes.

    The ontology is mixed in so `sh:class kgo:Actor` accepts a kgo:Person via rdfs:subClassOf.
    """
    from pyshacl import validate as shacl_validate

    shapes, ontology = _shapes_and_ontology()
    conforms, report_graph, report_text = shacl_validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", allow_warnings=True
    )
    return ValidationReport(bool(conforms), str(report_text), report_graph)
