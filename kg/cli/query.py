"""`kg query`: run one SPARQL query against a local store or a remote endpoint and print the result."""

from __future__ import annotations

import sys
from pathlib import Path

import click

FORMATS = {"table": None, "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
           "csv": "text/csv", "tsv": "text/tab-separated-values", "turtle": "text/turtle",
           "ntriples": "application/n-triples", "jsonld": "application/ld+json"}


@click.command("query")
@click.argument("sparql")
@click.option("--store", "store_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Query this store directory.")
@click.option("--endpoint", help="Query this SPARQL endpoint URL instead (through SPARQLWrapper).")
@click.option("--format", "output_format", type=click.Choice(sorted(FORMATS)), default="table",
              show_default=True, help="table: aligned columns (SELECT); others: that serialisation.")
def command(sparql: str, store_dir: Path | None, endpoint: str | None, output_format: str) -> None:
    """Run SPARQL (a query text, or @FILE to read it from a file) and print the result."""
    if (store_dir is None) == (endpoint is None):
        raise click.UsageError("give exactly one of --store DIR or --endpoint URL")
    text = _query_text(sparql)
    if endpoint:
        body = _remote(text, endpoint, output_format)
    else:
        body = _local(text, store_dir, output_format)
    sys.stdout.write(body if body.endswith("\n") else body + "\n")


def _query_text(sparql: str) -> str:
    if sparql.startswith("@"):
        path = Path(sparql[1:])
        if not path.is_file():
            raise click.BadParameter(f"no such query file: {path}", param_hint="SPARQL")
        return path.read_text(encoding="utf-8")
    return sparql


def _local(text: str, store_dir: Path, output_format: str) -> str:
    from kg.serve.dataset import ServedStore, StoreBusy
    from kg.serve.execute import QuerySettings, evaluate, store_prefixes
    from kg.serve.formats import NotAcceptable
    from kg.serve.protocol import QueryRequest

    accept = FORMATS[output_format] or "text/tab-separated-values, text/turtle;q=0.9"
    try:
        # a snapshot, not a read-only open: safe while `kg build` or `kg serve` writes the store
        served = ServedStore.open(store_dir, union_view=True)
    except (OSError, StoreBusy) as error:
        raise click.ClickException(f"cannot open the store {store_dir}: {error}") from None
    try:
        settings = QuerySettings(union_view=served.union_view, prefixes=store_prefixes())
        with served.querying() as store:
            answer = evaluate(store.raw, QueryRequest(text), accept, settings)
    except SyntaxError as error:
        raise click.ClickException(f"query syntax error: {error}") from None
    except NotAcceptable as error:
        raise click.ClickException(str(error)) from None
    finally:
        served.close()
    body = answer.body.decode("utf-8")
    if output_format == "table" and answer.content_type.startswith("text/tab-separated-values"):
        return _table(body)
    return body


def _remote(text: str, endpoint: str, output_format: str) -> str:
    from urllib.error import URLError

    from SPARQLWrapper import SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    client = SPARQLWrapper(endpoint)
    client.setQuery(text)
    client.setMethod("POST")
    client.setOnlyConneg(True)  # the Accept header alone says what we want
    wanted = FORMATS[output_format] or "text/tab-separated-values,text/turtle;q=0.9"
    client.addCustomHttpHeader("Accept", wanted)
    try:
        response = client.query().response
        body = response.read().decode("utf-8")
        media_type = response.headers.get("Content-Type", "")
    except SPARQLWrapperException as error:
        raise click.ClickException(str(error).strip()) from None
    except URLError as error:
        raise click.ClickException(f"cannot reach {endpoint}: {getattr(error, 'reason', error)}") from None
    if output_format == "table" and media_type.startswith("text/tab-separated-values"):
        return _table(body)
    return body


def _table(tsv: str) -> str:
    """SPARQL TSV as aligned columns, values shortened to what a terminal shows."""
    rows = [line.split("\t") for line in tsv.rstrip("\n").split("\n")]
    rows[0] = [name.lstrip("?") for name in rows[0]]
    widths = [min(60, max(len(row[i]) for row in rows if i < len(row))) for i in range(len(rows[0]))]
    lines = ["  ".join(cell[:60].ljust(width) for cell, width in zip(row, widths, strict=False))
             for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    lines.append(f"({len(rows) - 1} rows)")
    return "\n".join(lines)
