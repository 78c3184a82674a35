"""The app's store and query executor, held in ``app.extensions``: the one place views reach the data from.

``create_app(store=...)`` hands in a store (tests pass a small one); otherwise the store the settings name
(``graph.store.open_store``) is opened on first use. The executor for untrusted queries is made on first
use too, so an app that runs no user query starts no worker, and its workers stop when the app goes away.
"""

from __future__ import annotations

import threading
import weakref

from flask import Flask, current_app, request

from graph.exports.describe import statistics
from graph.store import Store, open_executor, open_store

STORE = "sendkg.store"
EXECUTOR = "sendkg.executor"
LOCK = "sendkg.executor-lock"
STATISTICS = "sendkg.void-statistics"


def init_context(app: Flask, store: Store | None = None) -> None:
    """Attach ``store`` (None: open the configured one lazily) and an executor slot to ``app``."""
    app.extensions[STORE] = store
    app.extensions[LOCK] = threading.Lock()


def get_store() -> Store:
    """The store of the current app, opened on first use."""
    store = current_app.extensions.get(STORE)
    if store is None:
        store = open_store(current_app.config)
        current_app.extensions[STORE] = store
    return store


def get_executor():
    """The executor of the current app, made (and its workers stopped when the app goes away) on first use."""
    app = current_app._get_current_object()
    with app.extensions[LOCK]:
        executor = app.extensions.get(EXECUTOR)
        if executor is None:
            executor = open_executor(get_store(), app.config)
            app.extensions[EXECUTOR] = executor
            weakref.finalize(app, executor.close)
    return executor


def run_untrusted(job):
    """Run a user's query ``job`` on the executor, in a fair turn for the requesting client (its address)."""
    return get_executor().run(job, client=request.remote_addr or "")


def close_executor(app: Flask) -> None:
    """Stop the workers of ``app``'s executor, if it has one."""
    executor = app.extensions.pop(EXECUTOR, None)
    if executor is not None:
        executor.close()


def void_statistics() -> dict[str, int]:
    """VoID statistics of the current app's default graph, counted once per app."""
    cached = current_app.extensions.get(STATISTICS)
    if cached is None:
        cached = current_app.extensions[STATISTICS] = statistics(get_store())
    return cached
