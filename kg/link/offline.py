"""Offline linking: Wikidata ids for an article's entities from the shipped knowledge base.

Candidates come from the entity's name, its mentions, a surname after a title ("Präsident Putin") and,
for places, nationality adjectives ("Russian"). They are filtered by type and country, then told apart by
the offices the text states and the article's date against the office dates. A capital used as an actor
("Moskau reagiert") stands for its state. Whenever more than one candidate survives, or the text
contradicts the only one, the linker abstains: no id beats a wrong id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

import yaml

from kg.link.kb import DATA_DIR, KBEntry, KnowledgeBase, load_kb, role_matches
from kg.link.normalise import normalise
from kg.model import Entity, Extraction, Office

# Which knowledge-base types an entity of a given type may link to.
_COMPATIBLE = {"PERSON": {"PERSON"}, "GPE": {"GPE", "LOC"}, "LOC": {"LOC", "GPE"}, "ORG": {"ORG"}}
# Which entry wins when one name has several readings ("Dschibuti": the state, not its capital).
_CATEGORY_RANK = {"state": 0, "organisation": 1, "institution": 1, "territory": 2, "capital": 3,
                  "subdivision": 4, "city": 4, "region": 5, "group": 1, "media": 1, "person": 0}


@dataclass(frozen=True)
class LinkDecision:
    """What the linker decided for one entity, and why (for logs and `kg link --verbose`)."""

    entry: KBEntry | None
    qid: str | None
    reason: str


@cache
def _words() -> dict[str, dict[str, frozenset[str]]]:
    with open(DATA_DIR / "linking.yaml", encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    return {kind: {lang: frozenset(normalise(w) for w in words) for lang, words in langs.items()}
            for kind, langs in data.items()}


def _word_set(kind: str, lang: str | None) -> frozenset[str]:
    langs = _words()[kind]
    if lang in langs:
        return langs[lang]
    return frozenset().union(*langs.values())


def parse_day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


# --- candidates ----------------------------------------------------------------------------------------------
def _lookup(kb: KnowledgeBase, name: str, lang: str | None) -> list[KBEntry]:
    found = kb.lookup(name, lang)
    return found or (kb.lookup(name) if lang else [])


def _without_title(name: str, lang: str | None) -> str | None:
    """ "Präsident Putin" -> "Putin", "Mr Erdogan" -> "Erdogan"; None if nothing precedes the surname."""
    tokens = name.split()
    titles = _word_set("titles", lang)
    for cut in range(len(tokens) - 1, 0, -1):
        head = normalise(" ".join(tokens[:cut]))
        if all(part in titles for part in head.split()) or head in titles:
            return " ".join(tokens[cut:])
    return None


def candidates(entity: Entity, kb: KnowledgeBase, lang: str | None) -> tuple[list[KBEntry], str]:
    """Entries the entity may be, and how they were found ("name", "mention", "title", "adjective")."""
    kb_key = getattr(entity, "kb_key", None)
    if kb_key and kb.get(kb_key) is not None:
        return [kb.get(kb_key)], "recogniser"  # type: ignore[list-item]
    found = _lookup(kb, entity.name, lang)
    if found:
        return found, "name"
    for mention in entity.mentions:
        if entity.type == "PERSON" and len(mention.text.split()) < len(entity.name.split()):
            continue  # an unknown "Max Austin" is not Lloyd Austin because a mention says "Austin"
        found = _lookup(kb, mention.text, lang)
        if found:
            return found, "mention"
    stripped = _without_title(entity.name, lang)
    if stripped:
        found = _lookup(kb, stripped, lang)
        if found:
            return found, "title"
    if entity.type in ("GPE", "LOC", "NORP") and lang:
        state = kb.adjective(entity.name, lang) or kb.demonym(entity.name, lang)
        if state is not None:
            return [state], "adjective"
    return [], "unknown name"


def _compatible(entity: Entity, entry: KBEntry) -> bool:
    if entry.type in _COMPATIBLE.get(entity.type, {entity.type}):
        return True
    if entity.type == "ORG" and entry.category == "state":
        return True  # "USA" tagged ORG is still the state
    if entity.type == "ORG" and entry.category in ("capital", "city") and entry.stands_for:
        return True  # "Moskau" tagged ORG is the government in Moscow (see link_entity)
    return entity.type == "GPE" and entry.type == "ORG" and entry.stands_for is not None  # "Kreml" tagged GPE


def _countries(entry: KBEntry) -> set[str]:
    return {c for c in [entry.country, entry.key if entry.category == "state" else None] if c} | {
        o.country for o in entry.offices if o.country
    }


def _filter(entity: Entity, found: list[KBEntry]) -> list[KBEntry]:
    kept = [e for e in found if _compatible(entity, e)]
    if entity.country:
        same = [e for e in kept if not _countries(e) or entity.country in _countries(e)]
        kept = same or kept
    return kept


# --- offices and dates ---------------------------------------------------------------------------------------
_SKIP_ROLES = {"counterpart", "minister", "general", "leader", "chair"}  # too vague to tell people apart


def _stated_offices(entity: Entity) -> list[Office]:
    return [o for o in entity.offices if o.role and o.role not in _SKIP_ROLES]


def _holds(entry: KBEntry, office: Office, day: date | None) -> bool:
    return any(role_matches(o.role, office.role) and (office.country is None or o.country == office.country)
               and o.held_on(day) for o in entry.offices)


def _title_fits(entry: KBEntry, title: str | None, day: date | None) -> bool:
    """The stated title ("Kremlsprecher") occurs in the label of an office the entry held that day."""
    key = normalise(title or "")
    if not key:
        return False
    return any(key in normalise(label) or normalise(label) in key
               for office in entry.offices_on(day) for label in office.label.values())


def _by_offices(found: list[KBEntry], offices: list[Office], day: date | None) -> list[KBEntry]:
    """Narrow people by the offices the text states: held on the day, else held at some time."""
    for when in ([day, None] if day else [None]):
        held = [e for e in found if any(_holds(e, o, when) for o in offices)]
        if held:
            return held
    return found


def _pick(entity: Entity, found: list[KBEntry], day: date | None) -> tuple[KBEntry | None, str]:
    if len(found) == 1:
        return found[0], "unique"
    if entity.type == "PERSON":
        offices = _stated_offices(entity)
        narrowed = _by_offices(found, offices, day) if offices else found
        if len(narrowed) > 1 and day:
            in_office = [e for e in narrowed if e.offices_on(day)]
            narrowed = in_office or narrowed
        if len(narrowed) > 1 and offices:
            titled = [e for e in narrowed if any(_title_fits(e, o.title, day) for o in offices)]
            narrowed = titled or narrowed
        if len(narrowed) == 1:
            return narrowed[0], "office and date"
        return None, f"ambiguous: {len(narrowed)} people ({', '.join(e.key for e in narrowed[:4])})"
    best = min(_CATEGORY_RANK.get(e.category, 9) for e in found)
    top = [e for e in found if _CATEGORY_RANK.get(e.category, 9) == best]
    if len(top) == 1:
        return top[0], f"preferred {top[0].category}"
    return None, f"ambiguous: {len(top)} entries ({', '.join(e.key for e in top[:4])})"


def _contradicted(entity: Entity, entry: KBEntry, how: str) -> bool:
    """A surname alone whose person never held the stated office is probably someone else."""
    if entry.type != "PERSON" or how == "recogniser":
        return False
    offices = [o for o in _stated_offices(entity) if o.country]
    if not offices or not entry.offices:
        return False
    single_word = len(entity.name.split()) == 1 or how == "title"
    return single_word and not any(_holds(entry, o, None) for o in offices)


# --- metonymy and name-less office holders -------------------------------------------------------------------
def _actor_ids(extraction: Extraction) -> set[str]:
    ids: set[str] = set()
    for event in extraction.events:
        ids |= event.actors()
    return ids


def _as_actor(entry: KBEntry, kb: KnowledgeBase) -> KBEntry:
    """A capital or city acting ("Moskau droht") is its state; institutions (Kreml, Pentagon) stay themselves."""
    if entry.category in ("capital", "city") and entry.stands_for:
        return kb.get(entry.stands_for) or entry
    return entry


def _is_descriptive(entity: Entity, kb: KnowledgeBase, lang: str | None) -> bool:
    """True if the name is only an office description ("der russische Verteidigungsminister")."""
    title_words = {w for o in entity.offices for w in normalise(o.title).split()}
    function_words = _word_set("function_words", lang)
    for word in normalise(entity.name).split():
        if word in title_words or word in function_words:
            continue
        if lang and (kb.adjective(word, lang) or kb.demonym(word, lang)):
            continue
        if any(e.type in ("GPE", "ORG") for e in kb.lookup(word, lang)):
            continue
        return False
    return bool(title_words)


def resolve_office_holder(role: str, country: str | None, on: date | None,
                          kb: KnowledgeBase | None = None, title: str | None = None) -> KBEntry | None:
    """The one person holding `role` for `country` on day `on` ("der russische Verteidigungsminister").

    Without a day, only an office that ever had a single holder resolves. With several holders the
    stated title ("Kremlsprecher") may pick one; otherwise None.
    """
    kb = kb or load_kb()
    holders = kb.holders(role, country, on)
    if len(holders) > 1 and title:
        titled = [e for e in holders if _title_fits(e, title, on)]
        holders = titled or holders
    return holders[0] if len(holders) == 1 else None


def _office_holder(entity: Entity, kb: KnowledgeBase, day: date | None, lang: str | None) -> LinkDecision | None:
    if entity.type != "PERSON" or not day or not _is_descriptive(entity, kb, lang):
        return None
    for office in _stated_offices(entity):
        if office.country:
            holder = resolve_office_holder(office.role, office.country, day, kb, office.title)
            if holder is not None:
                return LinkDecision(holder, holder.qid, f"holder of {office.role} ({office.country}) on {day}")
    return None


# --- the public entry points ---------------------------------------------------------------------------------
def link_entity(entity: Entity, kb: KnowledgeBase, day: date | None, lang: str | None = None,
                actor: bool = False) -> LinkDecision:
    """Decide the knowledge-base entry (and Q-id) of one entity, or abstain with a reason."""
    found, how = candidates(entity, kb, lang)
    if not found:
        return _office_holder(entity, kb, day, lang) or LinkDecision(None, None, how)
    kept = _filter(entity, found)
    if not kept:
        return LinkDecision(None, None, f"type {entity.type} fits none of {[e.key for e in found]}")
    entry, why = _pick(entity, kept, day)
    if entry is None:
        return LinkDecision(None, None, why)
    if _contradicted(entity, entry, how):
        return LinkDecision(None, None, f"{entry.key} never held the stated office")
    if (actor and entity.type in ("GPE", "ORG")) or (entity.type == "ORG" and entry.type == "GPE"):
        entry = _as_actor(entry, kb)
    if entry.qid is None:
        return LinkDecision(entry, None, f"{entry.key}: no checked id")
    return LinkDecision(entry, entry.qid, f"{how}, {why}")


def link_decisions(extraction: Extraction, kb: KnowledgeBase, published: date | None = None
                   ) -> dict[str, LinkDecision]:
    """Entity id -> the linker's decision, without changing the extraction."""
    day = published or parse_day(extraction.document.published)
    lang = extraction.document.language
    actors = _actor_ids(extraction)
    return {e.id: link_entity(e, kb, day, lang, actor=e.id in actors) for e in extraction.entities}


def apply_decision(entity: Entity, decision: LinkDecision) -> None:
    if decision.qid:
        entity.wikidata = decision.qid
    if decision.entry is not None:
        if not entity.country:
            entity.country = decision.entry.country
        if hasattr(entity, "kb_key") and not entity.kb_key:
            entity.kb_key = decision.entry.key  # a known person without a checked id is still this person


def link_extraction(extraction: Extraction, kb: KnowledgeBase, published: date | None = None) -> None:
    """Set `Entity.wikidata` (and a missing `Entity.country`) in place for every entity the KB knows."""
    decisions = link_decisions(extraction, kb, published)
    for entity in extraction.entities:
        apply_decision(entity, decisions[entity.id])
