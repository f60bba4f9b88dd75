"""One meeting per partner: "A traf B und auch C", "Gespräche mit B, mit C" are meetings of A with each.

The guidelines count "A met B and later C" as two meetings and "A called B, C and others" as one call; news
tells in-person talks with several named people as a round of separate meetings, so a meeting with a source
and two or more people on the other side becomes one event per person. Calls and video calls stay whole.
"""

from __future__ import annotations

from dataclasses import replace

from kg.entities import EntityIndex
from kg.model import Event


def split_meetings(events: list[Event], index: EntityIndex) -> list[Event]:
    out: list[Event] = []
    for event in events:
        partners = _partners(event, index)
        if len(partners) < 2:
            out.append(event)
            continue
        for partner in partners:
            out.append(replace(event, participants=[event.source, partner], target=partner,
                               evidence=list(event.evidence), topics=list(event.topics)))
    return out


def _partners(event: Event, index: EntityIndex) -> list[str]:
    if event.type != "CONSULT" or event.mode != "meeting" or not event.source:
        return []
    others = [a for a in event.participants if a != event.source]
    if event.target and event.target not in others:
        others.insert(0, event.target)
    people = [a for a in others if (entity := index.get(a)) is not None and entity.type == "PERSON"]
    return people if len(people) == len(others) else []
