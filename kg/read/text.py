"""Plain-text articles (.txt, .text, .md): one file, one article, id = file stem."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from kg.model import Article
from kg.read.article import build_article
from kg.read.decode import decode_text
from kg.read.errors import UnreadableInput


def read_text(path: Path, published: date | None = None, language: str | None = None) -> Iterator[Article]:
    text = decode_text(path.read_bytes())
    if not text.strip():
        raise UnreadableInput("empty file")
    yield build_article(path.stem, text, published=published, language=language)
