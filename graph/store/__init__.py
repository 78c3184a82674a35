"""The store: one door to the graph for every reader, whether the data is embedded or on a remote server.

- ``protocol.Store``: what readers may use (``query``, ``select``, ``triples``, ``len``, ``description``,
  ``build_info``); results are pyoxigraph terms and result objects whatever the store.
- ``open_store(settings)``: the store a deployment's settings name; ``open_executor(store, settings)``: how
  untrusted queries run on it (``executor``: killable workers, time limit, row cap; ``fairness``: fair turns and
  per-client bounds).
- ``embedded`` (pyoxigraph, on disk or in memory), ``remote`` (any SPARQL 1.1 server), ``builds`` (the
  registry of build folders), ``errors`` (the one error family).
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

from graph.paths import default_var_dir
from graph.store.builds import current_build, hold_build, release_build
from graph.store.embedded import EmbeddedStore
from graph.store.errors import StoreMissing
from graph.store.executor import make_executor
from graph.store.fairness import Limits
from graph.store.protocol import Store
from graph.store.remote import RemoteStore

__all__ = ["EmbeddedStore", "RemoteStore", "Store", "StoreMissing", "hold_served_build", "open_executor",
           "open_store", "release_build"]


def open_store(settings: Mapping) -> Store:
    """The store ``settings`` name: ``SPARQL_ENDPOINT`` (with ``REMOTE_TIMEOUT``) if set, else the current build
    under ``VAR`` (default ``SENDKG_VAR`` or ``var/``), from memory if ``STORE_IN_MEMORY``."""
    if settings.get("SPARQL_ENDPOINT"):
        return RemoteStore(settings["SPARQL_ENDPOINT"], timeout=settings.get("REMOTE_TIMEOUT", 15.0))
    var = Path(settings.get("VAR") or default_var_dir())
    return EmbeddedStore.open_build(current_build(var), in_memory=bool(settings.get("STORE_IN_MEMORY")))


def open_executor(store: Store, settings: Mapping):
    """The executor for untrusted queries on ``store``: ``QUERY_WORKERS``, ``QUERY_TIMEOUT``, ``QUERY_MEMORY_MB``,
    and the per-client bounds ``CLIENT_*`` (``CLIENT_MAX_RUNNING`` 0: one fewer than the workers, at least 1)."""
    workers = settings.get("QUERY_WORKERS", 2)
    limits = Limits(max_queries=settings.get("CLIENT_MAX_QUERIES", 4),
                    max_running=settings.get("CLIENT_MAX_RUNNING") or max(1, workers - 1),
                    budget=settings.get("CLIENT_QUERY_SECONDS", 60.0), window=settings.get("CLIENT_WINDOW", 60.0))
    return make_executor(store, workers, settings.get("QUERY_TIMEOUT", 10.0), settings.get("QUERY_MEMORY_MB", 0),
                         limits, remote_slots=settings.get("SERVER_THREADS", 8))


def hold_served_build(store: Store) -> Path | None:
    """Mark the build an embedded ``store`` reads as in use (no later build prunes it); the mark, or None."""
    build = store.build if isinstance(store, EmbeddedStore) else None
    return hold_build(build) if build is not None else None
