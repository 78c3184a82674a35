"""A store that is an existing SPARQL 1.1 server, reached over the protocol with the standard library.

Queries go out as the SPARQL 1.1 Protocol's URL-encoded POST (``query=`` in an ``application/x-www-form-urlencoded``
body, https://www.w3.org/TR/sparql11-protocol/#query-via-post-urlencoded), the one POST form every server answers
(Virtuoso 7.2 never answers a direct ``application/sparql-query`` body: openlink/virtuoso-opensource#842), and any
parameters of the endpoint URL (``?default-graph-uri=...``, naming the dataset) travel with it. Answers come back as SPARQL JSON results or N-Triples, parsed by pyoxigraph, so readers get the same result
types as from the embedded ``Store``. Loading uses the Graph Store Protocol
(https://www.w3.org/TR/sparql11-http-rdf-update/): the data travels in the request body; the server never
fetches anything. Every request waits at most ``timeout`` seconds in total.
"""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox

from graph.queries import query_file
from graph.queries.scan import scan
from graph.store.errors import NotAcceptable, QuerySyntaxError, RemoteStoreError, StoreUnavailable
from graph.store.protocol import Reads

RESULTS_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
ACCEPT = f"{RESULTS_JSON}, {N_TRIPLES};q=0.9"
GRAPH_FORMS = ("CONSTRUCT", "DESCRIBE")


def accept_for(sparql: str) -> str:
    """The ``Accept`` for ``sparql``'s form: N-Triples for a graph, SPARQL JSON for results, both when unknown.

    Asking for one only matters: offered both for a CONSTRUCT, Virtuoso answers its triples as a JSON result table.
    """
    form = scan(sparql).form
    return N_TRIPLES if form in GRAPH_FORMS else RESULTS_JSON if form else ACCEPT


class RemoteStore(Reads):
    """A read-only view of the graph held by a SPARQL 1.1 server (the ``graph.store.Store`` protocol).

    Another process cannot reopen it, so the executor runs its queries in-thread, bounded by ``timeout``.
    """

    def __init__(self, endpoint: str, timeout: float = 15.0):
        if urllib.parse.urlsplit(endpoint).scheme not in ("http", "https"):
            raise ValueError(f"not an http(s) SPARQL endpoint URL: {endpoint!r}")
        self.endpoint = endpoint
        self.timeout = timeout
        self.description = f"remote SPARQL endpoint {endpoint}"
        self.build_info = {"endpoint": endpoint}

    def query(self, sparql: str):
        """Run a query; returns pyoxigraph QuerySolutions, QueryBoolean or QueryTriples."""
        body = urllib.parse.urlencode({"query": sparql}).encode("ascii")
        request = urllib.request.Request(self.endpoint, data=body, method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded", "Accept": accept_for(sparql)})
        body, content_type = send(request, self.timeout)
        media_type = content_type.split(";")[0].strip().lower()
        try:
            if media_type == RESULTS_JSON:
                return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
            graph_format = ox.RdfFormat.from_media_type(media_type)
            if graph_format is None:
                raise RemoteStoreError(f"{self.endpoint} answered in {media_type!r}, which is not {ACCEPT}")
            return as_query_triples(body, graph_format)
        except SyntaxError as error:
            raise RemoteStoreError(f"{self.endpoint} answered {media_type} that does not parse: {error}") from None

    def __len__(self) -> int:
        return int(self.select(query_file("reports", "count-triples").text)[0]["n"].value)


def as_query_triples(body: bytes, graph_format: ox.RdfFormat):
    """Parse a graph into a scratch store and CONSTRUCT it back, so callers get a real ``QueryTriples``."""
    scratch = ox.Store()
    scratch.load(body, format=graph_format)
    return scratch.query(query_file("exports", "construct-default-graph").text)


def send(request: urllib.request.Request, timeout: float) -> tuple[bytes, str]:
    """Send ``request``; return (body, content type). At most ``timeout`` seconds, connecting and reading."""
    deadline = time.monotonic() + timeout
    url = request.full_url
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return _read_until(response, deadline, url), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        message = exc.read(4096).decode("utf-8", "replace").strip() or exc.reason
        if exc.code == 400:
            raise QuerySyntaxError(f"the SPARQL server rejected the request: {message}") from None
        if exc.code == 406:
            raise NotAcceptable(f"{url} cannot answer in {request.get_header('Accept')!r}: {message}") from None
        if exc.code in (502, 503, 504):
            raise StoreUnavailable(url, f"HTTP {exc.code}: {message}") from None
        raise RemoteStoreError(f"{url} answered HTTP {exc.code}: {message}") from None
    except (urllib.error.URLError, socket.timeout, ConnectionError) as exc:
        raise StoreUnavailable(url, getattr(exc, "reason", exc)) from None


def _read_until(response, deadline: float, url: str) -> bytes:
    chunks = []
    while chunk := response.read(1 << 16):
        chunks.append(chunk)
        if time.monotonic() > deadline:
            raise StoreUnavailable(url, "the answer took longer than the time allowed")
    return b"".join(chunks)


def graph_store_target(url: str) -> str:
    """The Graph Store Protocol URL for the default graph: ``url`` itself if it names a graph, else ``url?default``."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise ValueError(f"not an http(s) Graph Store URL: {url!r}")
    return url if parts.query else f"{url}?default"


def load(url: str, dump: Path, timeout: float = 600.0, replace: bool = True) -> str:
    """Put the N-Triples file ``dump`` into the server's default graph (PUT replaces it, POST adds); return the target."""
    target = graph_store_target(url)
    with dump.open("rb") as body:
        request = urllib.request.Request(target, data=body, method="PUT" if replace else "POST", headers={
            "Content-Type": N_TRIPLES, "Content-Length": str(dump.stat().st_size)})
        send(request, timeout)
    return target
