"""Ingest throughput: `kg build` against bare spaCy `nlp.pipe` over the same texts with the same pipelines.

The articles are the dev set's real articles (read at run time from ../shared/dev, never stored in the
repository), repeated under distinct ids up to each size. For each size it times

  bare   - `nlp.pipe` of the same texts with the same loaded pipelines, per language, in this process;
  build  - `run_build` into a fresh on-disk store, as `kg build` does it (reading, screening, content hashes,
           NLP, entities, events, linking, RDF, one transaction per article, report), with the given
           --processes (default 1: one extraction process beside the writing one).

and prints articles/s for both, their ratio (target >= 0.85) and how the build time grows with the size.
`build` is timed end to end, including starting the worker and loading its pipelines; `steady` leaves out
the time to the first written chunk.

    python benchmarks/bench_ingest.py --sizes 500,1000,2000 [--processes 1] [--json results.json]
"""

from __future__ import annotations

import argparse
import json
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


def bare_pipe(batch: list[dict]) -> float:
    started = time.perf_counter()
    for lang in sorted({r["language"] for r in batch}):
        nlp = load_pipeline(lang)
        for _ in nlp.pipe((r["text"] for r in batch if r["language"] == lang), batch_size=BARE_BATCH):
            pass
    return time.perf_counter() - started


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
    parser.add_argument("--dev", type=Path, default=DEV, help="the dev set's articles (JSON Lines)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    if not args.dev.exists():
        sys.exit(f"no dev articles at {args.dev}")
    records = [json.loads(line) for line in args.dev.read_text(encoding="utf-8").splitlines() if line.strip()]
    sizes = [int(s) for s in args.sizes.split(",")]

    for lang in sorted({r["language"] for r in records}):
        load_pipeline(lang)
    bare_pipe(records)  # warm-up: caches filled as they would be in a long run

    rows = []
    print(f"{'articles':>8} {'bare/s':>8} {'build/s':>8} {'steady/s':>9} {'ratio':>6} {'steady':>7} "
          f"{'build s':>8} {'triples':>8}")
    for size in sizes:
        batch = articles(size, records)
        bare = bare_pipe(batch)
        with tempfile.TemporaryDirectory() as folder:
            total, steady, written, triples = build(batch, Path(folder), args.processes)
        assert written == size, f"only {written} of {size} articles were written"
        row = {"articles": size, "bare_per_s": size / bare, "build_per_s": size / total, "steady_per_s": steady,
               "ratio": bare / total, "steady_ratio": steady * bare / size, "build_seconds": total,
               "bare_seconds": bare, "triples": triples, "processes": args.processes}
        rows.append(row)
        print(f"{size:>8} {row['bare_per_s']:>8.1f} {row['build_per_s']:>8.1f} {steady:>9.1f} {row['ratio']:>6.2f} "
              f"{row['steady_ratio']:>7.2f} {total:>8.1f} {triples:>8}", flush=True)
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        growth = last["build_seconds"] / first["build_seconds"]
        print(f"time grows x{growth:.2f} for x{last['articles'] / first['articles']:.2f} articles "
              f"(per article: {1000 * first['build_seconds'] / first['articles']:.1f} ms at {first['articles']}, "
              f"{1000 * last['build_seconds'] / last['articles']:.1f} ms at {last['articles']})")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
