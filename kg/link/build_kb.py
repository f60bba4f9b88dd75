"""Build `data/kb.json` from the hand-written tables in `data/src/` and the Q-ids of the `rigour` package.

Run `python -m kg.link.build_kb` after editing a table; the output is committed so that loading needs
neither rigour nor YAML parsing. German inflected forms (genitive "Russlands", dative plural "Amerikanern",
adjective endings in "russischen Verteidigungsministeriums") are generated here, so the loader only has
to compare normalised strings.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from kg.link.kb import DATA_DIR, KB_FILE

SRC_DIR = DATA_DIR / "src"
GERMAN_ADJECTIVE_ENDINGS = ("e", "en", "es", "er", "em")
_OPTIONAL_ENDING = re.compile(r"\((e?s|n|en|e)\)")
_NO_GENITIVE_S = ("s", "ß", "x", "z", ".")


class BuildError(ValueError):
    """A source table is inconsistent (unknown code, a Q-id that contradicts rigour ...)."""


# --- German inflection -------------------------------------------------------------------------------------
def unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        item = item.strip()
        if item:
            seen.setdefault(item, None)
    return list(seen)


def expand_optional(name: str) -> list[str]:
    """ "Sicherheitsrat(s)" -> ["Sicherheitsrat", "Sicherheitsrats"]."""
    match = _OPTIONAL_ENDING.search(name)
    if not match:
        return [name]
    without = name[: match.start()] + name[match.end() :]
    with_ending = name[: match.start()] + match.group(1) + name[match.end() :]
    return expand_optional(without) + expand_optional(with_ending)


def genitive(name: str) -> str | None:
    """The German -s genitive of a name ("Russland" -> "Russlands"), None where it takes none."""
    if name.endswith(_NO_GENITIVE_S) or not name[-1:].isalpha() or name.isupper():
        return None
    return name + "s"


def german_place_names(names: list[str], gender: str) -> list[str]:
    """Names plus the inflected forms German news uses: genitive -s (m/n), dative plural -n (pl in -e)."""
    forms: list[str] = []
    for name in names:
        forms.append(name)
        single_word = " " not in name
        if gender in ("m", "n") and single_word and genitive(name):
            forms.append(genitive(name))  # type: ignore[arg-type]
        if gender == "pl" and single_word and name.endswith("e"):
            forms.append(name + "n")
    return unique(forms)


def german_weak_adjective_forms(name: str) -> list[str]:
    """"Europäischer Rat" after an article: "der Europäische Rat", "des/dem Europäischen Rat(es)"."""
    first, _, rest = name.partition(" ")
    if not rest or not first[:1].isupper() or len(first) < 6 or not first.endswith(("er", "es")):
        return []
    stem = first[:-2]
    if not stem.endswith(("isch", "al", "ig", "lich", "isch")):
        return []
    return [f"{stem}e {rest}", f"{stem}en {rest}"]


def german_person_names(names: list[str]) -> list[str]:
    forms: list[str] = []
    for name in names:
        forms.append(name)
        if genitive(name):
            forms.append(genitive(name))  # type: ignore[arg-type]
    return unique(forms)


def german_demonyms(words: list[str]) -> list[str]:
    """ "Russe" -> Russe, Russen; "Amerikaner" -> Amerikaner, Amerikanern; "Russin" -> Russinnen."""
    forms: list[str] = []
    for word in words:
        forms.append(word)
        if word.endswith("in") and word[:1].isupper():
            forms.append(word + "nen")
        elif word.endswith("e"):
            forms.append(word + "n")
        elif word.endswith("er"):
            forms += [word + "n", word + "s"]
        elif word.endswith("i"):
            forms.append(word + "s")
        elif word.endswith("it"):
            forms.append(word + "en")
    return unique(forms)


def german_adjective_forms(base: str) -> list[str]:
    """ "russisch" -> russische, russischen, russisches, russischer, russischem."""
    if base[:1].isupper():  # indeclinable "Schweizer"
        return [base]
    return [base + ending for ending in GERMAN_ADJECTIVE_ENDINGS]


# --- reading the tables ------------------------------------------------------------------------------------
def split(cell: str | None) -> list[str]:
    return unique((cell or "").split("|"))


def read_tsv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def read_yaml(path: Path) -> Any:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def slug(text: str) -> str:
    from kg.link.normalise import normalise

    return re.sub(r"[^a-z0-9]+", "-", normalise(text)).strip("-")


def rigour_territory(code: str) -> Any:
    from rigour.territories import get_territory

    territory = get_territory(code)
    if territory is None:
        raise BuildError(f"rigour knows no territory {code!r}")
    return territory


def entry(key: str, type_: str, category: str, **fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"key": key, "type": type_, "category": category, "qid": fields.pop("qid", None)}
    for field in ("names", "adjectives", "demonyms"):
        values = {lang: unique(v) for lang, v in (fields.pop(field, None) or {}).items()}
        data[field] = {lang: v for lang, v in values.items() if v}
    data["country"] = fields.pop("country", None)
    data["stands_for"] = fields.pop("stands_for", None)
    data["offices"] = fields.pop("offices", [])
    if fields.get("qid_source"):
        data["qid_source"] = fields.pop("qid_source")
    return data


# --- states and capitals -----------------------------------------------------------------------------------
class States:
    """The states table, with what other tables need from it (adjectives, genitives, capitals)."""

    def __init__(self, rows: list[dict[str, str]]) -> None:
        self.rows = {row["code"]: row for row in rows}

    def adjective(self, code: str, lang: str) -> str:
        return split(self.rows[code][f"{lang}_adjectives"])[0]

    def name(self, code: str, lang: str) -> str:
        return split(self.rows[code][f"{lang}_names"])[0]

    def capital(self, code: str, lang: str) -> str:
        names = split(self.rows[code][f"capital_{lang}"])
        return names[0] if names else ""

    def german_genitive(self, code: str) -> str:
        row = self.rows[code]
        name = self.name(code, "de")
        if row["de_gender"] in ("m", "n") and " " not in name and genitive(name):
            return genitive(name)  # type: ignore[return-value]
        return f"der {name}"


def build_states(states: States, government: dict[str, list[str]], codes: set[str]) -> list[dict[str, Any]]:
    entries = []
    for code, row in states.rows.items():
        territory = rigour_territory(code)
        if not territory.is_country and code != "ps":
            raise BuildError(f"{code} is not a country in rigour")
        de_names = german_place_names(split(row["de_names"]), row["de_gender"])
        en_names = split(row["en_names"])
        if code in codes:
            de_names += templated(government["de"], states, code, "de")
            en_names += templated(government["en"], states, code, "en")
        de_adjectives = split(row["de_adjectives"])
        entries.append(entry(
            code, "GPE", "state", qid=territory.qid, qid_source=f"rigour {code}",
            names={"de": de_names, "en": en_names},
            adjectives={"de": de_adjectives, "en": split(row["en_adjectives"])},
            demonyms={"de": german_demonyms(split(row["de_demonyms"])), "en": split(row["en_demonyms"])},
            country=code,
        ))
        capital = capital_entry(code, row)
        if capital:
            entries.append(capital)
    return entries


def capital_entry(code: str, row: dict[str, str]) -> dict[str, Any] | None:
    de_names, en_names = split(row["capital_de"]), split(row["capital_en"])
    if not en_names:
        return None
    qid = source = None
    if row.get("capital_rigour"):
        qid, source = rigour_territory(row["capital_rigour"]).qid, f"rigour {row['capital_rigour']}"
    return entry(
        f"{code}-{slug(en_names[0])}", "GPE", "capital", qid=qid, qid_source=source,
        names={"de": german_place_names(de_names, "n"), "en": en_names}, country=code, stands_for=code,
    )


def templated(templates: list[str], states: States, code: str, lang: str) -> list[str]:
    """Names from templates: "{adj} Verteidigungsministerium(s)" for one state."""
    adjective = states.adjective(code, lang) if states.rows[code][f"{lang}_adjectives"] else ""
    capital = states.capital(code, lang)
    forms: list[str] = []
    for template in templates:
        if ("{capital}" in template and not capital) or ("{adj" in template.lower() and not adjective):
            continue
        adjectives = german_adjective_forms(adjective) if "{adj}" in template else [adjective]
        for adj in adjectives:
            text = template.replace("{adj}", adj).replace("{Adj}", adjective).replace("{capital}", capital)
            forms += expand_optional(text)
    return unique(forms)


# --- places, organisations, people -------------------------------------------------------------------------
def check_rigour_qid(key: str, qid: str, source: str) -> None:
    """A Q-id said to come from rigour must be rigour's (main or other) id of that territory."""
    match = re.search(r"rigour ([a-z0-9-]+)", source)
    if match and qid not in rigour_territory(match.group(1)).qids:
        raise BuildError(f"{key}: {qid} is not an id rigour gives {match.group(1)}")


def build_places(rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    entries = []
    for row in rows:
        qid = row["qid"] or None
        if qid:
            check_rigour_qid(row["key"], qid, row["qid_source"])
        de_adjectives = split(row["de_adjectives"])
        entries.append(entry(
            row["key"], row["type"], row["category"], qid=qid, qid_source=row["qid_source"] or None,
            names={"de": german_place_names(split(row["de_names"]), row["de_gender"]), "en": split(row["en_names"])},
            adjectives={"de": de_adjectives, "en": split(row["en_adjectives"])},
            country=row["country"] or None,
        ))
    return entries


def build_organisations(data: dict[str, Any], states: States) -> list[dict[str, Any]]:
    entries = []
    for org in data["organisations"]:
        de = [form for name in org.get("de", []) for form in expand_optional(name)]
        en = [form for name in org.get("en", []) for form in expand_optional(name)]
        if org.get("gender") in ("m", "n"):
            de = german_place_names(de, org["gender"])
        de = unique(de + [form for name in de for form in german_weak_adjective_forms(name)])
        entries.append(entry(
            org["key"], org.get("type", "ORG"), org.get("category", "organisation"),
            qid=org.get("qid"), qid_source=org.get("qid_source"), names={"de": de, "en": en},
            country=org.get("country"), stands_for=org.get("stands_for"),
        ))
    generated = data["generated"]
    for kind, codes in generated["states"].items():
        if kind == "government":
            continue  # "die russische Regierung" names the state itself (see build_states)
        template = generated["templates"][kind]
        for code in codes:
            entries.append(entry(
                f"{code}-{kind}", "ORG", "institution",
                names={"de": templated(template["de"], states, code, "de"),
                       "en": templated(template["en"], states, code, "en")},
                country=code, stands_for=code,
            ))
    return entries


def office_label(role: str, where: str | None, roles: dict[str, dict[str, str]], states: States,
                 org_names: dict[str, dict[str, list[str]]]) -> dict[str, str]:
    title = roles[role]
    if where in states.rows:
        return {"de": f"{title['de']} {states.german_genitive(where)}",
                "en": f"{title['en']} of {states.name(where, 'en')}"}
    names = org_names.get(where or "", {})
    de = (names.get("de") or [where or ""])[0]
    en = (names.get("en") or [where or ""])[0]
    return {"de": f"{title['de']} ({de})", "en": f"{title['en']} ({en})"}


def iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    return date.fromisoformat(str(value)).isoformat()


def build_people(people: list[dict[str, Any]], roles: dict[str, dict[str, str]], states: States,
                 org_names: dict[str, dict[str, list[str]]]) -> list[dict[str, Any]]:
    entries = []
    for person in people:
        offices = []
        for office in person.get("offices") or []:
            role, where, start, end = office[:4]
            if role not in roles:
                raise BuildError(f"{person['key']}: unknown role {role!r} (add it to roles.yaml)")
            if where not in states.rows and where not in org_names:
                raise BuildError(f"{person['key']}: unknown country or organisation {where!r}")
            label = office_label(role, where, roles, states, org_names)
            if len(office) > 4:
                label.update(office[4])
            offices.append({"role": role, "country": where, "start": iso(start), "end": iso(end), "label": label})
        entries.append(entry(
            person["key"], "PERSON", "person", qid=person.get("qid"), qid_source=person.get("qid_source"),
            names={"de": german_person_names(person.get("de", [])), "en": person.get("en", [])},
            country=person.get("country"), offices=offices,
        ))
    return entries


def build(src: Path = SRC_DIR, people_file: Path | None = None) -> dict[str, Any]:
    states = States(read_tsv(src / "states.tsv"))
    organisations = read_yaml(src / "organisations.yaml")
    government = organisations["generated"]
    entries = build_states(states, government["templates"]["government"], set(government["states"]["government"]))
    entries += build_places(read_tsv(src / "places.tsv"))
    entries += build_organisations(organisations, states)
    org_names = {e["key"]: e["names"] for e in entries if e["type"] == "ORG"}
    people = read_yaml(people_file or src / "people.yaml")
    entries += build_people(people, read_yaml(src / "roles.yaml"), states, org_names)
    keys = [e["key"] for e in entries]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise BuildError(f"duplicate keys: {duplicates}")
    return {"format": "kg-kb/1", "entries": entries}


def write(data: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, separators=(",", ":"))
        handle.write("\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=SRC_DIR, help="folder of the source tables")
    parser.add_argument("--people", type=Path, help="people YAML to use instead of src/people.yaml")
    parser.add_argument("-o", "--out", type=Path, default=KB_FILE, help="kb.json to write")
    args = parser.parse_args(argv)
    try:
        data = build(args.src, args.people)
    except (BuildError, OSError, yaml.YAMLError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    write(data, args.out)
    print(f"wrote {len(data['entries'])} entries to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
