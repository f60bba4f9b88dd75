"""`kg extract`: articles -> one output file per article (prediction JSON or RDF)."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli._common import articles, parse_date

FORMATS = {"json": ".json", "turtle": ".ttl", "trig": ".trig", "nquads": ".nq"}


@click.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="json", show_default=True)
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Directory for the output files (created if missing).")
@click.option("--published", help="Publication date (YYYY-MM-DD) for articles that do not state one.")
@click.option("--language", type=click.Choice(["de", "en"]), help="Language of all articles (else detected).")
def command(paths: tuple[str, ...], fmt: str, out_dir: Path, published: str | None, language: str | None) -> None:
    """Extract entities and events from PATHS (files, directories, globs; .txt, .html, .jsonl)."""
    import json

    from kg.extract import extract_many

    out_dir.mkdir(parents=True, exist_ok=True)
    skipped: list[str] = []
    written = events = 0
    for extraction in extract_many(articles(paths, parse_date(published), language, skipped)):
        target = out_dir / f"{_safe_name(extraction.document.id)}{FORMATS[fmt]}"
        if fmt == "json":
            target.write_text(json.dumps(extraction.to_json(), ensure_ascii=False, indent=1), encoding="utf-8")
        else:
            from kg.rdf import extraction_to_graph

            extraction_to_graph(extraction).serialize(destination=str(target), format=fmt)
        written += 1
        events += len(extraction.events)
    click.echo(f"{written} articles, {events} events -> {out_dir}" + (f"; {len(skipped)} skipped" if skipped else ""),
               err=True)
    if written == 0:
        raise click.ClickException("no article could be read")


def _safe_name(article_id: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in article_id)
