"""Queries under a time limit inside a gunicorn sync worker: evaluated right in the request, watched by a
thread that, at the limit, answers 503 itself and ends the worker, which is what stops the query.

pyoxigraph cannot be interrupted, but it releases the GIL while it evaluates, so the watchdog runs while
the query does. A sync worker answers one request at a time, so ending it disturbs no other request, and
gunicorn starts a fresh worker in its place. Nothing passes between threads per query (the watchdog looks
at the clock a few times a second), so a short query costs what it costs unwatched. `kg serve` runs this
way; any other WSGI server (threads sharing a process) gets query processes instead
(kg/serve/query_processes.py), which hand every query to another process and copy its result back.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass

from flask import Flask

from kg.serve.execute import timeout_message
from kg.serve.protocol import ProtocolError

TICK_SECONDS = 0.05  # how late past its limit a query may be stopped

log = logging.getLogger("gunicorn.error")  # gunicorn's own log, with its timestamps


@dataclass(frozen=True)
class _Watch:
    deadline: float  # time.monotonic()
    timeout: float
    environ: dict


class QueryWatchdog:
    """Ends this single-request worker process when the query it is answering runs over its limit."""

    def __init__(self, app: Flask) -> None:
        self._app = app
        self._lock = threading.Lock()
        self._watch: _Watch | None = None
        self._thread: threading.Thread | None = None

    @contextmanager
    def watching(self, timeout: float, environ: dict) -> Iterator[None]:
        """Run the block under the limit; after it, the watchdog leaves the answer to the request."""
        if self._thread is None:  # started in the worker, after gunicorn's fork
            self._thread = threading.Thread(target=self._run, name="kg-query-watchdog", daemon=True)
            self._thread.start()
        self._watch = _Watch(time.monotonic() + timeout, timeout, environ)
        try:
            yield
        finally:
            with self._lock:  # waits forever if the watchdog has begun to answer: the worker is ending
                self._watch = None

    def _run(self) -> None:
        while True:
            watch = self._watch
            now = time.monotonic()
            if watch is None or now < watch.deadline:
                time.sleep(TICK_SECONDS if watch is None else min(TICK_SECONDS, watch.deadline - now))
                continue
            with self._lock:
                if self._watch is watch:
                    self._answer_and_end(watch)

    def _answer_and_end(self, watch: _Watch) -> None:
        """Send the 503 that the request would have sent, then end the process (and with it the query)."""
        try:
            socket = watch.environ.get("gunicorn.socket")
            if socket is not None:
                socket.sendall(self._timeout_response(watch))
            environ = watch.environ
            log.warning('"%s %s" 503: the query ran over the time limit of %g s; worker %d ends to stop it',
                        environ.get("REQUEST_METHOD"), environ.get("PATH_INFO"), watch.timeout, os.getpid())
            for handler in log.handlers:
                with suppress(Exception):
                    handler.flush()
        finally:
            os._exit(0)

    def _timeout_response(self, watch: _Watch) -> bytes:
        """The app's own 503 (its error text, its CORS headers) as bytes on the wire."""
        app = self._app
        with app.request_context(watch.environ):
            response = app.make_response(app.handle_user_exception(
                ProtocolError(503, timeout_message(watch.timeout))))
            response = app.process_response(response)
        response.headers["Connection"] = "close"
        body = response.get_data()
        response.headers["Content-Length"] = str(len(body))
        head = [f"HTTP/1.1 {response.status}"] + [f"{name}: {value}" for name, value in response.headers]
        return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body
