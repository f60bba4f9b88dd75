"""Start a real `kg serve` process on a free loopback port and wait until it answers (tests, benchmarks)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

STARTUP_SECONDS = 30.0
KG_MAIN = "import sys; from kg.cli import main; sys.exit(main())"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_server(store_dir: str | Path, *options: str, env: dict[str, str] | None = None,
                   log: Path | None = None) -> Iterator[str]:
    """Yield the base URL (http://127.0.0.1:PORT) of a `kg serve --store store_dir *options` process."""
    port = free_port()
    command = [sys.executable, "-c", KG_MAIN, "serve", "--store", str(store_dir), "--port", str(port),
               *options]
    child_env = {**os.environ, **(env or {})}
    child_env["PYTHONPATH"] = os.pathsep.join(filter(None, [_project_root(), child_env.get("PYTHONPATH")]))
    output = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    process = subprocess.Popen(command, env=child_env, stdout=output, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if log:
            output.close()


def _wait_until_up(base: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"kg serve exited with status {process.returncode} before answering")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"kg serve did not answer at {base} within {STARTUP_SECONDS:g} s")


def _project_root() -> str:
    return str(Path(__file__).resolve().parents[2])
