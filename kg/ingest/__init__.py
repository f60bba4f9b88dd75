"""Batch ingest: many articles -> the store, crash-safe and idempotent, in one or many processes.

    run_build(paths, BuildOptions(store=...)) -> BuildReport
    BuildReport.summary() / .to_json() / .write(path)

Engines: in this process, `processes=N` local worker processes, or `cluster=` a Dask scheduler address
(or "local:N"). See docs/ingest.md.
"""

from kg.ingest.report import BuildReport, Note
from kg.ingest.runner import BuildOptions, run_build

__all__ = ["BuildOptions", "BuildReport", "Note", "run_build"]
