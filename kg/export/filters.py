"""Which events an export or the graph page shows: a date range, event types, one actor, one article.

The same `Filters` serve `kg export` and the server, so a file and the page agree on what they hold.
An event's time is its stated date as an interval (a month is all its days), or, where the text states
none, its not-after day (the publication date). An event passes the date range when that interval overlaps
it; the actor filter keeps the events the actor takes part in (its neighbourhood).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

from kg.model import EVENT_TYPES

PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class FilterError(ValueError):
    """A filter value that cannot be understood; the message says which and what is expected."""


@dataclass(frozen=True)
class Filters:
    since: date | None = None
    until: date | None = None
    types: frozenset[str] = field(default_factory=frozenset)
    actor: str | None = None  # as the user gave it: an IRI, a Wikidata Q-id or a label
    article: str | None = None  # an article id or its IRI

    def passes_date(self, first: date | None, last: date | None) -> bool:
        """Whether the interval [first, last] overlaps the date range; undated events pass only without one."""
        if first is None or last is None:
            return self.since is None and self.until is None
        return (self.since is None or last >= self.since) and (self.until is None or first <= self.until)

    def passes_type(self, event_type: str) -> bool:
        return not self.types or event_type in self.types

    def is_empty(self) -> bool:
        return self == Filters()


def parse_filters(since: str | None = None, until: str | None = None, types: list[str] | str | None = None,
                  actor: str | None = None, article: str | None = None) -> Filters:
    """Filters from user input (CLI options, query parameters); `FilterError` names a bad value."""
    first = interval(since, "since")[0] if since else None
    last = interval(until, "until")[1] if until else None
    if first and last and first > last:
        raise FilterError(f"the date range is empty: since {since} is after until {until}")
    return Filters(since=first, until=last, types=_types(types), actor=_blank_to_none(actor),
                   article=_blank_to_none(article))


def interval(value: str, what: str = "date") -> tuple[date, date]:
    """'2024' -> (2024-01-01, 2024-12-31); '2024-06' -> the month; '2024-06-26' -> that day."""
    match = PARTIAL_DATE.match(value.strip())
    if not match:
        raise FilterError(f"{what}: {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        if month is None:
            return date(year, 1, 1), date(year, 12, 31)
        if day is None:
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        return date(year, month, day), date(year, month, day)
    except ValueError as error:
        raise FilterError(f"{what}: {value!r} is not a valid date ({error})") from None


def _types(types: list[str] | str | None) -> frozenset[str]:
    if not types:
        return frozenset()
    items = [types] if isinstance(types, str) else list(types)
    wanted = {part.strip().upper() for item in items for part in item.split(",") if part.strip()}
    unknown = sorted(wanted - set(EVENT_TYPES))
    if unknown:
        raise FilterError(f"unknown event type(s) {', '.join(unknown)}; known: {', '.join(EVENT_TYPES)}")
    return frozenset(wanted)


def _blank_to_none(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None
