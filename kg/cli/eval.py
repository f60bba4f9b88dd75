"""`kg eval`: score predictions (or articles, extracted first) against a gold directory."""

from __future__ import annotations

import json
from pathlib import Path

import click


@click.command("eval")
@click.argument("pred_or_input", nargs=-1, required=True)
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the figures (total, per language, per article) to this JSON file.")
@click.option("--verbose", is_flag=True, help="List missed and spurious events per article.")
@click.option("--all-gold", is_flag=True, help="Score every gold file; a missing prediction counts as missed.")
def command(pred_or_input: tuple[str, ...], gold_dir: Path, json_out: Path | None, verbose: bool,
            all_gold: bool) -> None:
    """Score PRED_OR_INPUT (prediction JSON directory, or articles to extract) against GOLD_DIR."""
    from kg.evaluate import Counts, score_article

    predictions = _predictions(pred_or_input)
    per_article: dict[str, dict] = {}
    totals: dict[str, Counts] = {"all": Counts()}
    for gold_file in sorted(gold_dir.glob("*.json")):
        predicted = predictions.get(gold_file.stem)
        if predicted is None and not all_gold:
            continue
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        counts = score_article(gold, predicted or {})
        lang = gold.get("language") or (predicted or {}).get("document", {}).get("language") or "?"
        for key in ("all", lang):
            totals.setdefault(key, Counts()).add(counts)
        per_article[gold_file.stem] = {**counts.summary(), "language": lang, "missed": counts.missed,
                                       "spurious": counts.spurious}
        click.echo(f"{gold_file.stem}: events tp={counts.event_tp} fp={counts.event_fp} fn={counts.event_fn}")
        if verbose:
            click.echo(f"   missed: {counts.missed}  spurious: {counts.spurious}")
    if not per_article:
        raise click.ClickException(f"no prediction matches a gold file in {gold_dir}")
    for key, counts in sorted(totals.items(), key=lambda kv: kv[0] != "all"):
        _print(key, counts.summary())
    if json_out:
        report = {"total": totals["all"].summary(), "articles": len(per_article),
                  "by_language": {k: v.summary() for k, v in totals.items() if k != "all"},
                  "per_article": per_article}
        json_out.write_text(json.dumps(report, indent=1), encoding="utf-8")


def _print(label: str, s: dict) -> None:
    e, n, lk = s["events"], s["entities"], s["linking"]
    click.echo(f"[{label}] events   P={e['precision']:.3f} R={e['recall']:.3f} F1={e['f1']:.3f} "
               f"(tp {e['tp']}, fp {e['fp']}, fn {e['fn']}, duplicates {e['duplicates']})")
    click.echo(f"[{label}] entities P={n['precision']:.3f} R={n['recall']:.3f} F1={n['f1']:.3f}")
    click.echo(f"[{label}] linking  accuracy={lk['accuracy']:.3f} (wrong {lk['wrong']} of {lk['of']})")
    click.echo(f"[{label}] attributes " + " ".join(f"{a}={v}" for a, v in s["attributes"].items()))


def _predictions(paths: tuple[str, ...]) -> dict[str, dict]:
    """Prediction JSON files by stem; paths that are articles are extracted first."""
    found: dict[str, dict] = {}
    inputs = []
    for given in paths:
        path = Path(given)
        files = sorted(path.glob("*.json")) if path.is_dir() else [path] if path.suffix == ".json" else []
        for file in files:
            data = json.loads(file.read_text(encoding="utf-8"))
            if isinstance(data, dict) and "events" in data and "document" in data:
                found[file.stem] = data
        if not files or (path.is_dir() and not any(path.glob("*.json"))):
            inputs.append(given)
    if inputs:
        from kg.cli._common import articles
        from kg.extract import extract_many

        skipped: list[str] = []
        for extraction in extract_many(articles(tuple(inputs), None, None, skipped)):
            found[extraction.document.id] = extraction.to_json()
    return found
