"""The embedded store: pyoxigraph over a build folder (on disk, or loaded into memory) or over given data.

``open_build(build, in_memory=True)`` answers from the on-disk store at once and from a memory copy of the
build's dump once that has loaded in the background (``loaded`` is then set): bench/LATEST.md has the
evidence, at 1M triples the memory copy answers 4-10x faster but takes ~3 s to load, longer than the 2 s
start-up target, so start-up never waits for it. ``origin`` says how another process (a query worker) opens
the same data: ``reopen(origin)``.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pyoxigraph as ox

from graph.store import builds
from graph.store.errors import QueryFailed, QuerySyntaxError
from graph.store.protocol import Reads


class EmbeddedStore(Reads):
    """A read-only SPARQL view of the graph held by a pyoxigraph store in this process."""

    def __init__(self, inner: ox.Store, description: str, build_info: dict | None = None, origin: tuple = (),
                 build: Path | None = None):
        self._inner = inner
        self.loaded = threading.Event()  # set once the store answers from where it will stay
        self.loaded.set()
        self.description = description
        self.build_info = build_info or {}
        self.origin = origin
        self.build = build

    @classmethod
    def from_rdf(cls, data: bytes | str, fmt: ox.RdfFormat = ox.RdfFormat.TURTLE) -> "EmbeddedStore":
        """An in-memory store holding ``data`` (tests and the build's checks hand in graphs this way)."""
        inner = ox.Store()
        data = data.encode() if isinstance(data, str) else data
        inner.load(data, format=fmt)
        return cls(inner, "in-memory (given data)", origin=("data", data, fmt.media_type))

    @classmethod
    def open_build(cls, build: Path, in_memory: bool = False) -> "EmbeddedStore":
        """Open the build folder ``build`` read-only on disk; ``in_memory``: switch to a memory copy once loaded."""
        location = build / builds.STORE
        disk = cls(ox.Store.read_only(str(location)), f"on-disk store {location}", builds.build_info(build),
                   origin=("build", str(build), in_memory), build=build)
        if in_memory:
            disk.description = f"on-disk store {location} (loading into memory)"
            disk.loaded.clear()
            threading.Thread(target=disk._load_into_memory, daemon=True, name="load-memory").start()
        return disk

    def _load_into_memory(self) -> None:
        """Load the build's dump into a memory store, then answer from it (queries meanwhile read the disk)."""
        try:
            self._inner = load_memory_copy(self.build)._inner
        except (OSError, MemoryError, SyntaxError) as error:
            self.description = f"on-disk store {self.build / builds.STORE} (loading into memory failed: {error})"
        else:
            self.description = f"in-memory copy of {self.build}"
        finally:
            self.loaded.set()

    def query(self, sparql: str, **options):
        """Run a SPARQL query (``options``: pyoxigraph's base_iri, default_graph, named_graphs)."""
        try:
            return self._inner.query(sparql, **options)
        except SyntaxError as error:
            raise QuerySyntaxError(str(error)) from None
        except (OSError, RuntimeError) as error:
            raise QueryFailed(str(error)) from None

    def __len__(self) -> int:
        return len(self._inner)


def load_memory_copy(build: Path) -> EmbeddedStore:
    """A memory store holding the dump of ``build``, loaded in the calling thread (the dump was validated)."""
    inner = ox.Store()
    inner.load(path=str(build / builds.DUMP), format=ox.RdfFormat.N_TRIPLES, lenient=True)
    return EmbeddedStore(inner, f"in-memory copy of {build}", builds.build_info(build),
                         origin=("build", str(build), True), build=build)


def reopen(origin: tuple) -> EmbeddedStore:
    """Open, in this process, the data another process's store was made from (see ``EmbeddedStore.origin``)."""
    kind = origin[0]
    if kind == "data":
        return EmbeddedStore.from_rdf(origin[1], ox.RdfFormat.from_media_type(origin[2]))
    if kind == "build":
        return EmbeddedStore.open_build(Path(origin[1]), in_memory=origin[2])
    raise ValueError(f"cannot reopen a store of origin {kind!r}")
