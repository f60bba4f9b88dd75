"""The shipped knowledge base: states, territories, capitals, organisations and office holders.

It serves the entity recogniser as a gazetteer (names, adjectives, people nouns in German and English)
and the linker as the source of checked Wikidata ids. The data is built by `kg.link.build_kb` into
`data/kb.json` (format in `data/README.md`); `load_kb()` reads it once per process.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from kg.link.normalise import is_acronym, normalise, written_in_capitals

DATA_DIR = Path(__file__).parent / "data"
KB_FILE = DATA_DIR / "kb.json"
KB_ENV = "KG_KB"  # path of a kb.json to use instead of the shipped one (e.g. after `kg kb refresh`)

# German adjective endings, longest first, so "russischen" -> "russisch" and not "russische".
_DE_ADJECTIVE_ENDINGS = ("em", "en", "er", "es", "e")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})


@dataclass(frozen=True)
class KBOffice:
    role: str  # normalised role, see data/README.md
    country: str | None  # ISO 3166-1 alpha-2 lower case, or an organisation key ("nato", "un", "eu")
    start: date | None
    end: date | None  # the day the office ended (the successor's first day): intervals are half-open
    label: dict[str, str]  # lang -> title, e.g. {"de": "Verteidigungsminister Russlands"}

    def __hash__(self) -> int:
        return hash((self.role, self.country, self.start, self.end))

    def held_on(self, day: date | None) -> bool:
        """True if the office was held that day; an unknown day matches every office."""
        if day is None:
            return True
        if self.start is not None and day < self.start:
            return False
        return self.end is None or day < self.end

    def matches(self, role: str, country: str | None) -> bool:
        return role_matches(self.role, role) and (country is None or self.country == country)


@dataclass(frozen=True)
class KBEntry:
    key: str  # stable slug: "ru", "ru-moscow", "nato", "vladimir-putin"
    type: str  # PERSON | ORG | GPE | LOC
    qid: str | None  # only checked ids
    names: dict[str, tuple[str, ...]]  # lang -> names and aliases, preferred first, inflected forms included
    adjectives: dict[str, tuple[str, ...]]  # lang -> adjective bases: de "russisch", en "Russian"
    demonyms: dict[str, tuple[str, ...]]  # lang -> people nouns, inflected: "Russe", "Russen", "Americans"
    country: str | None  # the state's ISO code (a state: itself)
    stands_for: str | None  # metonymy: the actor this name stands for ("Kreml" -> "ru")
    offices: tuple[KBOffice, ...]
    category: str = ""  # state | territory | capital | region | organisation | institution | media | person

    def __hash__(self) -> int:
        return hash(self.key)

    def name(self, lang: str) -> str:
        """The preferred name in `lang`, else in any language."""
        names = self.names.get(lang) or next((n for n in self.names.values() if n), ())
        return names[0] if names else self.key

    def offices_on(self, day: date | None) -> tuple[KBOffice, ...]:
        return tuple(o for o in self.offices if o.held_on(day))


def role_matches(held: str, asked: str) -> bool:
    """A role matches itself; "spokesperson" also matches the specific spokesperson roles."""
    if held == asked:
        return True
    return asked == "spokesperson" and held.endswith("_spokesperson")


class KnowledgeBase:
    """Indexes over the entries: by key, by normalised name, adjective and people noun, by role."""

    def __init__(self, entries: list[KBEntry]) -> None:
        self.entries = entries
        self._by_key = {e.key: e for e in entries}
        # (lang, normalised form) -> [(entry, acronym?)]
        self._names: dict[tuple[str, str], list[tuple[KBEntry, bool]]] = {}
        self._adjectives: dict[tuple[str, str], KBEntry] = {}
        self._demonyms: dict[tuple[str, str], KBEntry] = {}
        self._holders: dict[str, list[tuple[KBEntry, KBOffice]]] = {}
        for entry in entries:
            self._index(entry)

    def _index(self, entry: KBEntry) -> None:
        for lang, names in entry.names.items():
            for name in names:
                bucket = self._names.setdefault((lang, normalise(name)), [])
                if all(e.key != entry.key for e, _ in bucket):
                    bucket.append((entry, is_acronym(name)))
        for lang, words in entry.adjectives.items():
            for word in words:
                self._adjectives.setdefault((lang, normalise(word)), entry)
        for lang, words in entry.demonyms.items():
            for word in words:
                self._demonyms.setdefault((lang, normalise(word)), entry)
        for office in entry.offices:
            self._holders.setdefault(office.role, []).append((entry, office))

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[KBEntry]:
        return iter(self.entries)

    def get(self, key: str) -> KBEntry | None:
        return self._by_key.get(key)

    def lookup(self, name: str, lang: str | None = None) -> list[KBEntry]:
        """Entries with this name or alias (any generated inflected form), exact after `normalise`.

        Acronyms ("US", "WHO", "IS") match only when written in capitals; English possessives
        ("Russia's") are stripped when the full form is unknown.
        """
        found = self._lookup(name, lang)
        if not found and lang in (None, "en"):
            plain = name.translate(_APOSTROPHES)
            if plain.endswith("'s"):
                found = self._lookup(plain[:-2], lang)
            elif plain.endswith("s'"):
                found = self._lookup(plain[:-1], lang)
        return found

    def _languages(self) -> list[str]:
        """The languages the names are in, computed once (lookups without a language are frequent)."""
        languages = getattr(self, "_language_list", None)
        if languages is None or len(self._names) != getattr(self, "_language_basis", -1):
            languages = self._language_list = sorted({lg for lg, _ in self._names})
            self._language_basis = len(self._names)
        return languages

    def _lookup(self, name: str, lang: str | None) -> list[KBEntry]:
        key = normalise(name)
        if not key:
            return []
        langs = [lang] if lang else self._languages()
        capitals = written_in_capitals(name)
        found: list[KBEntry] = []
        for lg in langs:
            for entry, acronym in self._names.get((lg, key), ()):
                if acronym and not capitals:
                    continue
                if entry not in found:
                    found.append(entry)
        return found

    def adjective(self, word: str, lang: str) -> KBEntry | None:
        """The state (or organisation) an adjective refers to: "russischen", "US-amerikanische", "Russian"."""
        key = normalise(word)
        entry = self._adjectives.get((lang, key))
        if entry is None and lang == "de":
            for ending in _DE_ADJECTIVE_ENDINGS:
                if key.endswith(ending) and len(key) > len(ending) + 2:
                    entry = self._adjectives.get((lang, key[: -len(ending)]))
                    if entry is not None:
                        break
        return entry

    def demonym(self, word: str, lang: str) -> KBEntry | None:
        """The state a people noun refers to: "Amerikanern", "Russen", "Americans"."""
        return self._demonyms.get((lang, normalise(word)))

    def holders(self, role: str, country: str | None, on: date | None) -> list[KBEntry]:
        """People holding `role` for `country` on day `on` (any day when `on` is None)."""
        roles = [role] if role != "spokesperson" else [r for r in self._holders if role_matches(r, role)]
        found: list[KBEntry] = []
        for held in roles:
            for entry, office in self._holders.get(held, ()):
                if office.matches(role, country) and office.held_on(on) and entry not in found:
                    found.append(entry)
        return found

    def surface_forms(self, lang: str) -> Iterator[tuple[str, KBEntry]]:
        """Every name and alias in `lang` (not adjectives), for building a phrase matcher."""
        for entry in self.entries:
            for name in entry.names.get(lang, ()):
                yield name, entry

    def stats(self) -> dict[str, int]:
        counts = {"states": 0, "territories": 0, "capitals": 0, "cities": 0, "subdivisions": 0, "regions": 0,
                  "organisations": 0, "people": 0, "offices": 0}
        plural = {"state": "states", "territory": "territories", "capital": "capitals", "city": "cities",
                  "subdivision": "subdivisions", "region": "regions", "person": "people"}
        for entry in self.entries:
            if entry.type == "ORG":
                counts["organisations"] += 1
            elif entry.category in plural:
                counts[plural[entry.category]] += 1
            counts["offices"] += len(entry.offices)
        counts["people with offices"] = sum(1 for e in self.entries if e.type == "PERSON" and e.offices)
        counts["with qid"] = sum(1 for e in self.entries if e.qid)
        counts["entries"] = len(self.entries)
        return counts


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _tuples(data: dict[str, list[str]] | None) -> dict[str, tuple[str, ...]]:
    return {lang: tuple(values) for lang, values in (data or {}).items()}


def entry_from_json(data: dict[str, Any]) -> KBEntry:
    offices = tuple(
        KBOffice(o["role"], o.get("country"), _date(o.get("start")), _date(o.get("end")), dict(o.get("label", {})))
        for o in data.get("offices", [])
    )
    return KBEntry(
        key=data["key"],
        type=data["type"],
        qid=data.get("qid"),
        names=_tuples(data.get("names")),
        adjectives=_tuples(data.get("adjectives")),
        demonyms=_tuples(data.get("demonyms")),
        country=data.get("country"),
        stands_for=data.get("stands_for"),
        offices=offices,
        category=data.get("category", ""),
    )


def read_kb(path: Path) -> KnowledgeBase:
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    return KnowledgeBase([entry_from_json(e) for e in data["entries"]])


@cache
def load_kb() -> KnowledgeBase:
    """The shipped knowledge base (or the file named by $KG_KB), loaded once per process."""
    override = os.environ.get(KB_ENV)
    return read_kb(Path(override) if override else KB_FILE)


def category_of(kb_key: str | None) -> str:
    """The shipped knowledge base's category for a key ("media", "institution", "city" ...), "" if unknown."""
    entry = load_kb().get(kb_key) if kb_key else None
    return entry.category if entry is not None else ""
