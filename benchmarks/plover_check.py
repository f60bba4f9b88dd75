"""An outside check of the English event reader on PLOVER's hand-coded sentences.

    python benchmarks/plover_check.py [--plover PATH] [--json OUT] [--verbose]

PLOVER's gold-standard records (PLOVER_GSR_CAMEO.txt, CC BY-SA, read at run time from ../shared/plover and
never stored here) are single English sentences, each coded with one event type and its source and target
actors. Every sentence is extracted on its own, as an English article published on the record's date, and
compared with its coding:

- type recall: of the sentences coded T, how many get an event of type T from us;
- type precision: of the sentences where we give an event of type T, how many are coded T (our STATEMENT
  events are left out: PLOVER has no such type, and a sentence that says something is not wrong for saying it);
- source and target agreement, on the sentences where we found the coded type: an event of that type whose
  source (target) entity shares a word with a coded actorText, or whose country is the coded country.

The records follow PLOVER 0.5 (DEMAND, DISAPPROVE, INVESTIGATE, FIGHT); they are read as the current
PLOVER types our model uses (REQUEST, ACCUSE, ACCUSE, ASSAULT). Our MEDIATE counts as CONSULT and
PRISONER_EXCHANGE as RETREAT (the manual codes an exchange of prisoners so). DOCUMENT records are skipped.
Types we have no English trigger for stay in the counts: what we miss is counted.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.model import EVENT_TYPES, Article, Entity, Event, Extraction  # noqa: E402

PLOVER_FILE = ROOT.parent / "shared" / "plover" / "PLOVER_GSR_CAMEO.txt"
FALLBACK_DATE = date(2000, 1, 1)  # every record is dated so; used where one is not
OLD_TO_CURRENT = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
OURS_AS_PLOVER = {"MEDIATE": "CONSULT", "PRISONER_EXCHANGE": "RETREAT"}
NOT_COMPARED = {"STATEMENT"}
SKIPPED = {"DOCUMENT"}
FILLER_WORDS = {"the", "of", "and", "a", "an", "in", "for", "to", "'s"}


@dataclass
class Coded:
    """One PLOVER record as far as the check needs it."""

    id: str
    text: str
    event: str  # the record's own type (PLOVER 0.5)
    published: date
    sources: list[dict[str, str]]
    targets: list[dict[str, str]]
    also: set[str] = field(default_factory=set)  # types other records code for the same sentence

    @property
    def type(self) -> str:
        return OLD_TO_CURRENT.get(self.event, self.event)


@dataclass
class Result:
    """Our reading of one coded sentence. A sentence coded twice (two records, two types) is read once per
    record: each record's type is looked for, and an event of the other record's type is no error."""

    coded: Coded
    types: list[str] = field(default_factory=list)  # our events' types as PLOVER types, STATEMENT left out
    statements: int = 0
    source: str = "n/a"  # agree | wrong | none | n/a (type not found)
    target: str = "n/a"
    ours: list[dict[str, Any]] = field(default_factory=list)

    @property
    def hit(self) -> bool:
        return self.coded.type in self.types

    def right(self, our_type: str) -> bool:
        return our_type == self.coded.type or our_type in self.coded.also


def _actors(value: Any) -> list[dict[str, str]]:
    if isinstance(value, dict):
        value = [value]
    return [a for a in value or [] if isinstance(a, dict)]


def read_records(path: Path) -> list[Coded]:
    """The coded English sentences of a PLOVER gold-standard file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SystemExit(f"no PLOVER file at {path} (give one with --plover)") from None
    except json.JSONDecodeError as error:
        raise SystemExit(f"{path} is not JSON: {error}") from None
    if not isinstance(data, list):
        raise SystemExit(f"{path}: expected a JSON list of records")
    records = []
    for item in data:
        if not isinstance(item, dict) or not item.get("text") or item.get("event") in SKIPPED:
            continue
        if item.get("language", "en") != "en":
            continue
        try:
            published = date.fromisoformat(item.get("date", ""))
        except ValueError:
            published = FALLBACK_DATE
        records.append(Coded(str(item.get("id")), item["text"], str(item.get("event")), published,
                             _actors(item.get("source")), _actors(item.get("target"))))
    by_text: dict[str, set[str]] = defaultdict(set)
    for record in records:
        by_text[record.text.strip()].add(record.type)
    for record in records:
        record.also = by_text[record.text.strip()] - {record.type}
    return records


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[\w'-]+", text.casefold()) if w not in FILLER_WORDS}


@dataclass(frozen=True)
class CountryCodes:
    """ISO alpha-3 (PLOVER's codes) to our alpha-2 keys, with pycountry where it is installed."""

    table: dict[str, str]

    @classmethod
    def load(cls) -> CountryCodes:
        try:
            import pycountry
        except ImportError:
            print("pycountry is not installed: actors are matched by their words only", file=sys.stderr)
            return cls({})
        return cls({c.alpha_3: c.alpha_2.casefold() for c in pycountry.countries})

    def ours(self, code: str) -> str:
        return self.table.get(code.upper(), code.casefold())


def agrees(entity: Entity | None, coded: Iterable[dict[str, str]], codes: CountryCodes) -> bool:
    """Our actor is a coded one: they share a word, or our actor's country is the coded country."""
    if entity is None:
        return False
    ours = _words(entity.name).union(*(_words(m.text) for m in entity.mentions))
    for actor in coded:
        if ours & _words(actor.get("actorText", "")):
            return True
        code = actor.get("code", "")
        if code and entity.country and codes.ours(code) == entity.country:
            return True
    return False


def _role_agreement(events: list[Event], role: str, coded: list[dict[str, str]], x: Extraction,
                    codes: CountryCodes) -> str:
    filled = [x.entity(getattr(e, role)) for e in events if getattr(e, role)]
    if not coded:
        return "n/a"
    if not filled:
        return "none"
    return "agree" if any(agrees(entity, coded, codes) for entity in filled) else "wrong"


def judge(coded: Coded, x: Extraction, codes: CountryCodes) -> Result:
    result = Result(coded)
    for event in x.events:
        source, target = x.entity(event.source), x.entity(event.target)
        result.ours.append({"type": event.type, "trigger": event.trigger, "mode": event.mode,
                            "source": source.name if source else None, "target": target.name if target else None})
        if event.type in NOT_COMPARED:
            result.statements += 1
        else:
            result.types.append(OURS_AS_PLOVER.get(event.type, event.type))
    if result.hit:
        same = [e for e in x.events if OURS_AS_PLOVER.get(e.type, e.type) == coded.type]
        result.source = _role_agreement(same, "source", coded.sources, x, codes)
        result.target = _role_agreement(same, "target", coded.targets, x, codes)
    return result


def run(records: list[Coded]) -> list[Result]:
    from kg.extract import extract_many

    codes = CountryCodes.load()
    articles = (Article(id=r.id, text=r.text, language="en", published=r.published, body=[(0, len(r.text))])
                for r in records)
    return [judge(r, x, codes) for r, x in zip(records, extract_many(articles), strict=True)]


def triggered_types() -> set[str]:
    """The types the English lexicon has a trigger for, as PLOVER types."""
    from kg.events.lexicon import load_lexicon

    lex = load_lexicon("en")
    types = {s.type for s in [*lex.verbs.values(), *lex.nouns.values()]} | set(lex.phrases)
    return {OURS_AS_PLOVER.get(t, t) for t in types}


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def summarise(results: list[Result]) -> dict[str, Any]:
    triggered = triggered_types()
    by_type: dict[str, dict[str, Any]] = {}
    for name in sorted({r.coded.event for r in results}):
        rows = [r for r in results if r.coded.event == name]
        hits = [r for r in rows if r.hit]
        by_type[name] = {"as": rows[0].coded.type, "sentences": len(rows), "found": len(hits),
                         "recall": _ratio(len(hits), len(rows)), "has_trigger": rows[0].coded.type in triggered,
                         "source": dict(Counter(r.source for r in hits)),
                         "target": dict(Counter(r.target for r in hits))}
    given: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        for t in set(r.types):
            given[t].append(r)
    precision = {t: {"sentences": len(rs), "right": sum(r.right(t) for r in rs),
                     "precision": _ratio(sum(r.right(t) for r in rs), len(rs)),
                     "coded_instead": dict(Counter(r.coded.type for r in rs if not r.right(t)))}
                 for t, rs in sorted(given.items())}
    answered = [r for r in results if r.types]
    events = sum(len(r.types) for r in results)
    right_events = sum(r.right(t) for r in results for t in r.types)
    hits = [r for r in results if r.hit]
    in_reach = [r for r in results if r.coded.type in triggered]
    return {
        "sentences": len(results),
        "recall": _ratio(len(hits), len(results)),
        "recall_types_with_trigger": _ratio(sum(r.hit for r in in_reach), len(in_reach)),
        "sentences_with_trigger_type": len(in_reach),
        "sentence_precision": _ratio(sum(any(r.right(t) for t in r.types) for r in answered), len(answered)),
        "sentences_answered": len(answered),
        "event_precision": _ratio(right_events, events),
        "events": events,
        "only_statements": sum(1 for r in results if not r.types and r.statements),
        "nothing": sum(1 for r in results if not r.types and not r.statements),
        "source_agreement": _ratio(sum(r.source == "agree" for r in hits),
                                   sum(r.source != "n/a" for r in hits)),
        "source": dict(Counter(r.source for r in hits)),
        "target_agreement": _ratio(sum(r.target == "agree" for r in hits),
                                   sum(r.target != "n/a" for r in hits)),
        "target": dict(Counter(r.target for r in hits)),
        "by_coded_type": by_type,
        "by_our_type": precision,
    }


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.3f}"


def print_report(summary: dict[str, Any]) -> None:
    s = summary
    print(f"PLOVER check: {s['sentences']} coded English sentences")
    print(f"  type recall           {_fmt(s['recall'])}  (all coded types; "
          f"{_fmt(s['recall_types_with_trigger'])} over the {s['sentences_with_trigger_type']} "
          "sentences of types we have English triggers for)")
    print(f"  type precision        {_fmt(s['sentence_precision'])} of {s['sentences_answered']} sentences "
          f"with an event of ours; {_fmt(s['event_precision'])} of {s['events']} events (STATEMENT left out)")
    print(f"  only a STATEMENT      {s['only_statements']} sentences;  nothing at all: {s['nothing']}")
    print(f"  source agreement      {_fmt(s['source_agreement'])}  {s['source']}  (where the type was found)")
    print(f"  target agreement      {_fmt(s['target_agreement'])}  {s['target']}")
    print("\n  coded type (as)            n  found recall trigger  source (agree/wrong/none)")
    for name, row in s["by_coded_type"].items():
        src = row["source"]
        print(f"  {name:12} {row['as']:12} {row['sentences']:3} {row['found']:5}  {_fmt(row['recall'])}"
              f"  {'yes' if row['has_trigger'] else 'no ':3}     "
              f"{src.get('agree', 0)}/{src.get('wrong', 0)}/{src.get('none', 0)}")
    print("\n  our type          given right precision  coded instead")
    for name, row in s["by_our_type"].items():
        print(f"  {name:16} {row['sentences']:5} {row['right']:5}   {_fmt(row['precision'])}   "
              f"{row['coded_instead']}")


def print_failures(results: list[Result]) -> None:
    for r in results:
        if r.hit and r.source in {"agree", "n/a"}:
            continue
        what = "MISS" if not r.hit else f"SOURCE {r.source}"
        print(f"\n[{what}] {r.coded.id} coded {r.coded.event}"
              f" src={[a.get('actorText') for a in r.coded.sources]}"
              f" tar={[a.get('actorText') for a in r.coded.targets]}")
        print(f"  {r.coded.text}")
        for event in r.ours:
            print(f"  ours: {event}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plover", type=Path, default=PLOVER_FILE, help="PLOVER_GSR_CAMEO.txt")
    parser.add_argument("--json", type=Path, help="write the summary and per-sentence results here")
    parser.add_argument("--verbose", action="store_true", help="print every miss and source disagreement")
    args = parser.parse_args(argv)
    records = read_records(args.plover)
    if not records:
        raise SystemExit(f"{args.plover}: no coded English sentences")
    unknown = {r.type for r in records} - set(EVENT_TYPES)
    if unknown:
        print(f"coded types with no counterpart in our model (counted as misses): {sorted(unknown)}", file=sys.stderr)
    results = run(records)
    summary = summarise(results)
    if args.verbose:
        print_failures(results)
        print()
    print_report(summary)
    if args.json:
        per_sentence = [{"id": r.coded.id, "coded": r.coded.event, "as": r.coded.type, "ours": r.ours,
                         "hit": r.hit, "source": r.source, "target": r.target} for r in results]
        args.json.write_text(json.dumps({"summary": summary, "sentences": per_sentence}, indent=1) + "\n",
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
