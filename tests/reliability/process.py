"""A real ``sendkg serve`` process over a private build folder, and the build-folder fingerprints the suite compares.

``ServeProcess`` starts ``python -m web.cli serve`` on 127.0.0.1 (a free port, or a given one for a restart)
with ``SENDKG_VAR`` and any ``SENDKG_*`` settings, waits for its "sendkg serving" line, and can be stopped
(SIGTERM), killed (SIGKILL) and measured (VmRSS from /proc). ``copy_build`` gives each test its own build
folder; ``folder_digest`` hashes every file under one, so "byte for byte the same" is a comparison of digests.
"""

from __future__ import annotations

import hashlib
import os
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from graph.store.builds import HELD_BY

ROOT = Path(__file__).resolve().parents[2]
READY_TIMEOUT = 90.0


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


def vm_rss_kb(pid: int) -> int:
    """Resident memory of process ``pid`` in KiB (``VmRSS`` of /proc/<pid>/status)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise ValueError(f"no VmRSS for process {pid}")


def children(pid: int) -> list[int]:
    """Process ids whose parent is ``pid``."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    return found


class ServeProcess:
    """``sendkg serve`` as a child process: ``start()``, ``base`` URL, ``pid``, ``rss_kb()``, ``stop()``, ``kill()``."""

    def __init__(self, var: Path, port: int = 0, **settings):
        self.env = {**os.environ, "SENDKG_VAR": str(var),
                    **{f"SENDKG_{key}": str(value) for key, value in settings.items()}}
        self.port = port
        self.process: subprocess.Popen | None = None
        self.base = ""

    def start(self) -> "ServeProcess":
        """Start the server and return once it has printed the URL it serves."""
        command = [sys.executable, "-m", "web.cli", "serve", "--host", "127.0.0.1", "--port", str(self.port)]
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, text=True)
        ready, _, _ = select.select([self.process.stdout], [], [], READY_TIMEOUT)
        line = self.process.stdout.readline() if ready else ""
        if not line.startswith("sendkg serving http://"):
            self.kill()
            raise RuntimeError(f"sendkg serve did not start (printed {line!r})")
        self.base = line.split()[2].rstrip("/")
        self.port = int(self.base.rsplit(":", 1)[1])
        return self

    @property
    def pid(self) -> int:
        return self.process.pid

    def rss_kb(self) -> int:
        """The server process's resident memory (its query workers not included)."""
        return vm_rss_kb(self.pid)

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, timeout: float = 30) -> None:
        """SIGTERM and wait (the server stops its workers); SIGKILL if it lingers."""
        if self.alive():
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill()
        self._close()

    def kill(self) -> None:
        """SIGKILL the server at once (its workers notice their parent is gone and exit)."""
        if self.alive():
            self.process.kill()
            self.process.wait()
        self._close()

    def _close(self) -> None:
        if self.process is not None and self.process.stdout:
            self.process.stdout.close()


def wait_gone(pids: list[int], timeout: float = 10) -> list[int]:
    """Wait until none of ``pids`` exists (or ``timeout`` passes); the ones still there."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(Path(f"/proc/{p}").exists() for p in pids):
        time.sleep(0.05)
    return [p for p in pids if Path(f"/proc/{p}").exists()]
