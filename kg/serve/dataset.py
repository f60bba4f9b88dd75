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

The union view: queries see the union of all graphs as their default graph, and that union must be a set
of triples. pyoxigraph 0.5's `use_default_graph_as_union` yields a triple once per graph holding it
(oxigraph issue #1919, fixed after 0.5.13), and in our data every article graph repeats the labels,
links and offices of the entities it mentions, so joins over them multiply rows (wrong counts, and
queries thousands of times slower). So with `union_view=True` each snapshot gets a second checkpoint,
`<name>.union`, whose default graph also holds every named graph's triples, once: queries read its plain
default graph, and its named graphs for `GRAPH` patterns. Building it costs about 10 s per million quads;
while a newer snapshot is being built, requests wait at most REFRESH_WAIT_SECONDS and are then answered
from the previous one. The plain snapshot stays as it is, for the Graph Store, exports and health checks.
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
REFRESH_WAIT_SECONDS = 2.0
UNION_SUFFIX = ".union"


class StoreBusy(RuntimeError):
    """Another process (typically `kg build`) holds the store for writing."""


@dataclass
class _Snapshot:
    """One checkpoint of the store, open read-only in this process, and the requests reading it."""

    name: str
    store: ox.Store | None
    marker: Path | None = None
    union: ox.Store | None = None  # the union view, when there is one
    readers: int = 0
    retired: bool = False

    def close_if_unused(self) -> None:
        if self.retired and self.readers == 0:
            self.store = self.union = None  # closes RocksDB
            if self.marker is not None:
                self.marker.unlink(missing_ok=True)


@dataclass
class ServedStore:
    """Gives each request a consistent store to read, and serialises writes (see the module docstring)."""

    path: Path | None
    root: Path | None = None
    refresh_interval: float = 0.0
    union_view: bool = False
    _guard: threading.RLock = field(default_factory=threading.RLock)
    _current: _Snapshot | None = None
    _next_check: float = 0.0
    _refreshing: threading.Thread | None = None
    _seen_published: tuple[int, int] | None = None  # `current` (which snapshot is newest) when last read

    @classmethod
    def open(cls, path: str | Path | None, refresh_interval: float = 0.0, union_view: bool = False
             ) -> ServedStore:
        """Serve the store at `path` (created if missing); `None` serves a fresh in-memory store.

        `union_view`: also keep the deduplicated union of all graphs for queries (see the module docstring).
        """
        if path is None:
            served = cls(None, refresh_interval=refresh_interval, union_view=union_view)
            store = GraphStore.open(None).raw
            served._current = _Snapshot("memory", store, union=_union_in_memory(store) if union_view else None)
            return served
        path = Path(path).resolve()
        if path.exists() and not path.is_dir():
            raise ValueError(f"{path} is a file, not a store directory")
        root = path.parent / f".{path.name}.kg-serve"
        for folder in (root / "snapshots", root / "readers"):
            folder.mkdir(parents=True, exist_ok=True)
        served = cls(path, root, refresh_interval, union_view)
        served.refresh(wait=True)
        return served

    @property
    def in_memory(self) -> bool:
        return self.path is None

    @property
    def union_options(self) -> dict[str, bool]:
        """The query options that make the default graph the union of all graphs, for `querying()` stores."""
        return {} if self.union_view else {"use_default_graph_as_union": True}

    @contextmanager
    def reading(self) -> Iterator[GraphStore]:
        """The newest snapshot, kept open until the block ends even if a newer one replaces it.

        The handle is emptied when the block ends, so no one reads a snapshot after it was let go.
        """
        with self._holding() as snapshot:
            handle = GraphStore(snapshot.store, self.path)
            try:
                yield handle
            finally:
                handle.raw = None

    @contextmanager
    def querying(self) -> Iterator[GraphStore]:
        """Like `reading`, but the union view when there is one: query it with `union_options`."""
        with self._holding() as snapshot:
            handle = GraphStore(snapshot.union or snapshot.store, self.path)
            try:
                yield handle
            finally:
                handle.raw = None

    @contextmanager
    def querying_location(self) -> Iterator[Path | None]:
        """The directory of what `querying` reads, kept on disk until the block ends, for another process
        (a query process) to open read-only; `None` for an in-memory store, which only this process sees."""
        with self._holding() as snapshot:
            if self.in_memory:
                yield None
            else:
                suffix = UNION_SUFFIX if snapshot.union is not None else ""
                yield self.root / "snapshots" / f"{snapshot.name}{suffix}"

    @contextmanager
    def _holding(self) -> Iterator[_Snapshot]:
        self.refresh()
        with self._guard:
            snapshot = self._current
            if snapshot is None:
                raise StoreBusy("the store is closed")
            snapshot.readers += 1
        try:
            yield snapshot
        finally:
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
                if self.union_view:
                    self._current.union = _union_in_memory(self._current.store)
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
        """Move to the newest snapshot, taking one first if the store's files changed since the last.

        A snapshot published by a write through the server (any worker) is seen at once; the store's files,
        which another program such as `kg build` may change, are looked at every `refresh_interval` s.

        With a snapshot already served, a new one is taken in the background: the caller waits at most
        REFRESH_WAIT_SECONDS for it (so small stores are seen fresh at once) and otherwise goes on with
        the previous one.
        """
        if self.in_memory:
            return
        published = self._published()
        if time.monotonic() < self._next_check and published == self._seen_published:
            return  # the files were looked at lately, and no worker has published a snapshot since
        self._next_check = time.monotonic() + self.refresh_interval
        self._seen_published = published
        state = self._read_state()
        if self._is_fresh(state):
            self._adopt(state["name"])
            return
        if self._current is None or wait:
            self._take_snapshot(wait)
            return
        with self._guard:
            if self._refreshing is None or not self._refreshing.is_alive():
                self._refreshing = threading.Thread(target=self._take_snapshot, args=(False,),
                                                    name="kg-snapshot", daemon=True)
                self._refreshing.start()
            refreshing = self._refreshing
        refreshing.join(REFRESH_WAIT_SECONDS)

    def _is_fresh(self, state: dict | None) -> bool:
        return bool(state) and state["fingerprint"] == _fingerprint(self.path) and (
            state.get("union", False) or not self.union_view)

    def _take_snapshot(self, wait: bool) -> None:
        state = None
        try:
            with self._shared_lock():
                state = self._read_state()  # another worker may have just taken one
                if not self._is_fresh(state):
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
        snapshots = self.root / "snapshots"
        store = self._open_writable(wait)
        try:
            store.backup(str(snapshots / name))
            if self.union_view:
                store.backup(str(snapshots / f"{name}{UNION_SUFFIX}"))
        finally:
            del store
        state = {"name": name, "fingerprint": _fingerprint(self.path), "union": self.union_view}
        if self.union_view:
            merge_graphs_into_default(snapshots / f"{name}{UNION_SUFFIX}")
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
            union_path = self.root / "snapshots" / f"{name}{UNION_SUFFIX}"
            union = GraphStore.open(union_path, read_only=True).raw if self.union_view else None
            old, self._current = self._current, _Snapshot(name, store, marker, union)
            if old is not None:
                old.retired = True
                old.close_if_unused()

    def _published(self) -> tuple[int, int] | None:
        """Which `current` file is there: a new one (written aside, renamed over) names a new snapshot."""
        try:
            status = os.stat(os.path.join(self.root, "current"))
        except FileNotFoundError:
            return None
        return status.st_ino, status.st_mtime_ns

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
            name = snapshot.name.removesuffix(UNION_SUFFIX)
            if name != keep and not readers.get(name):
                shutil.rmtree(snapshot, ignore_errors=True)


def _union_in_memory(store: ox.Store) -> ox.Store:
    """The union view of an in-memory store: a copy whose default graph also holds the named graphs."""
    union = ox.Store()
    union.extend(store)
    union.extend(ox.Quad(quad.subject, quad.predicate, quad.object) for quad in store
                 if not isinstance(quad.graph_name, ox.DefaultGraph))
    return union


def merge_graphs_into_default(location: Path) -> None:
    """Add every named graph's triples, once, to the default graph of the (private) store at `location`."""
    store = ox.Store(str(location))
    named = (ox.Quad(quad.subject, quad.predicate, quad.object)
             for quad in store.quads_for_pattern(None, None, None, None)
             if not isinstance(quad.graph_name, ox.DefaultGraph))
    store.bulk_extend(named)
    store.optimize()  # compacting what was just added makes queries about a quarter faster
    del store


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
