"""RDF -> plain records: the events, their actors and articles, read from the store with SPARQL.

Every export format and the graph page start from this one projection, so they agree on what an event is.
Terms come from `kg.rdf.namespaces`, so a renamed ontology term fails at import, not with an empty export.
Literals are flattened here once: dates to ISO strings, numbers to int/float, language-tagged text to its
string (the language kept beside it where it matters), so no writer ever sees an RDF term.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pyoxigraph as ox

from kg.export.filters import FilterError, Filters, interval
from kg.rdf.namespaces import KGO, RESOURCE_IRI, SCHEMA, WD
from kg.store import GraphStore

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
ACTOR_TYPES = {str(KGO.Person): "PERSON", str(KGO.Organisation): "ORG", str(KGO.Country): "GPE",
               str(KGO.Place): "LOC"}
ROLES = {str(KGO.participant): "participant", str(KGO.source): "source", str(KGO.target): "target",
         str(KGO.mediator): "mediator", str(KGO.reportedBy): "reported_by", str(KGO.medium): "medium"}
LABEL_LANGUAGES = ("en", "de", "")  # preference when an actor is named differently in several languages


@dataclass
class Actor:
    iri: str
    label: str
    actor_type: str = ""  # PERSON, ORG, GPE or LOC
    wikidata: str = ""  # the Q-id where the actor is owl:sameAs a Wikidata item
    labels: list[tuple[str, str]] = field(default_factory=list)  # (text, language) as the articles name it


@dataclass
class Evidence:
    text: str
    start: int
    end: int


@dataclass
class Article:
    iri: str
    headline: str = ""
    published: str = ""
    url: str = ""


@dataclass
class EventRecord:
    iri: str
    event_type: str
    article: str  # the article's IRI
    mode: str = ""
    date: str = ""  # as stated: YYYY, YYYY-MM or YYYY-MM-DD
    date_precision: str = ""
    not_after: str = ""
    quantity: int | float | None = None
    confidence: float | None = None
    trigger: str = ""
    topics: list[str] = field(default_factory=list)
    roles: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # role -> actor IRIs
    evidence: list[Evidence] = field(default_factory=list)

    def actors_in(self, role: str) -> list[str]:
        return list(self.roles.get(role, []))

    def one(self, role: str) -> str:
        actors = self.roles.get(role, [])
        return actors[0] if actors else ""

    def actors(self) -> set[str]:
        """Everyone in any role, reporters and media included."""
        return {actor for actors in self.roles.values() for actor in actors}

    @property
    def when(self) -> str:
        """The stated date, else the not-after day: what the timeline and the date filter place it at."""
        return self.date or self.not_after

    def span(self) -> tuple[date | None, date | None]:
        if not self.when:
            return None, None
        try:
            return interval(self.when)
        except FilterError:
            return None, None


@dataclass
class Projection:
    events: list[EventRecord]
    actors: dict[str, Actor]
    articles: dict[str, Article]

    def actor(self, iri: str) -> Actor:
        return self.actors.get(iri) or Actor(iri=iri, label=short_name(iri))


def project(store: GraphStore, filters: Filters | None = None) -> Projection:
    """The store's events that pass `filters`, with the actors and articles they refer to."""
    filters = filters or Filters()
    events = _events(store)
    actors = _actors(store)
    articles = _articles(store)
    chosen = select(events, actors, filters)
    involved = {actor for event in chosen for actor in event.actors()}
    used_articles = {event.article for event in chosen}
    return Projection(
        events=chosen,
        actors={iri: actors.get(iri) or Actor(iri=iri, label=short_name(iri)) for iri in sorted(involved)},
        articles={iri: article for iri, article in articles.items() if iri in used_articles},
    )


def select(events: list[EventRecord], actors: dict[str, Actor], filters: Filters) -> list[EventRecord]:
    """The events that pass every filter; `FilterError` when the actor or article is not in the store."""
    chosen = [e for e in events if filters.passes_type(e.event_type) and filters.passes_date(*e.span())]
    if filters.article:
        article = resolve_article(filters.article, {e.article for e in events})
        chosen = [e for e in chosen if e.article == article]
    if filters.actor:
        actor = resolve_actor(filters.actor, actors)
        chosen = [e for e in chosen if actor in e.actors()]
    return chosen


def resolve_actor(wanted: str, actors: dict[str, Actor]) -> str:
    """An actor's IRI from its IRI, Wikidata Q-id or label (case-insensitive); ambiguity is an error."""
    if wanted in actors:
        return wanted
    by_qid = [iri for iri, actor in actors.items() if actor.wikidata and actor.wikidata == wanted.upper()]
    if by_qid:
        return by_qid[0]
    key = wanted.casefold()
    by_label = sorted(iri for iri, actor in actors.items()
                      if key in {actor.label.casefold(), *(text.casefold() for text, _ in actor.labels)})
    if len(by_label) == 1:
        return by_label[0]
    if by_label:
        raise FilterError(f"actor {wanted!r} is ambiguous; give one of the IRIs: {', '.join(by_label)}")
    raise FilterError(f"no actor {wanted!r} in the store (give its IRI, Wikidata Q-id or label)")


def resolve_article(wanted: str, articles: set[str]) -> str:
    """An article IRI from its IRI or its id (the name `kg build` gave it)."""
    if wanted in articles:
        return wanted
    from kg.rdf.iris import article_iri

    iri = str(article_iri(wanted))
    if iri in articles:
        return iri
    raise FilterError(f"no events from article {wanted!r} in the store")


# --- reading the store ----------------------------------------------------------------------------------


def _rows(store: GraphStore, query: str) -> list[dict[str, Any]]:
    """SELECT results with every bound value turned into plain Python (see `plain`)."""
    results = store.query(query)
    names = [variable.value for variable in results.variables]
    return [{name: plain(row[name]) for name in names if row[name] is not None} for row in results]


def plain(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Any:
    """An RDF term as a Python value: IRIs and text as str, xsd numbers as int/float, dates as ISO text."""
    if not isinstance(term, ox.Literal):
        return term.value
    datatype = term.datatype.value.rsplit("#", 1)[-1]
    if datatype in {"integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger"}:
        return int(term.value)
    if datatype in {"decimal", "double", "float"}:
        number = float(term.value)
        return int(number) if number.is_integer() and datatype == "decimal" and "." not in term.value else number
    return term.value


def _events(store: GraphStore) -> list[EventRecord]:
    events: dict[str, EventRecord] = {}
    for row in _rows(store, f"""
        SELECT ?event ?type ?article ?mode ?date ?precision ?notAfter ?quantity ?confidence ?trigger WHERE {{
            ?event a <{KGO.Event}> ; <{KGO.eventType}> ?type .
            OPTIONAL {{ ?event <{KGO.inArticle}> ?article }}
            OPTIONAL {{ ?event <{KGO.mode}> ?modeConcept }}
            OPTIONAL {{ ?event <{KGO.date}> ?date }}
            OPTIONAL {{ ?event <{KGO.datePrecision}> ?precision }}
            OPTIONAL {{ ?event <{KGO.notAfter}> ?notAfter }}
            OPTIONAL {{ ?event <{KGO.quantity}> ?quantity }}
            OPTIONAL {{ ?event <{KGO.confidence}> ?confidence }}
            OPTIONAL {{ ?event <{KGO.trigger}> ?trigger }}
            BIND(IF(BOUND(?modeConcept), STR(?modeConcept), "") AS ?mode)
        }}"""):
        if row["event"] in events:
            continue  # a functional property stated twice (two graphs): keep the first reading
        events[row["event"]] = EventRecord(
            iri=row["event"], event_type=row["type"], article=row.get("article", ""),
            mode=_mode_name(row.get("mode", "")), date=str(row.get("date", "")),
            date_precision=row.get("precision", ""), not_after=str(row.get("notAfter", "")),
            quantity=row.get("quantity"), confidence=row.get("confidence"), trigger=row.get("trigger", ""),
        )
    _add_roles(store, events)
    _add_topics(store, events)
    _add_evidence(store, events)
    return sorted(events.values(), key=lambda e: (e.when, e.iri))


def _mode_name(concept: str) -> str:
    """kgo:SocialMedia -> 'social_media' (the data model's mode names)."""
    from kg.model import EVENT_MODES

    name = concept.rsplit("#", 1)[-1].lower()
    return next((mode for mode in EVENT_MODES if mode.replace("_", "") == name), name)


def _add_roles(store: GraphStore, events: dict[str, EventRecord]) -> None:
    roles = " ".join(f"<{iri}>" for iri in ROLES)
    for row in _rows(store, f"""
        SELECT DISTINCT ?event ?role ?actor WHERE {{
            VALUES ?role {{ {roles} }} ?event a <{KGO.Event}> ; ?role ?actor . }} ORDER BY ?event ?role ?actor"""):
        if row["event"] in events:
            events[row["event"]].roles[ROLES[row["role"]]].append(row["actor"])


def _add_topics(store: GraphStore, events: dict[str, EventRecord]) -> None:
    for row in _rows(store, f"""
        SELECT DISTINCT ?event ?topic WHERE {{ ?event a <{KGO.Event}> ; <{KGO.topic}> ?topic }}
        ORDER BY ?event ?topic"""):
        if row["event"] in events:
            events[row["event"]].topics.append(row["topic"])


def _add_evidence(store: GraphStore, events: dict[str, EventRecord]) -> None:
    for row in _rows(store, f"""
        SELECT DISTINCT ?event ?text ?start ?end WHERE {{
            ?event a <{KGO.Event}> ; <{KGO.evidence}> ?evidence . ?evidence <{KGO.text}> ?text .
            OPTIONAL {{ ?evidence <{KGO.start}> ?start }} OPTIONAL {{ ?evidence <{KGO.end}> ?end }}
        }} ORDER BY ?event ?start"""):
        if row["event"] in events:
            events[row["event"]].evidence.append(Evidence(row["text"], row.get("start", -1), row.get("end", -1)))


def _actors(store: GraphStore) -> dict[str, Actor]:
    """Everyone who holds a role in some event: type, Wikidata id, every label with its language."""
    roles = " ".join(f"<{iri}>" for iri in ROLES)
    types: dict[str, str] = {}
    wikidata: dict[str, str] = {}
    labels: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    for row in _rows(store, f"""
        SELECT ?actor ?class ?same WHERE {{
            {{ SELECT DISTINCT ?actor {{ VALUES ?role {{ {roles} }} ?event ?role ?actor }} }}
            OPTIONAL {{ ?actor <{RDF_TYPE}> ?class }}
            OPTIONAL {{ ?actor <{OWL_SAME_AS}> ?same FILTER(STRSTARTS(STR(?same), "{WD}")) }}
        }}"""):
        actor = row["actor"]
        if row.get("class") in ACTOR_TYPES:
            types.setdefault(actor, ACTOR_TYPES[row["class"]])
        if "same" in row:
            wikidata.setdefault(actor, row["same"][len(str(WD)):])
        labels.setdefault(actor, Counter())
    for term_row in store.query(f"""
        SELECT ?actor ?label WHERE {{
            {{ SELECT DISTINCT ?actor {{ VALUES ?role {{ {roles} }} ?event ?role ?actor }} }}
            ?actor <{RDFS_LABEL}> ?label }}"""):
        label = term_row["label"]
        labels[term_row["actor"].value][(label.value, getattr(label, "language", None) or "")] += 1
    return {iri: Actor(iri=iri, label=_preferred_label(iri, counts), actor_type=types.get(iri, ""),
                       wikidata=wikidata.get(iri, "") or _qid_from_iri(iri), labels=sorted(counts))
            for iri, counts in labels.items()}


def _preferred_label(iri: str, counts: Counter[tuple[str, str]]) -> str:
    """The label most articles use, English before German before others on a tie."""
    if not counts:
        return short_name(iri)

    def rank(item: tuple[tuple[str, str], int]) -> tuple[int, int, str]:
        (text, language), count = item
        preference = LABEL_LANGUAGES.index(language) if language in LABEL_LANGUAGES else len(LABEL_LANGUAGES)
        return -count, preference, text

    return min(counts.items(), key=rank)[0][0]


def _qid_from_iri(iri: str) -> str:
    prefix = RESOURCE_IRI + "entity/"
    return iri[len(prefix):] if iri.startswith(prefix) else ""


def _articles(store: GraphStore) -> dict[str, Article]:
    articles: dict[str, Article] = {}
    for row in _rows(store, f"""
        SELECT ?article ?headline ?published ?url WHERE {{
            ?article a <{KGO.Article}> .
            OPTIONAL {{ ?article <{SCHEMA.headline}> ?headline }}
            OPTIONAL {{ ?article <{SCHEMA.datePublished}> ?published }}
            OPTIONAL {{ ?article <{SCHEMA.url}> ?url }}
        }}"""):
        articles.setdefault(row["article"], Article(
            iri=row["article"], headline=row.get("headline", ""), published=str(row.get("published", "")),
            url=row.get("url", "")))
    return articles


def short_name(iri: str) -> str:
    """The last segment of an IRI, for a node that has no label."""
    return iri.rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1] or iri
