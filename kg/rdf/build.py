"""Extraction -> triples against kg/ontology.ttl.

One function per kind of node (article, actor, office, mention, event, evidence, time). Each returns its
triples; `extraction_triples` concatenates them and drops duplicates (two events sharing a sentence share
its evidence node). No blank nodes: every node has an IRI from `kg.rdf.iris`, so the same extraction
always gives the same triples.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date as Date

import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, Literal, URIRef
from rdflib.namespace import PROV, XSD
from rdflib.term import Node

from kg.model import EVENT_MODES, EVENT_TYPES, Article, Entity, Event, Extraction, Office, Span
from kg.rdf import iris, literals
from kg.rdf.namespaces import KGO, SCHEMA, TIME, WD

Triple = tuple[Node, Node, Node]

ACTOR_CLASSES = {"PERSON": KGO.Person, "ORG": KGO.Organisation, "GPE": KGO.Country, "LOC": KGO.Place}
PRECISION_UNITS = {"day": TIME.unitDay, "month": TIME.unitMonth, "year": TIME.unitYear}
ROLES = (
    ("source", KGO.source),
    ("target", KGO.target),
    ("mediator", KGO.mediator),
    ("reported_by", KGO.reportedBy),
    ("medium", KGO.medium),
)


class ExtractionError(ValueError):
    """The extraction cannot be written as RDF; the message names the article and the offending part."""


@dataclass
class Context:
    """What every part of the conversion needs to know about the article."""

    extraction: Extraction
    doc_id: str
    language: str | None
    article: URIRef
    activity: URIRef
    actors: dict[str, URIRef] = field(default_factory=dict)  # entity id -> IRI

    def actor(self, entity_id: str) -> URIRef:
        try:
            return self.actors[entity_id]
        except KeyError:
            raise ExtractionError(f"no entity with id {entity_id!r} in the extraction") from None

    def text(self, value: str) -> Literal:
        return literals.text(value, self.language)


def extraction_triples(extraction: Extraction) -> list[Triple]:
    """All triples of the article's graph, without duplicates, in a stable order."""
    doc_id = extraction.document.id
    try:
        context = _context(extraction)
        triples = [*article_triples(context)]
        for entity in extraction.entities:
            triples += _describe(f"entity {entity.id!r}", actor_triples, context, entity)
        for event in extraction.events:
            triples += _describe(f"event {event.id!r}", event_triples, context, event)
    except (iris.IriError, literals.LiteralError) as error:
        raise ExtractionError(f"article {doc_id!r}: {error}") from None
    except ExtractionError as error:
        raise ExtractionError(f"article {doc_id!r}: {error}") from None
    return list(dict.fromkeys(triples))


def _describe(what: str, build, context: Context, item) -> list[Triple]:  # noqa: ANN001
    try:
        return list(build(context, item))
    except (iris.IriError, literals.LiteralError, ExtractionError) as error:
        raise ExtractionError(f"{what}: {error}") from None


def _context(extraction: Extraction) -> Context:
    doc = extraction.document
    if not doc.id:
        raise ExtractionError("the document has no id")
    context = Context(
        extraction=extraction,
        doc_id=doc.id,
        language=literals.check_language(doc.language),
        article=iris.article_iri(doc.id),
        activity=iris.extraction_iri(doc.id),
    )
    for entity in extraction.entities:
        context.actors[entity.id] = iris.actor_iri(entity.type, entity.name, entity.wikidata)
    return context


# --- article and extraction activity ------------------------------------------------------------------


def article_triples(context: Context) -> Iterator[Triple]:
    doc, article = context.extraction.document, context.article
    yield article, RDF.type, KGO.Article
    yield article, RDF.type, SCHEMA.NewsArticle
    if doc.title:
        yield article, SCHEMA.headline, context.text(doc.title)
    if doc.published:
        yield article, SCHEMA.datePublished, literals.day(doc.published)
    if context.language:
        yield article, SCHEMA.inLanguage, literals.string(context.language)
    if doc.url:
        yield article, SCHEMA.url, _url(doc.url)
    if doc.source:
        yield article, SCHEMA.publisher, literals.string(doc.source)
    content_hash = doc.content_hash or _content_hash(context.extraction)
    if content_hash:
        yield article, KGO.contentHash, literals.string(content_hash)
    yield from activity_triples(context)


def activity_triples(context: Context) -> Iterator[Triple]:
    activity = context.activity
    yield activity, RDF.type, KGO.Extraction
    yield activity, RDF.type, PROV.Activity
    yield activity, PROV.used, context.article
    if context.extraction.document.pipeline:
        yield activity, KGO.pipeline, literals.string(context.extraction.document.pipeline)


def _content_hash(extraction: Extraction) -> str | None:
    """The hash `Article.content_hash` gives, for documents that did not record it (needs the text)."""
    doc = extraction.document
    if not extraction.text:
        return None
    published = Date.fromisoformat(doc.published) if doc.published else None
    article = Article(
        id=doc.id, text=extraction.text, language=doc.language, published=published, title=doc.title
    )
    return article.content_hash


def _url(url: str) -> URIRef | Literal:
    try:
        ox.NamedNode(url)
    except ValueError:
        return Literal(url, datatype=XSD.anyURI)
    return URIRef(url)


# --- actors, offices, mentions ------------------------------------------------------------------------


def actor_triples(context: Context, entity: Entity) -> Iterator[Triple]:
    actor = context.actor(entity.id)
    yield actor, RDF.type, ACTOR_CLASSES[entity.type]
    yield actor, RDFS.label, context.text(entity.name)
    if entity.wikidata:
        yield actor, OWL.sameAs, WD[entity.wikidata]
    if entity.country:
        yield from _country_triples(context, entity, actor)
    for office in entity.offices:
        yield from office_triples(context, actor, office)
    for span in entity.mentions:
        yield from mention_triples(context, actor, span)


def _country_triples(context: Context, entity: Entity, actor: URIRef) -> Iterator[Triple]:
    code = entity.country.lower()
    if entity.type == "GPE":
        yield actor, KGO.countryCode, literals.string(code)
        return
    country, triples = _owner(context, code)
    yield from triples
    yield actor, KGO.country, country


def office_triples(context: Context, holder: URIRef, office: Office) -> Iterator[Triple]:
    if not office.role:
        raise ExtractionError(f"office {office.title!r} has no role")
    node = iris.office_iri(office.country, office.role)
    yield holder, KGO.holdsOffice, node
    yield node, RDF.type, KGO.Office
    yield node, RDFS.label, context.text(office.title)
    yield node, KGO.role, literals.string(office.role)
    if office.country:
        owner, triples = _owner(context, office.country.lower())
        yield from triples
        yield node, KGO.officeOf, owner


def _owner(context: Context, key: str) -> tuple[URIRef, list[Triple]]:
    """The node of the state (ISO code) or organisation (key) an office or actor belongs to, and its triples.

    A GPE entity of the article with that country code is used where there is one; otherwise a node is
    minted from the code, labelled so it is still a valid actor.
    """
    for entity in context.extraction.entities:
        if entity.type == "GPE" and (entity.country or "").lower() == key:
            return context.actor(entity.id), []
    if len(key) == 2 and key.isalpha():
        node = iris.country_code_iri(key)
        return node, [
            (node, RDF.type, KGO.Country),
            (node, RDFS.label, Literal(key.upper())),
            (node, KGO.countryCode, literals.string(key)),
        ]
    node = iris.organisation_key_iri(key)
    return node, [(node, RDF.type, KGO.Organisation), (node, RDFS.label, Literal(key.upper()))]


def mention_triples(context: Context, actor: URIRef, span: Span) -> Iterator[Triple]:
    node = iris.span_iri("mention", context.doc_id, span.start, span.end)
    yield actor, KGO.mention, node
    yield node, RDF.type, KGO.Mention
    yield node, KGO.mentionOf, actor
    yield from span_triples(context, node, span)


def span_triples(context: Context, node: URIRef, span: Span) -> Iterator[Triple]:
    yield node, KGO.text, context.text(span.text)
    yield node, KGO.start, literals.integer(span.start)
    yield node, KGO.end, literals.integer(span.end)
    yield node, KGO.inArticle, context.article


# --- events -------------------------------------------------------------------------------------------


def event_triples(context: Context, event: Event) -> Iterator[Triple]:
    node = iris.event_iri(context.doc_id, event.id)
    yield node, RDF.type, KGO.Event
    yield node, RDF.type, event_class(event.type)
    yield node, KGO.eventType, literals.string(event.type)
    if event.mode:
        yield node, KGO.mode, mode_concept(event.mode)
    for participant in event.participants:
        yield node, KGO.participant, context.actor(participant)
    for attribute, role in ROLES:
        actor_id = getattr(event, attribute)
        if actor_id:
            yield node, role, context.actor(actor_id)
    yield from event_time_triples(node, event)
    for topic in event.topics:
        yield node, KGO.topic, context.text(topic)
    if event.quantity is not None:
        yield node, KGO.quantity, literals.number(event.quantity)
    yield node, KGO.confidence, _confidence(event.confidence)
    if event.trigger:
        yield node, KGO.trigger, context.text(event.trigger)
    for span in event.evidence:
        yield from evidence_triples(context, node, span)
    yield node, KGO.inArticle, context.article
    yield node, PROV.wasDerivedFrom, context.article
    yield node, PROV.wasGeneratedBy, context.activity


def event_class(event_type: str) -> URIRef:
    """'PRISONER_EXCHANGE' -> kgo:PrisonerExchange."""
    if event_type not in EVENT_TYPES:
        raise ExtractionError(f"unknown event type {event_type!r}")
    return _term("".join(part.capitalize() for part in event_type.split("_")))


def mode_concept(mode: str) -> URIRef:
    """'social_media' -> kgo:SocialMedia."""
    if mode not in EVENT_MODES:
        raise ExtractionError(f"unknown mode {mode!r} (expected one of {', '.join(EVENT_MODES)})")
    return _term("".join(part.capitalize() for part in mode.split("_")))


def _term(name: str) -> URIRef:
    try:
        return KGO[name]
    except AttributeError:
        raise ExtractionError(f"kg/rdf/namespaces.py has no term kgo:{name}") from None


def _confidence(value: float) -> Literal:
    if not 0 <= value <= 1:
        raise ExtractionError(f"confidence {value!r} is not between 0 and 1")
    return literals.decimal(round(float(value), 3))


def event_time_triples(node: URIRef, event: Event) -> Iterator[Triple]:
    if event.date:
        value, precision = literals.stated_date(event.date)
        yield node, KGO.date, value
        yield node, KGO.datePrecision, literals.string(precision)
        yield from owl_time_triples(node, event.date, precision)
    if event.not_after:
        yield node, KGO.notAfter, literals.day(event.not_after)


def owl_time_triples(node: URIRef, date: str, precision: str) -> Iterator[Triple]:
    """`kgo:date` spelt out in OWL-Time: the event lies within the interval of that day, month or year."""
    interval, description = iris.time_iri(date), iris.time_description_iri(date)
    yield node, TIME.hasTime, interval
    yield interval, RDF.type, TIME.ProperInterval
    yield interval, TIME.hasDateTimeDescription, description
    yield description, RDF.type, TIME.DateTimeDescription
    yield description, TIME.unitType, PRECISION_UNITS[precision]
    for name, value in literals.date_parts(date).items():
        yield description, TIME[name], value


def evidence_triples(context: Context, event: URIRef, span: Span) -> Iterator[Triple]:
    node = iris.span_iri("evidence", context.doc_id, span.start, span.end)
    yield event, KGO.evidence, node
    yield node, RDF.type, KGO.Evidence
    yield from span_triples(context, node, span)
    yield node, PROV.wasDerivedFrom, context.article
