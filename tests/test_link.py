"""Linking: offline from the knowledge base (offices, dates, metonymy, abstention) and online against a
real SPARQL server (`oxigraph serve`) loaded with the Wikidata-shaped fixture in tests/fixtures/wikidata/."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
import urllib.request
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.link.kb import load_kb
from kg.link.offline import link_entity, link_extraction, resolve_office_holder
from kg.link.online import OnlineLinker, SparqlClient
from kg.model import Document, Entity, Event, Extraction, Office, Span

FIXTURES = Path(__file__).parent / "fixtures" / "wikidata"
SEED = Path(__file__).parent.parent / "seeds" / "000_c56ab70738da21e2.txt"


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def entity(entity_id: str, name: str, type_: str, offices=(), mentions=(), country=None) -> Entity:
    return Entity(id=entity_id, name=name, type=type_, offices=list(offices), country=country,
                  mentions=[Span(m, 0, len(m)) for m in (mentions or [name])])


def article(published: str, *entities: Entity, events=()) -> Extraction:
    return Extraction(Document(id="t", published=published, language="de"), entities=list(entities),
                      events=list(events))


# --- offline ------------------------------------------------------------------------------------------------
def test_seed_entities_get_the_checked_ids(kb):
    """Entities as a recogniser finds them in the seed article (names taken from the seed text)."""
    text = SEED.read_text(encoding="utf-8")
    found = [
        entity("putin", "Wladimir Putin", "PERSON", [Office("Präsident", "head_of_state", "ru")]),
        entity("selenskyj", "Wolodymyr Selenskyj", "PERSON", [Office("ukrainische Präsident", "head_of_state", "ua")]),
        entity("schoigu", "Sergej Schoigu", "PERSON"),
        entity("beloussow", "Andrej Beloussow", "PERSON"),
        entity("austin", "Lloyd Austin", "PERSON", [Office("US-Verteidigungsminister", "defence_minister", "us")]),
        entity("peskow", "Dmitri Peskow", "PERSON", [Office("Kremlsprecher", "spokesperson", "ru")]),
        entity("ru", "Russland", "GPE", mentions=["Russland", "Russlands", "Moskau"]),
        entity("us", "USA", "GPE", mentions=["USA", "Amerikanern"]),
        entity("ua", "Ukraine", "GPE"),
        entity("ae", "Vereinigten Arabischen Emiraten", "GPE"),
        entity("krim", "Krim", "LOC"),
        entity("sewastopol", "Sewastopol", "GPE"),
        entity("kreml", "Kreml", "ORG"),
        entity("pentagon", "Pentagon", "ORG"),
        entity("x", "X", "ORG"),
        entity("mod", "russische Verteidigungsministerium", "ORG"),
        entity("dlf", "Deutschlandfunk", "ORG"),
    ]
    assert all(e.name in text for e in found)
    extraction = article("2024-06-26", *found)
    link_extraction(extraction, kb)
    ids = {e.id: e.wikidata for e in extraction.entities}
    assert ids == {
        "putin": "Q7747", "selenskyj": "Q3874799", "schoigu": "Q32024", "beloussow": None, "austin": None,
        "peskow": None, "ru": "Q159", "us": "Q30", "ua": "Q212", "ae": "Q878", "krim": "Q7835",
        "sewastopol": "Q7525", "kreml": "Q133274", "pentagon": "Q11209", "x": "Q918", "mod": None, "dlf": None,
    }
    assert extraction.entity("beloussow").kb_key == "andrei-belousov"  # known person, no checked id
    assert extraction.entity("austin").country == "us"


@pytest.mark.parametrize("published, expected_key, expected_qid", [
    ("2023-06-01", "sergei-shoigu", "Q32024"),
    ("2024-06-26", "andrei-belousov", None),
])
def test_the_russian_defence_minister_depends_on_the_date(kb, published, expected_key, expected_qid):
    minister = entity("m", "der russische Verteidigungsminister", "PERSON",
                      [Office("russische Verteidigungsminister", "defence_minister", "ru")])
    extraction = article(published, minister)
    link_extraction(extraction, kb)
    assert minister.kb_key == expected_key
    assert minister.wikidata == expected_qid


def test_the_us_president_by_date_with_two_checked_ids(kb):
    def president(published: str) -> str | None:
        person = entity("p", "US-Präsident", "PERSON", [Office("US-Präsident", "head_of_state", "us")])
        link_extraction(article(published, person), kb)
        return person.wikidata

    assert president("2024-03-01") == "Q6279"  # Biden
    assert president("2025-03-01") == "Q22686"  # Trump


def test_resolve_office_holder(kb):
    assert resolve_office_holder("defence_minister", "ru", date(2023, 6, 1), kb).key == "sergei-shoigu"
    assert resolve_office_holder("defence_minister", "ru", date(2024, 5, 13), kb) is None  # between the two
    assert resolve_office_holder("spokesperson", "ru", date(2024, 6, 26), kb) is None  # three spokespeople
    peskov = resolve_office_holder("spokesperson", "ru", date(2024, 6, 26), kb, title="Kremlsprecher")
    assert peskov.key == "dmitry-peskov"


def test_abstains_on_unknown_and_ambiguous_names(kb):
    day = date(2024, 6, 26)
    unknown = entity("a", "Max Austin", "PERSON", mentions=["Max Austin", "Austin"])
    assert link_entity(unknown, kb, day, "de").entry is None
    assert link_entity(entity("b", "Erika Mustermann", "PERSON"), kb, day, "de").entry is None
    # a surname whose only bearer in the KB never held the office the text states is someone else
    mayor = entity("c", "Austin", "PERSON", [Office("Bürgermeister", "mayor", "us")])
    assert link_entity(mayor, kb, day, "de").entry is None
    # a person name tagged as a place is not linked to the person
    assert link_entity(entity("d", "Austin", "GPE"), kb, day, "en").entry is None
    # an unknown named minister is not replaced by the office holder
    named = entity("e", "Iwan Beispielow", "PERSON", [Office("Verteidigungsminister", "defence_minister", "ru")])
    assert link_entity(named, kb, day, "de").entry is None


def test_office_and_date_disambiguate_a_shared_surname():
    from kg.link.kb import KBEntry, KBOffice, KnowledgeBase

    def minister(key: str, qid: str, start: date, end: date | None) -> KBEntry:
        office = KBOffice("defence_minister", "ru", start, end, {"de": "Verteidigungsminister Russlands"})
        return KBEntry(key, "PERSON", qid, {"de": (key.title(), "Lee")}, {}, {}, "ru", None, (office,), "person")

    kb = KnowledgeBase([minister("ann", "Q1", date(2020, 1, 1), date(2022, 1, 1)),
                        minister("bob", "Q2", date(2022, 1, 1), None)])
    stated = [Office("Verteidigungsminister", "defence_minister", "ru")]
    assert link_entity(entity("a", "Lee", "PERSON", stated), kb, date(2021, 6, 1), "de").qid == "Q1"
    assert link_entity(entity("b", "Lee", "PERSON", stated), kb, date(2023, 6, 1), "de").qid == "Q2"
    assert link_entity(entity("c", "Lee", "PERSON"), kb, date(2023, 6, 1), "de").qid == "Q2"  # only Bob in office
    undated = link_entity(entity("d", "Lee", "PERSON", stated), kb, None, "de")
    assert undated.qid is None and "ambiguous" in undated.reason


def test_capital_as_actor_stands_for_its_state(kb):
    moscow = entity("moskau", "Moskau", "GPE")
    kyiv = entity("kiew", "Kiew", "GPE")
    threat = Event(id="e1", type="THREATEN", source="moskau", target="kiew")
    extraction = article("2024-06-26", moscow, kyiv, events=[threat])
    link_extraction(extraction, kb)
    assert moscow.wikidata == "Q159" and kyiv.wikidata == "Q212"
    place = entity("moskau", "Moskau", "GPE")
    link_extraction(article("2024-06-26", place), kb)
    assert place.wikidata == "Q649"  # a place, not an actor: the city
    kremlin = entity("kreml", "Kreml", "ORG")
    link_extraction(article("2024-06-26", kremlin, events=[Event(id="e", type="STATEMENT", source="kreml")]), kb)
    assert kremlin.wikidata == "Q133274"  # institutions stay themselves


def test_adjective_and_possessive_forms_link_the_state(kb):
    day = date(2024, 6, 26)
    assert link_entity(entity("a", "Russian", "GPE"), kb, day, "en").qid == "Q159"
    assert link_entity(entity("b", "Iran’s", "GPE"), kb, day, "en").qid == "Q794"
    assert link_entity(entity("c", "Präsident Putin", "PERSON"), kb, day, "de").qid == "Q7747"


# --- online -------------------------------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    oxigraph = shutil.which("oxigraph")
    if oxigraph is None:
        pytest.skip("the oxigraph CLI is not installed (pip install oxigraph)")
    store = tmp_path_factory.mktemp("oxigraph")
    subprocess.run([oxigraph, "load", "--location", str(store), "--file", str(FIXTURES / "wikidata.ttl")],
                   check=True, capture_output=True)
    port = _free_port()
    server = subprocess.Popen([oxigraph, "serve-read-only", "--location", str(store), "--bind", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("oxigraph serve did not come up")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def client(endpoint, tmp_path):
    return SparqlClient(endpoint, cache_dir=tmp_path / "cache", min_interval=0, timeout=10)


def test_online_links_unique_label_matches_by_type(client, kb):
    linker = OnlineLinker(client, kb)
    assert linker.link_entity(Entity("a", "Erika Beispiel", "PERSON")).qid == "Q90000001"
    assert linker.link_entity(Entity("b", "E. Beispiel", "PERSON")).qid == "Q90000001"  # skos:altLabel
    assert linker.link_entity(Entity("c", "Beispielbund", "ORG")).qid == "Q90000010"
    assert linker.link_entity(Entity("d", "Beispielpartei", "ORG")).qid == "Q90000011"  # subclass of organisation
    assert linker.link_entity(Entity("e", "Musterstadt", "GPE")).qid == "Q90000020"
    assert linker.link_entity(Entity("f", "Erika Beispiel", "ORG")).qid is None  # a ship is not an organisation
    assert linker.link_entity(Entity("g", "Niemand Bekannt", "PERSON")).qid is None


def test_online_country_breaks_ties_otherwise_abstains(client, kb):
    linker = OnlineLinker(client, kb)
    tie = linker.link_entity(Entity("a", "Hans Muster", "PERSON"))
    assert tie.qid is None and "ambiguous" in tie.reason  # two people (the disambiguation page never counts)
    assert linker.link_entity(Entity("b", "Hans Muster", "PERSON", country="de")).qid == "Q90000004"
    assert linker.link_entity(Entity("c", "Hans Muster", "PERSON", country="ch")).qid == "Q90000003"


def test_online_answers_are_cached(client, kb):
    linker = OnlineLinker(client, kb)
    first = linker.link_entity(Entity("a", "Musterstadt", "GPE"))
    requests = client.requests
    again = OnlineLinker(SparqlClient(client.endpoint, cache_dir=client.cache.path.parent, min_interval=0), kb)
    second = again.link_entity(Entity("b", "Musterstadt", "GPE"))
    assert (first.cached, second.cached) == (False, True)
    assert second.qid == first.qid == "Q90000020"
    assert again.client.requests == 0 and client.requests == requests


def test_endpoint_down_leaves_entities_unlinked_with_a_reason(tmp_path, kb):
    dead = SparqlClient(f"http://127.0.0.1:{_free_port()}/query", cache_dir=tmp_path, min_interval=0, timeout=2)
    extraction = article("2024-06-26", entity("a", "Erika Beispiel", "PERSON"))
    results = OnlineLinker(dead, kb).link_extraction(extraction)
    assert extraction.entities[0].wikidata is None
    assert results["a"].qid is None and results["a"].reason.startswith("endpoint failed")


def test_online_skips_what_the_offline_kb_knows(client, kb):
    extraction = article("2024-06-26", entity("p", "Wladimir Putin", "PERSON"), entity("e", "Erika Beispiel", "PERSON"))
    link_extraction(extraction, kb)
    results = OnlineLinker(client, kb).link_extraction(extraction)
    assert "p" not in results and results["e"].qid == "Q90000001"
    assert [e.wikidata for e in extraction.entities] == ["Q7747", "Q90000001"]


def test_kg_link_rewrites_prediction_files(endpoint, tmp_path):
    from kg.cli.link import command

    extraction = article("2023-06-01",
                         entity("m", "russischer Verteidigungsminister", "PERSON",
                                [Office("russischer Verteidigungsminister", "defence_minister", "ru")]),
                         entity("e", "Erika Beispiel", "PERSON"))
    (tmp_path / "a.json").write_text(json.dumps(extraction.to_json()), encoding="utf-8")
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    result = CliRunner().invoke(command, [str(tmp_path), "--online", "--endpoint", endpoint,
                                          "--cache-dir", str(tmp_path / "cache"), "--min-interval", "0"])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert [e["wikidata"] for e in data["entities"]] == ["Q32024", "Q90000001"]
    assert "skipped broken.json" in result.output


def test_kb_refresh_rebuilds_people_from_p39(endpoint, tmp_path, monkeypatch):
    from kg.cli.kb import command
    from kg.link.kb import read_kb

    out = tmp_path / "kb"
    result = CliRunner().invoke(command, ["refresh", "--endpoint", endpoint, "-o", str(out),
                                          "--positions", str(FIXTURES / "positions.tsv"),
                                          "--cache-dir", str(tmp_path / "cache")])
    assert result.exit_code == 0, result.output
    refreshed = read_kb(out / "kb.json")
    putin = refreshed.get("vladimir-putin")
    assert putin.qid == "Q7747"
    spans = sorted((o.role, o.start, o.end) for o in putin.offices)
    assert spans == [
        ("head_of_government", date(1999, 8, 16), date(2000, 5, 7)),
        ("head_of_government", date(2008, 5, 8), date(2012, 5, 7)),
        ("head_of_state", date(2000, 5, 7), date(2008, 5, 7)),
        ("head_of_state", date(2012, 5, 7), None),
    ]
    new = [e for e in refreshed if e.qid == "Q90000001"]
    assert new and [o.role for o in new[0].offices] == ["foreign_minister"]
    assert refreshed.holders("defence_minister", "ru", date(2023, 6, 1))[0].key == "sergei-shoigu"  # kept
    assert refreshed.holders("head_of_government", "ru", date(2023, 6, 1)) == []  # replaced by Wikidata's


def test_kb_refresh_reports_a_dead_endpoint(tmp_path):
    from kg.cli.kb import command

    result = CliRunner().invoke(command, ["refresh", "--endpoint", f"http://127.0.0.1:{_free_port()}/query",
                                          "-o", str(tmp_path / "kb"), "--no-cache", "--timeout", "2"])
    assert result.exit_code != 0
    assert "endpoint failed" in result.output and "Traceback" not in result.output


def test_the_readme_service_query_joins_our_graph_with_wikidata(endpoint):
    """docs/wikidata_join.rq, pointed at a local Wikidata-shaped endpoint instead of query.wikidata.org."""
    from kg.extract import extract
    from kg.model import Article
    from kg.store import GraphStore

    query = (Path(__file__).parents[1] / "docs" / "wikidata_join.rq").read_text(encoding="utf-8")
    assert "<https://query.wikidata.org/sparql>" in query
    store = GraphStore.open(None)
    article = Article(id="join", text="Wladimir Putin telefonierte am Montag mit Erika Beispiel.",
                      published=date(2024, 6, 26), language="de")
    store.put_extraction(extract(article))
    rows = list(store.query(query.replace("https://query.wikidata.org/sparql", endpoint)))
    assert len(rows) == 1
    assert rows[0]["wikidata"].value == "http://www.wikidata.org/entity/Q7747"
    assert rows[0]["description"].value == "President of Russia"
    assert int(rows[0]["positions"].value) == 2
