"""The build registry: the folder layout of ``<var>/builds/``, the ``current`` link, and which builds are in use.

A build is ``<var>/builds/<stamp>-<pid>/`` holding an Oxigraph RocksDB folder ``store/``, an N-Triples dump
``graph.nt`` and ``build.json``. It is written under a ``.partial-`` name and renamed only when complete;
``<var>/current`` is a symlink swapped atomically to a new build only after that build validated, so a
failed or killed build never touches the one being served. A serving process marks its build in use
(``<build>/.held-by/<pid>``) so that pruning never removes it.
"""

from __future__ import annotations

import json
import os
import shutil
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import pyoxigraph as ox

from graph.store.errors import StoreMissing

HELD_BY = ".held-by"
PARTIAL = ".partial-"
DUMP = "graph.nt"
INFO = "build.json"
STORE = "store"


def current_build(var: Path) -> Path:
    """The build ``<var>/current`` points at; ``StoreMissing`` if nothing has been built there."""
    link = var / "current"
    if not link.exists():
        raise StoreMissing(f"no store at {link}: run 'sendkg build' first")
    return link.resolve()


def build_info(build: Path) -> dict:
    """What ``build.json`` of ``build`` records (empty if it has none)."""
    path = build / INFO
    return json.loads(path.read_text()) if path.exists() else {}


def write_build(var: Path, write_dump: Callable[[Path], None], info: dict) -> Path:
    """Write a complete new build under ``<var>/builds/`` (not yet current); its folder.

    ``write_dump(path)`` writes the graph as N-Triples to ``path``; the store is bulk-loaded from it.
    """
    builds = var / "builds"
    builds.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
    target = builds / f"{stamp}-{os.getpid()}"
    partial = builds / f"{PARTIAL}{target.name}"
    partial.mkdir()
    write_dump(partial / DUMP)
    store = ox.Store(str(partial / STORE))
    store.bulk_load(path=str(partial / DUMP), format=ox.RdfFormat.N_TRIPLES)
    store.flush()
    triples = len(store)
    del store
    info = {"built_at": datetime.now(timezone.utc).isoformat(), "triples": triples, **info}
    (partial / INFO).write_text(json.dumps(info, indent=2))
    os.replace(partial, target)
    return target


def publish_build(build: Path, var: Path) -> None:
    """Point ``<var>/current`` at ``build`` atomically (a new symlink renamed over the old one)."""
    link = var / "current"
    tmp = var / f".current-{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(build.relative_to(var))
    os.replace(tmp, link)


def prune_builds(var: Path, keep: int) -> None:
    """Remove partial builds and all but the newest ``keep`` complete ones (never the current, nor one in use)."""
    current = current_build(var)
    builds = sorted((p for p in (var / "builds").iterdir() if p.is_dir()), key=lambda p: p.name)
    complete = [p for p in builds if not p.name.startswith(PARTIAL)]
    stale = [p for p in builds if p.name.startswith(PARTIAL)] + complete[:-keep]
    for path in stale:
        if path.resolve() != current and not is_held(path):
            shutil.rmtree(path, ignore_errors=True)


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
