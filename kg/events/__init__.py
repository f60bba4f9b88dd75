"""Events: triggers from lexicons, roles from the sentence, dates, quantities, evidence, coreference."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from kg.entities import EntityIndex
from kg.events.builder import EventBuilder, subject_person
from kg.events.coref import merge_events
from kg.events.frames import SentenceReader
from kg.events.lexicon import load_lexicon
from kg.events.occasions import date_by_occasion, target_by_occasion
from kg.events.partners import split_meetings
from kg.events.sides import target_by_sides
from kg.events.topics import is_topic_sentence, topics_in
from kg.model import Event

__all__ = ["find_events"]


def _reader(doc: Doc, index: EntityIndex, lang: str) -> SentenceReader:
    lexicon = load_lexicon(lang)
    if not doc.has_annotation("DEP"):
        from kg.events.german import GermanReader

        return GermanReader(doc, index, lexicon)
    from kg.events.english import DependencyReader

    return DependencyReader(doc, index, lexicon)


def find_events(doc: Doc, index: EntityIndex, lang: str, published: date | None,
                body: list[tuple[int, int]]) -> list[Event]:
    """The article's events, read from the sentences of its body."""
    reader = _reader(doc, index, lang)
    builder = EventBuilder(reader, index, load_lexicon(lang), published, lang)
    events: list[Event] = []
    for sent in doc.sents:
        end_char = sent.start_char + len(sent.text.rstrip())
        if not any(start <= sent.start_char and end_char <= end for start, end in body):
            continue
        candidates = builder.sentence_events(sent)
        if not candidates and events and is_topic_sentence(sent):
            events[-1].topics += [t for t in topics_in(sent) if t not in events[-1].topics]
        events += [c.event for c in candidates]
        person = subject_person(candidates, index)
        if person:
            reader.last_person = person
        else:
            reader.last_person = _last_person_named(sent, index) or reader.last_person
    events = merge_events(events, index)
    date_by_occasion(events)
    target_by_occasion(events)
    target_by_sides(events, index)
    for event in events:
        if event.type == "CONSULT" and event.mode is None:
            event.mode = "meeting"  # talks with no word of a call or a screen are held in person
    events = split_meetings(events, index)
    events = [e for e in events if not (e.type == "CONSULT" and len(e.actors()) < 2 and e.mode == "visit")]
    index.drop_unused_states({entity for event in events
                              for entity in (*event.actors(), event.reported_by, event.medium) if entity})
    for n, event in enumerate(events, start=1):
        event.id = f"ev{n}"
        if event.date is None and published is not None:
            event.not_after = published.isoformat()
    return events


def _last_person_named(sent, index: EntityIndex) -> str | None:
    found = None
    for token in sent:
        entity_id = index.by_token.get(token.i)
        entity = index.get(entity_id) if entity_id else None
        if entity is not None and entity.type == "PERSON":
            found = entity.id
    return found
