"""What a batch did, for the person (one summary line) and for machines (a JSON report file).

The report is written at the end of a run, and also when the run is interrupted (`complete: false`), so a
scheduler can tell a finished batch from a stopped one. Every input that was not written has one entry in
`skipped` with a one-line reason; inputs that were read but with a caveat (an unusual encoding) have one in
`warnings`.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Note:
    """One input (a file, a line of a JSON Lines file or an article id) and a one-line reason."""

    source: str
    reason: str

    def to_json(self) -> dict[str, str]:
        return {"source": self.source, "reason": self.reason}


@dataclass
class BuildReport:
    store: str
    engine: str
    started: float = field(default_factory=time.time)
    finished: float | None = None
    complete: bool = False
    read: int = 0
    written: int = 0
    unchanged: int = 0
    events: int = 0
    entities: int = 0
    triples: int = 0
    store_quads: int | None = None
    skipped: list[Note] = field(default_factory=list)
    warnings: list[Note] = field(default_factory=list)

    def skip(self, source: str, reason: str) -> None:
        self.skipped.append(Note(source, _one_line(reason)))

    def warn(self, source: str, reason: str) -> None:
        self.warnings.append(Note(source, _one_line(reason)))

    def add_written(self, events: int, entities: int, triples: int) -> None:
        self.written += 1
        self.events += events
        self.entities += entities
        self.triples += triples

    def finish(self, complete: bool, store_quads: int | None = None) -> None:
        self.finished = time.time()
        self.complete = complete
        self.store_quads = store_quads

    @property
    def seconds(self) -> float:
        return (self.finished or time.time()) - self.started

    @property
    def articles_per_second(self) -> float:
        return self.written / self.seconds if self.seconds > 0 else 0.0

    def summary(self) -> str:
        state = "" if self.complete else "INTERRUPTED: "
        held = f"; the store holds {self.store_quads} quads" if self.store_quads is not None else ""
        return (
            f"{state}{self.written} articles written ({self.events} events, {self.entities} entities, "
            f"{self.triples} triples) in {self.seconds:.1f} s ({self.articles_per_second:.1f} articles/s), "
            f"{self.unchanged} unchanged, {len(self.skipped)} skipped, {len(self.warnings)} warnings{held}"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "command": "kg build",
            "complete": self.complete,
            "store": self.store,
            "engine": self.engine,
            "started": _iso(self.started),
            "finished": _iso(self.finished) if self.finished else None,
            "seconds": round(self.seconds, 3),
            "articles_per_second": round(self.articles_per_second, 2),
            "totals": {
                "read": self.read,
                "written": self.written,
                "unchanged": self.unchanged,
                "skipped": len(self.skipped),
                "warnings": len(self.warnings),
                "events": self.events,
                "entities": self.entities,
                "triples": self.triples,
                "store_quads": self.store_quads,
            },
            "skipped": [n.to_json() for n in self.skipped],
            "warnings": [n.to_json() for n in self.warnings],
        }

    def write(self, path: str | Path) -> None:
        """Write the JSON report atomically (a reader never sees half a file)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.tmp")
        temporary.write_text(json.dumps(self.to_json(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        temporary.replace(path)


def _one_line(reason: str) -> str:
    return " ".join(reason.split())


def _iso(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, UTC).isoformat(timespec="seconds")
