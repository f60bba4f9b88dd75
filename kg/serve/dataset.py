"""The store as the server sees it: read-only snapshots of the on-disk store that `kg build` writes.

Why snapshots: RocksDB (under pyoxigraph) lets one process hold a store read-write, and pyoxigraph calls
opening it read-only while another process writes "undefined behaviour". So the server never keeps the
store open. When the store's files have changed, the server opens the store read-write for a few
milliseconds, takes a checkpoint (`Store.backup`: hard links, no copy) into a private directory, closes
the store, and serves queries from the checkpoint, which no one ever writes. While `kg build` holds the
store, the server goes on serving the last snapshot and picks up the new articles once the build is done.

The server's worker processes share snapshots: `<root>/current` names the newest one together with the
store's file fingerprint right after it was taken, and a worker that finds the store unchanged since then
simply opens that snapshot. (Each read-write open rewrites some RocksDB files, so comparing against the
fingerprint taken after our own open is what keeps workers from re-snapshotting each other's opens.)
Old snapshots are deleted once no live worker reads them (`<root>/readers/<snapshot>@<pid>` markers).

Writes from the server (SPARQL Update, Graph Store) open the store read-write for one operation, under a
file lock shared by the workers, and publish a new snapshot afterwards.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.store import GraphStore

LOCK_RETRY_SECONDS = 5.0
BUSY_RETRY_SECONDS = 1.0


class StoreBusy(RuntimeError):
    """Another process (typically `kg build`) holds the store for writing."""


@dataclass
class _Snapshot:
    """One checkpoint of the store, open read-only in this process, and the requests reading it."""

    name: str
    store: ox.Store | None
    marker: Path | None = None
    readers: int = 0
    retired: bool = False

    def close_if_unused(self) -> None:
        if self.retired and self.readers == 0:
            self.store = None  # closes RocksDB
            if self.marker is not None:
                self.marker.unlink(missing_ok=True)


@dataclass
class ServedStore:
    """Gives each request a consistent store to read, and serialises writes (see the module docstring)."""

    path: Path | None
    root: Path | None = None
    refresh_interval: float = 0.0
    _guard: threading.RLock = field(default_factory=threading.RLock)
    _current: _Snapshot | None = None
    _next_check: float = 0.0

    @classmethod
    def open(cls, path: str | Path | None, refresh_interval: float = 0.0) -> ServedStore:
        """Serve the store at `path` (created if missing); `None` serves a fresh in-memory store."""
        if path is None:
            served = cls(None, refresh_interval=refresh_interval)
            served._current = _Snapshot("memory", GraphStore.open(None).raw)
            return served
        path = Path(path).resolve()
        if path.exists() and not path.is_dir():
            raise ValueError(f"{path} is a file, not a store directory")
        root = path.parent / f".{path.name}.kg-serve"
        for folder in (root / "snapshots", root / "readers"):
            folder.mkdir(parents=True, exist_ok=True)
        served = cls(path, root, refresh_interval)
        served.refresh(wait=True)
        return served

    @property
    def in_memory(self) -> bool:
        return self.path is None

    @contextmanager
    def reading(self) -> Iterator[GraphStore]:
        """The newest snapshot, kept open until the block ends even if a newer one replaces it.

        The handle is emptied when the block ends, so no one reads a snapshot after it was let go.
        """
        self.refresh()
        with self._guard:
            snapshot = self._current
            if snapshot is None:
                raise StoreBusy("the store is closed")
            snapshot.readers += 1
        handle = GraphStore(snapshot.store, self.path)
        try:
            yield handle
        finally:
            handle.raw = None
            with self._guard:
                snapshot.readers -= 1
                snapshot.close_if_unused()

    @contextmanager
    def writing(self) -> Iterator[GraphStore]:
        """The store itself, read-write, for one operation; readers see the result afterwards.

        The handle is emptied when the block ends, which closes the store so the snapshot can be taken.
        """
        if self.in_memory:
            with self._guard:
                yield GraphStore(self._current.store)
            return
        with self._shared_lock():
            handle = GraphStore(self._open_writable(wait=True), self.path)
            try:
                yield handle
                handle.flush()
            finally:
                handle.raw = None
            self._adopt(self._publish_snapshot())

    def refresh(self, wait: bool = False) -> None:
        """Move to the newest snapshot, taking one first if the store's files changed since the last."""
        if self.in_memory or time.monotonic() < self._next_check:
            return
        self._next_check = time.monotonic() + self.refresh_interval
        state = self._read_state()
        if state and state["fingerprint"] == _fingerprint(self.path):
            self._adopt(state["name"])
            return
        try:
            with self._shared_lock():
                state = self._read_state()  # another worker may have just taken one
                if not state or state["fingerprint"] != _fingerprint(self.path):
                    state = {"name": self._publish_snapshot(wait)}
                self._adopt(state["name"])
        except StoreBusy:
            self._next_check = time.monotonic() + BUSY_RETRY_SECONDS
            if self._current is None:
                if not state:
                    raise
                self._adopt(state["name"])  # a build is writing: serve the last snapshot meanwhile

    def close(self) -> None:
        """Let go of the current snapshot (deleted by the next snapshot taken once no one reads it)."""
        with self._guard:
            if self._current is not None:
                self._current.retired = True
                self._current.close_if_unused()
            self._current = None

    def _publish_snapshot(self, wait: bool = True) -> str:
        """Checkpoint the store into a new snapshot and make it current; call under the shared lock."""
        name = f"{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
        store = self._open_writable(wait)
        try:
            store.backup(str(self.root / "snapshots" / name))
        finally:
            del store
        state = {"name": name, "fingerprint": _fingerprint(self.path)}
        temporary = self.root / f"current.{os.getpid()}"
        temporary.write_text(json.dumps(state))
        temporary.replace(self.root / "current")
        self._remove_unread_snapshots(keep=name)
        return name

    def _adopt(self, name: str) -> None:
        with self._guard:
            if self._current is not None and self._current.name == name:
                return
            marker = self.root / "readers" / f"{name}@{os.getpid()}"
            marker.touch()
            store = GraphStore.open(self.root / "snapshots" / name, read_only=True).raw
            old, self._current = self._current, _Snapshot(name, store, marker)
            if old is not None:
                old.retired = True
                old.close_if_unused()

    def _read_state(self) -> dict | None:
        with suppress(FileNotFoundError, ValueError):
            return json.loads((self.root / "current").read_text())
        return None

    def _open_writable(self, wait: bool = True) -> ox.Store:
        deadline = time.monotonic() + (LOCK_RETRY_SECONDS if wait else 0.0)
        while True:
            try:
                return GraphStore.open(self.path).raw
            except OSError as error:
                if "lock" not in str(error).lower():
                    raise
                if time.monotonic() >= deadline:
                    raise StoreBusy(f"the store {self.path} is being written by another process") from error
                time.sleep(0.05)

    @contextmanager
    def _shared_lock(self) -> Iterator[None]:
        """Serialises store opens between this server's worker processes (RocksDB allows one writer)."""
        with open(self.root / "write.lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _remove_unread_snapshots(self, keep: str) -> None:
        """Snapshots no live process reads: not current, no marker of a running process."""
        readers: dict[str, bool] = {}
        for marker in (self.root / "readers").iterdir():
            name, _, pid = marker.name.rpartition("@")
            if pid.isdigit() and _process_alive(int(pid)):
                readers[name] = True
            else:
                marker.unlink(missing_ok=True)
        for snapshot in (self.root / "snapshots").iterdir():
            if snapshot.name != keep and not readers.get(snapshot.name):
                shutil.rmtree(snapshot, ignore_errors=True)


def _fingerprint(path: Path) -> list:
    """Names, sizes and times of the files that hold data (not RocksDB's info logs or lock)."""
    try:
        entries = [e for e in os.scandir(path) if not e.name.startswith(("LOG", "LOCK"))]
        return sorted([e.name, e.stat().st_size, e.stat().st_mtime_ns] for e in entries)
    except FileNotFoundError:
        return []


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
