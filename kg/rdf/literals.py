"""Typed literals: dates by precision, numbers as xsd:integer or xsd:decimal, text tagged with a language.

Literals are always built from their lexical form, so the graph says exactly what the extraction said and
the pyoxigraph conversion is a plain copy.
"""

from __future__ import annotations

import math
import re
from datetime import date as Date
from decimal import Decimal
from functools import lru_cache

from rdflib import Literal
from rdflib.namespace import XSD

LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")
DATE_FORMS = {4: (XSD.gYear, "year"), 7: (XSD.gYearMonth, "month"), 10: (XSD.date, "day")}


class LiteralError(ValueError):
    """A value the extraction holds that has no valid literal form."""


def check_language(language: str | None) -> str | None:
    if language is None or language == "":
        return None
    if not LANGUAGE_TAG.match(language):
        raise LiteralError(f"not a language tag: {language!r}")
    return language.lower()


@lru_cache(maxsize=65536)  # literals are immutable; names, codes and offsets recur
def text(value: str, language: str | None) -> Literal:
    return Literal(value, lang=language) if language else Literal(value)


@lru_cache(maxsize=65536)  # literals are immutable; names, codes and offsets recur
def string(value: str) -> Literal:
    """A plain literal (xsd:string in RDF 1.1; left untyped so rdflib matches it against "..." in SPARQL)."""
    return Literal(value)


@lru_cache(maxsize=65536)  # literals are immutable; names, codes and offsets recur
def integer(value: int) -> Literal:
    return Literal(str(int(value)), datatype=XSD.integer)


def number(value: float | int) -> Literal:
    """Whole numbers as xsd:integer, others as xsd:decimal (never xsd:double's exponent form)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise LiteralError(f"not a number: {value!r}")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise LiteralError(f"not a finite number: {value!r}")
        if value.is_integer():
            value = int(value)
    if isinstance(value, int):
        return integer(value)
    return decimal(value)


def decimal(value: float | int) -> Literal:
    """Always xsd:decimal, written without exponent: 1 -> "1.0", 1e-05 -> "0.00001"."""
    lexical = format(Decimal(repr(float(value))), "f")
    return Literal(lexical if "." in lexical else lexical + ".0", datatype=XSD.decimal)


def stated_date(value: str) -> tuple[Literal, str]:
    """'2024', '2024-05' or '2024-05-03' -> (literal typed by precision, 'year'|'month'|'day')."""
    form = DATE_FORMS.get(len(value))
    if form is None or not _is_calendar_prefix(value):
        raise LiteralError(f"not a date of the form YYYY, YYYY-MM or YYYY-MM-DD: {value!r}")
    datatype, precision = form
    return Literal(value, datatype=datatype), precision


def day(value: str) -> Literal:
    """A full date 'YYYY-MM-DD' as xsd:date."""
    if len(value) != 10 or not _is_calendar_prefix(value):
        raise LiteralError(f"not a date of the form YYYY-MM-DD: {value!r}")
    return Literal(value, datatype=XSD.date)


def date_parts(value: str) -> dict[str, Literal]:
    """The OWL-Time date-time description fields (time:year, time:month, time:day) of a stated date."""
    parts = value.split("-")
    fields = {"year": Literal(parts[0], datatype=XSD.gYear)}
    if len(parts) > 1:
        fields["month"] = Literal(f"--{parts[1]}", datatype=XSD.gMonth)
    if len(parts) > 2:
        fields["day"] = Literal(f"---{parts[2]}", datatype=XSD.gDay)
    return fields


def _is_calendar_prefix(value: str) -> bool:
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        return False
    padded = value + "-01" * ((10 - len(value)) // 3)
    try:
        Date.fromisoformat(padded)
    except ValueError:
        return False
    return True
