"""`kg link`: add Wikidata ids to prediction JSON files, offline from the knowledge base, online on request."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("link")
@click.argument("pred_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write the linked files here instead of rewriting them in place.")
@click.option("--online", is_flag=True, help="Also ask a SPARQL endpoint about entities the KB does not know.")
@click.option("--endpoint", default=None, metavar="URL", help="SPARQL endpoint (default: query.wikidata.org).")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), help="Cache for SPARQL answers.")
@click.option("--timeout", default=20.0, show_default=True, help="Seconds to wait for the endpoint.")
@click.option("--min-interval", default=1.0, show_default=True, help="Seconds between requests to the endpoint.")
@click.option("-v", "--verbose", is_flag=True, help="Say for every entity why it was (not) linked.")
def command(pred_dir: Path, out_dir: Path | None, online: bool, endpoint: str | None, cache_dir: Path | None,
            timeout: float, min_interval: float, verbose: bool) -> None:
    """Set `wikidata` on the entities of every PRED_DIR/*.json prediction file."""
    import json

    from kg.link.kb import load_kb
    from kg.link.offline import apply_decision, link_decisions
    from kg.link.online import DEFAULT_ENDPOINT, OnlineLinker, SparqlClient
    from kg.model import Extraction

    kb = load_kb()
    linker = None
    if online:
        client = SparqlClient(endpoint or DEFAULT_ENDPOINT, cache_dir=cache_dir, timeout=timeout,
                              min_interval=min_interval)
        linker = OnlineLinker(client, kb)
    files = sorted(pred_dir.glob("*.json"))
    if not files:
        raise click.ClickException(f"no .json files in {pred_dir}")
    linked = total = failed = 0
    for path in files:
        try:
            extraction = Extraction.from_json(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError) as error:
            click.echo(f"skipped {path.name}: not a prediction file ({error})", err=True)
            failed += 1
            continue
        decisions = link_decisions(extraction, kb)
        for entity in extraction.entities:
            decision = decisions[entity.id]
            apply_decision(entity, decision)
            if verbose:
                click.echo(f"{path.name}\t{entity.name}\t{entity.wikidata or '-'}\toffline: {decision.reason}")
        if linker is not None:
            for entity_id, result in linker.link_extraction(extraction).items():
                if verbose:
                    name = extraction.entity(entity_id).name  # type: ignore[union-attr]
                    click.echo(f"{path.name}\t{name}\t{result.qid or '-'}\tonline: {result.reason}")
        total += len(extraction.entities)
        linked += sum(1 for e in extraction.entities if e.wikidata)
        target = (out_dir or pred_dir) / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(extraction.to_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    click.echo(f"{len(files) - failed} files, {linked} of {total} entities with a Wikidata id")
