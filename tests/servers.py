"""Helpers the tests share: stores built from text written in a test, extractions built from a sentence.

Fixtures that use them (`serve`, `build_extraction`) are in conftest.py; tests import these functions
directly (`from servers import store_from_trig`) when they need no fixture.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox

from kg.model import Document, Entity, Event, Extraction, Span


def store_from_trig(path: Path, trig: str) -> Path:
    """An on-disk store at `path` holding the TriG text; closed again, ready for `kg serve`."""
    store = ox.Store(str(path))
    store.load(trig.encode(), format=ox.RdfFormat.TRIG)
    store.flush()
    del store
    return path


def store_from_extractions(path: Path, *extractions: Extraction) -> Path:
    """An on-disk store at `path` with one article graph per extraction, written as `kg build` does."""
    from kg.store import GraphStore

    store = GraphStore.open(path)
    for extraction in extractions:
        assert store.put_extraction(extraction) > 0
    store.flush()
    del store
    return path


def span_in(text: str, phrase: str, occurrence: int = 0) -> Span:
    """The `occurrence`-th appearance of `phrase` in `text` as a Span (ValueError if there is none)."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return Span(phrase, start, start + len(phrase))


def extraction_of(text: str, entities: list[Entity], events: list[Event], doc_id: str = "test-001",
                  published: str = "2024-06-03", language: str = "de", **document: str) -> Extraction:
    """An Extraction of one article whose text the test wrote; `document` adds Document fields."""
    return Extraction(
        document=Document(id=doc_id, published=published, language=language, pipeline=f"{language}:test",
                          **document),
        text=text, entities=entities, events=events,
    )


CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")


def headless_chromium():  # noqa: ANN201 - a selenium WebDriver
    """Debian's chromium driven by its chromedriver, headless (scripts/setup-browser.sh installs both)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
