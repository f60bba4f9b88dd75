"""Entities: mentions from the entity ruler, offices from titles, merged into the article's entities."""

from __future__ import annotations

from spacy.tokens import Doc

from kg.entities.mentions import ADJECTIVE, Mention, doc_mentions
from kg.entities.merge import EntityIndex, merge_mentions, slug
from kg.entities.offices import office_for
from kg.link.kb import KnowledgeBase
from kg.model import Office

__all__ = ["EntityIndex", "Mention", "find_entities", "slug"]


def find_entities(doc: Doc, lang: str, kb: KnowledgeBase) -> EntityIndex:
    """The article's entities, with the offices its titles state, from a processed `Doc`."""
    mentions = doc_mentions(doc)
    country_at = _countries_by_token(mentions, kb)
    offices: dict[int, Office] = {}
    for mention in mentions:
        if mention.label == "PERSON":
            office = office_for(doc, mention, lang, kb, country_at)
            if office:
                offices[mention.first_token] = office
    _resolve_counterparts(doc, mentions, offices)
    kb_names = {m.kb_key: _preferred_name(kb, m.kb_key, lang) for m in mentions if m.kb_key}
    index = merge_mentions(mentions, offices, {k: v for k, v in kb_names.items() if v})
    for entity in index.entities:
        entry = kb.get(entity.kb_key) if entity.kb_key else None
        if entry is not None:
            entity.country = entry.country
        elif entity.offices:
            entity.country = next((o.country for o in entity.offices if o.country), None)
    return index


def _preferred_name(kb: KnowledgeBase, key: str, lang: str) -> str | None:
    entry = kb.get(key)
    if entry is None:
        return None
    names = entry.names.get(lang) or next(iter(entry.names.values()), ())
    return names[0] if names else None


def _countries_by_token(mentions: list[Mention], kb: KnowledgeBase) -> dict[int, str]:
    """Token index -> state key, for adjectives ("russischen") and state names ("Russlands")."""
    found: dict[int, str] = {}
    for mention in mentions:
        if not mention.kb_key or mention.label not in {"GPE", "ORG"}:
            continue
        entry = kb.get(mention.kb_key)
        if entry is None:
            continue
        if mention.kind == ADJECTIVE or entry.type == "GPE":
            found[mention.token] = entry.country or entry.key
        elif entry.stands_for:
            found[mention.token] = entry.stands_for
    return found


def _resolve_counterparts(doc: Doc, mentions: list[Mention], offices: dict[int, Office]) -> None:
    """ "sein russischer Amtskollege X": X holds the same office as the person it is the colleague of."""
    for first, office in list(offices.items()):
        if office.role != "counterpart":
            continue
        sentence = doc[first].sent
        peers = [o for i, o in offices.items() if o.role != "counterpart" and sentence.start <= i < sentence.end]
        if peers:
            offices[first] = Office(title=office.title, role=peers[0].role, country=office.country)
