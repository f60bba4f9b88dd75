"""Queries under a time limit run in query processes, so a query over its limit is stopped for real.

pyoxigraph evaluates in Rust and cannot be interrupted from Python: a thread running a long GROUP BY goes
on burning a core after the request has answered "timed out". A process can be killed. Each server worker
keeps a few query processes (one per request it is answering at the same time); each opens the snapshot
it is asked about read-only (kg/serve/dataset.py) and keeps it open for the next query. At the deadline
the process is killed (SIGKILL is safe: it only reads a checkpoint that no one writes) and a fresh one is
started in its place.
"""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import threading
import weakref
from collections import deque
from contextlib import suppress
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from kg.serve import formats
from kg.serve.execute import Answer, QuerySettings, QueryTimeout, TooManyRows, evaluate, timeout_message
from kg.serve.protocol import QueryRequest


class QueryFailed(RuntimeError):
    """The query could not be answered for a reason that is not the client's (a store error, a crash)."""


# errors a query process reports, by name, and the exception the server raises for each
_ERRORS: dict[str, type[Exception]] = {
    "syntax": SyntaxError,
    "not_acceptable": formats.NotAcceptable,
    "too_many_rows": TooManyRows,
    "value": ValueError,
    "failed": QueryFailed,
}


STARTUP_SECONDS = 60.0  # for a new query process to import its modules; not part of any query's time


@dataclass
class _Worker:
    process: subprocess.Popen
    connection: Connection
    ready: bool = False

    def wait_until_ready(self) -> None:
        """A query's time starts when the process can run it, not while Python starts up."""
        if not self.ready:
            if not self.connection.poll(STARTUP_SECONDS):
                raise OSError("the query process did not start")
            self.connection.recv()  # its "ready"
            self.ready = True


class QueryProcesses:
    """A small pool of query processes for one server process; safe to use from several threads."""

    def __init__(self, keep_idle: int = 4) -> None:
        self.keep_idle = keep_idle
        self.stopped: deque[int] = deque(maxlen=100)  # pids of processes killed at the time limit, newest last
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()
        weakref.finalize(self, _stop_all, self._idle)

    def run(self, location: Path, request: QueryRequest, accept: str | None, settings: QuerySettings
            ) -> Answer:
        """Evaluate `request` on the store at `location`; QueryTimeout (and the process killed) at the limit."""
        worker = self._take()
        try:
            worker.wait_until_ready()
            worker.connection.send((str(location), request, accept, settings))
            if not worker.connection.poll(settings.timeout):
                self._replace(worker)
                raise QueryTimeout(timeout_message(settings.timeout))
            reply = worker.connection.recv()
        except (EOFError, OSError) as error:  # the process died (out of memory, a crash)
            self._replace(worker, timed_out=False)
            raise QueryFailed(f"the query process stopped unexpectedly ({error or 'no reply'})") from None
        self._give_back(worker)
        if reply[0] == "answer":
            return Answer(reply[1], reply[2])
        raise _ERRORS[reply[1]](reply[2])

    def close(self) -> None:
        _stop_all(self._idle)

    def _take(self) -> _Worker:
        with self._lock:
            while self._idle:
                worker = self._idle.pop()
                if worker.process.poll() is None:
                    return worker
                worker.connection.close()  # it died while idle
        return self._start()

    def _give_back(self, worker: _Worker) -> None:
        with self._lock:
            if len(self._idle) < self.keep_idle:
                self._idle.append(worker)
                return
        _stop(worker)

    def _replace(self, worker: _Worker, timed_out: bool = True) -> None:
        """Kill a process that ran over its limit; start its successor now, so it is ready sooner."""
        worker.process.kill()
        worker.process.wait()
        worker.connection.close()
        if timed_out:
            self.stopped.append(worker.process.pid)
        self._give_back(self._start())

    def _start(self) -> _Worker:
        """A new Python process (never a fork of this one, which has RocksDB open), talking over a socket."""
        ours, theirs = socket.socketpair()
        with theirs:
            process = subprocess.Popen([sys.executable, "-m", __name__, str(theirs.fileno())],
                                       pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL,
                                       env=_child_environment())
        return _Worker(process, Connection(ours.detach()))


def _stop(worker: _Worker) -> None:
    worker.connection.close()  # the process sees the end of its socket and exits
    try:
        worker.process.wait(timeout=1)
    except subprocess.TimeoutExpired:
        worker.process.kill()
        worker.process.wait()


def _child_environment() -> dict[str, str]:
    """This environment, with this process's import path, so the child finds the same `kg`."""
    import os

    return {**os.environ, "PYTHONPATH": os.pathsep.join(path for path in sys.path if path)}


def _stop_all(workers: list[_Worker]) -> None:
    while workers:
        _stop(workers.pop())


def serve_queries(connection: Connection) -> None:
    """The query process: answer queries from the pipe until the server closes it (or dies)."""
    from kg.store import GraphStore

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle; it stops us
    _die_with_the_server()
    opened: tuple[str, object] | None = None
    connection.send("ready")
    while True:
        try:
            location, request, accept, settings = connection.recv()
        except (EOFError, OSError):
            return
        try:
            if opened is None or opened[0] != location:
                opened = None  # close the previous snapshot first
                opened = (location, GraphStore.open(Path(location), read_only=True).raw)
            answer = evaluate(opened[1], request, accept, settings)
            reply: tuple = ("answer", answer.body, answer.content_type)
        except Exception as error:  # reported to the server, which answers with the right status
            reply = ("error", _kind(error), str(error))
        try:
            connection.send(reply)
        except OSError:
            return


def _die_with_the_server() -> None:
    """Linux: be killed when the server process (the thread that started us) ends, even mid-query."""
    import ctypes

    with suppress(OSError, AttributeError):
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _kind(error: Exception) -> str:
    for kind, error_type in _ERRORS.items():
        if isinstance(error, error_type):
            return kind
    return "failed"


if __name__ == "__main__":
    serve_queries(Connection(int(sys.argv[1])))
