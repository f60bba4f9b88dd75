"""`kg export`: the store as a file for Gephi, yEd, Cytoscape, Graphviz, D3, pandas or RDF tools."""

from __future__ import annotations

import sys
from pathlib import Path

import click

FORMAT_NAMES = ("gexf", "graphml", "cytoscape", "dot", "d3", "csv", "parquet", "turtle", "trig", "nquads",
                "jsonld")


@click.command("export")
@click.option("--store", "store_dir", required=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path), help="The store directory.")
@click.option("--format", "format_name", type=click.Choice(FORMAT_NAMES, case_sensitive=False),
              help="Output format (default: from the extension of -o).")
@click.option("-o", "--output", "output", required=True,
              help="File to write ('-' for standard output).")
@click.option("--view", type=click.Choice(["actors", "events"]), default="actors", show_default=True,
              help="Graph formats: the actor network, or events and actors as nodes.")
@click.option("--since", help="Only events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", help="Only events on or before this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--type", "types", multiple=True, help="Only these event types (repeat, or comma-separated).")
@click.option("--actor", help="Only the events of this actor (IRI, Wikidata Q-id or label).")
@click.option("--article", help="Only the events of this article (its id or IRI).")
def command(store_dir: Path, format_name: str | None, output: str, view: str, since: str | None,
            until: str | None, types: tuple[str, ...], actor: str | None, article: str | None) -> None:
    """Export the store's events as a graph (GEXF, GraphML, cytoscape.js, DOT, D3), a table (CSV,
    Parquet) or RDF (Turtle, TriG, N-Quads, JSON-LD)."""
    from kg.export import FilterError, export, format_for_path, parse_filters
    from kg.serve.dataset import ServedStore, StoreBusy

    chosen = format_name or _format_from(output, format_for_path)
    try:
        filters = parse_filters(since=since, until=until, types=list(types), actor=actor, article=article)
    except FilterError as error:
        raise click.BadParameter(str(error)) from None
    try:
        # a snapshot, not a read-only open: safe while `kg build` or `kg serve` writes the store
        served = ServedStore.open(store_dir)
    except (OSError, StoreBusy) as error:
        raise click.ClickException(f"cannot open the store {store_dir}: {error}") from None
    try:
        with served.reading() as store:
            data = export(store, chosen, filters, view=view)
    except (FilterError, ValueError) as error:
        raise click.ClickException(str(error)) from None
    finally:
        served.close()
    _write(output, data)
    if output != "-":
        click.echo(f"wrote {output} ({chosen}, {len(data):,} bytes)", err=True)


def _format_from(output: str, format_for_path) -> str:  # noqa: ANN001 - kg.export.format_for_path
    found = format_for_path(output) if output != "-" else None
    if found is None:
        raise click.UsageError(f"cannot tell the format from {output!r}: give --format ({', '.join(FORMAT_NAMES)})")
    return found.name


def _write(output: str, data: bytes) -> None:
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    path = Path(output)
    try:
        if path.parent and not path.parent.is_dir():
            raise click.ClickException(f"no such directory: {path.parent}")
        path.write_bytes(data)
    except OSError as error:
        raise click.ClickException(f"cannot write {output}: {error}") from None
