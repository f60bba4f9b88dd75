"""Scoring predictions against the dev set's gold (format and rules in ../shared/dev/README.md).

It computes the figures the dev set's scorer prints: event P/R/F1 with duplicates, entity P/R, linking
accuracy with wrong ids apart, and attribute accuracies on matched events; per article, per language and
in total. Gold events marked optional are neither required nor errors.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

SCORED_TYPES = {"PERSON", "PER", "ORG", "GPE", "LOC", "NORP", "FAC"}
ATTRIBUTES = ("source", "target", "mode", "date", "quantity", "mediator")


def fold(text: str | None) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().replace("-", " ").split())


def id_set(value: Any) -> set[str]:
    return {part.strip() for part in str(value or "").split("|") if part.strip()}


@dataclass
class Counts:
    event_tp: int = 0
    event_fp: int = 0
    event_fn: int = 0
    duplicates: int = 0
    entity_tp: int = 0
    entity_fp: int = 0
    entity_fn: int = 0
    link_total: int = 0
    link_right: int = 0
    link_wrong: int = 0
    attributes: dict[str, list[int]] = field(default_factory=lambda: {a: [0, 0] for a in ATTRIBUTES})
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    def add(self, other: Counts) -> None:
        for name in ("event_tp", "event_fp", "event_fn", "duplicates", "entity_tp", "entity_fp", "entity_fn",
                     "link_total", "link_right", "link_wrong"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name, (right, total) in other.attributes.items():
            self.attributes[name][0] += right
            self.attributes[name][1] += total

    def summary(self) -> dict[str, Any]:
        ep, er, ef = prf(self.event_tp, self.event_fp, self.event_fn)
        np_, nr, nf = prf(self.entity_tp, self.entity_fp, self.entity_fn)
        return {
            "events": {"precision": round(ep, 3), "recall": round(er, 3), "f1": round(ef, 3), "tp": self.event_tp,
                       "fp": self.event_fp, "fn": self.event_fn, "duplicates": self.duplicates},
            "entities": {"precision": round(np_, 3), "recall": round(nr, 3), "f1": round(nf, 3)},
            "linking": {"accuracy": round(self.link_right / self.link_total, 3) if self.link_total else 0.0,
                        "wrong": self.link_wrong, "of": self.link_total},
            "attributes": {a: (round(r / n, 3) if n else None) for a, (r, n) in self.attributes.items()},
        }


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


class GoldResolver:
    """Finds which gold entity a predicted entity is: by Q-id, then by any name, then by surname."""

    def __init__(self, entities: dict[str, dict]) -> None:
        self.entities = entities
        self.by_name: dict[str, str] = {}
        self.by_surname: dict[str, str] = {}
        for key, entity in entities.items():
            for name in entity.get("names", []):
                self.by_name.setdefault(fold(name), key)
                if entity.get("type") in {"PERSON", "PER"}:
                    self.by_surname.setdefault(fold(name).split(" ")[-1], key)

    def resolve(self, predicted: dict) -> str | None:
        qid = predicted.get("wikidata")
        if qid:
            for key, entity in self.entities.items():
                if qid in id_set(entity.get("wikidata")):
                    return key
        names = [predicted.get("name", "")] + [m.get("text", "") for m in predicted.get("mentions", [])]
        for name in names:
            if fold(name) in self.by_name:
                return self.by_name[fold(name)]
        if predicted.get("type") in {"PERSON", "PER"}:
            for name in names:
                surname = fold(name).split(" ")[-1] if fold(name) else ""
                if surname in self.by_surname:
                    return self.by_surname[surname]
        return None


def _evidence_hits(gold: dict, predicted: dict) -> int:
    gold_sentences = [fold(s) for s in gold.get("evidence", [])]
    hits = 0
    for evidence in predicted.get("evidence", []):
        text = fold(evidence.get("text", "") if isinstance(evidence, dict) else str(evidence))
        if text and any(text in g or g in text for g in gold_sentences):
            hits += 1
    return hits


def score_article(gold: dict, predicted: dict) -> Counts:
    counts = Counts()
    resolver = GoldResolver(gold["entities"])
    scored = [e for e in predicted.get("entities", []) if e.get("type") in SCORED_TYPES]
    gold_key = {e["id"]: resolver.resolve(e) for e in predicted.get("entities", []) if "id" in e}
    found = {gold_key[e["id"]] for e in scored if gold_key.get(e["id"])}
    counts.entity_tp = len(found)
    counts.entity_fp = sum(1 for e in scored if not gold_key.get(e.get("id")))
    counts.entity_fn = len(set(gold["entities"]) - found)
    for key, entity in gold["entities"].items():
        wanted = id_set(entity.get("wikidata"))
        if not wanted or key not in found:
            continue
        counts.link_total += 1
        given = {e.get("wikidata") for e in scored if gold_key.get(e.get("id")) == key} - {None, ""}
        if given & wanted:
            counts.link_right += 1
        elif given:
            counts.link_wrong += 1
    _score_events(gold["events"], predicted.get("events", []), gold_key, counts)
    return counts


def _score_events(gold_events: list[dict], predicted: list[dict], gold_key: dict, counts: Counts) -> None:
    pairs_possible = []
    for pi, event in enumerate(predicted):
        actors = {gold_key[r] for r in [*event.get("participants", []), *(event.get(x) for x in
                  ("source", "target", "mediator"))] if r and gold_key.get(r)}
        for gi, gold in enumerate(gold_events):
            if event.get("type") == gold["type"] and all(
                any(alt in actors for alt in slot.split("|")) for slot in gold.get("participants", [])
            ):
                pairs_possible.append((_evidence_hits(gold, event), len(gold.get("participants", [])), -gi, gi, pi))
    pairs_possible.sort(reverse=True)
    gold_used, pred_used, pairs = set(), set(), []
    for optional in (False, True):
        for *_, gi, pi in pairs_possible:
            if bool(gold_events[gi].get("optional")) == optional and gi not in gold_used and pi not in pred_used:
                gold_used.add(gi)
                pred_used.add(pi)
                pairs.append((gi, pi))
    counts.duplicates = len({pi for *_, gi, pi in pairs_possible if pi not in pred_used})
    required = [i for i, g in enumerate(gold_events) if not g.get("optional")]
    counts.event_tp = sum(1 for gi, _ in pairs if not gold_events[gi].get("optional"))
    counts.event_fn = len(required) - counts.event_tp
    counts.event_fp = len(predicted) - len(pairs)
    counts.missed = [gold_events[i]["id"] for i in required if i not in gold_used]
    counts.spurious = [predicted[i].get("id", str(i)) for i in range(len(predicted)) if i not in pred_used]
    for gi, pi in pairs:
        _score_attributes(gold_events[gi], predicted[pi], gold_key, counts)


def _score_attributes(gold: dict, predicted: dict, gold_key: dict, counts: Counts) -> None:
    checks: dict[str, bool | None] = {}
    for role in ("source", "target", "mediator"):
        if gold.get(role):
            checks[role] = gold_key.get(predicted.get(role)) in gold[role].split("|")
    if gold.get("mode"):
        checks["mode"] = predicted.get("mode") == gold["mode"]
    if gold.get("date"):
        checks["date"] = bool(predicted.get("date")) and str(predicted["date"]).startswith(gold["date"])
    if gold.get("quantity") is not None:
        checks["quantity"] = predicted.get("quantity") == gold["quantity"]
    for name, ok in checks.items():
        counts.attributes[name][0] += int(bool(ok))
        counts.attributes[name][1] += 1
