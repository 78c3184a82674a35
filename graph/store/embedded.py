"""The store every reader queries: embedded Oxigraph (on disk or in memory) behind one small interface.

Builds live in ``var/builds/<stamp>/`` (an Oxigraph RocksDB folder ``store/``, an N-Triples dump
``graph.nt`` and ``build.json``); ``var/current`` is a symlink to the build being served, swapped
atomically only after a build validates, so a failed or killed build never touches it.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pyoxigraph as ox

from graph.paths import var_dir


class StoreMissing(FileNotFoundError):
    """No validated build exists yet."""


class NotAcceptable(ValueError):
    """None of the media types asked for can carry this query's results."""


class SparqlReads:
    """The conveniences every store offers on top of its own ``query`` (pyoxigraph result objects)."""

    def query(self, sparql: str):  # pragma: no cover - each store defines it
        raise NotImplementedError

    def select(self, sparql: str) -> list[dict[str, object]]:
        """Run a SELECT and return its rows as dicts of variable name to pyoxigraph term."""
        results = self.query(sparql)
        names = [v.value for v in results.variables]
        return [{n: row[n] for n in names if row[n] is not None} for row in results]

    def triples(self, sparql: str) -> list[ox.Triple]:
        """Run a CONSTRUCT or DESCRIBE and return its triples."""
        return list(self.query(sparql))


class Store(SparqlReads):
    """A read-only SPARQL view of the sendkg graph backed by a pyoxigraph store.

    The interface every reader relies on (the remote store in ``remote.py`` offers the same):
    ``query`` (pyoxigraph results), ``select``, ``triples``, ``len()``, ``description``, ``build_info``,
    ``raw(sparql, accept)`` (results already serialised in the first acceptable media type: natively
    by Oxigraph here, passed through from the server by the remote store), and ``origin``: how another
    process can open the same data (``reopen(origin)``; empty for a store no other process can open).
    """

    def __init__(self, inner: ox.Store, description: str, build_info: dict | None = None, origin: tuple = ()):
        self.inner = inner
        self.loaded = threading.Event()  # set once the store answers from where it will stay (see open_build)
        self.loaded.set()
        self.description = description
        self.build_info = build_info or {}
        self.origin = origin

    @classmethod
    def from_rdf(cls, data: bytes | str, fmt: ox.RdfFormat = ox.RdfFormat.TURTLE) -> "Store":
        """An in-memory store holding ``data`` (tests hand in small graphs this way)."""
        inner = ox.Store()
        data = data.encode() if isinstance(data, str) else data
        inner.load(data, format=fmt)
        return cls(inner, "in-memory (given data)", origin=("data", data, fmt.media_type))

    @classmethod
    def open_build(cls, build: Path | None = None, in_memory: bool = False) -> "Store":
        """Open a build (default: the current one) read-only on disk; ``in_memory``: answer from disk at once,
        and from a memory copy of its dump once that is loaded in the background (``loaded`` is then set).

        bench/LATEST.md has the evidence: at 1M triples the memory copy answers 4-10x faster, but loading it
        takes ~3 s, longer than the 2 s start-up target, so start-up never waits for it.
        """
        build = build or current_build()
        info = json.loads((build / "build.json").read_text()) if (build / "build.json").exists() else {}
        disk = cls(ox.Store.read_only(str(build / "store")), f"on-disk store {build / 'store'}", info,
                   origin=("build", str(build), in_memory))
        if in_memory:
            disk.description = f"on-disk store {build / 'store'} (loading into memory)"
            disk.loaded.clear()
            threading.Thread(target=disk._load_into_memory, args=(build,), daemon=True, name="load-memory").start()
        return disk

    def _load_into_memory(self, build: Path) -> None:
        """Load the build's dump into a memory store, then answer from it (queries meanwhile read the disk)."""
        try:
            inner = ox.Store()
            inner.load(path=str(build / "graph.nt"), format=ox.RdfFormat.N_TRIPLES, lenient=True)  # validated at build
        except (OSError, MemoryError, SyntaxError) as error:
            self.description = f"on-disk store {build / 'store'} (loading into memory failed: {error})"
        else:
            self.inner, self.description = inner, f"in-memory copy of {build}"
        finally:
            self.loaded.set()

    def query(self, sparql: str):
        """Run a SPARQL query; returns pyoxigraph QuerySolutions, QueryBoolean or QueryTriples."""
        return self.inner.query(sparql)

    def raw(self, sparql: str, accept: str) -> tuple[bytes, str]:
        """Run ``sparql`` and serialise it natively in the first type of ``accept`` (an Accept value) that fits."""
        result = self.query(sparql)
        graph = isinstance(result, ox.QueryTriples)
        for media_type in media_types(accept):
            fmt = (ox.RdfFormat if graph else ox.QueryResultsFormat).from_media_type(media_type)
            if fmt is not None:
                body = ox.serialize(result, format=fmt) if graph else result.serialize(format=fmt)
                return body, fmt.media_type
        raise NotAcceptable(f"no format in {accept!r} can carry {'a graph' if graph else 'query results'}")

    def __len__(self) -> int:
        return len(self.inner)

    def rdflib_graph(self):
        """The same data as a read-only-by-convention rdflib ``Graph`` (oxrdflib), for code that wants rdflib's API.

        Queries through it still run on Oxigraph's engine; rdflib's own SPARQL engine is never used on user queries.
        """
        from oxrdflib import OxigraphStore
        from rdflib import Graph
        from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
        return Graph(store=OxigraphStore(store=self.inner), identifier=DATASET_DEFAULT_GRAPH_ID)


def media_types(accept: str) -> list[str]:
    """The media types of an Accept header value, most preferred first (q=0 dropped; no wildcards resolved)."""
    ranked = []
    for position, part in enumerate(accept.split(",")):
        media_type, *params = [p.strip() for p in part.split(";")]
        q = next((p[2:] for p in params if p.startswith("q=")), "1")
        try:
            weight = float(q)
        except ValueError:
            weight = 0.0
        if media_type and weight > 0:
            ranked.append((-weight, position, media_type.lower()))
    return [m for _, _, m in sorted(ranked)]


def reopen(origin: tuple) -> Store:
    """Open, in this process, the data another process's store was made from (see ``Store.origin``)."""
    kind = origin[0]
    if kind == "data":
        return Store.from_rdf(origin[1], ox.RdfFormat.from_media_type(origin[2]))
    if kind == "build":
        return Store.open_build(Path(origin[1]), in_memory=origin[2])
    raise ValueError(f"cannot reopen a store of origin {kind!r}")


HELD_BY = ".held-by"


def hold_build(build: Path, pid: int | None = None) -> Path:
    """Mark ``build`` as in use by process ``pid`` (default: this one) so no later build prunes it; returns the mark."""
    mark = build / HELD_BY / str(pid or os.getpid())
    mark.parent.mkdir(exist_ok=True)
    mark.touch()
    return mark


def release_build(mark: Path) -> None:
    """Remove a mark made by ``hold_build``."""
    mark.unlink(missing_ok=True)


def is_held(build: Path) -> bool:
    """Whether a live process holds ``build`` (marks of dead processes are removed on the way)."""
    held = False
    for mark in (build / HELD_BY).glob("*") if (build / HELD_BY).is_dir() else ():
        if mark.name.isdigit() and _alive(int(mark.name)):
            held = True
        else:
            mark.unlink(missing_ok=True)
    return held


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def current_build() -> Path:
    """The build ``var/current`` points at; ``StoreMissing`` if nothing has been built."""
    link = var_dir() / "current"
    if not link.exists():
        raise StoreMissing(f"no store at {link}: run 'sendkg build' first")
    return link.resolve()


def publish_build(build: Path) -> None:
    """Point ``var/current`` at ``build`` atomically (a new symlink renamed over the old one)."""
    link = var_dir() / "current"
    tmp = var_dir() / f".current-{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(build.relative_to(var_dir()))
    os.replace(tmp, link)
