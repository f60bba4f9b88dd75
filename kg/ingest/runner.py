"""`kg build` as a library call: read, screen, skip what is unchanged, extract, write, report.

Crash safety: each article goes into the store whole, in one transaction, after its extraction is complete
(the new articles of a chunk share one transaction; an article already in the store has its graph replaced
by one update of its own). Killing the process at any moment leaves every article either as it was or as it
is now. Idempotence: the article's content hash is stored in its graph, so re-running the same command
skips what is already there and does only the rest; a changed article gets a new hash and replaces its graph.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import chain, islice
from pathlib import Path
from typing import TextIO

from kg.ingest.engines import make_engine
from kg.ingest.inputs import read_inputs
from kg.ingest.progress import ProgressSink, Silent
from kg.ingest.report import BuildReport
from kg.ingest.screen import MAX_ARTICLE_CHARS, MAX_FILE_BYTES, article_problem
from kg.ingest.work import Converted, Extracted, Failed, Result, graph_quads
from kg.model import Article, Extraction
from kg.store import GraphStore

CHUNK_SIZE = 16  # articles per spaCy batch (and per task for worker processes)
LOCK_WAIT_SECONDS = 30.0


@dataclass
class BuildOptions:
    store: Path
    published: date | None = None
    language: str | None = None
    force: bool = False
    processes: int = 1  # extraction worker processes beside this one; 0: extract in this process
    cluster: str | None = None  # a Dask scheduler address or "local:N"
    chunk_size: int = CHUNK_SIZE
    max_bytes: int = MAX_FILE_BYTES
    max_chars: int = MAX_ARTICLE_CHARS
    report: Path | None = None  # the JSON report, written at the end (and when interrupted)
    log: Path | None = None  # JSON Lines, one line per article as soon as it is in the store
    lock_wait: float = LOCK_WAIT_SECONDS


def run_build(paths: Iterable[str | Path], options: BuildOptions, progress: ProgressSink | None = None,
              store: GraphStore | None = None) -> BuildReport:
    """Build the store from `paths`; returns the report (also written to `options.report` if set).

    Raises `kg.store.StoreError` if the store cannot be opened; everything that goes wrong with one input
    lands in the report instead. Reading overlaps with extraction: articles go to the workers as they are
    read (the progress bar learns its total once reading is done).
    """
    progress = progress or Silent()
    engine_name = options.cluster or (f"processes:{options.processes}" if options.processes else "in-process")
    report = BuildReport(str(options.store), engine_name)
    owned = store is None
    if store is None:
        store = GraphStore.open(options.store, wait=options.lock_wait)
    complete = False
    try:
        todo = _articles_to_extract(paths, options, store.article_hashes(), report, progress)
        _extract_and_write(todo, options, store, report, progress)
        complete = True
    finally:
        progress.stop()
        store.flush()
        report.finish(complete, len(store))
        if options.report:
            report.write(options.report)
        if owned:
            del store
    return report


def _articles_to_extract(paths: Iterable[str | Path], options: BuildOptions, stored: dict[str, str],
                         report: BuildReport, progress: ProgressSink) -> Iterator[Article]:
    """The articles that need extracting, as they are read; `stored` maps graph IRIs to content hashes."""
    from kg.rdf import article_graph_iri

    count = 0
    seen: set[str] = set()
    for source, article in read_inputs(paths, report, options.published, options.language, options.max_bytes):
        problem = article_problem(article, options.max_chars)
        if problem:
            report.skip(source, problem)
        elif article.id in seen:
            report.skip(source, "the same article id was read before in this batch; the first one is kept")
        elif not options.force and stored.get(article_graph_iri(article.id)) == article.content_hash:
            report.unchanged += 1
        else:
            count += 1
            yield article
        seen.add(article.id)
    progress.total(count)


def _extract_and_write(todo: Iterator[Article], options: BuildOptions, store: GraphStore, report: BuildReport,
                       progress: ProgressSink) -> None:
    first = next(todo, None)
    if first is None:
        return  # nothing to do: no worker is started

    languages = [options.language] if options.language else ["de", "en"]
    engine = make_engine(options.processes, options.cluster, languages)
    report.engine = engine.name
    log = _open_log(options.log)
    progress.start(None)
    try:
        for results in engine.run(_chunks(chain([first], todo), options.chunk_size)):
            _write_chunk(store, results, report, log)
            progress.advance(len(results))
    finally:
        engine.close()
        if log:
            log.close()


def _write_chunk(store: GraphStore, results: Iterable[Extraction | Failed | Result | Converted], report: BuildReport,
                 log: TextIO | None) -> None:
    """Write a chunk's articles, the new ones in one transaction (each article is complete or absent)."""
    from kg.rdf import article_graph_iri

    ready: list[Converted] = []
    for result in results:
        if isinstance(result, Extraction):
            result = graph_quads(result)
        if isinstance(result, Failed):
            report.skip(result.id, result.reason)
        elif isinstance(result, Extracted):  # N-Triples lines from a cluster worker
            _write_lines(store, article_graph_iri(result.id), result, report, log)
        else:
            ready.append(result)
    if not ready:
        return
    try:
        counts = store.put_graphs([(article_graph_iri(r.id), r.quads) for r in ready])
    except OSError as error:  # StoreError: this transaction did not happen
        if len(ready) == 1:
            report.skip(ready[0].id, str(error))
        else:  # one by one, so that only the articles that cannot be written are left out
            for converted in ready:
                _write_chunk(store, [converted], report, log)
        return
    for converted, triples in zip(ready, counts, strict=True):
        _written(converted, triples, report, log)


def _write_lines(store: GraphStore, graph: str, result: Extracted, report: BuildReport, log: TextIO | None) -> None:
    try:
        triples = store.replace_graph_ntriples(graph, result.ntriples)
    except OSError as error:  # StoreError: this article's transaction did not happen
        report.skip(result.id, str(error))
        return
    _written(result, triples, report, log)


def _written(result: Extracted | Converted, triples: int, report: BuildReport, log: TextIO | None) -> None:
    report.add_written(result.events, result.entities, triples)
    if log:
        log.write(json.dumps({"id": result.id, "events": result.events, "entities": result.entities,
                              "triples": triples}) + "\n")
        log.flush()


def _chunks(articles: Iterator[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while chunk := list(islice(iterator, max(1, size))):
        yield chunk


def _open_log(path: Path | None) -> TextIO | None:
    if path is None:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.open("a", encoding="utf-8")
