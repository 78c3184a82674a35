"""Which store the app reads: the one handed to ``create_app``, else a remote endpoint, else the current build."""

from __future__ import annotations

from flask import Flask, current_app

from graph.store import Store

KEY = "sendkg.store"


def init_store(app: Flask, store=None) -> None:
    """Attach ``store`` (or the configured one, opened lazily on first use) to ``app``."""
    app.extensions[KEY] = store


def get_store() -> Store:
    """The store of the current app, opened on first use."""
    store = current_app.extensions.get(KEY)
    if store is None:
        store = open_configured_store(current_app.config)
        current_app.extensions[KEY] = store
    return store


def open_configured_store(config) -> Store:
    """A remote store if SPARQL_ENDPOINT is set, else the current build (in memory if asked)."""
    if config.get("SPARQL_ENDPOINT"):
        from graph.store.remote import RemoteStore
        return RemoteStore(config["SPARQL_ENDPOINT"], timeout=config["REMOTE_TIMEOUT"])
    return Store.open_build(in_memory=config.get("STORE_IN_MEMORY", False))
