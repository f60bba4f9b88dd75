"""Event rules on sentences written for these tests, in both languages, and on the seed."""

from __future__ import annotations

from kg.model import Extraction


def names(x: Extraction, ids) -> set[str]:
    out = set()
    for entity_id in ids:
        entity = x.entity(entity_id)
        if entity is not None:
            out.add(entity.name)
    return out


def events_of(x: Extraction, event_type: str):
    return [e for e in x.events if e.type == event_type]


def test_german_phone_call_has_source_target_and_mode(run):
    x = run("Der französische Präsident Emmanuel Macron hat am Montag mit Bundeskanzler Olaf Scholz telefoniert.",
            "de")
    (call,) = events_of(x, "CONSULT")
    assert call.mode == "phone"
    assert {"Emmanuel Macron", "Olaf Scholz"} <= names(x, call.participants)
    assert x.entity(call.source).name == "Emmanuel Macron"
    assert call.date == "2024-06-24"


def test_german_negated_and_refused_meetings_are_no_consult(run):
    x = run("Der Kanzler Olaf Scholz hat sich nicht mit Emmanuel Macron getroffen.", "de")
    assert not events_of(x, "CONSULT")
    y = run("Olaf Scholz lehnte ein Treffen mit Emmanuel Macron ab.", "de")
    assert not events_of(y, "CONSULT")


def test_german_accusation_with_pronoun_and_people_noun(run):
    x = run("Der Außenminister Sergej Lawrow sprach am Dienstag in Moskau. "
            "Er warf den Amerikanern vor, den Konflikt zu verlängern.", "de")
    (accuse,) = events_of(x, "ACCUSE")
    assert x.entity(accuse.source).name == "Sergej Lawrow"
    assert x.entity(accuse.target).wikidata == "Q30"


def test_german_prisoner_exchange_keeps_quantity_and_merges_retelling(run):
    x = run("Russland und die Ukraine haben Gefangene ausgetauscht. "
            "Bei dem Austausch kamen jeweils 75 Soldaten frei, teilte Kiew mit.", "de")
    exchanges = events_of(x, "PRISONER_EXCHANGE")
    assert len(exchanges) == 1
    assert exchanges[0].quantity == 75 or exchanges[0].quantity is None


def test_english_call_with_dependency_roles(run):
    x = run("German Chancellor Olaf Scholz spoke with French President Emmanuel Macron on Tuesday about Ukraine.",
            "en")
    (call,) = events_of(x, "CONSULT")
    assert x.entity(call.source).name == "Olaf Scholz"
    assert x.entity(call.target).name == "Emmanuel Macron"
    assert call.date == "2024-06-25"


def test_english_modal_event_is_not_asserted(run):
    x = run("Olaf Scholz may meet Emmanuel Macron next week.", "en")
    assert not events_of(x, "CONSULT")


def test_english_reported_speech_has_reporter(run):
    x = run("Russia attacked the city of Kharkiv overnight with missiles, Ukrainian officials said.", "en")
    (attack,) = events_of(x, "ASSAULT")
    assert x.entity(attack.source).wikidata == "Q159"


def test_seed_events(seed_extraction):
    x = seed_extraction
    calls = events_of(x, "CONSULT")
    assert len(calls) == 1
    assert {"Lloyd Austin", "Andrej Beloussow"} <= names(x, calls[0].actors())
    assert calls[0].mode == "phone"
    assert calls[0].not_after == "2024-06-26"
    exchanges = events_of(x, "PRISONER_EXCHANGE")
    assert len(exchanges) == 1 and exchanges[0].quantity == 90
    for event in x.events:
        for evidence in event.evidence:
            assert x.text[evidence.start : evidence.end] == evidence.text
