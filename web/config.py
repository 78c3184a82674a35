"""Settings, their defaults, and the environment variables that set them (documented in README)."""

from __future__ import annotations

DEFAULTS = {
    # Public base URL of this deployment; IRIs under https://w3id.org/sendkg/id/ map to <base>/id/...
    "PUBLIC_BASE_URL": None,
    # Seconds a query may run before it is stopped.
    "QUERY_TIMEOUT": 10.0,
    # Most result rows a SELECT returns; more is truncated and said so.
    "ROW_LIMIT": 10000,
    # Serve the embedded store from memory, loaded from the build's dump in the background while the
    # on-disk store answers (start-up never waits); False: from disk only. bench/LATEST.md has the evidence:
    # at 1M triples memory answers joins 4-10x faster, disk uses about a third of the RSS.
    "STORE_IN_MEMORY": True,
    # A remote SPARQL 1.1 query endpoint to use instead of the embedded store.
    "SPARQL_ENDPOINT": None,
    # Seconds to wait for the remote store before giving up.
    "REMOTE_TIMEOUT": 15.0,
    # Worker processes that run user SPARQL on the embedded store (each killable at the time limit).
    "QUERY_WORKERS": 2,
    # Per-client bounds on /sparql and the canned query API (a client is its address, see TRUSTED_PROXIES):
    # queries running or waiting at once (more: 429 with Retry-After, before anything is queued) ...
    "CLIENT_MAX_QUERIES": 4,
    # ... queries running at once (0: one fewer than QUERY_WORKERS, so one client never holds every worker) ...
    "CLIENT_MAX_RUNNING": 0,
    # ... and seconds of query time per CLIENT_WINDOW seconds (0: no budget).
    "CLIENT_QUERY_SECONDS": 60.0,
    "CLIENT_WINDOW": 60.0,
    # Addresses of reverse proxies whose X-Forwarded-For names the client (werkzeug's ProxyFix, one hop);
    # a request from any other peer is that peer, whatever its headers say. Empty: no proxy is trusted.
    "TRUSTED_PROXIES": (),
    # Address-space cap of each query worker in MiB (0: none), so a runaway query cannot exhaust memory.
    "QUERY_MEMORY_MB": 2048,
    # Largest request body accepted (bytes); Flask answers 413 beyond it.
    "MAX_CONTENT_LENGTH": 1024 * 1024,
    # Request threads of the WSGI server (sendkg serve).
    "SERVER_THREADS": 8,
    # Most neighbours of one node the explorer draws; the rest stand behind a "+N more" node.
    "EXPLORE_CAP": 20,
    # The folder holding builds (var/current is the one served); None: var/ in the project.
    "VAR": None,
}

ENVIRONMENT = {
    "SENDKG_PUBLIC_BASE_URL": ("PUBLIC_BASE_URL", str),
    "SENDKG_QUERY_TIMEOUT": ("QUERY_TIMEOUT", float),
    "SENDKG_ROW_LIMIT": ("ROW_LIMIT", int),
    "SENDKG_STORE_IN_MEMORY": ("STORE_IN_MEMORY", lambda v: v.lower() in ("1", "true", "yes")),
    "SENDKG_SPARQL_ENDPOINT": ("SPARQL_ENDPOINT", str),
    "SENDKG_REMOTE_TIMEOUT": ("REMOTE_TIMEOUT", float),
    "SENDKG_QUERY_WORKERS": ("QUERY_WORKERS", int),
    "SENDKG_QUERY_MEMORY_MB": ("QUERY_MEMORY_MB", int),
    "SENDKG_CLIENT_MAX_QUERIES": ("CLIENT_MAX_QUERIES", int),
    "SENDKG_CLIENT_MAX_RUNNING": ("CLIENT_MAX_RUNNING", int),
    "SENDKG_CLIENT_QUERY_SECONDS": ("CLIENT_QUERY_SECONDS", float),
    "SENDKG_CLIENT_WINDOW": ("CLIENT_WINDOW", float),
    "SENDKG_TRUSTED_PROXIES": ("TRUSTED_PROXIES", lambda v: tuple(a.strip() for a in v.split(",") if a.strip())),
    "SENDKG_MAX_CONTENT_LENGTH": ("MAX_CONTENT_LENGTH", int),
    "SENDKG_SERVER_THREADS": ("SERVER_THREADS", int),
    "SENDKG_EXPLORE_CAP": ("EXPLORE_CAP", int),
    "SENDKG_VAR": ("VAR", str),
}


def from_environment(environ) -> dict:
    """The settings given by ``SENDKG_*`` environment variables."""
    return {key: convert(environ[name]) for name, (key, convert) in ENVIRONMENT.items() if environ.get(name)}
