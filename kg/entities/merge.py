"""Mentions -> entities: "Lloyd Austin" ... "Austin" is one person; "Russland", "Moskau" and "die
russische Seite" are one state."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from kg.entities.mentions import ADJECTIVE, NAME, Mention
from kg.model import Entity, Office, Span


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"


@dataclass
class EntityIndex:
    """The article's entities and, per token, which entity a mention there refers to."""

    entities: list[Entity] = field(default_factory=list)
    by_token: dict[int, str] = field(default_factory=dict)  # token index -> entity id
    mentions: list[tuple[Mention, str]] = field(default_factory=list)  # entity mentions with their ids
    adjectives: dict[int, str] = field(default_factory=dict)  # token index -> KB key of the state
    adjective_mentions: dict[int, Mention] = field(default_factory=dict)  # token index -> the adjective
    kb_names: dict[str, str] = field(default_factory=dict)  # KB key -> preferred name
    from_adjectives: set[str] = field(default_factory=set)  # ids of states made entities by `state_named_by`
    # lookup tables for `get` and `by_kb`, rebuilt when the lists above have grown
    _by_id: dict[str, Entity] = field(default_factory=dict, repr=False, compare=False)
    _by_kb: dict[str | None, str] = field(default_factory=dict, repr=False, compare=False)
    _ids_seen: int = field(default=0, repr=False, compare=False)
    _kb_seen: int = field(default=0, repr=False, compare=False)

    def get(self, entity_id: str | None) -> Entity | None:
        if self._ids_seen != len(self.entities):  # built on first use; entities are only ever appended
            self._by_id = {}
            for entity in self.entities:
                self._by_id.setdefault(entity.id, entity)  # the first one, as a scan would find it
            self._ids_seen = len(self.entities)
        return self._by_id.get(entity_id)

    def by_kb(self, kb_key: str) -> Entity | None:
        if self._kb_seen != len(self.mentions):  # the first mention of each KB key, as a scan would find it
            self._by_kb = {}
            for mention, entity_id in self.mentions:
                self._by_kb.setdefault(mention.kb_key, entity_id)
            self._kb_seen = len(self.mentions)
        return self.get(self._by_kb[kb_key]) if kb_key in self._by_kb else None


    def state_named_by(self, token: int) -> Entity | None:
        """The state a nationality adjective names, made an entity if the text names it no other way:
        called where the adjective stands for an actor ("Israeli warplanes struck ..."), which the guidelines
        count as a name of the state. `drop_unused_states` removes it again if no event keeps it."""
        mention = self.adjective_mentions.get(token)
        if mention is None or not mention.kb_key:
            return None
        found = self.by_kb(mention.kb_key)
        if found is not None or mention.label != "GPE":
            return found
        entity_id = _unique_id(slug(mention.kb_key), {e.id for e in self.entities})
        entity = Entity(id=entity_id, name=self.kb_names.get(mention.kb_key, mention.text), type="GPE",
                        mentions=[Span(mention.text, mention.start, mention.end)], kb_key=mention.kb_key,
                        country=mention.kb_key)
        self.entities.append(entity)
        self.mentions.append((mention, entity.id))
        self.from_adjectives.add(entity.id)
        return entity

    def drop_unused_states(self, used: set[str]) -> None:
        """States made from adjectives for an actor that ended in no event are no entities after all."""
        unused = self.from_adjectives - used
        if unused:
            self.entities[:] = [e for e in self.entities if e.id not in unused]
            self.mentions[:] = [(m, i) for m, i in self.mentions if i not in unused]
            self._ids_seen = self._kb_seen = -1  # the lookup tables are rebuilt on next use


def _group_key(mention: Mention, person_keys: dict[str, str]) -> str:
    if mention.kb_key:
        return f"kb:{mention.kb_key}"
    if mention.label == "PERSON":
        return person_keys.get(mention.text, f"person:{mention.text}")
    return f"{mention.label}:{slug(mention.text)}"


def _person_groups(mentions: list[Mention]) -> dict[str, str]:
    """Map each person surface form to the group of the longest full name that ends with it."""
    names = sorted({m.text for m in mentions if m.label == "PERSON" and not m.kb_key}, key=len, reverse=True)
    kb_names = {m.text: m.kb_key for m in mentions if m.label == "PERSON" and m.kb_key}
    groups: dict[str, str] = {}
    for name in names:
        for full in list(groups) + list(kb_names):
            tokens, full_tokens = name.split(), full.split()
            if len(tokens) < len(full_tokens) and full_tokens[-len(tokens):] == tokens:
                groups[name] = f"kb:{kb_names[full]}" if full in kb_names else groups[full]
                break
        else:
            groups[name] = f"person:{name}"
    return groups


def merge_mentions(mentions: list[Mention], offices: dict[int, Office], kb_names: dict[str, str]) -> EntityIndex:
    """Group mentions into entities; `offices` maps a mention's first token to the office stated there.

    `kb_names` gives the preferred name of knowledge-base entries (key -> name).
    """
    index = EntityIndex(kb_names=kb_names)
    person_keys = _person_groups(mentions)
    groups: dict[str, list[Mention]] = {}
    for mention in mentions:
        if mention.kind == ADJECTIVE:
            if mention.kb_key:
                index.adjectives[mention.token] = mention.kb_key
                index.adjective_mentions[mention.token] = mention
            continue
        groups.setdefault(_group_key(mention, person_keys), []).append(mention)
    used_ids: set[str] = set()
    for key, members in groups.items():
        entity = _entity(key, members, offices, kb_names, used_ids)
        index.entities.append(entity)
        for mention in members:
            index.mentions.append((mention, entity.id))
            for i in range(mention.first_token, mention.token + 1):
                index.by_token.setdefault(i, entity.id)
    return index


def _entity(key: str, members: list[Mention], offices: dict[int, Office], kb_names: dict[str, str],
            used_ids: set[str]) -> Entity:
    names = [m for m in members if m.kind == NAME] or members
    label = _majority([m.label for m in members])
    kb_key = next((m.kb_key for m in members if m.kb_key), None)
    name = max((m.text for m in names), key=len)
    if kb_key and kb_key in kb_names and label != "PERSON":
        name = kb_names[kb_key]
    entity_id = _unique_id(slug(kb_key or name), used_ids)
    used_ids.add(entity_id)
    seen: set[tuple[int, int]] = set()
    spans = []
    for m in sorted(members, key=lambda m: m.start):
        if (m.start, m.end) not in seen:
            seen.add((m.start, m.end))
            spans.append(Span(m.text, m.start, m.end))
    found_offices: list[Office] = []
    for m in members:
        office = offices.get(m.first_token)
        if office and office not in found_offices:
            found_offices.append(office)
    return Entity(id=entity_id, name=name, type=label, mentions=spans, offices=found_offices, kb_key=kb_key)


def _unique_id(base: str, used: set[str]) -> str:
    """`base`, or `base-2`, `base-3` ... if an entity of the article already has it."""
    entity_id, n = base, 2
    while entity_id in used:
        entity_id, n = f"{base}-{n}", n + 1
    return entity_id


def _majority(labels: list[str]) -> str:
    return max(sorted(set(labels)), key=labels.count)
