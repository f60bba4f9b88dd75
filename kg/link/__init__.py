"""Wikidata linking: the shipped knowledge base, the offline linker and the online (SPARQL) linker.

`load_kb()` gives the gazetteer and office holders; `link_extraction()` sets `Entity.wikidata` from it;
`OnlineLinker` asks a SPARQL endpoint about the rest. Heavy or networked parts import lazily.
"""

from kg.link.kb import KBEntry, KBOffice, KnowledgeBase, load_kb
from kg.link.normalise import normalise
from kg.link.offline import LinkDecision, link_entity, link_extraction, resolve_office_holder

__all__ = [
    "KBEntry", "KBOffice", "KnowledgeBase", "LinkDecision", "link_entity", "link_extraction", "load_kb",
    "normalise", "resolve_office_holder",
]
