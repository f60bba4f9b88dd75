"""Who may write: nobody, unless the operator set a token; then whoever sends it as a bearer token."""

from __future__ import annotations

import hmac

from flask import current_app, request

from kg.serve.protocol import ProtocolError


def require_write_access() -> None:
    """Raise a ProtocolError (403 read-only, 401 missing/wrong token) unless this request may write."""
    token = current_app.config.get("KG_TOKEN")
    if not token:
        raise ProtocolError(
            403,
            "this server is read-only: writes need an operator-set token (KG_TOKEN or kg serve --token)",
        )
    scheme, _, offered = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(offered.strip().encode(), token.encode()):
        raise ProtocolError(
            401, "writing needs the header 'Authorization: Bearer <token>' with the operator's token",
            {"WWW-Authenticate": 'Bearer realm="kg"'},
        )


def writes_enabled() -> bool:
    return bool(current_app.config.get("KG_TOKEN"))
