"""The vocabularies the graph speaks, as rdflib `DefinedNamespace`s so a misspelt term fails at import.

`KGO` is the project's own ontology (`kg/ontology.ttl`); `KGR` is where the data's IRIs live.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/kg-news/ontology#"
RESOURCE_IRI = "https://w3id.org/kg-news/id/"

KGR = Namespace(RESOURCE_IRI)
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
PLOVER = Namespace("https://github.com/openeventdata/PLOVER#")
CAMEO = Namespace("http://eventdata.parusanalytics.com/cameo#")
WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
SCHEMA = Namespace("https://schema.org/")
TIME = Namespace("http://www.w3.org/2006/time#")


class KGO(DefinedNamespace):
    """Terms of kg/ontology.ttl."""

    _NS = Namespace(ONTOLOGY_IRI)
    _fail = True

    # classes: actors
    Actor: URIRef
    Person: URIRef
    Organisation: URIRef
    Country: URIRef  # GPE: states, cities and regions with a government
    Place: URIRef  # LOC: peninsulas, seas, rivers, front areas
    Office: URIRef
    # classes: articles and provenance
    Article: URIRef
    Mention: URIRef
    Evidence: URIRef
    Extraction: URIRef  # the prov:Activity that produced an article's graph
    # classes: events (one per type)
    Event: URIRef
    Agree: URIRef
    Consult: URIRef
    Support: URIRef
    Concede: URIRef
    Cooperate: URIRef
    Aid: URIRef
    Retreat: URIRef
    Request: URIRef
    Accuse: URIRef
    Reject: URIRef
    Threaten: URIRef
    Protest: URIRef
    Sanction: URIRef
    Mobilize: URIRef
    Coerce: URIRef
    Assault: URIRef
    Statement: URIRef
    PrisonerExchange: URIRef
    Mediate: URIRef
    # classes: modes, and the modes themselves (skos:Concepts in kgo:Modes; the model's "social_media" is
    # kgo:SocialMedia: the mode key in CamelCase, also given as skos:notation in the ontology)
    Mode: URIRef
    Modes: URIRef
    Phone: URIRef
    Meeting: URIRef
    Visit: URIRef
    Video: URIRef
    SocialMedia: URIRef
    Missile: URIRef
    Drone: URIRef
    Artillery: URIRef
    Air: URIRef
    # properties: event roles (sub-properties of sem:hasActor)
    participant: URIRef
    source: URIRef
    target: URIRef
    mediator: URIRef
    reportedBy: URIRef
    medium: URIRef
    # properties: event attributes
    mode: URIRef
    eventType: URIRef  # the type code as a literal ("CONSULT"), handy in queries and exports
    date: URIRef  # xsd:date, xsd:gYearMonth or xsd:gYear as stated in the text
    datePrecision: URIRef  # "day" | "month" | "year"
    notAfter: URIRef  # xsd:date: the event happened on or before (the publication date)
    topic: URIRef
    quantity: URIRef
    confidence: URIRef
    trigger: URIRef
    evidence: URIRef
    # properties: provenance and text
    text: URIRef
    start: URIRef
    end: URIRef
    inArticle: URIRef
    mention: URIRef
    mentionOf: URIRef
    contentHash: URIRef
    pipeline: URIRef
    # properties: actors and offices
    holdsOffice: URIRef
    role: URIRef
    officeOf: URIRef  # the state or organisation the office belongs to
    countryCode: URIRef  # ISO 3166-1 alpha-2
    country: URIRef  # the state an actor belongs to (Entity.country)
