"""Publication dates stated in the text itself.

Only dates in a publication position count: a "Stand:/Published:" line, a line near the top that is
little more than a date, or a dateline ("BERLIN, 26. Juni 2024 –"). A date in running prose tells when
something happened, not when the article appeared, and is never taken.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date
from functools import lru_cache

from kg.read.paragraphs import Paragraph, ends_sentence
from kg.read.wordlists import markers

HEADER_PARAGRAPHS = 5  # datelines and date lines sit within the first few paragraphs
MARKER_LINE_MAX_WORDS = 15
CAPTION_MAX_WORDS = 12  # a photo caption above the headline is a short sentence
_DATE_LINE_MAX_OTHER_WORDS = 2  # "Bern, Medienmitteilung, 16.02.2016", "Friday, August 12, 2016"

_ISO = r"(?P<iso>\d{4}-\d{2}-\d{2})"
_NUMERIC = r"(?P<numeric>\d{1,2}\.\s?\d{1,2}\.\s?\d{4})"
_DAY_MONTH = r"(?P<day_month>\d{1,2}(?:\.|st|nd|rd|th)?\s+[^\W\d_]{3,}\.?\s+\d{4})"
_MONTH_DAY = r"(?P<month_day>[^\W\d_]{3,}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})"
_DATE = re.compile(rf"(?<![\w.-])(?:{_ISO}|{_NUMERIC}|{_DAY_MONTH}|{_MONTH_DAY})(?![\w-])")
_DATEPARSER_SETTINGS = {
    "STRICT_PARSING": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PARSERS": ["absolute-time"],
}
_DATELINE = re.compile(r"^[^\W\d][^\n.;:]{0,40}?,\s*$")  # the place before the date: "BERLIN, "
_DATELINE_DASH = re.compile(r"^\s*(?:Uhr\s*)?[-–—]\s")


def find_dates(text: str) -> Iterator[tuple[re.Match[str], date]]:
    """Every date written out in `text`, with its match."""
    for match in _DATE.finditer(text):
        parsed = _parse(match)
        if parsed:
            yield match, parsed


def parse_date(value: str) -> date | None:
    """A date given as a string in metadata: ISO first, then any form the text forms allow."""
    value = value.strip()
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        pass
    return next((found for _, found in find_dates(value)), None)


def is_marker_line(paragraph: Paragraph) -> bool:
    """A short "Stand: <date>" / "Published <date>" paragraph."""
    if paragraph.words > MARKER_LINE_MAX_WORDS:
        return False
    lowered = paragraph.text.lower()
    for marker in markers("date_markers"):
        if lowered.startswith(marker) and not lowered[len(marker): len(marker) + 1].isalpha():
            return any(True for _ in find_dates(paragraph.text))
    return False


def is_date_line(paragraph: Paragraph) -> bool:
    """A short paragraph that is a date plus at most a few words ("Medienmitteilung, 22.06.2018")."""
    if paragraph.words > 12:
        return False
    for match, _ in find_dates(paragraph.text):
        rest = paragraph.text[: match.start()] + " " + paragraph.text[match.end():]
        rest = re.sub(r"\b\d{1,2}:\d{2}\b|\bUhr\b|\b(?:a|p)\.?m\.?\b", " ", rest, flags=re.IGNORECASE)
        return len(re.findall(r"\w+", rest)) <= _DATE_LINE_MAX_OTHER_WORDS
    return False


def dateline_date(paragraph: Paragraph) -> date | None:
    """The date of a dateline that opens the paragraph: "BERLIN, 26. Juni 2024 – ..."."""
    for match, found in find_dates(paragraph.text[:80]):
        before, after = paragraph.text[: match.start()], paragraph.text[match.end():]
        if (_DATELINE.match(before) or not before.strip()) and _DATELINE_DASH.match(after):
            return found
        return None
    return None


def publication_date(paragraphs: Sequence[Paragraph]) -> date | None:
    """The date of the first marker line, else of a date line or dateline in the header."""
    for paragraph in paragraphs:
        if is_marker_line(paragraph):
            found = next((d for _, d in find_dates(paragraph.text)), None)
            if found:
                return found
    for paragraph in header_paragraphs(paragraphs):
        if is_date_line(paragraph):
            return next(d for _, d in find_dates(paragraph.text))
        found = dateline_date(paragraph)
        if found:
            return found
    return None


def header_paragraphs(paragraphs: Sequence[Paragraph]) -> list[Paragraph]:
    """The top of the article: its first few paragraphs up to and including the first one of prose."""
    header = []
    for paragraph in paragraphs[:HEADER_PARAGRAPHS]:
        header.append(paragraph)
        if ends_sentence(paragraph.text) and paragraph.words > CAPTION_MAX_WORDS:
            break
    return header


def _parse(match: re.Match[str]) -> date | None:
    text = match.group()
    try:
        if match.group("iso"):
            return date.fromisoformat(text)
        if match.group("numeric"):
            day, month, year = (int(part) for part in re.findall(r"\d+", text))
            return date(year, month, day)
    except ValueError:
        return None
    return _parse_month_name(text)


@lru_cache(maxsize=4096)  # dateparser is slow and an archive names the same days again and again
def _parse_month_name(text: str) -> date | None:
    """'26. Juni 2024', 'June 26, 2024': dateparser knows the month names, we only ask it for these."""
    import dateparser

    parsed = dateparser.parse(text, languages=["de", "en"], settings=_DATEPARSER_SETTINGS)
    return parsed.date() if parsed else None
