"""A private Virtuoso (Debian's ``virtuoso-opensource``) for the tests: its own database folder and ``virtuoso.ini``.

Both its ports (SQL and HTTP) are free loopback ports chosen at start, never the system service's 1111/8890.
The build's N-Triples are bulk-loaded (``ld_dir`` + ``rdf_loader_run`` through ``isql-vt``) into one graph, and
``query_url`` names that graph as the protocol dataset (``default-graph-uri``), because Virtuoso's default
graph is otherwise the union of every graph it holds, its own system graphs included.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import urllib.parse
from pathlib import Path

from bench.harness.processes import ServerProcess, free_port
from bench.harness.servers import ASK
from graph.terms import DATASET_IRI

SERVER = "virtuoso-t"
ISQL = "isql-vt"
GRAPH = str(DATASET_IRI)
INI = """[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CaseMode = 2
DirsAllowed = {data}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2
MaxQueryMem = 500M
[HTTPServer]
ServerPort = 127.0.0.1:{port}
ServerRoot = {db}
ServerThreads = 10
MaxClientConnections = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 0
MaxQueryCostEstimationTime = 0
"""


def virtuoso_binary() -> str:
    """The ``virtuoso-t`` executable on PATH (Debian's ``virtuoso-opensource``)."""
    found = shutil.which(SERVER)
    if not found:
        raise RuntimeError("the 'virtuoso-t' binary is missing: apt-get install virtuoso-opensource (make virtuoso)")
    return found


class VirtuosoServer(ServerProcess):
    """``virtuoso-t`` in the foreground over a new database in a temporary folder, loaded with ``nt_file``."""

    def __init__(self, nt_file: Path, name: str = "virtuoso"):
        self.folder = Path(tempfile.mkdtemp(prefix="sendkg-virtuoso-"))
        self.nt_file = nt_file.resolve()
        self.sql_port = free_port()
        port = free_port()
        ini = self.folder / "virtuoso.ini"
        ini.write_text(INI.format(db=self.folder, data=self.nt_file.parent, sql_port=self.sql_port, port=port))
        super().__init__(name, [virtuoso_binary(), "+foreground", "+configfile", str(ini)], "/sparql" + ASK, port=port)

    def start(self) -> "VirtuosoServer":
        """Start the server, bulk-load the N-Triples file into ``GRAPH``, and return once it answers."""
        try:
            super().start()
            self.wait_for(self.sql_ready)  # the HTTP listener comes up a moment before the SQL one
            self.isql(f"ld_dir('{self.nt_file.parent}', '{self.nt_file.name}', '{GRAPH}'); rdf_loader_run(); checkpoint;")
            failed = self.isql("SELECT ll_file FROM DB.DBA.load_list WHERE ll_error IS NOT NULL;")
            if "0 Rows" not in failed:
                raise RuntimeError(f"{self.name} could not load {self.nt_file}: {failed}")
        except BaseException:
            self.stop()
            raise
        return self

    def sql_ready(self) -> bool:
        """Whether the SQL port accepts a connection."""
        try:
            socket.create_connection(("127.0.0.1", self.sql_port), timeout=1).close()
            return True
        except OSError:
            return False

    def isql(self, statements: str) -> str:
        """Run SQL statements through ``isql-vt`` on the SQL port; their output (RuntimeError on failure)."""
        done = subprocess.run([ISQL, f"127.0.0.1:{self.sql_port}", "dba", "dba", f"EXEC={statements}"],
                              capture_output=True, text=True, timeout=600)
        if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
            raise RuntimeError(f"isql on {self.name} failed: {done.stdout[-1000:]} {done.stderr[-1000:]}")
        return done.stdout

    @property
    def query_url(self) -> str:
        """The SPARQL endpoint with the loaded graph as the protocol's default graph."""
        return f"{self.base}/sparql?" + urllib.parse.urlencode({"default-graph-uri": GRAPH})

    def stop(self, timeout: float = 30, reap_children: bool = False) -> None:
        """Stop the server and remove its database folder."""
        super().stop(timeout, reap_children)
        shutil.rmtree(self.folder, ignore_errors=True)
