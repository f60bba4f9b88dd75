"""Ingest throughput: `kg build` against bare spaCy `nlp.pipe` over the same texts with the same pipelines.

The articles are the dev set's real articles (read at run time from ../shared/dev, never stored in the
repository), repeated under distinct ids up to each size. For each size it times

  bare   - `nlp.pipe` of the same texts with the same pipelines, per language, batch size 16, in this process
           (`--bare-processes N`: in N processes that loaded the pipelines beforehand, to compare with
           `--processes N`; see `bare_pool` for why not spaCy's own n_process);
  build  - `run_build` into a fresh on-disk store, as `kg build` does it (reading, screening, content hashes,
           NLP, entities, events, linking, RDF, one transaction per article, report), with the given
           --processes (default 1: one extraction process beside the writing one).

and prints articles/s for both, their ratio (target >= 0.85) and how the build time grows with the size, with
the machine's load average before and after (other work on the machine slows both sides, not always equally).
`build` is timed end to end, including starting the worker and loading its pipelines; `steady` leaves out
the time to the first written chunk.

    python benchmarks/bench_ingest.py --sizes 500,1000,2000 [--processes 1] [--bare-processes 1] [--json results.json]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.ingest import BuildOptions, run_build  # noqa: E402
from kg.nlp import load_pipeline  # noqa: E402

DEV = ROOT.parent / "shared" / "dev" / "articles" / "dev.jsonl"
BARE_BATCH = 16  # the same batch size kg build uses


class Clock:
    """A progress sink that notes when the first chunk was written and when the last was."""

    def __init__(self) -> None:
        self.first: float | None = None
        self.first_count = 0
        self.last = 0.0

    def start(self, total: int | None) -> None:
        pass

    def total(self, total: int) -> None:
        pass

    def advance(self, count: int = 1) -> None:
        now = time.perf_counter()
        if self.first is None:
            self.first, self.first_count = now, count
        self.last = now

    def stop(self) -> None:
        pass


def articles(size: int, records: list[dict]) -> list[dict]:
    """`size` articles cycling through the dev set, each under an id of its own."""
    return [{**records[i % len(records)], "id": f"{records[i % len(records)]['id']}-copy{i}"} for i in range(size)]


def bare_pipe(batch: list[dict], pool=None) -> float:  # noqa: ANN001 - a multiprocessing pool
    """Seconds for `nlp.pipe` over the texts: in this process, or spread over the pool's processes."""
    started = time.perf_counter()
    for lang in sorted({r["language"] for r in batch}):
        texts = [r["text"] for r in batch if r["language"] == lang]
        if pool is None:
            for _ in load_pipeline(lang).pipe(texts, batch_size=BARE_BATCH):
                pass
        else:
            chunks = [(lang, texts[i:i + BARE_BATCH]) for i in range(0, len(texts), BARE_BATCH)]
            assert sum(pool.imap_unordered(_bare_chunk, chunks)) == len(texts)
    return time.perf_counter() - started


def bare_pool(processes: int, languages: list[str]):  # noqa: ANN201 - multiprocessing.Pool
    """N processes that have loaded the pipelines, for bare spaCy on as many cores as `kg build -p N`.

    spaCy's own `nlp.pipe(n_process=N)` cannot run this pipeline: it sends every Doc back to the parent
    with msgpack, and the entity ruler keeps Python objects (its mentions) on the Doc. Here each process runs
    `nlp.pipe` on batches of 16 texts and sends back only a count, so this is an upper bound for spaCy.
    """
    import multiprocessing

    pool = multiprocessing.get_context("spawn").Pool(processes, initializer=_bare_start, initargs=(languages,))
    pool.map(_ready, range(2 * processes), chunksize=1)  # every process has loaded and taken a task
    return pool


def _bare_start(languages: list[str]) -> None:
    for lang in languages:
        load_pipeline(lang)


def _ready(_: int) -> None:
    time.sleep(0.5)


def _bare_chunk(task: tuple[str, list[str]]) -> int:
    lang, texts = task
    for _ in load_pipeline(lang).pipe(texts, batch_size=BARE_BATCH):
        pass
    return len(texts)


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def build(batch: list[dict], folder: Path, processes: int) -> tuple[float, float, int, int]:
    source = folder / "articles.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in batch), encoding="utf-8")
    clock = Clock()
    started = time.perf_counter()
    report = run_build([source], BuildOptions(store=folder / "store", processes=processes), progress=clock)
    total = time.perf_counter() - started
    steady = (report.written - clock.first_count) / (clock.last - clock.first) if clock.last > clock.first else 0
    return total, steady, report.written, report.triples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="500,1000,2000", help="comma-separated article counts")
    parser.add_argument("--processes", type=int, default=1, help="kg build --processes (0: all in one process)")
    parser.add_argument("--bare-processes", type=int, default=1, help="processes running the bare nlp.pipe")
    parser.add_argument("--dev", type=Path, default=DEV, help="the dev set's articles (JSON Lines)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    if not args.dev.exists():
        sys.exit(f"no dev articles at {args.dev}")
    records = [json.loads(line) for line in args.dev.read_text(encoding="utf-8").splitlines() if line.strip()]
    sizes = [int(s) for s in args.sizes.split(",")]

    languages = sorted({r["language"] for r in records})
    for lang in languages:
        load_pipeline(lang)
    pool = bare_pool(args.bare_processes, languages) if args.bare_processes > 1 else None
    for _ in range(args.bare_processes):
        bare_pipe(records, pool)  # warm-up: caches filled as they would be in a long run

    rows = []
    against = f"nlp.pipe(batch_size={BARE_BATCH})" + (f" in {args.bare_processes} processes" if pool else "")
    print(f"kg build --processes {args.processes} --chunk-size 16 against {against}; {os.cpu_count()} CPUs; "
          f"load average {load()}")
    print(f"{'articles':>8} {'bare/s':>8} {'build/s':>8} {'steady/s':>9} {'ratio':>6} {'steady':>7} "
          f"{'build s':>8} {'triples':>8}")
    for size in sizes:
        batch = articles(size, records)
        bare = bare_pipe(batch, pool)
        with tempfile.TemporaryDirectory() as folder:
            total, steady, written, triples = build(batch, Path(folder), args.processes)
        assert written == size, f"only {written} of {size} articles were written"
        row = {"articles": size, "bare_per_s": size / bare, "build_per_s": size / total, "steady_per_s": steady,
               "ratio": bare / total, "steady_ratio": steady * bare / size, "build_seconds": total,
               "bare_seconds": bare, "triples": triples, "processes": args.processes,
               "bare_processes": args.bare_processes, "load_after": load()}
        rows.append(row)
        print(f"{size:>8} {row['bare_per_s']:>8.1f} {row['build_per_s']:>8.1f} {steady:>9.1f} {row['ratio']:>6.2f} "
              f"{row['steady_ratio']:>7.2f} {total:>8.1f} {triples:>8}", flush=True)
    print(f"load average at the end {load()}")
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        growth = last["build_seconds"] / first["build_seconds"]
        print(f"time grows x{growth:.2f} for x{last['articles'] / first['articles']:.2f} articles "
              f"(per article: {1000 * first['build_seconds'] / first['articles']:.1f} ms at {first['articles']}, "
              f"{1000 * last['build_seconds'] / last['articles']:.1f} ms at {last['articles']})")
    if pool is not None:
        pool.terminate()
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
