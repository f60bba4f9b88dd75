"""HTML pages (.html, .htm): the main text, title and date as trafilatura finds them, htmldate after it.

The article text is the extracted main text, so navigation and boilerplate never reach the pipeline.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from kg.model import Article
from kg.read.article import build_article
from kg.read.dates import parse_date
from kg.read.decode import decode_text, normalise_newlines
from kg.read.errors import UnreadableInput

# Only dates the page states as its own (meta tags, <time>, structured data), not dates found in its prose.
_DATE_SEARCH = {"extensive_search": False, "original_date": True}


def read_html(path: Path, published: date | None = None, language: str | None = None) -> Iterator[Article]:
    yield html_article(path.stem, decode_text(path.read_bytes()), published=published, language=language)


def html_article(
    article_id: str, html: str, *, published: date | None = None, language: str | None = None
) -> Article:
    from trafilatura import bare_extraction

    document = bare_extraction(html, with_metadata=True, date_extraction_params=_DATE_SEARCH)
    text = normalise_newlines(document.text or "").strip() if document else ""
    if not text:
        raise UnreadableInput("no main text found in the HTML page")
    return build_article(
        article_id,
        text,
        published=published or _page_date(document.date, html),
        language=language or _page_language(document.language),
        title=document.title or None,
        url=document.url or None,
        source=document.sitename or None,
    )


def _page_date(metadata_date: str | None, html: str) -> date | None:
    found = parse_date(metadata_date) if metadata_date else None
    if found:
        return found
    from htmldate import find_date

    fallback = find_date(html, **_DATE_SEARCH)
    return parse_date(fallback) if fallback else None


def _page_language(declared: str | None) -> str | None:
    """The page's own `lang` ("de-DE" -> "de"); None lets the text decide."""
    return declared.split("-")[0].lower() if declared else None
