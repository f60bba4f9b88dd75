"""The browser side: the query page at / (YASGUI, prefilled with the example queries) and /entity?iri=.

Everything shown comes from the graph, so templates autoescape it (labels and evidence are article text).
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, current_app, render_template, request, send_from_directory, url_for

from kg.serve.entity import describe_entity
from kg.serve.examples import example_queries
from kg.serve.protocol import ProtocolError

WEB = Path(__file__).resolve().parents[1] / "web"
VENDOR = WEB / "vendor"

blueprint = Blueprint("ui", __name__, template_folder=str(WEB / "templates"), static_folder=str(WEB / "static"),
                      static_url_path="/static")


@blueprint.route("/")
def index() -> str:
    config = {
        "endpoint": url_for("sparql.endpoint", _external=True),
        "entityPage": url_for("ui.entity", _external=True),
        "examples": [{"title": title, "query": text} for title, text in example_queries()],
        "fallback": "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 20",
    }
    return render_template("index.html", config=config, has_yasgui=(VENDOR / "yasgui" / "yasgui.min.js").is_file())


@blueprint.route("/vendor/<path:filename>")
def vendor(filename: str) -> Response:
    return send_from_directory(VENDOR, filename, max_age=86400)


@blueprint.route("/entity")
def entity() -> str:
    iri = request.args.get("iri", "").strip()
    if not iri:
        raise ProtocolError(400, "give the IRI to show: /entity?iri=...")
    served = current_app.extensions["kg.store"]
    with served.querying() as store:
        try:
            page = describe_entity(store, iri, served.union_options)
        except ValueError as error:
            raise ProtocolError(400, f"not an IRI: {error}") from None
    return render_template("entity.html", **page)
