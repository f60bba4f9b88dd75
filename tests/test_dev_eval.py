"""`kg eval` on the shared development set (beside the checkout in CI): the figures must not fall back.

The floors are the figures measured when this test was last raised, a little rounded down; they guard
against regressions, they are not the targets (README, "Accuracy"). The JSON report is kept as an artifact.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

DEV = Path(__file__).resolve().parents[2] / "shared" / "dev"
ARTIFACTS = Path(__file__).parent / "artifacts"
FLOORS = {  # language -> (event precision, event recall, date accuracy); measured 2026-11-25: see README
    "all": (0.90, 0.69, 0.85),
    "de": (0.90, 0.68, 0.85),
    "en": (0.86, 0.70, 0.85),
}


@pytest.fixture(scope="module")
def report() -> dict:
    if not (DEV / "articles").is_dir():
        pytest.skip(f"the development set is not beside the checkout ({DEV})")
    from kg.cli.eval import command

    ARTIFACTS.mkdir(exist_ok=True)
    out = ARTIFACTS / "dev_eval.json"
    result = CliRunner().invoke(command, [str(DEV / "articles"), str(DEV / "gold"), "--json", str(out)])
    assert result.exit_code == 0, result.output
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize("language", sorted(FLOORS))
def test_event_precision_recall_and_dates_hold(report, language):
    scores = report["total"] if language == "all" else report["by_language"][language]
    precision, recall, date_accuracy = FLOORS[language]
    assert scores["events"]["precision"] >= precision
    assert scores["events"]["recall"] >= recall
    assert scores["events"]["duplicates"] == 0
    assert scores["attributes"]["date"] >= date_accuracy


def test_no_wrong_wikidata_id_and_every_article_scored(report):
    assert report["total"]["linking"]["wrong"] == 0
    assert len(report["per_article"]) == 33
