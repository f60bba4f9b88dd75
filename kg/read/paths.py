"""Files, directories and glob patterns -> articles, each file read by the reader its suffix names."""

from __future__ import annotations

import glob
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path

from kg.model import Article
from kg.read.errors import ReadError, UnreadableInput
from kg.read.html import read_html
from kg.read.jsonl import read_jsonl
from kg.read.text import read_text

Reader = Callable[[Path, date | None, str | None], Iterator[Article | ReadError]]

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
}


def read_paths(
    paths: Iterable[str | Path], published: date | None = None, language: str | None = None
) -> Iterator[Article | ReadError]:
    """Every article in the given files, directories (recursively) and glob patterns, in path order.

    Inside directories and globs, files of other types are skipped; a file named explicitly that no
    reader handles, or a path that matches nothing, is reported as a ReadError.
    """
    for given in paths:
        found = False
        for path, explicit in expand_paths(str(given)):
            found = True
            if explicit or path.suffix.lower() in READERS:
                yield from read_file(path, published, language)
        if not found:
            yield ReadError(str(given), None, _nothing_found(str(given)))


def read_file(
    path: str | Path, published: date | None = None, language: str | None = None
) -> Iterator[Article | ReadError]:
    """The articles of one file; `published`/`language`, when given, override what the file says."""
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        reason = f"unsupported file type {path.suffix or '(none)'!r}; expected one of {known}"
        yield ReadError(str(path), None, reason)
        return
    try:
        yield from reader(path, published, language)
    except UnreadableInput as exc:
        yield ReadError(str(path), None, str(exc))
    except OSError as exc:
        yield ReadError(str(path), None, exc.strerror or str(exc))


def expand_paths(given: str) -> Iterator[tuple[Path, bool]]:
    """(file, named explicitly?) for a path, a directory or a glob pattern; nothing if nothing exists."""
    path = Path(given)
    if path.is_dir():
        yield from ((p, False) for p in sorted(path.rglob("*")) if p.is_file())
    elif path.exists():
        yield path, True
    elif glob.has_magic(given):
        matches = sorted(glob.glob(given, recursive=True))
        for match in matches:
            yield from expand_paths(match) if Path(match).is_dir() else [(Path(match), False)]


def _nothing_found(given: str) -> str:
    if Path(given).is_dir():
        return "no files in this directory"
    return "no file matches this pattern" if glob.has_magic(given) else "no such file or directory"
