"""What several commands share: reading inputs with errors reported, and the one-line error style."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import click

from kg.model import Article


def parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from exc


def articles(paths: tuple[str, ...], published: date | None, language: str | None,
             skipped: list[str]) -> Iterator[Article]:
    """Articles from the paths; what cannot be read is reported on stderr and listed in `skipped`."""
    from kg.read import ReadError, read_paths

    for item in read_paths(paths, published=published, language=language):
        if isinstance(item, ReadError):
            skipped.append(str(item))
            click.echo(f"skipped {item}", err=True)
        else:
            yield item
