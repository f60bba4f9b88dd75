"""SPARQL speed at ~1M triples: `kg serve` vs `oxigraph serve` on the same data vs rdflib in memory.

    python benchmarks/bench_sparql.py [--triples 1000000] [--repeat 5] [--work DIR] [--skip-rdflib]

Generates a synthetic graph in the project's shape (articles as named graphs, events with participants,
dates, topics and evidence; people holding offices of countries), writes it once as N-Quads, loads it into
a kg store and an oxigraph store, and parses it into an rdflib Dataset. Both servers get the union default
graph and are asked over HTTP for SPARQL JSON; rdflib runs the same query text in process. Reports the
median of `--repeat` timed runs after one warm-up run (rdflib: one run).
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pyoxigraph as ox  # noqa: E402

from kg.serve.launch import free_port, running_server  # noqa: E402

KGO = "https://w3id.org/kg-news/ontology#"
ID = "https://w3id.org/kg-news/id/"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
PREFIXES = f"PREFIX kgo: <{KGO}>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"

QUERIES = {
    "3-hop join": PREFIXES + """SELECT ?event ?countryName WHERE {
  ?event kgo:participant ?person . ?person kgo:holdsOffice ?office .
  ?office kgo:officeOf ?country . ?country rdfs:label ?countryName .
  FILTER(?countryName = "Country 7")
}""",
    "GROUP BY count": PREFIXES + """SELECT ?type (COUNT(?event) AS ?events) WHERE {
  ?event kgo:eventType ?type } GROUP BY ?type ORDER BY DESC(?events)""",
    "FILTER regex": PREFIXES + """SELECT ?person ?label WHERE {
  ?person a kgo:Person ; rdfs:label ?label . FILTER(REGEX(?label, "^anna b", "i")) }""",
    "OPTIONAL, many rows": PREFIXES + """SELECT ?event ?date ?topic WHERE {
  ?event a kgo:Event . OPTIONAL { ?event kgo:date ?date } OPTIONAL { ?event kgo:topic ?topic } }""",
}
EVENT_TYPES = ["CONSULT", "THREATEN", "ACCUSE", "AID", "ASSAULT", "SANCTION", "REQUEST", "AGREE", "PROTEST"]
FIRST = ["Anna", "Anne", "Boris", "Clara", "Dmitri", "Eva", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kira"]
LAST = ["Bauer", "Berg", "Costa", "Dahl", "Ek", "Fischer", "Gross", "Hale", "Ivanov", "Jung", "Klein", "Lund"]


def generate(path: Path, triples: int, seed: int = 7) -> int:
    """Write about `triples` quads of synthetic news-event data as N-Quads; returns the exact count."""
    rng = random.Random(seed)
    countries, offices, people = 200, 2_000, 20_000
    lines: list[str] = []

    def quad(s: str, p: str, o: str, g: str) -> None:
        lines.append(f"{s} {p} {o} {g} .\n")

    background = f"<{ID}graph/background>"
    for c in range(countries):
        quad(f"<{ID}country/{c}>", f"<{RDFS_LABEL}>", f'"Country {c}"', background)
    for o in range(offices):
        quad(f"<{ID}office/{o}>", f"<{RDFS_LABEL}>", f'"Office {o}"', background)
        quad(f"<{ID}office/{o}>", f"<{KGO}officeOf>", f"<{ID}country/{o % countries}>", background)
    for p in range(people):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {p}"
        quad(f"<{ID}person/{p}>", f"<{RDF_TYPE}>", f"<{KGO}Person>", background)
        quad(f"<{ID}person/{p}>", f"<{RDFS_LABEL}>", f'"{name}"', background)
        quad(f"<{ID}person/{p}>", f"<{KGO}holdsOffice>", f"<{ID}office/{rng.randrange(offices)}>", background)
    article = 0
    while len(lines) < triples:
        graph = f"<{ID}graph/article/{article}>"
        quad(f"<{ID}article/{article}>", f"<{RDF_TYPE}>", f"<{KGO}Article>", graph)
        for e in range(10):
            event = f"<{ID}event/{article}-{e}>"
            evidence = f"<{ID}evidence/{article}-{e}>"
            quad(event, f"<{RDF_TYPE}>", f"<{KGO}Event>", graph)
            quad(event, f"<{KGO}eventType>", f'"{rng.choice(EVENT_TYPES)}"', graph)
            for _ in range(2):
                quad(event, f"<{KGO}participant>", f"<{ID}person/{rng.randrange(people)}>", graph)
            if rng.random() < 0.7:
                day = f"2024-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
                quad(event, f"<{KGO}date>", f'"{day}"^^<http://www.w3.org/2001/XMLSchema#date>', graph)
            if rng.random() < 0.5:
                quad(event, f"<{KGO}topic>", f'"topic {rng.randrange(300)}"', graph)
            quad(event, f"<{KGO}inArticle>", f"<{ID}article/{article}>", graph)
            quad(event, f"<{KGO}evidence>", evidence, graph)
            quad(evidence, f"<{KGO}text>", f'"Sentence {article}-{e} of a synthetic article."', graph)
        article += 1
    path.write_text("".join(lines), encoding="utf-8")
    return len(lines)


def http_query(endpoint: str) -> Callable[[str], int]:
    def run(query: str) -> int:
        body = urllib.parse.urlencode({"query": query}).encode()
        request = urllib.request.Request(endpoint, data=body, headers={
            "Accept": "application/sparql-results+json", "Content-Type": "application/x-www-form-urlencoded"})
        with urllib.request.urlopen(request, timeout=600) as response:
            return len(response.read())
    return run


@contextmanager
def oxigraph_server(location: Path):
    port = free_port()
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "oxigraph"), "serve-read-only", "--location", str(location),
         "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/query"
    try:
        for _ in range(300):
            try:
                http_query(base)("ASK {}")
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def timed(run: Callable[[str], object], query: str, repeat: int) -> float:
    run(query)  # warm-up: caches, JIT-free but page cache and first-use costs
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run(query)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--work", type=Path, default=None, help="keep the data here (default: a temp dir)")
    parser.add_argument("--skip-rdflib", action="store_true")
    args = parser.parse_args()

    work = args.work or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    data = work / "data.nq"
    count = generate(data, args.triples)
    print(f"{count} quads in {data}")
    for name in ("kg-store", "oxigraph-store"):
        if not (work / name / "CURRENT").exists():
            store = ox.Store(str(work / name))
            store.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
            store.optimize()
            del store

    results: dict[str, dict[str, float]] = {name: {} for name in QUERIES}
    with running_server(work / "kg-store", "--max-rows", "0", "--timeout", "0", "--quiet") as base:
        for name, query in QUERIES.items():
            results[name]["kg serve"] = timed(http_query(f"{base}/sparql"), query, args.repeat)
    with oxigraph_server(work / "oxigraph-store") as endpoint:
        for name, query in QUERIES.items():
            results[name]["oxigraph serve"] = timed(http_query(endpoint), query, args.repeat)
    if not args.skip_rdflib:
        from rdflib import Dataset

        start = time.perf_counter()
        dataset = Dataset(default_union=True)
        dataset.parse(data, format="nquads")
        print(f"rdflib parsed the data in {time.perf_counter() - start:.0f} s")
        for name, query in QUERIES.items():
            start = time.perf_counter()
            rows = len(list(dataset.query(query)))
            results[name]["rdflib"] = time.perf_counter() - start
            print(f"  rdflib {name}: {rows} rows")
    report(results, count)


def report(results: dict[str, dict[str, float]], count: int) -> None:
    print(f"\nMedian seconds per query, {count} quads (lower is better)\n")
    print("| query | kg serve | oxigraph serve | rdflib | kg / oxigraph | rdflib / kg |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, times in results.items():
        kg, oxi, rdf = times.get("kg serve"), times.get("oxigraph serve"), times.get("rdflib")
        ratio = f"{kg / oxi:.2f}x" if kg and oxi else "-"
        speedup = f"{rdf / kg:.0f}x" if kg and rdf else "-"
        cells = " | ".join(f"{t:.3f}" if t is not None else "-" for t in (kg, oxi, rdf))
        print(f"| {name} | {cells} | {ratio} | {speedup} |")


if __name__ == "__main__":
    main()
