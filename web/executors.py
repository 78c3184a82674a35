"""The app's query executor (``graph.executor``): made on first use from the app's store and settings."""

from __future__ import annotations

import threading
import weakref

from flask import Flask, current_app

from graph.store.executor import make_executor

from .stores import get_store

KEY = "sendkg.executor"
LOCK = "sendkg.executor-lock"


def init_executor(app: Flask) -> None:
    """Prepare ``app`` to hold an executor (made lazily: apps that run no user query start no worker)."""
    app.extensions.setdefault(LOCK, threading.Lock())


def get_executor():
    """The executor of the current app, made (and its workers stopped when the app goes away) on first use."""
    app = current_app._get_current_object()
    with app.extensions[LOCK]:
        executor = app.extensions.get(KEY)
        if executor is None:
            config = app.config
            executor = make_executor(get_store(), config["QUERY_WORKERS"], config["QUERY_TIMEOUT"],
                                     config["QUERY_MEMORY_MB"])
            app.extensions[KEY] = executor
            weakref.finalize(app, executor.close)
    return executor


def close_executor(app: Flask) -> None:
    """Stop the workers of ``app``'s executor, if it has one."""
    executor = app.extensions.pop(KEY, None)
    if executor is not None:
        executor.close()
