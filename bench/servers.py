"""The servers the benchmark compares, each a subprocess on a free 127.0.0.1 port: start, cold start, RSS, stop."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
READY_TIMEOUT = 120.0


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def tree(pid: int) -> list[int]:
    """``pid`` and all its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo += children.get(current, [])
    return found


def rss_mb(pids: list[int]) -> float:
    """Resident memory of ``pids`` together, in MiB."""
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


class Service:
    """One server process: ``argv`` with ``{port}`` filled in, ready when ``probe`` (a URL path) answers 200."""

    def __init__(self, name: str, argv: list[str], probe: str, env: dict | None = None, after_start=None):
        self.name, self.argv, self.probe, self.after_start = name, argv, probe, after_start
        self.env = {**os.environ, **(env or {})}
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.peak_rss = 0.0
        self._sampling = False

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> float:
        """Start the process; return seconds until ``probe`` answered (the cold start)."""
        started = time.perf_counter()
        argv = [a.replace("{port}", str(self.port)) for a in self.argv]
        self.process = subprocess.Popen(argv, env=self.env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self._sampling = True
        threading.Thread(target=self._sample, daemon=True).start()
        if self.after_start:
            self._wait(self.base + "/", started, any_status=True)
            self.after_start(self)
        self._wait(self.base + self.probe, started)
        return time.perf_counter() - started

    def settle(self, window: float = 2.0, limit: float = 90.0) -> float:
        """Wait until the process tree's RSS stops growing (memory copies loaded); seconds since start."""
        started, samples = time.perf_counter(), []
        while time.perf_counter() - started < limit:
            samples.append(rss_mb(tree(self.process.pid)))
            recent = samples[-int(window / 0.25):]
            if len(recent) == int(window / 0.25) and max(recent) - min(recent) < 0.02 * max(recent):
                break
            time.sleep(0.25)
        return time.perf_counter() - started

    def _wait(self, url: str, started: float, any_status: bool = False) -> None:
        while time.perf_counter() - started < READY_TIMEOUT:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited: {self.process.stderr.read().decode(errors='replace')[-2000:]}")
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    if response.status == 200:
                        return
            except urllib.error.HTTPError:
                if any_status:
                    return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.02)
        raise RuntimeError(f"{self.name} did not answer {url} within {READY_TIMEOUT} s")

    def _sample(self) -> None:
        while self._sampling and self.process and self.process.poll() is None:
            self.peak_rss = max(self.peak_rss, rss_mb(tree(self.process.pid)))
            time.sleep(0.1)

    def stop(self) -> None:
        """End the process and its children."""
        self._sampling = False
        if self.process and self.process.poll() is None:
            pids = tree(self.process.pid)
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            for pid in pids[1:]:
                try:
                    os.kill(pid, 9)
                except ProcessLookupError:
                    pass
        if self.process and self.process.stderr:
            self.process.stderr.close()
