"""Text plus whatever metadata a file gave -> a complete Article.

Each missing field is filled from the text: the publication date from a header position, the language by
detection, the title from the headline, and the body from the layout. An explicit `published` or
`language` from the caller wins over everything.
"""

from __future__ import annotations

from datetime import date

from kg.model import Article
from kg.read.dates import publication_date
from kg.read.language import detect_language
from kg.read.segment import layout


def build_article(
    article_id: str,
    text: str,
    *,
    published: date | None = None,
    language: str | None = None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
) -> Article:
    """An Article for `text`, filling what the caller does not know from the text itself."""
    page = layout(text, title)
    body_text = "\n".join(text[start:end] for start, end in page.body) or text
    return Article(
        id=article_id,
        text=text,
        language=language or detect_language(body_text),
        published=published or publication_date(page.paragraphs),
        title=page.title,
        url=url,
        source=source,
        body=page.body,
    )
