"""Event coreference within one article: one real event told twice is one event.

Two events are one when they have the same type, compatible modes and dates, and the actors of one are
among the actors of the other, counting a spokesperson or leader as the state he speaks for. Speech acts
of one type by one speaker are one event ("three sentences of one statement are one").
"""

from __future__ import annotations

from datetime import date

from kg.entities import EntityIndex
from kg.link.kb import category_of
from kg.model import Event

SPEECH_TYPES = {"STATEMENT", "THREATEN", "ACCUSE", "REQUEST", "REJECT", "SUPPORT", "AGREE"}
SPEAKS_FOR = {"spokesperson", "military_spokesperson"}  # a leader's own words are his, not the state's


def _expanded(actors: set[str], index: EntityIndex) -> set[str]:
    """Actors plus the states their spokespeople and leaders speak for."""
    out = set(actors)
    for actor in actors:
        entity = index.get(actor)
        if entity is not None and entity.type == "ORG" and entity.country and _is_state_organ(entity):
            state = index.by_kb(entity.country)  # "das Verteidigungsministerium in Baku" speaks for Azerbaijan
            if state is not None:
                out.add(state.id)
        if entity is None or entity.type != "PERSON":
            continue
        for office in entity.offices:
            if office.role in SPEAKS_FOR and office.country:
                state = index.by_kb(office.country)
                if state is not None:
                    out.add(state.id)
    return out


def _is_state_organ(entity) -> bool:  # noqa: ANN001
    return category_of(entity.kb_key) == "institution"


def _compatible(a: Event, b: Event) -> bool:
    if a.mode and b.mode and a.mode != b.mode and {a.mode, b.mode} != {"meeting", "visit"}:
        return False  # the talks of a visit are part of the visit
    if a.date and b.date and not (a.date.startswith(b.date) or b.date.startswith(a.date)):
        return a.type == "ASSAULT" and _one_night(a.date, b.date)
    return True


def _one_night(a: str, b: str) -> bool:
    """An overnight attack is told as of the evening before or of the morning after."""
    if len(a) != 10 or len(b) != 10:
        return False
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days) == 1


def _same(a: Event, b: Event, index: EntityIndex) -> bool:
    if a.type != b.type or not _compatible(a, b):
        return False
    if a.type in SPEECH_TYPES and a.source and b.source:
        sa, sb = _expanded({a.source}, index), _expanded({b.source}, index)
        if not (sa & sb):
            return False
        return a.type != "AGREE" or a.target == b.target or not (a.target and b.target)
    if _roles_clash(a, b):
        return False
    actors_a, actors_b = _expanded(a.actors(), index), _expanded(b.actors(), index)
    if {a.mode, b.mode} == {"meeting", "visit"}:  # a visit holds its talks, talks do not hold a visit
        meeting, visit = (actors_a, actors_b) if a.mode == "meeting" else (actors_b, actors_a)
        return meeting <= visit
    return actors_a <= actors_b or actors_b <= actors_a


def _roles_clash(a: Event, b: Event) -> bool:
    """Who attacks in one is attacked in the other: two events ("Israel struck ..." / "... struck Israel")."""
    return bool(a.source and a.source in (b.target, b.mediator) or b.source and b.source in (a.target, a.mediator))


def _merge(into: Event, other: Event, index: EntityIndex) -> None:
    keep_person = index.get(into.source)
    other_person = index.get(other.source)
    other_is_person = other_person is not None and other_person.type == "PERSON"
    if other_is_person and (keep_person is None or keep_person.type != "PERSON"):
        into.source = other.source  # the named speaker is more precise than the state
    for entity in other.participants:
        if entity not in into.participants:
            into.participants.append(entity)
    into.source = into.source or other.source
    into.target = into.target or other.target
    into.mediator = into.mediator or other.mediator
    into.reported_by = into.reported_by or other.reported_by
    into.medium = into.medium or other.medium
    into.mode = "visit" if "visit" in (into.mode, other.mode) else (into.mode or other.mode)
    into.date = into.date or other.date
    into.quantity = into.quantity if into.quantity is not None else other.quantity
    into.topics += [t for t in other.topics if t not in into.topics]
    into.confidence = max(into.confidence, other.confidence)
    for ev in other.evidence:
        if ev not in into.evidence:
            into.evidence.append(ev)
    into.evidence.sort(key=lambda e: e.start)


def merge_events(events: list[Event], index: EntityIndex) -> list[Event]:
    """Merge until nothing changes: a merge can make an earlier event the same as a later one."""
    while True:
        merged: list[Event] = []
        for event in events:
            for kept in merged:
                if _same(kept, event, index):
                    _merge(kept, event, index)
                    break
            else:
                merged.append(event)
        if len(merged) == len(events):
            return merged
        events = merged
