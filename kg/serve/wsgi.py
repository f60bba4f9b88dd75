"""Running the app under gunicorn from Python, so `kg serve --workers N` needs no separate command line.

Each worker builds its own app (no preloading): RocksDB handles must not cross a fork, and each worker
keeps its own snapshot of the store (see kg/serve/dataset.py). Workers are gunicorn's sync workers, one
request at a time each: the fastest kind for short requests, and one that may end itself to stop a query
over its time limit (kg/serve/query_watchdog.py); `--workers` sets how many requests are answered at once.
"""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication


class GunicornServer(BaseApplication):
    def __init__(self, app_config: dict[str, Any], options: dict[str, Any]) -> None:
        self.app_config = app_config
        self.options = options
        super().__init__()

    @staticmethod
    def known_settings() -> set[str]:
        from gunicorn.config import KNOWN_SETTINGS

        return {setting.name for setting in KNOWN_SETTINGS}

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):  # noqa: ANN201 - a WSGI application
        from kg.server import create_app

        return create_app(self.app_config)


def serve(app_config: dict[str, Any], host: str, port: int, workers: int,
          access_log: str | None = "-") -> None:
    """Serve until interrupted; the hard timeout backs up the app's own query time limit."""
    query_timeout = app_config.get("KG_QUERY_TIMEOUT") or 0
    options = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "sync",
        "accesslog": access_log,
        "errorlog": "-",
        "timeout": int(float(query_timeout)) + 30 if query_timeout else 0,
        "graceful_timeout": 5,
        "preload_app": False,
    }
    if "control_socket_disable" in GunicornServer.known_settings():
        options["control_socket_disable"] = True  # gunicorn >= 24: no shared ~/.gunicorn socket per server
    GunicornServer({**app_config, "KG_QUERY_ISOLATION": "worker"}, options).run()
