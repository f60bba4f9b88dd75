"""The one data model that flows through the pipeline.

`Article` comes out of the readers; `Extraction` (the article's entities and events) is what every stage
after NLP reads or writes. `Extraction.to_json()` is exactly the prediction format of the dev set's
README, plus a few keys the scorer ignores (`not_after`, `medium`, `offices`, `pipeline`).
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC")
EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    "STATEMENT", "PRISONER_EXCHANGE", "MEDIATE",
)
EVENT_MODES = ("phone", "meeting", "visit", "video", "social_media", "missile", "drone", "artillery", "air")


@dataclass(frozen=True)
class Span:
    """A stretch of the article text: `text == article.text[start:end]`."""

    text: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Span:
        return cls(data["text"], int(data["start"]), int(data["end"]))


@dataclass
class Article:
    """One news article as read from a file; offsets everywhere refer to `text`.

    `body` lists the spans of `text` that are running prose: headlines, kickers, captions, datelines
    ("Stand: ...") and programme notes are left out, so no event is read from them.
    """

    id: str
    text: str
    language: str | None = None
    published: date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    body: list[tuple[int, int]] = field(default_factory=list)

    def body_spans(self) -> list[tuple[int, int]]:
        return self.body or [(0, len(self.text))]

    @property
    def content_hash(self) -> str:
        """Changes whenever anything the extraction depends on changes."""
        key = "\x1f".join([self.id, self.text, self.language or "", str(self.published or ""), self.title or ""])
        return hashlib.sha256(key.encode("utf-8")).hexdigest()


@dataclass
class Office:
    """An office a person holds as the text states it ("US-Verteidigungsminister")."""

    title: str  # surface form
    role: str  # normalised role key, e.g. "defence_minister", "spokesperson", "head_of_state"
    country: str | None = None  # ISO 3166 alpha-2 (lower case) or organisation key the office belongs to

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Entity:
    id: str
    name: str
    type: str
    mentions: list[Span] = field(default_factory=list)
    wikidata: str | None = None
    offices: list[Office] = field(default_factory=list)
    country: str | None = None  # ISO code of the state a GPE is, or a person/org belongs to
    kb_key: str | None = None  # the knowledge-base entry the recogniser matched (internal, not serialised)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "wikidata": self.wikidata,
            "mentions": [m.to_json() for m in self.mentions],
        }
        if self.offices:
            data["offices"] = [o.to_json() for o in self.offices]
        if self.country:
            data["country"] = self.country
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Entity:
        return cls(
            id=data["id"],
            name=data["name"],
            type=data["type"],
            wikidata=data.get("wikidata"),
            mentions=[Span.from_json(m) for m in data.get("mentions", [])],
            offices=[Office(**o) for o in data.get("offices", [])],
            country=data.get("country"),
        )


@dataclass
class Event:
    id: str
    type: str
    participants: list[str] = field(default_factory=list)  # entity ids
    mode: str | None = None
    source: str | None = None
    target: str | None = None
    mediator: str | None = None
    reported_by: str | None = None
    medium: str | None = None  # entity id of the channel a statement was posted on
    date: str | None = None  # "YYYY", "YYYY-MM" or "YYYY-MM-DD", only where the text states it
    not_after: str | None = None  # the publication date where the text gives no date
    topics: list[str] = field(default_factory=list)
    quantity: float | int | None = None
    confidence: float = 0.5
    evidence: list[Span] = field(default_factory=list)
    trigger: str | None = None  # the word that signalled the event, for traceability

    @property
    def date_precision(self) -> str | None:
        if not self.date:
            return None
        return {4: "year", 7: "month", 10: "day"}.get(len(self.date))

    def actors(self) -> set[str]:
        roles = (self.source, self.target, self.mediator)
        return set(self.participants) | {r for r in roles if r}

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "mode": self.mode,
            "participants": list(self.participants),
            "source": self.source,
            "target": self.target,
            "mediator": self.mediator,
            "reported_by": self.reported_by,
            "medium": self.medium,
            "date": self.date,
            "not_after": self.not_after,
            "topics": list(self.topics),
            "quantity": self.quantity,
            "confidence": round(self.confidence, 3),
            "trigger": self.trigger,
            "evidence": [e.to_json() for e in self.evidence],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Event:
        return cls(
            id=data["id"],
            type=data["type"],
            mode=data.get("mode"),
            participants=list(data.get("participants", [])),
            source=data.get("source"),
            target=data.get("target"),
            mediator=data.get("mediator"),
            reported_by=data.get("reported_by"),
            medium=data.get("medium"),
            date=data.get("date"),
            not_after=data.get("not_after"),
            topics=list(data.get("topics", [])),
            quantity=data.get("quantity"),
            confidence=float(data.get("confidence", 0.5)),
            evidence=[Span.from_json(e) for e in data.get("evidence", [])],
            trigger=data.get("trigger"),
        )


@dataclass
class Document:
    """What the prediction format calls `document`: the article's metadata and how it was processed."""

    id: str
    title: str | None = None
    published: str | None = None
    language: str | None = None
    source: str | None = None
    url: str | None = None
    pipeline: str | None = None  # which NLP pipeline ran, e.g. "de:spacy-tokenizer+hanta"
    content_hash: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Extraction:
    document: Document
    text: str = ""  # the article text the offsets refer to (not part of the prediction JSON)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def entity(self, entity_id: str | None) -> Entity | None:
        if entity_id is None:
            return None
        return next((e for e in self.entities if e.id == entity_id), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "document": self.document.to_json(),
            "entities": [e.to_json() for e in self.entities],
            "events": [e.to_json() for e in self.events],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], text: str = "") -> Extraction:
        doc = data["document"]
        return cls(
            document=Document(**{k: doc.get(k) for k in Document.__dataclass_fields__}),
            text=text,
            entities=[Entity.from_json(e) for e in data.get("entities", [])],
            events=[Event.from_json(e) for e in data.get("events", [])],
        )
