"""Which paragraphs of an article are running prose (its body), and which line is its headline.

Heuristics that hold across news sites rather than fit one: a paragraph without sentence-final punctuation
is a heading; whatever sits above a "Stand:" line, a date line or a dateline is header material (photo
caption, kicker, headline); a lone short sentence over a headline is a caption; a footer marker ("Dieses
Thema im Programm", "Read more") ends the body. The word lists are in markers.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.read.dates import (
    CAPTION_MAX_WORDS,
    dateline_date,
    header_paragraphs,
    is_date_line,
    is_marker_line,
)
from kg.read.paragraphs import Paragraph, ends_sentence, split_paragraphs
from kg.read.wordlists import markers

HEADING_MAX_WORDS = 30  # a longer line without final punctuation is prose that lost its full stop
HEADER_MAX_WORDS = 30  # above a dateline only short paragraphs are header material
BYLINE_MAX_WORDS = 8
TITLE_TAIL_MAX_WORDS = 8  # source and date a site appends to a repeated headline


@dataclass
class Layout:
    paragraphs: list[Paragraph]
    body: list[tuple[int, int]] = field(default_factory=list)
    title: str | None = None


def layout(text: str, title: str | None = None) -> Layout:
    """Body spans and headline of `text`; `title` (from metadata) is recognised and left out of the body."""
    paragraphs = split_paragraphs(text)
    header_end = _header_boundary(paragraphs)
    footer_start = _footer_start(paragraphs)
    known_title = _normalised(title) if title else None
    result = Layout(paragraphs)
    title_candidates: list[Paragraph] = []
    for index, paragraph in enumerate(paragraphs[:footer_start]):
        kind = _kind(paragraph, index, paragraphs, header_end, known_title)
        if kind == "body":
            result.body.append((paragraph.start, paragraph.end))
        elif kind in ("heading", "header") and not result.body:
            title_candidates.append(paragraph)
    result.title = title or _headline(title_candidates)
    return result


def _kind(
    paragraph: Paragraph, index: int, paragraphs: list[Paragraph], header_end: int, known_title: str | None
) -> str:
    if is_marker_line(paragraph) or is_date_line(paragraph):
        return "date"
    if _is_byline(paragraph):
        return "byline"
    if known_title and _repeats_title(paragraph, known_title):
        return "heading"
    if index < header_end:
        return "caption" if _is_caption_like(paragraph) else "header"
    if not ends_sentence(paragraph.text) and paragraph.words <= HEADING_MAX_WORDS:
        return "heading"
    if header_end == 0 and index == 0 and _is_caption_over_headline(paragraphs):
        return "caption"
    return "body"


def _header_boundary(paragraphs: list[Paragraph]) -> int:
    """Index of the first date marker, date line or dateline at the top; 0 if there is none.

    Paragraphs above it are header material only if they are all short; otherwise the "boundary" is
    a date in the first lines of an article without a header, and nothing is cut.
    """
    for index, paragraph in enumerate(header_paragraphs(paragraphs)):
        if is_marker_line(paragraph) or is_date_line(paragraph) or dateline_date(paragraph):
            above = paragraphs[:index]
            return index if all(p.words <= HEADER_MAX_WORDS for p in above) else 0
    return 0


def _footer_start(paragraphs: list[Paragraph]) -> int:
    """Index of the first footer paragraph after some prose; len(paragraphs) if there is none."""
    prefixes = markers("footer_prefixes")
    lines = set(markers("footer_lines"))
    seen_prose = False
    for index, paragraph in enumerate(paragraphs):
        lowered = paragraph.text.lower()
        if seen_prose and (lowered.startswith(prefixes) or lowered.rstrip(" :") in lines):
            return index
        seen_prose = seen_prose or (ends_sentence(paragraph.text) and paragraph.words > CAPTION_MAX_WORDS)
    return len(paragraphs)


def _is_byline(paragraph: Paragraph) -> bool:
    """'Von Anna Beispiel, ARD-Studio Moskau' / 'By Jane Doe': a byline prefix followed by names."""
    if paragraph.words > BYLINE_MAX_WORDS:
        return False
    lowered = paragraph.text.lower()
    for prefix in markers("byline_prefixes"):
        if lowered.startswith(prefix + " "):
            names = re.findall(r"[^\W\d_][\w'’.-]*", paragraph.text[len(prefix):])
            capitalised = sum(1 for word in names if word[0].isupper())
            return bool(names) and capitalised * 3 >= len(names) * 2
    return False


def _repeats_title(paragraph: Paragraph, known_title: str) -> bool:
    """The headline itself, or the headline with a short tail ("..., Ministry of Foreign Affairs, March 3, 2026.")."""
    text = _normalised(paragraph.text)
    if not text.startswith(known_title):
        return False
    return len(text[len(known_title):].split()) <= TITLE_TAIL_MAX_WORDS


def _is_caption_like(paragraph: Paragraph) -> bool:
    return paragraph.text.rstrip().endswith(".") and paragraph.words <= CAPTION_MAX_WORDS


def _is_caption_over_headline(paragraphs: list[Paragraph]) -> bool:
    """A first paragraph that is one short sentence with a heading right under it."""
    if len(paragraphs) < 3 or not _is_caption_like(paragraphs[0]):
        return False
    following = paragraphs[1]
    return not ends_sentence(following.text) and following.words <= HEADING_MAX_WORDS


def _headline(candidates: list[Paragraph]) -> str | None:
    """The last heading above the body: a kicker on its own line comes before the headline."""
    return candidates[-1].text if candidates else None


def _normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().rstrip(".:!?").casefold()
