"""The store as the server sees it: read-only snapshots of the on-disk store that `kg build` writes.

Why snapshots: RocksDB (under pyoxigraph) lets one process hold a store read-write, and pyoxigraph calls
opening it read-only while another process writes "undefined behaviour". So the server never keeps the
store open. When the store's files change (checked at most every `refresh_interval` seconds, on a request),
the server opens the store read-write for a few milliseconds, takes a checkpoint (`Store.backup`: hard
links, no copy) into a private directory, closes the store and serves queries from the checkpoint, which
no one else ever writes. A `kg build` that holds the store keeps it; the server then goes on serving the
last snapshot and picks up the new articles once the build has closed the store.

Writes from the server (SPARQL Update, Graph Store) open the store read-write for the one operation, under
a file lock shared by the server's workers, and take a new snapshot afterwards.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.store import GraphStore

LOCK_RETRY_SECONDS = 5.0


class StoreBusy(RuntimeError):
    """Another process (typically `kg build`) holds the store for writing."""


@dataclass
class _Snapshot:
    """One checkpoint of the store and the requests that are reading it."""

    store: ox.Store
    path: Path | None
    readers: int = 0
    retired: bool = False

    def discard_if_unused(self) -> None:
        if self.retired and self.readers == 0 and self.path is not None:
            self.store = None  # type: ignore[assignment] - closes RocksDB before the files go
            shutil.rmtree(self.path, ignore_errors=True)


@dataclass
class ServedStore:
    """Gives each request a consistent store to read, and serialises writes (see the module docstring)."""

    path: Path | None
    snapshot_root: Path | None = None
    refresh_interval: float = 1.0
    _guard: threading.Lock = field(default_factory=threading.Lock)
    _current: _Snapshot | None = None
    _fingerprint: tuple = ()
    _checked_at: float = 0.0

    @classmethod
    def open(cls, path: str | Path | None, refresh_interval: float = 1.0) -> ServedStore:
        """Serve the store at `path` (created if missing); `None` serves a fresh in-memory store."""
        if path is None:
            served = cls(None, refresh_interval=refresh_interval)
            served._current = _Snapshot(GraphStore.open(None).raw, None)
            return served
        path = Path(path).resolve()
        if path.exists() and not path.is_dir():
            raise ValueError(f"{path} is a file, not a store directory")
        root = path.parent / f".{path.name}.kg-serve"
        root.mkdir(parents=True, exist_ok=True)
        served = cls(path, root, refresh_interval)
        served._remove_orphaned_snapshots()
        served.refresh(force=True)
        return served

    def close(self) -> None:
        """Drop the current snapshot (its files go once no request reads it)."""
        with self._guard:
            if self._current is not None:
                self._current.retired = True
                self._current.discard_if_unused()
            self._current = None

    @property
    def in_memory(self) -> bool:
        return self.path is None

    @contextmanager
    def reading(self) -> Iterator[GraphStore]:
        """The newest snapshot, kept alive until the block ends even if a newer one replaces it.

        The handle is emptied when the block ends, so no one reads a snapshot whose files are gone.
        """
        self.refresh()
        with self._guard:
            snapshot = self._current
            assert snapshot is not None
            snapshot.readers += 1
        handle = GraphStore(snapshot.store, snapshot.path)
        try:
            yield handle
        finally:
            handle.raw = None
            with self._guard:
                snapshot.readers -= 1
                snapshot.discard_if_unused()

    @contextmanager
    def writing(self) -> Iterator[GraphStore]:
        """The store itself, read-write, for one operation; readers see the result afterwards.

        The handle is emptied when the block ends, which closes the store so the snapshot can open it.
        """
        if self.in_memory:
            with self._guard:
                assert self._current is not None
                yield GraphStore(self._current.store)
            return
        with self._workers_lock():
            handle = GraphStore(self._open_writable(), self.path)
            try:
                yield handle
                handle.flush()
            finally:
                handle.raw = None
            self._take_snapshot()

    def refresh(self, force: bool = False) -> None:
        """Take a new snapshot if the store's files changed since the last one."""
        if self.in_memory:
            return
        now = time.monotonic()
        if not force and now - self._checked_at < self.refresh_interval:
            return
        self._checked_at = now
        if not force and self._fingerprint == _fingerprint(self.path):
            return
        try:
            with self._workers_lock():
                self._take_snapshot(wait=force)
        except StoreBusy:
            if self._current is None:
                raise
            # a build is writing: keep serving the last snapshot, look again on a later request

    def _take_snapshot(self, wait: bool = True) -> None:
        target = self.snapshot_root / f"{os.getpid()}-{uuid.uuid4().hex[:12]}"
        store = self._open_writable(wait=wait)
        try:
            store.backup(str(target))
        finally:
            del store
        self._fingerprint = _fingerprint(self.path)
        fresh = _Snapshot(GraphStore.open(target, read_only=True).raw, target)
        with self._guard:
            old, self._current = self._current, fresh
            if old is not None:
                old.retired = True
                old.discard_if_unused()

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
    def _workers_lock(self) -> Iterator[None]:
        """Serialises store opens between this server's worker processes (RocksDB allows one writer)."""
        with open(self.snapshot_root / "write.lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _remove_orphaned_snapshots(self) -> None:
        """Snapshots left by server processes that are gone (a crash, a kill)."""
        for entry in self.snapshot_root.iterdir():
            pid = entry.name.split("-", 1)[0]
            if entry.is_dir() and pid.isdigit() and not _process_alive(int(pid)):
                shutil.rmtree(entry, ignore_errors=True)


def _fingerprint(path: Path) -> tuple:
    """Names, sizes and times of the files that hold data (not RocksDB's info logs)."""
    try:
        entries = [e for e in os.scandir(path) if not e.name.startswith(("LOG", "LOCK"))]
        return tuple(sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in entries))
    except FileNotFoundError:
        return ()


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
