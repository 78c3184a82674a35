"""The servers the tests and the benchmark start: ``sendkg serve`` and Oxigraph server (the ``oxigraph`` package's binary)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import urllib.parse
from pathlib import Path

from bench.harness.processes import ServerProcess
from graph.queries import read_query

BIN = Path(sys.executable).parent
READY = read_query(Path(__file__).resolve().parents[1] / "queries" / "harness" / "ready.rq", "bench")
ASK = "?" + urllib.parse.urlencode({"query": READY.text})


STATIC = "/static/favicon.svg"


def sendkg_server(var: Path, port: int | None = None, name: str = "sendkg serve", probe: str = "/sparql" + ASK,
                  **settings) -> ServerProcess:
    """``sendkg serve`` over the builds folder ``var`` with ``SENDKG_<SETTING>`` values, ready when ``probe`` answers
    (by default an ASK on /sparql; ``STATIC`` for a server whose store may be down)."""
    argv = [sys.executable, "-m", "web.cli", "serve", "--var", str(var), "--host", "127.0.0.1", "--port", "{port}"]
    env = {f"SENDKG_{key}": str(value) for key, value in settings.items()}
    return ServerProcess(name, argv, probe, env, port)


def oxigraph_binary() -> str:
    """The ``oxigraph`` executable installed beside this Python (the venv), else on PATH."""
    beside = BIN / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise RuntimeError("the 'oxigraph' server binary is missing: pip install oxigraph (see pyproject test extras)")
    return found


def load_store(nt_file: Path, location: Path) -> Path:
    """Bulk-load an N-Triples file into a new Oxigraph store folder with ``oxigraph load``."""
    subprocess.run([oxigraph_binary(), "load", "--location", str(location), "--file", str(nt_file)],
                   check=True, capture_output=True, timeout=600)
    return location


class OxigraphServer(ServerProcess):
    """``oxigraph serve-read-only`` over a store folder, or ``oxigraph serve`` (writable, in memory) without one."""

    def __init__(self, location: Path | None = None, port: int | None = None, timeout_s: float | None = None,
                 after_start=None, name: str | None = None):
        mode = ["serve-read-only", "--location", str(location)] if location else ["serve"]
        limit = ["--timeout-s", str(int(timeout_s))] if timeout_s else []
        name = name or f"oxigraph server ({'disk' if location else 'memory'})"
        super().__init__(name, [oxigraph_binary(), *mode, "--bind", "127.0.0.1:{port}", *limit], "/query" + ASK,
                         port=port, after_start=after_start)

    @property
    def query_url(self) -> str:
        """The SPARQL query endpoint."""
        return f"{self.base}/query"

    @property
    def store_url(self) -> str:
        """The Graph Store Protocol endpoint."""
        return f"{self.base}/store"
