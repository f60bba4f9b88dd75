"""SPARQL speed at ~1M quads: `kg serve` vs `oxigraph serve` on the same data vs rdflib in memory.

    python benchmarks/bench_sparql.py [--quads 1000000] [--repeat 5] [--work DIR] [--skip-rdflib] [--workers N]

Generates articles in the shape `kg build` writes (benchmarks/synthetic_news.py), once, as N-Quads; loads
them into a kg store and an oxigraph store, and parses them into an rdflib Dataset (`default_union=True`).
Every engine answers with the union of the article graphs as its default graph, a set of triples:
`kg serve` from its union view (kg/serve/dataset.py), `oxigraph serve-read-only` from a store prepared the
same way (the named graphs' triples merged into its default graph). `oxigraph serve --union-default-graph`
on the plain store is run once per query too, with a time limit (`--naive-limit`), to show why the union
view exists: it repeats a triple once per graph holding it (oxigraph issue #1919), which multiplies rows
on this data. Servers are asked over HTTP for SPARQL JSON, both configured alike (a time limit, CORS on),
so `kg serve` answers as in production (its watchdog armed); rdflib evaluates in this process and writes
the same SPARQL JSON (no HTTP). The two servers run side by side and take
turns, request by request, so load from elsewhere on the machine falls on both alike. Reports the
median of `--repeat` timed runs after one warm-up run (rdflib, after one warm-up query, and the naive
union: one run) and each engine's row count.
"""

from __future__ import annotations

import argparse
import json
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
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pyoxigraph as ox  # noqa: E402
from synthetic_news import COUNTRY_QID, country_label, generate  # noqa: E402

from kg.serve.dataset import merge_graphs_into_default  # noqa: E402
from kg.serve.launch import free_port, running_server  # noqa: E402

PREFIXES = """PREFIX kgo: <https://w3id.org/kg-news/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX wd: <http://www.wikidata.org/entity/>
"""
# What users of this graph ask; the country is the most-mentioned one (like Russia in real news).
COUNTRY = f"wd:Q{COUNTRY_QID}"
QUERIES = {
    "ASK {} (what a request costs)": "ASK {}",
    "3-hop join": PREFIXES + f"""SELECT ?event ?type ?name ?text WHERE {{
  ?country owl:sameAs {COUNTRY} .
  ?office kgo:officeOf ?country .
  ?person kgo:holdsOffice ?office ; rdfs:label ?name .
  ?event kgo:source ?person ; kgo:eventType ?type ; kgo:evidence/kgo:text ?text .
}}""",
    "3-hop join, every country": PREFIXES + """SELECT ?country (COUNT(?event) AS ?events) WHERE {
  ?event kgo:source ?person . ?person kgo:holdsOffice ?office . ?office kgo:officeOf ?country .
} GROUP BY ?country ORDER BY DESC(?events)""",
    "3-hop join, FILTER on a label": PREFIXES + f"""SELECT ?event ?name WHERE {{
  ?event kgo:source ?person . ?person kgo:holdsOffice ?office ; rdfs:label ?name .
  ?office kgo:officeOf ?country . ?country rdfs:label ?countryName .
  FILTER(STR(?countryName) = "{country_label(0)}")
}}""",
    "GROUP BY count": PREFIXES + """SELECT ?type (COUNT(?event) AS ?events) WHERE {
  ?event kgo:eventType ?type } GROUP BY ?type ORDER BY DESC(?events)""",
    "FILTER regex": PREFIXES + """SELECT DISTINCT ?person ?label WHERE {
  ?person a kgo:Person ; rdfs:label ?label . FILTER(REGEX(?label, "^anna b", "i")) }""",
    "OPTIONAL, many rows": PREFIXES + """SELECT ?event ?date ?topic ?text WHERE {
  ?event a kgo:Event .
  OPTIONAL { ?event kgo:date ?date } OPTIONAL { ?event kgo:topic ?topic }
  OPTIONAL { ?event kgo:evidence/kgo:text ?text } }""",
}


def http_query(endpoint: str, limit: float = 900) -> Callable[[str], bytes]:
    def run(query: str) -> bytes:
        body = urllib.parse.urlencode({"query": query}).encode()
        request = urllib.request.Request(endpoint, data=body, headers={
            "Accept": "application/sparql-results+json", "Content-Type": "application/x-www-form-urlencoded"})
        deadline = time.monotonic() + limit
        chunks = []
        with urllib.request.urlopen(request, timeout=limit) as response:
            while chunk := response.read(1 << 16):  # servers stream: a slow result still arrives steadily
                chunks.append(chunk)
                if time.monotonic() > deadline:
                    raise TimeoutError(f"no complete answer within {limit:g} s")
        return b"".join(chunks)
    return run


def json_rows(body: bytes) -> int:
    """Rows of a SPARQL JSON answer (an ASK answer counts as one)."""
    answer = json.loads(body)
    return 1 if "boolean" in answer else len(answer["results"]["bindings"])


@contextmanager
def oxigraph_server(location: Path, *options: str):
    port = free_port()
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "oxigraph"), "serve-read-only", "--location", str(location),
         "--bind", f"127.0.0.1:{port}", "--cors", "--timeout-s", "900", *options],
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
        process.kill()
        process.wait(timeout=10)


def timed_in_turn(runs: dict[str, Callable[[str], bytes]], query: str, repeat: int
                  ) -> dict[str, tuple[float, int]]:
    """Like `timed` for several servers, taking turns run by run, so that load from other programs on
    the machine falls on all of them alike (they idle while another answers)."""
    rows = {engine: json_rows(run(query)) for engine, run in runs.items()}  # warm-up
    times: dict[str, list[float]] = {engine: [] for engine in runs}
    for _ in range(repeat):
        for engine, run in runs.items():
            start = time.perf_counter()
            run(query)
            times[engine].append(time.perf_counter() - start)
    return {engine: (statistics.median(times[engine]), rows[engine]) for engine in runs}


def timed(run: Callable[[str], bytes], query: str, repeat: int) -> tuple[float, int]:
    """Median seconds of `repeat` runs after a warm-up run (page cache, first use), and the row count."""
    start = time.perf_counter()
    rows = json_rows(run(query))
    if not repeat:
        return time.perf_counter() - start, rows
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run(query)
        times.append(time.perf_counter() - start)
    return statistics.median(times), rows


ENGINES = ("kg serve", "oxigraph serve", "rdflib", "oxigraph, naive union")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quads", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--work", type=Path, default=None, help="keep the data here (default: a temp dir)")
    parser.add_argument("--skip-rdflib", action="store_true")
    parser.add_argument("--workers", type=int, default=None, help="kg serve --workers (default: its own default)")
    parser.add_argument("--naive-limit", type=float, default=60.0,
                        help="seconds allowed per query to oxigraph's own --union-default-graph (0: skip)")
    args = parser.parse_args()

    work = args.work or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    data = work / "data.nq"
    count = generate(data, args.quads)
    print(f"{count} quads in {data}", flush=True)
    for name in ("kg-store", "oxigraph-store"):
        if not (work / name / "CURRENT").exists():
            store = ox.Store(str(work / name))
            store.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
            store.optimize()
            del store
            if name == "oxigraph-store":
                merge_graphs_into_default(work / name)

    results: dict[str, dict[str, tuple[float, int]]] = {name: {} for name in QUERIES}
    workers = ["--workers", str(args.workers)] if args.workers else []
    with running_server(work / "kg-store", "--max-rows", "0", "--timeout", "900", "--quiet", *workers) as base, \
            oxigraph_server(work / "oxigraph-store") as endpoint:
        servers = {"kg serve": http_query(f"{base}/sparql"), "oxigraph serve": http_query(endpoint)}
        for name, query in QUERIES.items():
            results[name].update(timed_in_turn(servers, query, args.repeat))
    if args.naive_limit:
        for name, query in QUERIES.items():  # a fresh server per query: a timed-out one keeps computing
            with oxigraph_server(work / "kg-store", "--union-default-graph") as endpoint:
                try:
                    results[name]["oxigraph, naive union"] = timed(
                        http_query(endpoint, args.naive_limit), query, 0)
                except OSError:  # timed out
                    results[name]["oxigraph, naive union"] = (float("inf"), -1)
    if not args.skip_rdflib:
        from rdflib import Dataset

        start = time.perf_counter()
        dataset = Dataset(default_union=True)
        dataset.parse(data, format="nquads")
        print(f"rdflib parsed the data in {time.perf_counter() - start:.0f} s", flush=True)
        dataset.query("ASK {}").serialize(format="json")  # its first query sets up the engine: a warm-up
        for name, query in QUERIES.items():
            start = time.perf_counter()
            body = dataset.query(query).serialize(format="json")  # the same answer the servers send
            results[name]["rdflib"] = (time.perf_counter() - start, json_rows(body))
    report(results, count)


def report(results: dict[str, dict[str, tuple[float, int]]], count: int) -> None:
    print(f"\nMedian milliseconds per query, {count} quads (lower is better); rows per engine\n")
    print("| query | rows | kg serve | oxigraph serve | rdflib | kg / oxigraph | rdflib / kg | rdflib / oxigraph "
          "| oxigraph --union-default-graph |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, measured in results.items():
        kg, oxi, rdf = (measured[engine][0] if engine in measured else None for engine in ENGINES[:3])
        counts = {measured[engine][1] for engine in ENGINES[:3] if engine in measured}
        rows = str(counts.pop()) if len(counts) == 1 else "/".join(
            str(measured[e][1]) for e in ENGINES[:3] if e in measured)
        ratios = [_ratio(kg, oxi, ".2f"), _ratio(rdf, kg, ".1f"), _ratio(rdf, oxi, ".1f")]
        cells = " | ".join(_milliseconds(t) if t is not None else "-" for t in (kg, oxi, rdf))
        naive = measured.get("oxigraph, naive union")
        naive_cell = "-" if naive is None else (
            "over the limit" if naive[1] < 0 else f"{_milliseconds(naive[0])} ms, {naive[1]} rows")
        print(f"| {name} | {rows} | {cells} | {' | '.join(ratios)} | {naive_cell} |")


def _milliseconds(seconds: float) -> str:
    """Three significant digits: 1.52, 15.2, 152, 1,520."""
    ms = seconds * 1000
    return f"{ms:,.0f}" if ms >= 100 else f"{ms:.3g}"


def _ratio(slower: float | None, faster: float | None, spec: str) -> str:
    return f"{slower / faster:{spec}}x" if slower and faster else "-"


if __name__ == "__main__":
    main()
