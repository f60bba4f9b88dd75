"""JSON Lines (.jsonl, .ndjson): one article per line.

Keys read: id, text, published, url, title, language, source; others are ignored. A line that is not a
JSON object with a text becomes a ReadError and the lines after it are still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from kg.model import Article
from kg.read.article import build_article
from kg.read.dates import parse_date
from kg.read.decode import decode_text
from kg.read.errors import ReadError, UnreadableInput


def read_jsonl(
    path: Path, published: date | None = None, language: str | None = None
) -> Iterator[Article | ReadError]:
    for number, line in enumerate(decode_text(path.read_bytes()).split("\n"), start=1):
        if not line.strip():
            continue
        try:
            yield _line_article(json.loads(line), f"{path.stem}:{number}", published, language)
        except json.JSONDecodeError as exc:
            yield ReadError(str(path), number, f"not valid JSON: {exc.msg} at column {exc.colno}")
        except UnreadableInput as exc:
            yield ReadError(str(path), number, str(exc))


def _line_article(record: Any, default_id: str, published: date | None, language: str | None) -> Article:
    if not isinstance(record, dict):
        raise UnreadableInput(f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise UnreadableInput('no "text" string')
    stated = _optional_str(record, "published")
    stated_date = parse_date(stated) if stated else None
    if stated and not stated_date:
        raise UnreadableInput(f'"published" is not a date: {stated!r}')
    return build_article(
        str(record.get("id") or default_id),
        text,
        published=published or stated_date,
        language=language or _optional_str(record, "language"),
        title=_optional_str(record, "title"),
        url=_optional_str(record, "url"),
        source=_optional_str(record, "source"),
    )


def _optional_str(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise UnreadableInput(f'"{key}" must be a string, got {type(value).__name__}')
    return value
