"""`kg serve`: the SPARQL endpoint, query UI and Graph Store over a store built by `kg build`."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("serve")
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Store directory (as written by `kg build`); created empty if missing.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes (gunicorn sync workers): how many requests are answered at once.")
@click.option("--token", envvar="KG_TOKEN", default=None,
              help="Bearer token that enables SPARQL Update and Graph Store writes (env KG_TOKEN).")
@click.option("--timeout", "query_timeout", type=float, default=30.0, show_default=True,
              help="Per-query time limit in seconds (0: none).")
@click.option("--max-rows", type=int, default=100_000, show_default=True,
              help="Row cap per result (0: none).")
@click.option("--cors", default="*", show_default=True,
              help="Allowed CORS origins, comma separated ('' for none).")
@click.option("--quiet", is_flag=True, help="No access log.")
def command(store_dir: Path, host: str, port: int, workers: int, token: str | None, query_timeout: float,
            max_rows: int, cors: str, quiet: bool) -> None:
    """Serve the store over SPARQL 1.1 at http://HOST:PORT/sparql, with a query UI at /."""
    from kg.serve.wsgi import serve

    _check_store(store_dir)
    config = {"KG_STORE": str(store_dir), "KG_TOKEN": token, "KG_QUERY_TIMEOUT": query_timeout,
              "KG_MAX_ROWS": max_rows, "KG_CORS": cors}
    _announce(host, port, token is not None)
    serve(config, host, port, workers, access_log=None if quiet else "-")


def _check_store(store_dir: Path) -> None:
    """Fail with one clear line before the workers start; the snapshot taken here is the one they open.

    The check runs in a spawned process: RocksDB must not be touched in the gunicorn master, whose forked
    workers would inherit its state without its background threads (and hang on their first write).
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if store_dir.exists() and any(store_dir.iterdir()) and not (store_dir / "CURRENT").exists():
        raise click.ClickException(
            f"{store_dir} is not a kg store (build one with `kg build ... --store DIR`)"
        )
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        problem = pool.submit(_snapshot_once, str(store_dir)).result()
    if problem:
        raise click.ClickException(problem)


def _snapshot_once(store_dir: str) -> str | None:
    from kg.serve.dataset import ServedStore, StoreBusy

    try:
        ServedStore.open(store_dir, union_view=True).close()
    except StoreBusy as error:
        return f"{error} and has no snapshot to serve yet; start again when it is done"
    except (OSError, ValueError) as error:
        return f"cannot open the store {store_dir}: {error}"
    return None


def _announce(host: str, port: int, writable: bool) -> None:
    from kg.serve.examples import example_queries

    shown = "localhost" if host in ("127.0.0.1", "0.0.0.0", "::") else host
    base = f"http://{shown}:{port}"
    click.echo(f"SPARQL endpoint: {base}/sparql   query UI: {base}/   Graph Store: {base}/store")
    writes = "enabled with the bearer token" if writable else "off (read-only)"
    click.echo(f"Writes (update, Graph Store): {writes}")
    for title, text in example_queries():
        click.echo(f"\n# {title}\n{text.strip()}")
    click.echo("", nl=True)
