"""Private build folders for the reliability suite and the fingerprints it compares.

``copy_build`` gives each test its own builds folder holding a copy of the session build; ``folder_digest``
hashes every file under one, so "byte for byte the same" is a comparison of digests. The servers run over
them are ``bench.harness.servers.sendkg_server``.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from graph.store.builds import HELD_BY


def copy_build(build: Path, var: Path) -> Path:
    """A private SENDKG_VAR at ``var`` whose current build is a copy of ``build``; returns ``var``."""
    target = var / "builds" / build.name
    shutil.copytree(build, target, symlinks=True)
    (var / "current").symlink_to(target.relative_to(var))
    return var


def folder_digest(folder: Path) -> dict[str, str]:
    """SHA-256 of every data file under ``folder`` by relative path (symlinks by their target).

    The ``.held-by/<pid>`` marks a serving process leaves in its build are not data and are left out.
    """
    digests = {}
    for path in sorted(folder.rglob("*")):
        name = str(path.relative_to(folder))
        if HELD_BY in path.parts:
            continue
        if path.is_symlink():
            digests[name] = "-> " + os.readlink(path)
        elif path.is_file():
            digests[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests
