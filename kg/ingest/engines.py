"""Where extraction runs: in this process, in a pool of local processes, or on a Dask cluster.

Each engine maps `extract_chunk` (or `extract_chunk_as_graphs`) over chunks of articles and yields the
results chunk by chunk, in any order (every article is its own transaction, so order does not change the
graph). Only the calling process writes to the store: the embedded store has one writer.

The default is one worker process beside the writing process: NLP in one, RDF and the store writes in the
other, so the writing costs (almost) no NLP time. `processes=0` does everything in the calling process.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Iterable, Iterator
from typing import Protocol

from kg.ingest.work import Analysed, Failed, Result, analyse_chunk, extract_chunk, finish, warm_up
from kg.model import Article, Extraction

ChunkResults = list[Extraction | Failed] | list[Result]
_PR_SET_PDEATHSIG = 1  # linux/prctl.h


class Engine(Protocol):
    name: str

    def run(self, chunks: Iterable[list[Article]]) -> Iterator[ChunkResults]: ...

    def close(self) -> None: ...


class InProcess:
    """Extraction in the calling process, chunk after chunk."""

    name = "in-process"

    def __init__(self, languages: Iterable[str]) -> None:
        warm_up(languages)

    def run(self, chunks: Iterable[list[Article]]) -> Iterator[ChunkResults]:
        return map(extract_chunk, chunks)

    def close(self) -> None:
        pass


class ProcessPool:
    """N local worker processes (spawned, so none inherits the store's open files), each loading spaCy once.

    `imap` keeps the input order and reads ahead as the workers take chunks.
    """

    def __init__(self, processes: int, languages: Iterable[str]) -> None:
        self.name = f"processes:{processes}"
        context = multiprocessing.get_context("spawn")
        self._pool = context.Pool(processes, initializer=_start_worker, initargs=(tuple(languages),))
        # one worker does only the NLP and the writing process the rest; more workers do it all themselves,
        # or the writing process would become the bottleneck
        self._work = analyse_chunk if processes == 1 else extract_chunk
        if processes == 1:
            warm_up(languages)

    def run(self, chunks: Iterable[list[Article]]) -> Iterator[ChunkResults]:
        for results in self._pool.imap(self._work, chunks):
            yield [done for result in results
                   for done in (finish(result) if isinstance(result, Analysed) else [result])]

    def close(self) -> None:
        self._pool.terminate()
        self._pool.join()


def _start_worker(languages: tuple[str, ...]) -> None:
    """Die with the writing process (even on kill -9), then load the pipelines."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    warm_up(languages)


def make_engine(processes: int = 1, cluster: str | None = None, languages: Iterable[str] = ("de", "en")) -> Engine:
    """The engine the options ask for: `cluster` (a Dask scheduler address or "local:N") wins over `processes`."""
    languages = tuple(languages)
    if cluster:
        from kg.ingest.cluster import DaskEngine

        return DaskEngine.connect(cluster, languages)
    if processes >= 1:
        return ProcessPool(processes, languages)
    return InProcess(languages)
