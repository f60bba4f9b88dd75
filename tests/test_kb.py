"""The shipped knowledge base: counts, names with German inflection, adjectives, people nouns, offices."""

from __future__ import annotations

from datetime import date

import pytest

from kg.link.build_kb import expand_optional, german_demonyms, german_place_names
from kg.link.kb import load_kb
from kg.link.normalise import normalise


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def keys(entries):
    return [e.key for e in entries]


def test_counts_cover_the_world_and_the_news(kb):
    stats = kb.stats()
    assert 193 <= stats["states"] <= 200  # UN members, observers and Kosovo/Taiwan
    assert stats["territories"] >= 15
    assert stats["organisations"] >= 80
    assert stats["people"] >= 100
    assert stats["offices"] >= stats["people"]


def test_every_state_has_a_checked_qid_and_both_languages(kb):
    states = [e for e in kb if e.category == "state"]
    assert all(e.qid and e.qid.startswith("Q") for e in states)
    assert all(e.names.get("de") and e.names.get("en") for e in states)
    assert kb.get("ru").qid == "Q159" and kb.get("ua").qid == "Q212" and kb.get("ae").qid == "Q878"


def test_only_checked_people_carry_ids(kb):
    assert kb.get("vladimir-putin").qid == "Q7747"
    assert kb.get("sergei-shoigu").qid == "Q32024"
    assert kb.get("andrei-belousov").qid is None  # no checked id: names and offices only
    assert kb.get("lloyd-austin").qid is None
    assert kb.get("annalena-baerbock").qid is None  # "probable" is not "confirmed"


@pytest.mark.parametrize("name, lang, key", [
    ("Russlands", "de", "ru"),
    ("Irans", "de", "ir"),
    ("Indien", "de", "in"),
    ("Vereinigten Arabischen Emiraten", "de", "ae"),
    ("VAE", "de", "ae"),
    ("Vereinigte Staaten", "de", "us"),
    ("U.S.", "en", "us"),
    ("Russia’s", "en", "ru"),
    ("United States’", "en", "us"),
    ("Kiew", "de", "ua-kyiv"),
    ("Kyiv", "en", "ua-kyiv"),
    ("Moskaus", "de", "ru-moscow"),
    ("Krim", "de", "ua-crimea"),
    ("Kreml", "de", "kremlin"),
    ("Pentagon", "de", "us-dod"),
    ("Weißen Hauses", "de", "white-house"),
    ("UN-Sicherheitsrats", "de", "un-security-council"),
    ("russischen Verteidigungsministeriums", "de", "ru-defence-ministry"),
    ("Verteidigungsministerium in Moskau", "de", "ru-defence-ministry"),
    ("Selenskyjs", "de", "volodymyr-zelensky"),
    ("Zelenskyy", "en", "volodymyr-zelensky"),
    ("Beloussow", "de", "andrei-belousov"),
    ("Lavrov", "en", "sergey-lavrov"),
])
def test_lookup_accepts_names_aliases_and_inflected_forms(kb, name, lang, key):
    assert key in keys(kb.lookup(name, lang))


def test_acronyms_match_only_in_capitals(kb):
    assert keys(kb.lookup("US", "en")) == ["us"]
    assert kb.lookup("us", "en") == []
    assert kb.lookup("who", "en") == []
    assert keys(kb.lookup("WHO", "en")) == ["who"]


def test_lookup_does_not_invent_forms(kb):
    assert kb.lookup("Indiens Inder", "de") == []
    assert kb.lookup("Russlandes", "de") == []
    assert kb.lookup("Ukraines", "de") == []  # feminine names take no genitive -s


@pytest.mark.parametrize("word, lang, key", [
    ("russischen", "de", "ru"), ("russisches", "de", "ru"), ("US-amerikanische", "de", "us"),
    ("ukrainischer", "de", "ua"), ("Schweizer", "de", "ch"), ("Russian", "en", "ru"), ("Ukrainian", "en", "ua"),
])
def test_adjectives_in_both_languages(kb, word, lang, key):
    assert kb.adjective(word, lang).key == key


def test_adjective_endings_do_not_overmatch(kb):
    assert kb.adjective("Russe", "de") is None
    assert kb.adjective("russ", "de") is None
    assert kb.adjective("russischen", "en") is None


@pytest.mark.parametrize("word, lang, key", [
    ("Amerikanern", "de", "us"), ("Amerikaner", "de", "us"), ("Russen", "de", "ru"), ("Russinnen", "de", "ru"),
    ("Israelis", "de", "il"), ("Inder", "de", "in"), ("Americans", "en", "us"), ("Ukrainians", "en", "ua"),
])
def test_demonyms(kb, word, lang, key):
    assert kb.demonym(word, lang).key == key


def test_metonymy_targets(kb):
    assert kb.get("ru-moscow").stands_for == "ru"
    assert kb.get("kremlin").stands_for == "ru"
    assert kb.get("white-house").stands_for == "us"
    assert kb.get("ua-kyiv").stands_for == "ua"
    assert kb.get("kremlin").qid == "Q133274"


def test_defence_ministers_of_russia_by_date(kb):
    assert keys(kb.holders("defence_minister", "ru", date(2023, 6, 1))) == ["sergei-shoigu"]
    assert keys(kb.holders("defence_minister", "ru", date(2024, 6, 26))) == ["andrei-belousov"]
    assert keys(kb.holders("defence_minister", "us", date(2024, 6, 26))) == ["lloyd-austin"]
    assert keys(kb.holders("defence_minister", "us", date(2020, 1, 1))) == ["mark-esper"]


def test_spokesperson_covers_the_specific_roles(kb):
    holders = keys(kb.holders("spokesperson", "ru", date(2024, 6, 26)))
    assert "dmitry-peskov" in holders and "maria-zakharova" in holders
    assert keys(kb.holders("foreign_ministry_spokesperson", "ru", date(2024, 6, 26))) == ["maria-zakharova"]


def test_office_labels_name_the_country(kb):
    shoigu = kb.get("sergei-shoigu")
    assert shoigu.offices[0].label["de"] == "Verteidigungsminister Russlands"
    assert shoigu.offices[0].end == date(2024, 5, 12)


def test_surface_forms_cover_names_not_adjectives(kb):
    german = {name for name, _ in kb.surface_forms("de")}
    assert {"Russland", "Russlands", "Kreml", "Wladimir Putin"} <= german
    assert "russischen" not in german


def test_normalise_folds_case_accents_dots_and_hyphens():
    assert normalise("U.S.") == normalise("US") == "us"
    assert normalise("US-amerikanische") == "us amerikanische"
    assert normalise("Vučić") == normalise("Vucic")
    assert normalise("Außenminister") == normalise("Aussenminister")


def test_builder_inflection_helpers():
    assert german_place_names(["Russland"], "n") == ["Russland", "Russlands"]
    assert german_place_names(["Ukraine"], "f") == ["Ukraine"]
    assert german_place_names(["Niederlande"], "pl") == ["Niederlande", "Niederlanden"]
    assert german_demonyms(["Amerikaner", "Russe", "Russin"]) == [
        "Amerikaner", "Amerikanern", "Amerikaners", "Russe", "Russen", "Russin", "Russinnen"]
    assert expand_optional("UN-Sicherheitsrat(s)") == ["UN-Sicherheitsrat", "UN-Sicherheitsrats"]


def test_shipped_file_is_what_the_tables_build():
    import json

    from kg.link.build_kb import build
    from kg.link.kb import KB_FILE

    with open(KB_FILE, encoding="utf-8") as handle:
        shipped = json.load(handle)
    assert build() == shipped, "data/kb.json is stale: run python -m kg.link.build_kb"
