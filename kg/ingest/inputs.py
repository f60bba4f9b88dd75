"""Paths, directories and globs -> articles, with every input that is left out noted in the report."""

from __future__ import annotations

import glob
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from kg.ingest.report import BuildReport
from kg.ingest.screen import BOMLESS_UTF16, MAX_FILE_BYTES, encoding_hint, file_too_large
from kg.model import Article
from kg.read.paths import expand_paths


def read_inputs(paths: Iterable[str | Path], report: BuildReport, published: date | None = None,
                language: str | None = None, max_bytes: int = MAX_FILE_BYTES) -> Iterator[tuple[str, Article]]:
    """(where it came from, article) for every article in `paths`, in path order.

    Files and lines that cannot be read go to `report.skipped`, with the reader's reason.
    """
    from kg.read import ReadError, read_file
    from kg.read.paths import READERS

    for given in paths:
        files = list(expand_paths(str(given)))
        if not files:
            report.skip(str(given), _nothing_found(str(given)))
        for path, explicit in files:
            if not explicit and path.suffix.lower() not in READERS:
                continue
            too_large = file_too_large(path, max_bytes)
            if too_large:
                report.skip(str(path), too_large)
                continue
            hint = encoding_hint(path) if path.suffix.lower() in READERS else None
            read_any = False
            for item in read_file(path, published, language):
                if isinstance(item, ReadError):
                    where = item.path if item.line is None else f"{item.path}:{item.line}"
                    explains = hint == BOMLESS_UTF16 and item.line is None
                    reason = f"{item.reason} ({hint})" if explains else item.reason
                    report.skip(where, reason)
                else:
                    read_any = True
                    report.read += 1
                    yield f"{path} [{item.id}]", item
            if hint and read_any:
                report.warn(str(path), hint)


def _nothing_found(given: str) -> str:
    if Path(given).is_dir():
        return "no files in this directory"
    return "no file matches this pattern" if glob.has_magic(given) else "no such file or directory"
