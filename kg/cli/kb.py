"""`kg kb`: the shipped knowledge base: its counts, and a refresh of its people from Wikidata."""

from __future__ import annotations

from pathlib import Path

import click


@click.group("kb")
def command() -> None:
    """The knowledge base of states, organisations and office holders used for linking."""


@command.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def stats(as_json: bool) -> None:
    """Count the states, territories, organisations, people and offices in the knowledge base."""
    import json

    from kg.link.kb import load_kb

    try:
        counts = load_kb().stats()
    except (OSError, ValueError, KeyError) as error:
        raise click.ClickException(f"cannot read the knowledge base: {error}") from error
    if as_json:
        click.echo(json.dumps(counts, indent=2))
        return
    width = max(len(k) for k in counts)
    for key, value in counts.items():
        click.echo(f"{key:<{width}}  {value:>6}")


@command.command("refresh")
@click.option("--endpoint", default=None, metavar="URL", help="SPARQL endpoint (default: query.wikidata.org).")
@click.option("-o", "--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the refreshed people.yaml and kb.json.")
@click.option("--positions", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="TSV of position Q-ids -> role, country (default: the shipped positions.tsv).")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), help="Cache for SPARQL answers.")
@click.option("--no-cache", is_flag=True, help="Always ask the endpoint.")
@click.option("--timeout", default=60.0, show_default=True, help="Seconds to wait for the endpoint.")
def refresh(endpoint: str | None, out_dir: Path, positions: Path | None, cache_dir: Path | None,
            no_cache: bool, timeout: float) -> None:
    """Rebuild the people/office part from Wikidata position-held (P39) statements.

    Use the result with KG_KB=OUT/kb.json.
    """
    from kg.link.build_kb import BuildError
    from kg.link.online import DEFAULT_ENDPOINT, SparqlClient, SparqlError
    from kg.link.refresh import refresh as run_refresh

    client = SparqlClient(endpoint or DEFAULT_ENDPOINT, cache_dir=cache_dir, timeout=timeout, use_cache=not no_cache)
    try:
        report = run_refresh(client, out_dir, positions)
    except SparqlError as error:
        raise click.ClickException(f"the endpoint failed: {error}") from error
    except (BuildError, OSError, KeyError, ValueError) as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"{report.statements} office statements of {report.people} people for {report.positions} positions "
               f"({report.new_people} new)")
    click.echo(f"wrote {report.people_file} and {report.kb_file}; use it with KG_KB={report.kb_file}")
