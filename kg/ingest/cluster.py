"""Extraction on a Dask distributed cluster, for batches one machine cannot do in time.

Why Dask rather than Ray: Dask distributed is a pure-Python, pip-installable scheduler that starts from the
same virtualenv with two commands (`dask scheduler`, `dask worker ADDRESS`) or in-process as a
`LocalCluster`; its worker plugins give exactly the "load spaCy once per worker" hook we need, and it pulls
in a handful of small dependencies. Ray brings its own object store, dashboard and a large binary wheel for
what is here a plain map over chunks. See docs/ingest.md.

Workers must be able to import `kg` (install the package, or share PYTHONPATH); each loads the pipelines
once, when it joins, through `LoadPipelines`. Chunks are submitted a few at a time so memory stays flat
however large the input.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from itertools import islice

from kg.ingest.work import Result, extract_chunk_as_graphs, warm_up
from kg.model import Article

CHUNKS_IN_FLIGHT_PER_WORKER = 4
CONNECT_TIMEOUT = "30s"


def _plugin_class():  # noqa: ANN202 - defined lazily so importing kg does not import distributed
    from distributed.diagnostics.plugin import WorkerPlugin

    class LoadPipelines(WorkerPlugin):
        """Loads the spaCy pipelines and the knowledge base when a worker starts (or joins later)."""

        idempotent = True

        def __init__(self, languages: tuple[str, ...]) -> None:
            self.languages = languages

        def setup(self, worker) -> None:  # noqa: ANN001 - distributed.Worker
            warm_up(self.languages)

    return LoadPipelines


class DaskEngine:
    def __init__(self, client, cluster=None) -> None:  # noqa: ANN001 - distributed types
        self.client = client
        self._local_cluster = cluster
        self.name = f"dask:{client.scheduler.address}"

    @classmethod
    def connect(cls, address: str, languages: Iterable[str]) -> DaskEngine:
        """`address` is a scheduler ("tcp://host:8786") or "local:N" for N worker processes on this machine."""
        try:
            from distributed import Client, LocalCluster
        except ImportError as error:
            raise RuntimeError("the cluster engine needs Dask: pip install 'dask[distributed]'") from error
        cluster = None
        if address.startswith("local:"):
            workers = _worker_count(address)
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.ERROR)
            client = Client(cluster)
        else:
            try:
                client = Client(address, timeout=CONNECT_TIMEOUT)
            except OSError as error:
                raise RuntimeError(f"cannot reach the Dask scheduler at {address}: {error}") from error
        client.register_plugin(_plugin_class()(tuple(languages)), name="kg-load-pipelines")
        return cls(client, cluster)

    def run(self, chunks: Iterable[list[Article]]) -> Iterator[list[Result]]:
        from distributed import as_completed

        remaining = iter(chunks)
        workers = max(1, len(self.client.scheduler_info()["workers"]))
        window = as_completed()
        for chunk in islice(remaining, workers * CHUNKS_IN_FLIGHT_PER_WORKER):
            window.add(self.client.submit(extract_chunk_as_graphs, chunk, pure=False))
        for future in window:
            results = future.result()
            future.release()
            following = next(remaining, None)
            if following is not None:
                window.add(self.client.submit(extract_chunk_as_graphs, following, pure=False))
            yield results

    def close(self) -> None:
        self.client.close()
        if self._local_cluster is not None:
            self._local_cluster.close()


def _worker_count(address: str) -> int:
    count = address.partition(":")[2]
    if not count.isdigit() or int(count) < 1:
        raise ValueError(f"{address!r}: write local:N with N >= 1 worker processes")
    return int(count)
