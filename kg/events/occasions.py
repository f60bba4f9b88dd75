"""Dates by occasion: what a participant says during a dated call or meeting happened on that date.

The guidelines date "an event told as part of another dated event" (a demand made during a dated call) with
that event's date. Readouts and press releases tell the meeting first and what was said in it after, so a
speech act without a date of its own, by one of the meeting's actors and told after it, takes its date.
"""

from __future__ import annotations

from kg.model import Event

SPEECH_TYPES = {"STATEMENT", "THREATEN", "ACCUSE", "REQUEST", "REJECT", "SUPPORT", "AGREE", "CONCEDE"}


def date_by_occasion(events: list[Event]) -> None:
    """Give undated meetings the date of the dated visit they are part of, then undated speech acts the date
    of the latest dated consultation before them that they took part in."""
    _meetings_of_visits(events)
    occasions = sorted((e for e in events if e.type == "CONSULT" and e.date and e.evidence),
                       key=lambda e: e.evidence[0].start)
    for event in events:
        if event.date or event.type not in SPEECH_TYPES or not event.source or not event.evidence:
            continue
        start = event.evidence[0].start
        speakers = {event.source, event.reported_by, *event.participants}  # or the one who reports him
        before = [o for o in occasions if o.evidence[0].start <= start and speakers & o.actors()]
        if before:
            event.date = before[-1].date


def target_by_occasion(events: list[Event]) -> None:
    """What one side says during a call or meeting is addressed to the other side: a speech act without a
    target, by (or reported by) one of two sides of the latest consultation before it, targets the other."""
    occasions = sorted((e for e in events if e.type == "CONSULT" and e.evidence and len(e.actors()) == 2),
                       key=lambda e: e.evidence[0].start)
    for event in events:
        if event.target or event.type not in SPEECH_TYPES or not event.source or not event.evidence:
            continue
        speaking = {event.source, event.reported_by}
        before = [o for o in occasions if o.evidence[0].start <= event.evidence[0].start and speaking & o.actors()]
        if not before:
            continue
        sides = before[-1].actors()
        speakers = speaking & sides
        others = sides - speakers
        if speakers and len(others) == 1:
            event.target = others.pop()
            if event.target not in event.participants:
                event.participants.append(event.target)


def _meetings_of_visits(events: list[Event]) -> None:
    """ "war am 3. und 4. März zu Besuch ... In Accra traf er X": the visitor's meetings told after a dated
    visit, without a date of their own, happened during it."""
    visits = sorted((e for e in events if e.type == "CONSULT" and e.mode == "visit" and e.date and e.source
                     and e.evidence), key=lambda e: e.evidence[0].start)
    for event in events:
        if event.date or event.type != "CONSULT" or event.mode == "visit" or not event.evidence:
            continue
        before = [v for v in visits if v.evidence[0].start < event.evidence[0].start and v.source in event.actors()]
        if before:
            event.date = before[-1].date
