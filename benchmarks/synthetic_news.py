"""Synthetic data in the shape `kg build` writes, for benchmarks: one named graph per article.

Each article graph holds what kg/rdf writes for a real one (compare the seed's graph): the article and its
extraction activity; the people, countries and organisations it mentions, with German labels, Wikidata
`owl:sameAs` links, countries and offices, and their mentions (offsets, text); about eleven typed events
with participant/source/target roles, a date or a not-after date, sometimes a mode and a topic, and
evidence sentences. As in real news, a few countries and people appear in many articles (Zipf-like), and
an entity's description is repeated in every article graph that mentions it. About 650 quads an article.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

KGO = "https://w3id.org/kg-news/ontology#"
ID = "https://w3id.org/kg-news/id/"
WD = "http://www.wikidata.org/entity/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "https://schema.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"

COUNTRIES, PEOPLE, ORGANISATIONS = 200, 5_000, 100
COUNTRY_QID, PERSON_QID, ORGANISATION_QID = 1_000, 200_000, 50_000  # made-up Wikidata ids
EVENT_CLASSES = {"CONSULT": "Consult", "THREATEN": "Threaten", "ACCUSE": "Accuse", "SUPPORT": "Support",
                 "ASSAULT": "Assault", "SANCTION": "Sanction", "REQUEST": "Request", "AGREE": "Agree",
                 "STATEMENT": "Statement", "PRISONER_EXCHANGE": "PrisonerExchange"}
MODES = ["Phone", "Meeting", "Visit", "Video", "Missile", "Drone"]
ROLES = ["head_of_state", "head_of_government", "foreign_minister", "defence_minister", "spokesperson"]
FIRST = ["Anna", "Anne", "Boris", "Clara", "Dmitri", "Eva", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kira"]
LAST = ["Bauer", "Berg", "Costa", "Dahl", "Ek", "Fischer", "Gross", "Hale", "Ivanov", "Jung", "Klein", "Lund"]
TOPICS = ["Krieg in der Ukraine", "Gefangenenaustausch", "Waffenlieferungen", "Getreideexporte",
          "Sanktionen", "Waffenruhe", "Atomabkommen", "Grenzstreit", "Hafengebühren", "Energiepreise"]


def country_label(c: int) -> str:
    return f"Land {c}"


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def quad(self, s: str, p: str, o: str, g: str) -> None:
        self.lines.append(f"{s} {p} {o} {g} .\n")


def iri(value: str) -> str:
    return f"<{value}>"


def de(text: str) -> str:
    return f'"{text}"@de'


def typed(value: object, datatype: str) -> str:
    return f'"{value}"^^<{XSD}{datatype}>'


def _zipf(rng: random.Random, n: int) -> int:
    """An index in range(n), small ones far more often (news mentions the same few actors a lot)."""
    return min(int(rng.paretovariate(1.0)) - 1, n - 1)


def _person_index(rng: random.Random) -> int:
    """Half the people named are the few in the news every day, half come from a long tail."""
    return _zipf(rng, PEOPLE) if rng.random() < 0.5 else rng.randrange(PEOPLE)


def generate(path: Path, quads: int, seed: int = 7) -> int:
    """Write about `quads` quads of articles as N-Quads; returns the exact count."""
    rng = random.Random(seed)
    names = [f"{rng.choice(FIRST)} {rng.choice(LAST)} {p}" for p in range(PEOPLE)]
    person_country = [rng.randrange(COUNTRIES) for _ in range(PEOPLE)]  # about 25 office holders a country
    person_role = [rng.choice(ROLES) if rng.random() < 0.7 else None for _ in range(PEOPLE)]
    out = _Writer()
    article = 0
    while len(out.lines) < quads:
        _article(out, rng, article, names, person_country, person_role)
        article += 1
    path.write_text("".join(out.lines), encoding="utf-8")
    return len(out.lines)


def _article(out: _Writer, rng: random.Random, number: int, names: list[str], person_country: list[int],
             person_role: list[str | None]) -> None:
    aid = f"{number:06d}"
    graph, article = iri(f"{ID}graph/{aid}"), iri(f"{ID}article/{aid}")
    activity = iri(f"{ID}extraction/{aid}")
    published = date(2024, 1, 1) + timedelta(days=number % 366)
    q = out.quad
    q(article, iri(RDF_TYPE), iri(f"{KGO}Article"), graph)
    q(article, iri(f"{SCHEMA}datePublished"), typed(published.isoformat(), "date"), graph)
    q(article, iri(f"{KGO}contentHash"), f'"{rng.getrandbits(64):016x}"', graph)
    q(activity, iri(RDF_TYPE), iri(f"{PROV}Activity"), graph)
    q(activity, iri(f"{PROV}used"), article, graph)

    offset = _Offsets(rng)
    entities: list[str] = []
    for p in {_person_index(rng) for _ in range(3)}:
        entities.append(_person(out, rng, graph, article, aid, offset, p, names, person_country, person_role))
    for c in {_zipf(rng, COUNTRIES) for _ in range(4)}:
        entities.append(_country(out, rng, graph, article, aid, offset, c))
    o = rng.randrange(ORGANISATIONS)
    entity = iri(f"{ID}entity/Q{ORGANISATION_QID + o}")
    _entity(out, rng, graph, article, aid, offset, entity, "Organisation", f"Organisation {o}",
            ORGANISATION_QID + o, country=_zipf(rng, COUNTRIES))
    entities.append(entity)

    evidence = [_evidence(out, graph, article, aid, offset, rng) for _ in range(6)]
    for e in range(1, 12):
        _event(out, rng, graph, article, activity, aid, e, entities, evidence, published)


class _Offsets:
    """Increasing character offsets, so mentions and evidence look like spans of one text."""

    def __init__(self, rng: random.Random) -> None:
        self.rng, self.position = rng, 0

    def span(self, length: int) -> tuple[int, int]:
        self.position += self.rng.randrange(5, 60)
        start = self.position
        self.position += length
        return start, self.position


def _entity(out: _Writer, rng: random.Random, graph: str, article: str, aid: str, offset: _Offsets,
            entity: str, kind: str, label: str, qid: int | None, country: int | None) -> None:
    q = out.quad
    q(entity, iri(RDF_TYPE), iri(f"{KGO}{kind}"), graph)
    q(entity, iri(RDFS_LABEL), de(label), graph)
    if qid is not None:
        q(entity, iri(OWL_SAME_AS), iri(f"{WD}Q{qid}"), graph)
    if country is not None:
        q(entity, iri(f"{KGO}country"), iri(f"{ID}entity/Q{COUNTRY_QID + country}"), graph)
    for _ in range(rng.randrange(1, 9)):
        start, end = offset.span(len(label))
        mention = iri(f"{ID}mention/{aid}/{start}-{end}")
        q(entity, iri(f"{KGO}mention"), mention, graph)
        q(mention, iri(RDF_TYPE), iri(f"{KGO}Mention"), graph)
        q(mention, iri(f"{KGO}start"), typed(start, "integer"), graph)
        q(mention, iri(f"{KGO}end"), typed(end, "integer"), graph)
        q(mention, iri(f"{KGO}inArticle"), article, graph)
        q(mention, iri(f"{KGO}mentionOf"), entity, graph)
        q(mention, iri(f"{KGO}text"), de(label.rsplit(" ", 1)[0]), graph)


def _country(out: _Writer, rng: random.Random, graph: str, article: str, aid: str, offset: _Offsets,
             c: int) -> str:
    entity = iri(f"{ID}entity/Q{COUNTRY_QID + c}")
    _entity(out, rng, graph, article, aid, offset, entity, "Country", country_label(c), COUNTRY_QID + c, None)
    out.quad(entity, iri(f"{KGO}countryCode"), f'"c{c}"', graph)
    return entity


def _person(out: _Writer, rng: random.Random, graph: str, article: str, aid: str, offset: _Offsets, p: int,
            names: list[str], person_country: list[int], person_role: list[str | None]) -> str:
    entity = iri(f"{ID}entity/Q{PERSON_QID + p}")
    qid = PERSON_QID + p if p % 5 else None  # some people are not linked
    _entity(out, rng, graph, article, aid, offset, entity, "Person", names[p], qid, person_country[p])
    role = person_role[p]
    if role:
        country = person_country[p]
        office = iri(f"{ID}office/c{country}/{role}")
        q = out.quad
        q(entity, iri(f"{KGO}holdsOffice"), office, graph)
        q(office, iri(RDF_TYPE), iri(f"{KGO}Office"), graph)
        q(office, iri(RDFS_LABEL), de(role.replace("_", " ").title()), graph)
        q(office, iri(f"{KGO}officeOf"), iri(f"{ID}entity/Q{COUNTRY_QID + country}"), graph)
        q(office, iri(f"{KGO}role"), f'"{role}"', graph)
    return entity


def _evidence(out: _Writer, graph: str, article: str, aid: str, offset: _Offsets, rng: random.Random) -> str:
    start, end = offset.span(rng.randrange(60, 200))
    node = iri(f"{ID}evidence/{aid}/{start}-{end}")
    q = out.quad
    q(node, iri(RDF_TYPE), iri(f"{KGO}Evidence"), graph)
    q(node, iri(f"{KGO}start"), typed(start, "integer"), graph)
    q(node, iri(f"{KGO}end"), typed(end, "integer"), graph)
    q(node, iri(f"{KGO}inArticle"), article, graph)
    words = " ".join(rng.choice(LAST + FIRST + TOPICS) for _ in range(8))
    q(node, iri(f"{KGO}text"), de(f"Satz {aid}-{start}: {words}."), graph)
    return node


def _event(out: _Writer, rng: random.Random, graph: str, article: str, activity: str, aid: str, e: int,
           entities: list[str], evidence: list[str], published: date) -> None:
    event = iri(f"{ID}event/{aid}/ev{e}")
    event_type = rng.choice(list(EVENT_CLASSES))
    q = out.quad
    q(event, iri(RDF_TYPE), iri(f"{KGO}Event"), graph)
    q(event, iri(RDF_TYPE), iri(f"{KGO}{EVENT_CLASSES[event_type]}"), graph)
    q(event, iri(f"{KGO}eventType"), f'"{event_type}"', graph)
    q(event, iri(f"{KGO}confidence"), typed(rng.choice([0.7, 0.75, 0.8, 0.9]), "decimal"), graph)
    q(event, iri(f"{KGO}trigger"), de(rng.choice(["telefonierte", "drohte", "warf", "dankte", "sagte"])), graph)
    actors = rng.sample(entities, k=min(len(entities), rng.choice([1, 2, 2, 3])))
    for actor in actors:
        q(event, iri(f"{KGO}participant"), actor, graph)
    if rng.random() < 0.85:
        q(event, iri(f"{KGO}source"), actors[0], graph)
    if len(actors) > 1 and rng.random() < 0.6:
        q(event, iri(f"{KGO}target"), actors[1], graph)
    if rng.random() < 0.25:
        q(event, iri(f"{KGO}mode"), iri(f"{KGO}{rng.choice(MODES)}"), graph)
    if rng.random() < 0.15:
        day = published - timedelta(days=rng.randrange(0, 4))
        q(event, iri(f"{KGO}date"), typed(day.isoformat(), "date"), graph)
    else:
        q(event, iri(f"{KGO}notAfter"), typed(published.isoformat(), "date"), graph)
    if rng.random() < 0.3:
        q(event, iri(f"{KGO}topic"), de(rng.choice(TOPICS)), graph)
    for node in rng.sample(evidence, k=rng.choice([1, 1, 2])):
        q(event, iri(f"{KGO}evidence"), node, graph)
    q(event, iri(f"{KGO}inArticle"), article, graph)
    q(event, iri(f"{PROV}wasDerivedFrom"), article, graph)
    q(event, iri(f"{PROV}wasGeneratedBy"), activity, graph)
