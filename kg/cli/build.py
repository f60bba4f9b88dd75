"""`kg build`: articles -> the on-disk store, one named graph per article, with a progress bar."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli._common import articles, parse_date

DEFAULT_STORE = "store"


@click.command("build")
@click.argument("paths", nargs=-1, required=True)
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_STORE,
              show_default=True, help="Directory of the embedded store (created if missing).")
@click.option("--published", help="Publication date (YYYY-MM-DD) for articles that do not state one.")
@click.option("--language", type=click.Choice(["de", "en"]), help="Language of all articles (else detected).")
@click.option("--force", is_flag=True, help="Re-extract articles whose content is unchanged.")
def command(paths: tuple[str, ...], store_dir: Path, published: str | None, language: str | None,
            force: bool) -> None:
    """Extract PATHS and write each article's graph into the store (unchanged articles are skipped)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from kg.extract import extract_many
    from kg.store import GraphStore

    skipped: list[str] = []
    try:
        store = GraphStore.open(store_dir)
    except OSError as exc:
        raise click.ClickException(f"cannot open the store at {store_dir}: {exc}") from exc
    todo = []
    unchanged = 0
    for article in articles(paths, parse_date(published), language, skipped):
        if not force and store.article_hash(article.id) == article.content_hash:
            unchanged += 1
        else:
            todo.append(article)
    written = events = triples = 0
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, transient=True) as progress:
        task = progress.add_task("extracting", total=len(todo))
        for extraction in extract_many(todo):
            try:
                triples += store.put_extraction(extraction)
            except (OSError, ValueError) as exc:
                skipped.append(f"{extraction.document.id}: {exc}")
                click.echo(f"skipped {extraction.document.id}: {exc}", err=True)
            else:
                written += 1
                events += len(extraction.events)
            progress.advance(task)
    store.flush()
    click.echo(f"{written} articles written ({events} events, {triples} triples), {unchanged} unchanged, "
               f"{len(skipped)} skipped; store {store_dir} holds {len(store)} quads", err=True)
