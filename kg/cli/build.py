"""`kg build`: articles -> the on-disk store, one named graph per article, crash-safe and resumable."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli._common import parse_date

DEFAULT_STORE = "store"


@click.command("build")
@click.argument("paths", nargs=-1, required=True)
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_STORE,
              show_default=True, help="Directory of the embedded store (created if missing).")
@click.option("--published", help="Publication date (YYYY-MM-DD) for articles that do not state one.")
@click.option("--language", type=click.Choice(["de", "en"]), help="Language of all articles (else detected).")
@click.option("--force", is_flag=True, help="Re-extract articles whose content is unchanged.")
@click.option("--processes", "-p", type=click.IntRange(min=0), default=1, show_default=True,
              help="Extraction worker processes beside the one that writes (each loads spaCy once); "
                   "0 extracts in the writing process.")
@click.option("--cluster", metavar="ADDRESS",
              help="Run the extraction on a Dask cluster: a scheduler address (tcp://host:8786) or local:N.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write a JSON report (totals, skipped inputs with reasons, warnings) to this file.")
@click.option("--log", "log_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Append one JSON line per article as soon as it is in the store.")
@click.option("--chunk-size", type=click.IntRange(min=1), default=16, show_default=True,
              help="Articles per spaCy batch and per worker task.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=20_000_000, show_default=True,
              help="Skip text and HTML files larger than this without reading them.")
@click.option("--max-chars", type=click.IntRange(min=1), default=1_000_000, show_default=True,
              help="Skip articles whose text is longer than this.")
@click.option("--lock-wait", type=click.FloatRange(min=0), default=30.0, show_default=True,
              help="Seconds to keep trying while another process holds the store.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no per-input messages.")
def command(paths: tuple[str, ...], store_dir: Path, published: str | None, language: str | None, force: bool,
            processes: int, cluster: str | None, report_path: Path | None, log_path: Path | None,
            chunk_size: int, max_bytes: int, max_chars: int, lock_wait: float, quiet: bool) -> None:
    """Extract PATHS (files, directories, globs; .txt, .html, .jsonl) into the store.

    Every article is written in one transaction as its own named graph, so an interrupted build leaves no
    half-written article; running the same command again skips unchanged articles and does the rest.
    """
    from kg.ingest import BuildOptions, run_build
    from kg.ingest.progress import RichBar, Silent
    from kg.store import StoreError

    options = BuildOptions(
        store=store_dir, published=parse_date(published), language=language, force=force, processes=processes,
        cluster=cluster, chunk_size=chunk_size, max_bytes=max_bytes, max_chars=max_chars, report=report_path,
        log=log_path, lock_wait=lock_wait,
    )
    try:
        report = run_build(paths, options, Silent() if quiet else RichBar())
    except StoreError as error:
        raise click.ClickException(str(error)) from None
    except (RuntimeError, ValueError) as error:  # the engine could not start (no Dask, bad address)
        raise click.ClickException(str(error)) from None
    except KeyboardInterrupt:
        click.echo("interrupted: every article written so far is complete; run the same command to go on",
                   err=True)
        raise SystemExit(130) from None
    if not quiet:
        for note in report.skipped:
            click.echo(f"skipped {note.source}: {note.reason}", err=True)
        for note in report.warnings:
            click.echo(f"warning {note.source}: {note.reason}", err=True)
    click.echo(report.summary(), err=True)
