"""Shared fixtures: the seed article, extraction helpers (pipelines load once per session), live servers.

Plain helpers (stores from TriG or extractions, spans, extractions) are in tests/servers.py.
"""

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


@pytest.fixture(scope="module")
def serve(tmp_path_factory: pytest.TempPathFactory):
    """Start real `kg serve` processes for this module: serve(store_dir, *options) -> base URL.

    Each runs on a free loopback port with --quiet and its own log file; all stop when the module ends.
    """
    from contextlib import ExitStack

    from kg.serve.launch import running_server

    with ExitStack() as servers:
        def start(store_dir: Path, *options: str) -> str:
            log = tmp_path_factory.mktemp("serve") / "serve.log"
            return servers.enter_context(running_server(store_dir, "--quiet", *options, log=log))

        yield start


@pytest.fixture(scope="session")
def build_extraction():
    """extraction_of from tests/servers.py, for tests that prefer a fixture to an import."""
    from servers import extraction_of

    return extraction_of
