"""An Oxigraph SPARQL server (the ``oxigraph`` PyPI package's binary) on a free loopback port, for tests.

``OxigraphServer(location=...)`` serves a store folder read-only; without ``location`` it serves a
writable in-memory store. ``start()`` waits until the server answers, ``stop()`` ends the process.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

READY_TIMEOUT = 30.0


def oxigraph_binary() -> str:
    """The ``oxigraph`` executable installed beside this Python (the venv), else on PATH."""
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise RuntimeError("the 'oxigraph' server binary is missing: pip install oxigraph (see pyproject test extras)")
    return found


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def load_store(nt_file: Path, location: Path) -> Path:
    """Bulk-load an N-Triples file into a new Oxigraph store folder with ``oxigraph load``."""
    subprocess.run([oxigraph_binary(), "load", "--location", str(location), "--file", str(nt_file)],
                   check=True, capture_output=True, timeout=300)
    return location


class OxigraphServer:
    """One ``oxigraph serve`` (in memory) or ``serve-read-only`` (a store folder) process."""

    def __init__(self, location: Path | None = None, port: int | None = None):
        self.location = location
        self.port = port or free_port()
        self.process: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def query_url(self) -> str:
        return f"{self.base}/query"

    @property
    def store_url(self) -> str:
        return f"{self.base}/store"

    def start(self) -> "OxigraphServer":
        """Start the process and return once it answers a query (RuntimeError after READY_TIMEOUT)."""
        mode = ["serve-read-only", "--location", str(self.location)] if self.location else ["serve"]
        self.process = subprocess.Popen([oxigraph_binary(), *mode, "--bind", f"127.0.0.1:{self.port}"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"oxigraph exited: {self.process.stderr.read().decode(errors='replace')}")
            if self.answers():
                return self
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"oxigraph did not answer on {self.base} within {READY_TIMEOUT} s")

    def answers(self) -> bool:
        """Whether the server answers an ASK query now."""
        try:
            with urllib.request.urlopen(f"{self.query_url}?query=ASK%7B%7D", timeout=1) as response:
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def stop(self) -> None:
        """End the process (terminate, then kill if it lingers)."""
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process and self.process.stderr:
            self.process.stderr.close()
        self.process = None
