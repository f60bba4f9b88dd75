"""Offices from the titles that stand before a person's name.

"US-Verteidigungsminister Lloyd Austin", "Kremlsprecher Dmitri Peskow", "der ukrainische Präsident Wolodymyr
Selenskyj", "Russlands Präsident Wladimir Putin", "Russian Foreign Minister Sergey Lavrov": the title gives
the role, and a compound prefix, a nationality adjective or a genitive name gives the country.
"""

from __future__ import annotations

from spacy.tokens import Doc

from kg.entities.lexicon import TitleMatch, office_titles, token_title
from kg.entities.mentions import Mention
from kg.link.kb import KnowledgeBase
from kg.model import Office
from kg.nlp.text import doc_text

MAX_TITLE_TOKENS = 5


def title_before(doc: Doc, mention: Mention, lang: str) -> tuple[TitleMatch, int, int] | None:
    """The title right before a person mention: (match, first token, last token)."""
    end = mention.first_token - 1
    if end < 0 or doc[end].is_punct and doc[end].text != "-":
        return None
    if lang == "de":
        token = doc[end]
        match = token_title(token, lang)
        return (match, end, end) if match else None
    titles = office_titles(lang)
    for size in range(min(MAX_TITLE_TOKENS, end + 1), 0, -1):
        words = " ".join(t.lower_ for t in doc[end - size + 1 : end + 1])
        if words in titles:
            return TitleMatch(titles[words], words, ""), end - size + 1, end
    return None


def office_for(doc: Doc, mention: Mention, lang: str, kb: KnowledgeBase,
               country_at: dict[int, str]) -> Office | None:
    """The office the text states for a person mention, or None."""
    found = title_before(doc, mention, lang)
    if found is None:
        return None
    match, first, last = found
    country = None
    if match.prefix:
        country = _country_of_name(match.prefix, lang, kb)
    if country is None:
        country = _country_before(doc, first, country_at)
    title = doc_text(doc)[doc[first].idx : doc[last].idx + len(doc[last].text)]
    return Office(title=_with_adjective(doc, first, title, country_at), role=match.role, country=country)


def _with_adjective(doc: Doc, first: int, title: str, country_at: dict[int, str]) -> str:
    """Keep a nationality adjective with the title: "ukrainische Präsident"."""
    before = first - 1
    if before >= 0 and before in country_at and doc[before].pos_ == "ADJ":
        return doc_text(doc)[doc[before].idx : doc[first].idx] + title
    return title


def _country_before(doc: Doc, first: int, country_at: dict[int, str]) -> str | None:
    """A nationality adjective or a genitive/possessive name within two tokens before the title."""
    for i in range(first - 1, max(first - 3, -1), -1):
        if i in country_at:
            return country_at[i]
        if doc[i].pos_ not in {"DET", "ADJ", "PRON"}:
            break
    return None


def _country_of_name(name: str, lang: str, kb: KnowledgeBase) -> str | None:
    entries = kb.lookup(name, lang) or kb.lookup(name.upper(), lang) or kb.lookup(name.capitalize(), lang)
    for entry in entries:
        if entry.type in {"GPE", "ORG"}:
            return entry.stands_for or entry.country or entry.key
    adjective = kb.adjective(name, lang)
    return adjective.key if adjective else None
