"""The SPARQL server as a Flask app factory, usable by `kg serve` and by any WSGI server.

    gunicorn 'kg.server:create_app({"KG_STORE": "store"})'

Settings (keys of `config`, or environment variables of the same name when absent from `config`):
KG_STORE (store directory; unset: an empty in-memory store), KG_TOKEN (bearer token that enables writes),
KG_QUERY_TIMEOUT (seconds), KG_MAX_ROWS, KG_MAX_REQUEST_BYTES, KG_CORS (allowed origins, comma separated,
or "*"), KG_UNION_DEFAULT_GRAPH (default true: the default graph is the union of the article graphs),
KG_REFRESH_INTERVAL (seconds between looks at the store's files for data that another program such as
`kg build` wrote; writes through the server are seen at once), KG_QUERY_ISOLATION ("process":
a query under a time limit runs in a query process killed at the limit, right for any WSGI server;
"worker": it runs in the worker, which ends at the limit, for single-request workers such as gunicorn's
sync workers, which `kg serve` uses).
"""

from __future__ import annotations

import os
from typing import Any

from flask import Flask, Response

DEFAULTS: dict[str, Any] = {
    "KG_STORE": None,
    "KG_TOKEN": None,
    "KG_QUERY_TIMEOUT": 30.0,
    "KG_MAX_ROWS": 100_000,
    "KG_MAX_REQUEST_BYTES": 1_000_000,
    "KG_CORS": "*",
    "KG_UNION_DEFAULT_GRAPH": True,
    "KG_REFRESH_INTERVAL": 1.0,
    "KG_QUERY_ISOLATION": "process",
}


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """A configured app serving the store named by KG_STORE."""
    from kg.serve import export, graph_store, health, sparql, ui
    from kg.serve.dataset import ServedStore
    from kg.serve.execute import QuerySettings, store_prefixes
    from kg.serve.fast_path import QueryFastPath
    from kg.serve.protocol import ProtocolError
    from kg.serve.query_processes import QueryProcesses
    from kg.serve.query_watchdog import QueryWatchdog

    settings = _settings(config or {})
    app = Flask(__name__, static_folder=None)
    app.config.update(settings)
    app.config["MAX_CONTENT_LENGTH"] = settings["KG_MAX_REQUEST_BYTES"]
    served = ServedStore.open(settings["KG_STORE"], settings["KG_REFRESH_INTERVAL"],
                              union_view=settings["KG_UNION_DEFAULT_GRAPH"])
    app.config["KG_QUERY_SETTINGS"] = QuerySettings(
        timeout=settings["KG_QUERY_TIMEOUT"], max_rows=settings["KG_MAX_ROWS"],
        union_default_graph=settings["KG_UNION_DEFAULT_GRAPH"], union_view=served.union_view,
        prefixes=store_prefixes(),
    )
    app.extensions["kg.store"] = served
    if settings["KG_QUERY_ISOLATION"] == "worker":
        app.extensions["kg.query_watchdog"] = QueryWatchdog(app)
    else:
        app.extensions["kg.queries"] = QueryProcesses()  # started on the first query with a time limit

    for module in (sparql, graph_store, health, ui, export):
        app.register_blueprint(module.blueprint)
    _allow_cross_origin(app, settings["KG_CORS"])

    @app.errorhandler(ProtocolError)
    def protocol_error(error: ProtocolError) -> Response:
        return error.response()

    app.wsgi_app = QueryFastPath(app, app.wsgi_app)  # type: ignore[method-assign]

    return app


def _allow_cross_origin(app: Flask, origins: str | None) -> None:
    """Browsers on other origins may query (and, with the token, write): the SPARQL/Graph Store headers."""
    if not origins:
        return
    from flask_cors import CORS

    allowed = "*" if origins.strip() == "*" else [origin.strip() for origin in origins.split(",")]
    CORS(app, origins=allowed, allow_headers=["Accept", "Authorization", "Content-Type"],
         expose_headers=["Content-Type", "Location"], methods=["GET", "HEAD", "POST", "PUT", "DELETE"],
         max_age=3600)


def _settings(config: dict[str, Any]) -> dict[str, Any]:
    """DEFAULTS, overridden by the environment, overridden by `config`; numbers parsed, 0 means no limit."""
    settings = dict(DEFAULTS)
    for key in DEFAULTS:
        if key in os.environ:
            settings[key] = os.environ[key]
    settings.update({k: v for k, v in config.items()})
    for key, kind in (("KG_QUERY_TIMEOUT", float), ("KG_MAX_ROWS", int), ("KG_MAX_REQUEST_BYTES", int)):
        value = settings[key]
        settings[key] = kind(value) if value not in (None, "", 0, "0") else None
    settings["KG_REFRESH_INTERVAL"] = float(settings["KG_REFRESH_INTERVAL"] or 0)
    if isinstance(settings["KG_UNION_DEFAULT_GRAPH"], str):
        union = settings["KG_UNION_DEFAULT_GRAPH"].lower()
        settings["KG_UNION_DEFAULT_GRAPH"] = union not in ("0", "false", "no")
    settings["KG_TOKEN"] = settings["KG_TOKEN"] or None
    if settings["KG_QUERY_ISOLATION"] not in ("process", "worker"):
        raise ValueError(f"KG_QUERY_ISOLATION is 'process' or 'worker', not {settings['KG_QUERY_ISOLATION']!r}")
    return settings
