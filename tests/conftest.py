"""Shared fixtures: the seed article and extraction helpers (pipelines load once per session)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kg.model import Article, Extraction

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_c56ab70738da21e2.txt"


@pytest.fixture(scope="session")
def seed_article() -> Article:
    from kg.read import read_file

    (article,) = list(read_file(SEED))
    return article


@pytest.fixture(scope="session")
def seed_extraction(seed_article: Article) -> Extraction:
    from kg.extract import extract

    return extract(seed_article)


def make_article(text: str, lang: str, published: date = date(2024, 6, 26), article_id: str = "t") -> Article:
    return Article(id=article_id, text=text, language=lang, published=published, body=[(0, len(text))])


@pytest.fixture(scope="session")
def run():
    """Extract one article written in the test: run(text, lang, published=...)."""
    from kg.extract import extract

    def _run(text: str, lang: str, published: date = date(2024, 6, 26)) -> Extraction:
        return extract(make_article(text, lang, published))

    return _run
