"""Batch ingest (kg/ingest, kg build): bad inputs get reasons, re-runs add nothing, a kill leaves no half
article, and worker processes and a Dask cluster give the same graph as one process."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.ingest import BuildOptions, run_build
from kg.rdf import article_graph_iri
from kg.store import GraphStore, StoreError

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_c56ab70738da21e2.txt"
SENTENCE = "Die Außenministerin von Sudmark traf am Montag in Brüssel ihren Amtskollegen aus Nordland."


def seed_variants(path: Path, count: int) -> Path:
    """A JSON Lines file of `count` distinct articles: the seed with a numbered closing line."""
    text = SEED.read_text(encoding="utf-8")
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            record = {"id": f"seed-{number:03d}", "text": f"{text}\nMeldung Nummer {number} des Tages.",
                      "published": "2024-06-26", "language": "de"}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def quads(store: GraphStore) -> set[str]:
    return {str(q) for q in store.raw}


def sizes(store: GraphStore) -> dict[str, int]:
    return {g.value: store.graph_size(g) for g in store.named_graphs()}


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> tuple[Path, GraphStore]:
    """Twenty seed variants and the store one in-process build makes of them."""
    folder = tmp_path_factory.mktemp("reference")
    source = seed_variants(folder / "articles.jsonl", 20)
    store = GraphStore.open(None)
    report = run_build([source], BuildOptions(store=folder / "unused", processes=0), store=store)
    assert report.written == 20 and report.complete
    return source, store


def test_bad_inputs_each_get_one_line_and_the_batch_goes_on(tmp_path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (inputs / "latin1.txt").write_bytes(SENTENCE.encode("latin-1"))
    (inputs / "utf16.txt").write_bytes(SENTENCE.encode("utf-16"))
    (inputs / "utf16-no-bom.txt").write_bytes(SENTENCE.encode("utf-16-le"))
    (inputs / "cut.txt").write_bytes(SENTENCE.encode("utf-8") + "ü".encode()[:1])
    (inputs / "truncated.jsonl").write_text(json.dumps({"id": "whole", "text": SENTENCE}) + '\n{"id": "half", "te')
    (inputs / "soup.html").write_text("<div><a href='/'>Start</a> | <a href='/a'>Archiv</a></div>" * 40)
    (inputs / "menu.html").write_text("<html><table><tr><td>1<td>2</table><script>var a = 1;</script>"
                                      + "<p><b>Menü</b> | <a href='#'>Start</a></p>" * 50 + "</html>")
    with (inputs / "enormous.txt").open("wb") as big:
        big.write((SENTENCE + "\n").encode() * 540_000)
        big.truncate(50_000_000)
    report = run_build([inputs], BuildOptions(store=tmp_path / "store", report=tmp_path / "report.json",
                                              processes=0))

    written = report.written
    assert written == 4  # latin-1, UTF-16 with BOM, the cut-off file (as cp1252) and the whole JSON line
    skipped = {Path(n.source.split(" [")[0].split(":")[0]).name: n.reason for n in report.skipped}
    assert skipped["empty.txt"] == "empty file"
    assert skipped["binary.txt"] == "binary file"
    assert "UTF-16 without a byte order mark" in skipped["utf16-no-bom.txt"]
    assert "not valid JSON" in skipped["truncated.jsonl"]
    assert skipped["soup.html"] == "no main text found in the HTML page"
    assert skipped["menu.html"].startswith("no running text")
    assert skipped["enormous.txt"].startswith("file too large: 50.0 MB")
    warnings = {Path(n.source).name: n.reason for n in report.warnings}
    assert warnings["latin1.txt"].startswith("not UTF-8")
    assert warnings["utf16.txt"].startswith("UTF-16")
    assert "cut-off UTF-8" in warnings["cut.txt"]
    on_disk = json.loads((tmp_path / "report.json").read_text())
    assert on_disk["complete"] is True
    assert on_disk["totals"]["written"] == 4 and on_disk["totals"]["skipped"] == 7
    assert all("\n" not in note["reason"] for note in on_disk["skipped"] + on_disk["warnings"])


def test_overlong_article_is_skipped_with_the_limit(tmp_path) -> None:
    source = tmp_path / "a.jsonl"
    source.write_text(json.dumps({"id": "long", "text": SENTENCE * 10}) + "\n")
    report = run_build([source], BuildOptions(store=tmp_path / "store", max_chars=200, processes=0))
    assert report.written == 0
    assert "text too long" in report.skipped[0].reason and "200" in report.skipped[0].reason


def test_rerun_adds_nothing_and_a_changed_article_replaces_its_graph(tmp_path, reference) -> None:
    source, expected = reference
    store_dir = tmp_path / "store"
    first = run_build([source], BuildOptions(store=store_dir, processes=0))
    second = run_build([source], BuildOptions(store=store_dir, processes=0))
    assert (first.written, second.written, second.unchanged) == (20, 0, 20)
    assert first.store_quads == second.store_quads == len(expected)

    lines = source.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[3])
    record["text"] = SENTENCE + "\n" + record["text"].split("\n\n", 1)[0]
    lines[3] = json.dumps(record, ensure_ascii=False)
    changed = tmp_path / "changed.jsonl"
    changed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    third = run_build([changed], BuildOptions(store=store_dir, processes=0))
    assert (third.written, third.unchanged) == (1, 19)
    store = GraphStore.open(store_dir)
    graph = article_graph_iri(record["id"])
    assert store.graph_size(graph) == third.triples != expected.graph_size(graph)
    assert len(store.named_graphs()) == 20


def test_kill_9_leaves_whole_articles_and_the_rerun_completes_them(tmp_path, reference) -> None:
    source, expected = reference
    store_dir, log = tmp_path / "store", tmp_path / "log.jsonl"
    command = [sys.executable, "-c", "from kg.cli import main; main()", "build", str(source), "--store",
               str(store_dir), "--log", str(log), "--chunk-size", "1", "--quiet"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    build = subprocess.Popen(command, env=env, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and build.poll() is None:
        if log.exists() and len(log.read_text().splitlines()) >= 3:
            break
        time.sleep(0.01)
    assert build.poll() is None, build.stderr.read().decode()
    os.kill(build.pid, signal.SIGKILL)
    build.wait()

    store = GraphStore.open(store_dir)
    after_kill = sizes(store)
    want = sizes(expected)
    assert 3 <= len(after_kill) < 20  # killed mid-run
    assert all(after_kill[graph] == want[graph] for graph in after_kill)  # complete, or absent
    del store

    result = CliRunner().invoke(
        __import__("kg.cli", fromlist=["main"]).main,
        ["build", str(source), "--store", str(store_dir), "--report", str(tmp_path / "r.json"), "--quiet", "-p", "0"],
    )
    assert result.exit_code == 0, result.output
    totals = json.loads((tmp_path / "r.json").read_text())["totals"]
    assert totals["unchanged"] == len(after_kill)
    assert totals["written"] == 20 - len(after_kill)
    store = GraphStore.open(store_dir)
    assert sizes(store) == want
    assert quads(store) == quads(expected)


def test_worker_processes_give_the_same_graph(tmp_path, reference) -> None:
    source, expected = reference
    report = run_build([source], BuildOptions(store=tmp_path / "store", processes=2, chunk_size=4))
    assert report.engine == "processes:2" and report.written == 20
    assert quads(GraphStore.open(tmp_path / "store")) == quads(expected)


def test_one_worker_doing_only_the_nlp_gives_the_same_graph(tmp_path, reference) -> None:
    """With one worker the Docs travel to the writing process, which runs the stages after NLP."""
    source, expected = reference
    report = run_build([source], BuildOptions(store=tmp_path / "store", processes=1, chunk_size=4))
    assert report.engine == "processes:1" and report.written == 20
    assert quads(GraphStore.open(tmp_path / "store")) == quads(expected)


def test_dask_cluster_of_two_workers_gives_the_same_graph(tmp_path, reference) -> None:
    pytest.importorskip("distributed")
    source, expected = reference
    report = run_build([source], BuildOptions(store=tmp_path / "store", cluster="local:2", chunk_size=4))
    assert report.engine.startswith("dask:tcp://") and report.written == 20
    assert quads(GraphStore.open(tmp_path / "store")) == quads(expected)


def test_build_waits_while_another_process_briefly_holds_the_store(tmp_path) -> None:
    store_dir = tmp_path / "store"
    GraphStore.open(store_dir)  # create it
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time, pyoxigraph; s = pyoxigraph.Store(sys.argv[1]); "
         "print('held', flush=True); time.sleep(1.5)", str(store_dir)],
        stdout=subprocess.PIPE, text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    with pytest.raises(StoreError, match="lock"):
        GraphStore.open(store_dir)
    source = tmp_path / "a.jsonl"
    source.write_text(json.dumps({"id": "one", "text": SENTENCE, "language": "de"}) + "\n", encoding="utf-8")
    report = run_build([source], BuildOptions(store=store_dir, lock_wait=30, processes=0))
    holder.wait()
    assert report.written == 1 and report.triples > 10


def test_cli_prints_the_summary_and_reasons(tmp_path) -> None:
    from kg.cli import main

    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "a.txt").write_text(SENTENCE + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(tmp_path), "--store", str(tmp_path / "s"), "--quiet", "-p", "0"])
    assert result.exit_code == 0, result.output
    assert "1 articles written" in result.output and "1 skipped" in result.output
    result = CliRunner().invoke(main, ["build", str(tmp_path), "--store", str(tmp_path / "s"), "-p", "0"])
    assert "skipped" in result.output and "empty file" in result.output and "1 unchanged" in result.output


def test_put_graphs_adds_new_graphs_together_and_replaces_existing_ones() -> None:
    import pyoxigraph as ox

    def quad(graph: str, subject: str, value: str) -> ox.Quad:
        return ox.Quad(ox.NamedNode(f"http://example.org/{subject}"), ox.NamedNode("http://example.org/p"),
                       ox.Literal(value), ox.NamedNode(graph))

    store = GraphStore.open(None)
    a, b = "http://example.org/graph/a", "http://example.org/graph/b"
    first = [quad(a, "x", "1"), quad(a, "x", "1"), quad("http://elsewhere.org/g", "y", "2")]
    assert store.put_graphs([(a, first), (b, [quad(b, "z", "3")])]) == [2, 1]  # duplicates count once
    assert store.graph_size(a) == 2 and store.graph_size(b) == 1 and len(store) == 3  # own graph names ignored
    assert store.put_graphs([(a, [quad(a, "w", "4")]), (b, [quad(b, "v", "5"), quad(b, "u", "6")])]) == [1, 2]
    assert store.graph_size(a) == 1 and store.graph_size(b) == 2 and len(store) == 3  # replaced, not added
    assert store.put_graphs([(b, [quad(b, "t", "7")]), (b, [quad(b, "s", "8"), quad(b, "r", "9")])]) == [1, 2]
    assert {q.subject.value for q in store.raw.quads_for_pattern(None, None, None, ox.NamedNode(b))} == {
        "http://example.org/s", "http://example.org/r"}  # the same graph twice in one call: the later one
    c = "http://example.org/graph/c"
    assert store.put_graphs([(c, [quad(c, "q", "1")]), (c, [quad(c, "o", "2")])]) == [1, 1]
    assert [q.subject.value for q in store.raw.quads_for_pattern(None, None, None, ox.NamedNode(c))] == [
        "http://example.org/o"]
