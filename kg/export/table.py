"""The events table: one row per event, for pandas, R, spreadsheets (CSV) and columnar tools (Parquet).

Actors appear twice, by label (readable) and by IRI (joinable); `wikidata` lists the Q-ids of the event's
linked actors. In Parquet the list columns stay lists; in CSV they are joined with "; ".
"""

from __future__ import annotations

import io
from typing import Any

from kg.export.projection import EventRecord, Projection

CSV_LIST_SEPARATOR = "; "
LIST_COLUMNS = ("participants", "participant_iris", "topics", "wikidata", "evidence")


def event_rows(projection: Projection) -> list[dict[str, Any]]:
    return [_row(projection, event) for event in projection.events]


def _row(projection: Projection, event: EventRecord) -> dict[str, Any]:
    def label(iri: str) -> str:
        return projection.actor(iri).label if iri else ""

    participants = event.actors_in("participant")
    everyone = sorted(event.actors())
    article = projection.articles.get(event.article)
    return {
        "event": event.iri,
        "type": event.event_type,
        "mode": event.mode,
        "date": event.date,
        "date_precision": event.date_precision,
        "not_after": event.not_after,
        "source": label(event.one("source")),
        "target": label(event.one("target")),
        "mediator": label(event.one("mediator")),
        "reported_by": label(event.one("reported_by")),
        "participants": [label(iri) for iri in participants],
        "source_iri": event.one("source"),
        "target_iri": event.one("target"),
        "mediator_iri": event.one("mediator"),
        "participant_iris": participants,
        "quantity": float(event.quantity) if event.quantity is not None else None,
        "confidence": float(event.confidence) if event.confidence is not None else None,
        "topics": list(event.topics),
        "wikidata": [qid for qid in (projection.actor(iri).wikidata for iri in everyone) if qid],
        "evidence": list(dict.fromkeys(span.text for span in event.evidence)),
        "article": event.article,
        "headline": article.headline if article else "",
        "published": article.published if article else "",
    }


def events_frame(projection: Projection):  # noqa: ANN201 - pandas is imported lazily
    import pandas as pd

    columns = list(_row(projection, EventRecord("", "", "")).keys())
    return pd.DataFrame(event_rows(projection), columns=columns)


def write_csv(projection: Projection) -> bytes:
    frame = events_frame(projection)
    for column in LIST_COLUMNS:
        frame[column] = frame[column].map(CSV_LIST_SEPARATOR.join)
    return frame.to_csv(index=False).encode("utf-8")


def write_parquet(projection: Projection) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = event_rows(projection)
    schema = pa.schema([(name, _arrow_type(name)) for name in _row(projection, EventRecord("", "", ""))])
    table = pa.Table.from_pylist(rows, schema=schema)
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def _arrow_type(column: str):  # noqa: ANN202
    import pyarrow as pa

    if column in LIST_COLUMNS:
        return pa.list_(pa.string())
    if column in ("quantity", "confidence"):
        return pa.float64()
    return pa.string()
