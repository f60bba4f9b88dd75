"""Dates stated in a sentence, resolved against the publication date, with their precision.

"am 15. März 2023" -> 2023-03-15; "am Dienstag" -> the last Tuesday on or before publication; "Anfang des
Monats" -> the publication month; "last week" -> the month of that week. Dates after "seit"/"since" say
how long something has lasted, not when the event happened, and are skipped.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import yaml

HERE = Path(__file__).parent


@cache
def _calendar(lang: str) -> dict:
    return yaml.safe_load((HERE / "calendar.yaml").read_text(encoding="utf-8"))[lang]


@cache
def _patterns(lang: str) -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    cal = _calendar(lang)
    months = "|".join(sorted(cal["months"], key=len, reverse=True))
    weekdays = "|".join(cal["weekdays"])
    if lang == "de":
        full = rf"(?P<day>\d{{1,2}})\.\s*(?P<month>{months})(?:\s+(?P<year>\d{{4}}))?"
    else:
        full = (rf"(?:(?P<month>{months})\.?\s+(?P<day>\d{{1,2}})(?!\d)(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?"
                rf"|(?P<day2>\d{{1,2}})\s+(?P<month2>{months})(?:\s+(?P<year2>\d{{4}}))?)")
    numeric = r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})"
    month_year = rf"(?P<month>{months})\s+(?P<year>\d{{4}})"
    suffixes = "|".join(cal.get("weekday_suffixes", ()))
    weekday = rf"\b(?P<weekday>{weekdays})(?:{suffixes})?\b" if suffixes else rf"\b(?P<weekday>{weekdays})\b"
    flags = re.IGNORECASE
    return (re.compile(rf"\b(?:{full}|{numeric})", flags), re.compile(rf"\b{month_year}\b", flags),
            re.compile(weekday, flags), re.compile(r"\b(?P<year>(?:19|20)\d\d)\b"))


def same_day_phrases(lang: str) -> tuple[str, ...]:
    """Words that put an event on the day of the one told before it ("Stunden später", "later that day")."""
    return tuple(_calendar(lang).get("same_day_as_before", ())) if lang in ("de", "en") else ()


def _since_before(text: str, start: int, lang: str) -> bool:
    """The date is governed by "seit"/"since" ("seit dem 15. März", "Since Russia's invasion in February
    2022, ..."): it says how long, not when. The phrase reaches back to the last comma."""
    window = text[max(0, start - 80) : start].casefold()
    return any(re.search(rf"\b{w}\b[^,;.:]*$", window) for w in _calendar(lang)["since"])


def resolve_date(text: str, published: date | None, lang: str, forward: bool = False) -> str | None:
    """The first date the text states for an event, as YYYY, YYYY-MM or YYYY-MM-DD. `forward`: the text is
    in the present, so a bare weekday is the next one ("Am Dienstag empfängt ...")."""
    if lang not in ("de", "en"):
        return None
    full, month_year, weekday, year = _patterns(lang)
    cal = _calendar(lang)
    span = _span_of_days(text, published, lang)
    if span:
        return span
    for match in full.finditer(text):
        if _since_before(text, match.start(), lang):
            continue
        g = match.groupdict()
        if g.get("y"):
            return _iso(int(g["y"]), int(g["m"]), int(g["d"]))
        month = cal["months"][(g.get("month") or g.get("month2")).casefold()]
        day = int(g.get("day") or g.get("day2"))
        year_text = g.get("year") or g.get("year2")
        the_year = int(year_text) if year_text else _year_near(month, day, published)
        if the_year:
            return _iso(the_year, month, day)
    lowered = text.casefold()
    if published:
        for phrase in cal["this_month"]:
            if phrase in lowered:
                return f"{published.year:04d}-{published.month:02d}"
        for phrase in cal["last_month"]:
            if phrase in lowered:
                prev = published.replace(day=1) - timedelta(days=1)
                return f"{prev.year:04d}-{prev.month:02d}"
        for word, back in cal["days_ago"].items():
            if re.search(rf"\b{word}\b", lowered):
                return (published - timedelta(days=back)).isoformat()
        match = weekday.search(text)
        if match and not _since_before(text, match.start(), lang):
            wanted = cal["weekdays"][match.group("weekday").casefold()]
            if forward:
                return (published + timedelta(days=(wanted - published.weekday()) % 7)).isoformat()
            back = (published.weekday() - wanted) % 7
            return (published - timedelta(days=back)).isoformat()
        for phrase in cal.get("day_parts", ()):
            if phrase in lowered:
                return published.isoformat()
        for phrase in cal.get("weekend", ()):
            if phrase in lowered:  # a weekend spans two days: its month
                saturday = published - timedelta(days=(published.weekday() - 5) % 7)
                return f"{saturday.year:04d}-{saturday.month:02d}"
        for phrase in cal["last_week"]:
            if phrase in lowered:
                day = published - timedelta(days=7)
                return f"{day.year:04d}-{day.month:02d}"
    match = month_year.search(text)
    if match and not _since_before(text, match.start(), lang):
        return f"{int(match.group('year')):04d}-{cal['months'][match.group('month').casefold()]:02d}"
    return _part_of_month(text, published, lang)


def _span_of_days(text: str, published: date | None, lang: str) -> str | None:
    """"am 3. und 4. März 2026", "from June 10 to 12": an event over several days takes the month."""
    cal = _calendar(lang)
    months = "|".join(sorted(cal["months"], key=len, reverse=True))
    joiners = "|".join(cal.get("range_joiners", ()))
    if not joiners:
        return None
    if lang == "de":
        pattern = rf"\b\d{{1,2}}\.\s*(?:{joiners})\s*\d{{1,2}}\.\s*(?P<month>{months})(?:\s+(?P<year>\d{{4}}))?"
    else:
        pattern = (rf"\b(?P<month>{months})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\s*(?:{joiners})\s*\d{{1,2}}\b"
                   rf"(?:,?\s+(?P<year>\d{{4}}))?")
    match = re.search(pattern, text, re.IGNORECASE)
    if not match or _since_before(text, match.start(), lang):
        return None
    month = cal["months"][match.group("month").casefold()]
    if match.group("year"):
        return f"{int(match.group('year')):04d}-{month:02d}"
    if published is None:
        return None
    year = published.year if month <= published.month else published.year - 1
    return f"{year:04d}-{month:02d}"


def _part_of_month(text: str, published: date | None, lang: str) -> str | None:
    """"Anfang August", "in early May": the month, in the year that puts it on or before publication."""
    cal = _calendar(lang)
    parts = "|".join(cal.get("month_parts", ()))
    if not parts or published is None:
        return None
    months = "|".join(sorted(cal["months"], key=len, reverse=True))
    match = re.search(rf"\b(?:{parts})\s+(?P<month>{months})\b", text, re.IGNORECASE)
    if not match or _since_before(text, match.start(), lang):
        return None
    month = cal["months"][match.group("month").casefold()]
    year = published.year if month <= published.month else published.year - 1
    return f"{year:04d}-{month:02d}"


def _year_near(month: int, day: int, published: date | None) -> int | None:
    """A day and month without a year: the latest such date on or before publication (news tells the past)."""
    if published is None:
        return None
    try:
        candidate = date(published.year, month, day)
    except ValueError:
        return None
    return published.year if candidate <= published + timedelta(days=7) else published.year - 1


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
