"""Numbers an event counts: "jeweils 90 Soldaten", "1.348", "$203 million", "three guided missiles"."""

from __future__ import annotations

import re

SCALES = {"million": 1e6, "millionen": 1e6, "mio": 1e6, "billion": 1e9, "milliarde": 1e9, "milliarden": 1e9,
          "thousand": 1e3, "tausend": 1e3}
WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
         "ten": 10, "twelve": 12, "dozen": 12, "hundred": 100,
         "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10,
         "zwölf": 12}
NUMBER = re.compile(
    r"(?<![\w.,])(?P<num>\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]\d+)?)(?:\s*(?P<scale>million|millionen|mio\.?|billion|"
    r"milliarden?|thousand|tausend))?(?![\w])",
    re.IGNORECASE,
)
YEAR = re.compile(r"^(19|20)\d\d$")


def parse_number(text: str, lang: str) -> float | None:
    text = text.strip()
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", text):
        sep = "." if lang == "de" else ","
        if sep in text:
            return float(text.replace(sep, ""))
    try:
        return float(text.replace(",", ".") if lang == "de" else text.replace(",", ""))
    except ValueError:
        return WORDS.get(text.casefold())


def find_quantity(text: str, lang: str, skip: tuple[str, ...] = ()) -> int | float | None:
    """The first count in `text` that is not a year, a date or a clock time."""
    for match in NUMBER.finditer(text):
        raw = match.group("num")
        if YEAR.match(raw) or raw in skip:
            continue
        after = text[match.end() : match.end() + 2]
        if after.startswith(".") and lang == "de" and re.match(r"\.\s*[A-ZÄÖÜa-zäöü]", after + " "):
            if re.match(r"\.\s*\w", text[match.end() : match.end() + 12]) and _month_follows(text, match.end()):
                continue  # "15. März"
        if ":" in text[match.start() - 1 : match.start()] or text[match.end() : match.end() + 1] == ":":
            continue
        if _month_before(text, match.start()):
            continue  # "March 19", "KYIV, March 19 (Reuters)": a day, not a count
        value = parse_number(raw, lang)
        if value is None:
            continue
        scale = match.group("scale")
        if scale:
            value *= SCALES[scale.rstrip(".").casefold()]
        return int(value) if float(value).is_integer() else value
    for word, value in WORDS.items():
        if re.search(rf"\b{word}\b", text, re.IGNORECASE):
            return value
    return None


def _month_follows(text: str, end: int) -> bool:
    following = text[end + 1 : end + 14].strip().casefold()
    months = ("jan", "feb", "mär", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "dez")
    return following.startswith(months)


ENGLISH_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                  "october", "november", "december", "jan.", "feb.", "aug.", "sept.", "oct.", "nov.", "dec.")


def _month_before(text: str, start: int) -> bool:
    words = text[max(0, start - 12) : start].strip().casefold().split()
    return bool(words) and words[-1].startswith(ENGLISH_MONTHS)
