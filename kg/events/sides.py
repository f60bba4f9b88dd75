"""The two sides of a conflict: a threat or demand by one side with no stated target is aimed at the other.

News about a crisis between two states names both again and again ("Äthiopien", "Eritrea", "Addis Abeba",
"Asmara"). When two states clearly dominate an article's mentions, a threat, demand, accusation or refusal by one
of them (or by one of its people) that names no target is addressed to the other; elsewhere nothing is guessed.
"""

from __future__ import annotations

from collections import Counter

from kg.entities import EntityIndex
from kg.model import Event

ADDRESSED_TYPES = {"THREATEN", "REQUEST", "ACCUSE", "REJECT"}
MIN_MENTIONS = 3  # each side named at least this often
MIN_SHARE = 0.6  # the two sides together hold this share of all state mentions


def target_by_sides(events: list[Event], index: EntityIndex) -> None:
    sides = _two_sides(index)
    if sides is None:
        return
    for event in events:
        if event.target or event.type not in ADDRESSED_TYPES or not event.source:
            continue
        own = _side_of(event.source, index, sides)
        if own is None:
            continue
        other = sides[1] if own == sides[0] else sides[0]
        event.target = other
        if other not in event.participants:
            event.participants.append(other)


def _two_sides(index: EntityIndex) -> tuple[str, str] | None:
    counts = Counter({e.id: len(e.mentions) for e in index.entities if e.type == "GPE" and e.country
                      and e.kb_key == e.country})
    ranked = counts.most_common(2)
    total = sum(counts.values())
    if len(ranked) < 2 or not total:
        return None
    (first, n1), (second, n2) = ranked
    if n2 < MIN_MENTIONS or (n1 + n2) / total < MIN_SHARE:
        return None
    return first, second


def _side_of(actor: str, index: EntityIndex, sides: tuple[str, str]) -> str | None:
    if actor in sides:
        return actor
    entity = index.get(actor)
    if entity is None or not entity.country:
        return None
    return next((side for side in sides if (state := index.get(side)) is not None and state.country == entity.country),
                None)
