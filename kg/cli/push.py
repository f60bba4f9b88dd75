"""`kg push`: send every article graph of the store to a remote triple store, replacing what is there."""

from __future__ import annotations

import json
from pathlib import Path

import click


@click.command("push")
@click.option("--endpoint", required=True, metavar="URL",
              help="Graph Store Protocol URL (e.g. http://localhost:7878/store); a SPARQL endpoint also works.")
@click.option("--update-endpoint", metavar="URL", help="SPARQL Update URL for the fallback (default: --endpoint).")
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path), default="store",
              show_default=True, help="Directory of the local store.")
@click.option("--token", envvar="KG_PUSH_TOKEN", help="Bearer token (or set KG_PUSH_TOKEN).")
@click.option("--user", metavar="NAME[:PASSWORD]",
              help="User for Basic/Digest authentication; the password may follow a colon or come from "
                   "KG_PUSH_PASSWORD.")
@click.option("--protocol", type=click.Choice(["auto", "gsp", "update"]), default="auto", show_default=True,
              help="gsp: Graph Store Protocol only; update: SPARQL Update only; auto: GSP, else Update.")
@click.option("--chunk-size", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="Triples per request.")
@click.option("--timeout", type=click.FloatRange(min=1), default=60.0, show_default=True,
              help="Seconds to wait for each request.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write a JSON report of the push to this file.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def command(endpoint: str, update_endpoint: str | None, store_dir: Path, token: str | None, user: str | None,
            protocol: str, chunk_size: int, timeout: float, report_path: Path | None, quiet: bool) -> None:
    """Push each named graph of the store to a remote store; pushing again replaces, never duplicates."""
    import os

    from kg.ingest.progress import RichBar, Silent
    from kg.push import PushError, Target, push_store
    from kg.store import GraphStore, StoreError

    name, _, password = (user or "").partition(":")
    try:
        target = Target(endpoint, update_endpoint, token, name or None,
                        password or os.environ.get("KG_PUSH_PASSWORD"), protocol, timeout)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None
    if not store_dir.is_dir():
        raise click.ClickException(f"no store at {store_dir} (run kg build first)")
    try:
        store = GraphStore.open(store_dir, wait=30.0)
    except StoreError as error:
        raise click.ClickException(str(error)) from None
    progress = Silent() if quiet else RichBar("pushing")
    progress.start(len(store.named_graphs()))
    try:
        report = push_store(store, target, chunk_size, on_graph=progress.advance)
    except PushError as error:
        raise click.ClickException(str(error)) from None
    finally:
        progress.stop()
    for line in report.failed:
        click.echo(f"failed {line}", err=True)
    if report_path:
        report_path.write_text(json.dumps(report.to_json(), indent=2) + "\n", encoding="utf-8")
    click.echo(report.summary(), err=True)
    if report.failed:
        raise SystemExit(1)
