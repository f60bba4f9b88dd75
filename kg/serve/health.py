"""/healthz: is the process up and can it read its store (for load balancers and container probes)."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify
from flask.typing import ResponseReturnValue

blueprint = Blueprint("health", __name__)


@blueprint.route("/healthz")
def healthz() -> ResponseReturnValue:
    try:
        with current_app.extensions["kg.store"].reading() as store:
            quads = len(store)
    except Exception as error:  # the probe reports any failure instead of raising it
        return jsonify(status="error", error=str(error)), 503
    return jsonify(status="ok", quads=quads)
