"""The two graph views of a projection, as networkx multigraphs every graph writer reads.

Node ids are the IRIs as strings; every attribute is a str, int, float or bool (lists are joined), so the
GEXF, GraphML, DOT and JSON writers never meet an RDF term or a None. Attribute names avoid the words the
formats reserve for themselves (GEXF's edge `type`, `start`, `end`; `id` everywhere): `label` is the
display name, `weight` the number of events.

- actor network: actors are nodes; one edge per interaction (same actors, event type and day), directed
  from source to target where the event says who did what to whom, otherwise between the participants
  (`directed` false), and from a mediator to each side; `weight` counts the events, `evidence` keeps their
  sentences.
- event graph: events and actors are nodes; an edge from each event to each of its actors, labelled with
  the actor's role.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import combinations

import networkx as nx

from kg.export.projection import EventRecord, Projection

VIEWS = ("actors", "events")
EVIDENCE_SEPARATOR = "\n"
LIST_SEPARATOR = " "
INTERACTION_ROLES = ("participant", "source", "target", "mediator")
EVENT_GRAPH_ROLES = ("source", "target", "mediator", "participant", "reported_by", "medium")


def build_view(projection: Projection, view: str) -> nx.MultiDiGraph:
    if view == "actors":
        return actor_network(projection)
    if view == "events":
        return event_graph(projection)
    raise ValueError(f"unknown view {view!r} (expected one of {', '.join(VIEWS)})")


@dataclass
class _Interaction:
    """Events grouped into one edge of the actor network."""

    source: str
    target: str
    directed: bool
    role: str
    event_type: str
    when: str
    events: list[EventRecord] = field(default_factory=list)

    @property
    def key(self) -> str:
        return "|".join((self.source, self.target, self.event_type, self.when, self.role))


def interactions(event: EventRecord) -> Iterator[tuple[str, str, bool, str]]:
    """(from, to, directed, role) pairs of actors one event connects."""
    source, target = event.one("source"), event.one("target")
    if source and target and source != target:
        yield source, target, True, "source-target"
    else:
        sides = sorted({*event.actors_in("participant"), *event.actors_in("source"),
                        *event.actors_in("target")} - {event.one("mediator")})
        for first, second in combinations(sides, 2):
            yield first, second, False, "participants"
    mediator = event.one("mediator")
    if mediator:
        for side in sorted({*event.actors_in("participant"), source, target} - {"", mediator}):
            yield mediator, side, True, "mediator"


def actor_network(projection: Projection) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph(name="kg actor network")
    counts: dict[str, int] = {}
    for event in projection.events:
        for actor in {a for role in INTERACTION_ROLES for a in event.actors_in(role)}:
            counts[actor] = counts.get(actor, 0) + 1
    for iri in sorted(counts):
        graph.add_node(iri, **actor_attributes(projection, iri), events=counts[iri])
    grouped: dict[str, _Interaction] = {}
    for event in projection.events:
        for source, target, directed, role in interactions(event):
            edge = _Interaction(source, target, directed, role, event.event_type, event.when)
            grouped.setdefault(edge.key, edge).events.append(event)
    for key, edge in sorted(grouped.items()):
        graph.add_edge(edge.source, edge.target, key=key, **_interaction_attributes(projection, edge))
    return graph


def actor_attributes(projection: Projection, iri: str) -> dict[str, str | int]:
    actor = projection.actor(iri)
    attributes = {"label": actor.label, "kind": "actor", "iri": iri, "actor_type": actor.actor_type,
                  "wikidata": actor.wikidata,
                  "labels": " | ".join(f"{text}@{lang}" if lang else text for text, lang in actor.labels)}
    return {name: value for name, value in attributes.items() if value != ""}


def _interaction_attributes(projection: Projection, edge: _Interaction) -> dict[str, str | int | bool]:
    events = edge.events
    modes = sorted({e.mode for e in events if e.mode})
    sentences = list(dict.fromkeys(span.text for e in events for span in e.evidence))
    attributes = {
        "label": f"{edge.event_type} {edge.when}".strip(),
        "event_type": edge.event_type,
        "date": edge.when,
        "date_stated": all(bool(e.date) for e in events),
        "mode": ",".join(modes),
        "directed": edge.directed,
        "role": edge.role,
        "weight": len(events),
        "evidence": EVIDENCE_SEPARATOR.join(sentences),
        "events": LIST_SEPARATOR.join(e.iri for e in events),
        "articles": LIST_SEPARATOR.join(sorted({e.article for e in events if e.article})),
    }
    return {name: value for name, value in attributes.items() if value != ""}


def event_graph(projection: Projection) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph(name="kg event graph")
    for event in projection.events:
        graph.add_node(event.iri, **event_attributes(projection, event))
    for iri in sorted({actor for event in projection.events for actor in event.actors()}):
        graph.add_node(iri, **actor_attributes(projection, iri))
    for event in projection.events:
        for role, actor in _event_roles(event):
            graph.add_edge(event.iri, actor, key=f"{event.iri}|{role}|{actor}", label=role, role=role)
    return graph


def _event_roles(event: EventRecord) -> Iterator[tuple[str, str]]:
    """(role, actor) pairs; a participant who also has a more specific role is named by that role only."""
    specific = set()
    for role in EVENT_GRAPH_ROLES:
        for actor in event.actors_in(role):
            if role == "participant" and actor in specific:
                continue
            specific.add(actor)
            yield role, actor


def event_attributes(projection: Projection, event: EventRecord) -> dict[str, str | int | float | bool]:
    article = projection.articles.get(event.article)
    attributes = {
        "label": f"{event.event_type} {event.when}".strip(),
        "kind": "event",
        "iri": event.iri,
        "event_type": event.event_type,
        "mode": event.mode,
        "date": event.when,
        "date_stated": bool(event.date),
        "date_precision": event.date_precision if event.date else "not_after",
        "topics": " | ".join(event.topics),
        "evidence": EVIDENCE_SEPARATOR.join(dict.fromkeys(span.text for span in event.evidence)),
        "article": event.article,
        "headline": article.headline if article else "",
    }
    if event.quantity is not None:
        attributes["quantity"] = float(event.quantity)
    if event.confidence is not None:
        attributes["confidence"] = float(event.confidence)
    return {name: value for name, value in attributes.items() if value != ""}
