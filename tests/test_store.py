"""The on-disk store: one named graph per article, replaced whole, kept across reopening."""

from __future__ import annotations

import gc

import pyoxigraph as ox
import pytest

from kg.model import Document, Entity, Event, Extraction, Span
from kg.queries import example_queries
from kg.rdf import article_graph_iri
from kg.store import GraphStore, StoreError

TEXT = (
    "Anna Berg telefonierte am 2. Juni 2024 mit Tomas Lind über Getreide. Berg drohte Sudmark mit Sanktionen."
)


def span(text: str) -> Span:
    start = TEXT.index(text)
    return Span(text, start, start + len(text))


def make_extraction(doc_id: str = "store-001", with_threat: bool = True) -> Extraction:
    cut = TEXT.index("Berg drohte")
    first, second = TEXT[: cut - 1], TEXT[cut:]
    entities = [
        Entity("e1", "Anna Berg", "PERSON", [span("Anna Berg")]),
        Entity("e2", "Tomas Lind", "PERSON", [span("Tomas Lind")]),
        Entity("e3", "Sudmark", "GPE", [span("Sudmark")]),
    ]
    events = [
        Event(
            "ev1",
            "CONSULT",
            participants=["e1", "e2"],
            mode="phone",
            date="2024-06-02",
            topics=["Getreide"],
            confidence=0.8,
            evidence=[span(first)],
        ),
    ]
    if with_threat:
        events.append(
            Event(
                "ev2",
                "THREATEN",
                source="e1",
                target="e3",
                not_after="2024-06-03",
                confidence=0.6,
                evidence=[span(second)],
            )
        )
    document = Document(
        id=doc_id, title="Telefonat", published="2024-06-03", language="de", pipeline="de:test"
    )
    return Extraction(document=document, text=TEXT, entities=entities, events=events)


def event_count(store: GraphStore, event_type: str = "") -> int:
    condition = f'FILTER(?t = "{event_type}")' if event_type else ""
    query = f"SELECT (COUNT(?e) AS ?n) WHERE {{ ?e a kgo:Event ; kgo:eventType ?t {condition} }}"
    return int(next(iter(store.query(query)))["n"].value)


def test_put_twice_gives_the_same_triples() -> None:
    store = GraphStore.open(None)
    first = store.put_extraction(make_extraction())
    assert first == len(store) > 40
    second = store.put_extraction(make_extraction())
    assert second == first
    assert len(store) == first
    assert event_count(store) == 2


def test_changed_extraction_replaces_the_old_graph() -> None:
    store = GraphStore.open(None)
    store.put_extraction(make_extraction())
    count = store.put_extraction(make_extraction(with_threat=False))
    assert len(store) == count
    assert event_count(store, "THREATEN") == 0
    assert event_count(store, "CONSULT") == 1


def test_one_named_graph_per_article() -> None:
    store = GraphStore.open(None)
    store.put_extraction(make_extraction("a"))
    store.put_extraction(make_extraction("b"))
    assert {g.value for g in store.named_graphs()} == {article_graph_iri("a"), article_graph_iri("b")}
    assert event_count(store) == 4
    assert store.remove_article("a")
    assert not store.remove_article("a")
    assert {g.value for g in store.named_graphs()} == {article_graph_iri("b")}


def test_article_hash() -> None:
    store = GraphStore.open(None)
    extraction = make_extraction()
    store.put_extraction(extraction)
    stored = store.article_hash("store-001")
    assert stored is not None and len(stored) == 64
    extraction.document.content_hash = "f" * 64
    store.put_extraction(extraction)
    assert store.article_hash("store-001") == "f" * 64
    assert store.article_hash("unknown") is None


def test_on_disk_store_keeps_data_when_reopened(tmp_path) -> None:
    path = tmp_path / "store"
    store = GraphStore.open(path)
    count = store.put_extraction(make_extraction())
    store.flush()
    del store
    gc.collect()

    reopened = GraphStore.open(path, read_only=True)
    assert len(reopened) == count
    assert reopened.article_hash("store-001") is not None
    with pytest.raises(StoreError, match="read-only"):
        reopened.put_extraction(make_extraction())


def test_failed_update_writes_nothing() -> None:
    store = GraphStore.open(None)
    count = store.put_extraction(make_extraction())
    graph = ox.NamedNode(article_graph_iri("store-001"))
    with pytest.raises(StoreError, match="nothing was written"):
        store.update(f"DROP GRAPH {graph} ; CREATE GRAPH <urn:x:g> ; CREATE GRAPH <urn:x:g>")
    assert len(store) == count


def test_example_queries_run() -> None:
    store = GraphStore.open(None)
    store.put_extraction(make_extraction())
    queries = example_queries()
    assert {
        "consultations",
        "threats_and_accusations",
        "prisoner_exchanges",
        "person",
        "events_per_type",
    } <= set(queries)
    consultations = list(store.query(queries["consultations"][1]))
    assert len(consultations) == 1
    row = consultations[0]
    assert set(row["who"].value.split(", ")) == {"Anna Berg", "Tomas Lind"}
    assert (row["when"].value, row["mode"].value, row["about"].value) == ("2024-06-02", "phone", "Getreide")
    threats = list(store.query(queries["threats_and_accusations"][1]))
    assert [(r["source"].value, r["target"].value) for r in threats] == [("Anna Berg", "Sudmark")]
    person = queries["person"][1].replace('VALUES ?name { "Austin" }', 'VALUES ?name { "berg" }')
    assert {r["type"].value for r in store.query(person)} == {"CONSULT", "THREATEN"}
    per_type = {r["type"].value: int(r["events"].value) for r in store.query(queries["events_per_type"][1])}
    assert per_type == {"CONSULT": 1, "THREATEN": 1}


def test_dump_and_load(tmp_path) -> None:
    store = GraphStore.open(None)
    store.put_extraction(make_extraction())
    store.dump(tmp_path / "all.nq")
    copy = GraphStore.open(None)
    copy.load(tmp_path / "all.nq")
    assert len(copy) == len(store)
    assert copy.article_hash("store-001") == store.article_hash("store-001")
    with pytest.raises(StoreError, match="one graph"):
        store.dump(tmp_path / "all.ttl")


def test_bad_paths_and_queries_are_clear_errors(tmp_path) -> None:
    file = tmp_path / "not-a-store"
    file.write_text("x")
    with pytest.raises(StoreError, match="not a store directory|is a file"):
        GraphStore.open(file)
    with pytest.raises(StoreError, match="no store"):
        GraphStore.open(tmp_path / "missing", read_only=True)
    with pytest.raises(StoreError, match="invalid SPARQL"):
        GraphStore.open(None).query("SELECT WHERE {")


def test_second_writer_is_refused_with_an_oserror(tmp_path) -> None:
    writer = GraphStore.open(tmp_path / "store")
    with pytest.raises(OSError, match="(?i)lock"):
        GraphStore.open(tmp_path / "store")
    assert len(writer) == 0


def test_open_waits_for_a_lock_that_is_released(tmp_path) -> None:
    import subprocess
    import sys

    GraphStore.open(tmp_path / "store")
    gc.collect()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time, pyoxigraph; s = pyoxigraph.Store(sys.argv[1]); "
         "print('held', flush=True); time.sleep(1.0)", str(tmp_path / "store")],
        stdout=subprocess.PIPE, text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    with pytest.raises(StoreError, match="lock"):
        GraphStore.open(tmp_path / "store", wait=0.2)
    store = GraphStore.open(tmp_path / "store", wait=30)
    holder.wait()
    assert store.put_extraction(make_extraction()) > 40


def test_replace_graph_from_ntriples_lines_and_graph_sizes() -> None:
    store = GraphStore.open(None)
    graph = "https://w3id.org/kg-news/id/graph/lines"
    lines = [f"<urn:s:{n}> <urn:p> \"{n}\" ." for n in range(5)]
    assert store.replace_graph_ntriples(graph, lines + lines[:2]) == 5
    assert store.graph_size(graph) == 5
    assert store.replace_graph_ntriples(graph, lines[:3]) == 3
    assert store.graph_size(graph) == 3 == len(list(store.graph_triples(graph)))
    assert store.graph_size("https://w3id.org/kg-news/id/graph/none") == 0
    assert store.default_graph_size() == 0
