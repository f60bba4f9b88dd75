"""/export (the files `kg export` writes) and /graph (the actor network and timeline page) with its JSON API.

Every endpoint takes the same filters as query parameters: since, until, type (repeatable or
comma-separated), actor (IRI, Q-id or label), article (id or IRI). Bad input is a 400 with the reason.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, jsonify, render_template, request, url_for

from kg.export import FilterError, Filters, export, get_format, parse_filters, project
from kg.export.cytoscape import cytoscape_elements
from kg.export.projection import EventRecord, Projection
from kg.export.views import VIEWS, actor_network
from kg.model import EVENT_TYPES
from kg.serve.protocol import ProtocolError
from kg.serve.ui import VENDOR

blueprint = Blueprint("export", __name__)


@blueprint.route("/export")
def download() -> Response:
    try:
        chosen = get_format(request.args.get("format", ""))
    except ValueError as error:
        raise ProtocolError(400, str(error)) from None
    view = request.args.get("view", "actors")
    if view not in VIEWS:
        raise ProtocolError(400, f"unknown view {view!r}; choose one of {', '.join(VIEWS)}")
    filters = _filters()
    with current_app.extensions["kg.store"].reading() as store:
        try:
            data = export(store, chosen.name, filters, view=view)
        except (FilterError, ValueError) as error:
            raise ProtocolError(400, str(error)) from None
    name = f"kg-{view if chosen.kind == 'graph' else 'events' if chosen.kind == 'table' else 'graph'}"
    return Response(data, content_type=_content_type(chosen.media_type),
                    headers={"Content-Disposition": f'attachment; filename="{name}.{chosen.extension}"'})


@blueprint.route("/graph")
def page() -> str:
    config = {"data": url_for("export.graph_data"), "entityPage": url_for("ui.entity"),
              "export": url_for("export.download"), "eventTypes": list(EVENT_TYPES)}
    return render_template("graph.html", config=config,
                           has_cytoscape=(VENDOR / "cytoscape" / "cytoscape.min.js").is_file())


@blueprint.route("/graph/data")
def graph_data() -> Response:
    """The actor network as cytoscape.js elements, and every shown event with its evidence (for the
    edge details and the timeline)."""
    filters = _filters()
    with current_app.extensions["kg.store"].reading() as store:
        try:
            projection = project(store, filters)
        except FilterError as error:
            raise ProtocolError(400, str(error)) from None
    return jsonify({"elements": cytoscape_elements(actor_network(projection))["elements"],
                    "events": [_event_json(projection, event) for event in projection.events]})


def _filters() -> Filters:
    try:
        return parse_filters(since=request.args.get("since"), until=request.args.get("until"),
                             types=request.args.getlist("type"), actor=request.args.get("actor"),
                             article=request.args.get("article"))
    except FilterError as error:
        raise ProtocolError(400, str(error)) from None


def _content_type(media_type: str) -> str:
    textual = media_type.startswith("text/") or media_type.endswith(("json", "xml", "trig", "n-quads"))
    return f"{media_type}; charset=utf-8" if textual else media_type


def _event_json(projection: Projection, event: EventRecord) -> dict[str, Any]:
    article = projection.articles.get(event.article)
    roles = {role: [{"iri": iri, "label": projection.actor(iri).label} for iri in actors]
             for role, actors in event.roles.items()}
    return {
        "iri": event.iri, "type": event.event_type, "mode": event.mode, "when": event.when,
        "dateStated": bool(event.date), "topics": event.topics, "quantity": event.quantity, "roles": roles,
        "evidence": list(dict.fromkeys(span.text for span in event.evidence)),
        "article": {"iri": event.article, "headline": article.headline if article else "",
                    "url": article.url if article else ""},
    }
