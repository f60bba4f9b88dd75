"""kg: news articles -> diplomacy/conflict events -> RDF -> SPARQL.

The pipeline, one stage per package: `read` (files -> Article), `nlp` (spaCy pipelines), `entities`
(mentions, merging, offices), `link` (Wikidata ids), `events` (typed events with roles, dates and
evidence), `rdf` (Extraction -> RDF), `store` (embedded pyoxigraph), `server` and `export`.
"""

from kg.model import Article, Entity, Event, Extraction, Span

__all__ = ["Article", "Entity", "Event", "Extraction", "Span"]
__version__ = "0.1.0"
