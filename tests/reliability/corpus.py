"""The hostile corpus: every request a stranger might send to break, reach out of, or wedge sendkg, with the status
and message each must get. ``{listener}`` in a request stands for a local HTTP listener that must see no connection.

Each entry is one row of docs/reliability.md (by id). Most expect a 4xx or the documented 503 time-limit error;
a few are legal requests that look hostile (FROM a remote IRI, a NUL inside a string literal, regexes that
would backtrack catastrophically elsewhere) and must get the right answer within the time limit instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"
JSON = "application/sparql-results+json"
MB5 = 5 * 1024 * 1024
READ_ONLY, NO_SERVICE, TIME_LIMIT, TOO_DEEP = "read-only", "SERVICE (federated query) is not allowed", "time limit", "levels deep"
TOO_LONG = "operators and separators"
TOO_LARGE, HEADERS_TOO_LARGE, NOT_UTF8 = "exceeds the capacity limit", "Request Header Fields Too Large", "not valid UTF-8"
NOTHING = "The graph says nothing about"
ZERO = '"value":"0"'


@dataclass(frozen=True)
class Hostile:
    """One request: ``target`` is the path and query string; ``status`` and ``message`` what must come back."""

    id: str
    kind: str
    method: str
    target: str | bytes
    status: int
    message: str
    body: bytes | None = None
    headers: dict = field(default_factory=dict)
    absent: str | None = None  # text the answer must not contain (e.g. an unescaped script tag)

    def bind(self, listener: str) -> "Hostile":
        """This request with ``{listener}`` replaced by the listener's URL (raw, form-encoded or URL-encoded)."""
        def fill(value):
            if isinstance(value, bytes):
                return value.replace(b"{listener}", listener.encode()).replace(b"%7Blistener%7D", quote(listener, safe="").encode())
            if isinstance(value, str):
                return value.replace("%7Blistener%7D", quote(listener, safe=""))
            return value
        return Hostile(self.id, self.kind, self.method, fill(self.target), self.status, self.message, fill(self.body),
                       self.headers, self.absent)


def get_query(sparql: str, **params) -> str:
    """``/sparql?query=...`` for ``sparql`` (and any other protocol parameters)."""
    return "/sparql?" + urlencode({"query": sparql, **params}, quote_via=quote)


def sparql_request(channel: str, text: str) -> tuple[str, str, bytes | None, dict]:
    """(method, target, body, headers) sending ``text`` the way ``channel`` names."""
    encoded = urlencode({"update" if "update" in channel else "query": text}, quote_via=quote)
    return {
        "get-query": ("GET", "/sparql?" + encoded, None, {}),
        "get-update": ("GET", "/sparql?" + encoded, None, {}),
        "post-form-query": ("POST", "/sparql", encoded.encode(), {"Content-Type": FORM}),
        "post-form-update": ("POST", "/sparql", encoded.encode(), {"Content-Type": FORM}),
        "post-direct-query": ("POST", "/sparql", text.encode(), {"Content-Type": QUERY}),
        "post-direct-update": ("POST", "/sparql", text.encode(), {"Content-Type": UPDATE}),
    }[channel]


UPDATES = {
    "insert-data": "INSERT DATA { <urn:x:s> <urn:x:p> <urn:x:o> }",
    "delete-where": "DELETE WHERE { ?s ?p ?o }",
    "clear-all": "CLEAR ALL",
    "drop-all": "DROP ALL",
    "load": "LOAD <{listener}> INTO GRAPH <urn:x:g>",
    "create": "CREATE GRAPH <urn:x:g>",
}
CHANNELS = ("get-update", "get-query", "post-form-update", "post-form-query", "post-direct-update", "post-direct-query")


def updates() -> list[Hostile]:
    """Every form of SPARQL Update through every way of sending one: 403 read-only."""
    out = []
    for name, text in UPDATES.items():
        for channel in CHANNELS:
            method, target, body, headers = sparql_request(channel, text)
            out.append(Hostile(f"update-{name}-{channel}", "SPARQL Update", method, target, 403, READ_ONLY, body, headers))
    return out


def federation() -> list[Hostile]:
    """SERVICE is refused (403); FROM / FROM NAMED / the protocol dataset name graphs and are answered locally."""
    service = [
        ("service", "SELECT * { SERVICE <{listener}> { ?s ?p ?o } }"),
        ("service-silent", "SELECT * { SERVICE SILENT <{listener}> { ?s ?p ?o } }"),
        ("service-variable", "SELECT * { VALUES ?e { <{listener}> } SERVICE ?e { ?s ?p ?o } }"),
        ("service-escaped", "SELECT * { \\u0053ERVICE <{listener}> { ?s ?p ?o } }"),
        ("service-lowercase-post", "select * { service <{listener}> { ?s ?p ?o } }"),
    ]
    out = [Hostile(f"federation-{name}", "SERVICE / FROM", "GET", get_query(text), 403, NO_SERVICE) for name, text in service[:-1]]
    method, target, body, headers = sparql_request("post-form-query", service[-1][1])
    out.append(Hostile("federation-service-lowercase-post", "SERVICE / FROM", method, target, 403, NO_SERVICE, body, headers))
    local = [
        ("from", get_query("SELECT (COUNT(*) AS ?n) FROM <{listener}> { ?s ?p ?o }")),
        ("from-named", get_query("SELECT (COUNT(*) AS ?n) FROM NAMED <{listener}> { GRAPH ?g { ?s ?p ?o } }")),
        ("default-graph-uri", get_query("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", **{"default-graph-uri": "{listener}"})),
        ("named-graph-uri", get_query("SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }", **{"named-graph-uri": "{listener}"})),
    ]
    return out + [Hostile(f"federation-{name}", "SERVICE / FROM", "GET", target, 200, ZERO, headers={"Accept": JSON})
                  for name, target in local]


NOT_A_PREDICATE = "<urn:x:no-such-predicate>"
EXPENSIVE = {
    "cartesian-5": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }",
    "cartesian-3-ordered": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY DESC(?c) ?f ?i LIMIT 1",
    "path-any-both-ways": f"SELECT (COUNT(*) AS ?n) WHERE {{ ?a (!{NOT_A_PREDICATE}|^!{NOT_A_PREDICATE})* ?b }}",
    "path-type-label-both-ways": "SELECT (COUNT(*) AS ?n) WHERE { ?a (<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>|"
                                 "^<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>|!<urn:x:n>)*/(^!<urn:x:n>)* ?b }",
    "regex-over-cartesian": 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i '
                            'FILTER(REGEX(CONCAT(STR(?c), STR(?f), STR(?i)), "^(a+)+$")) }',
}
REGEXES = {
    "regex-redos-every-literal": 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(REGEX(STR(?o), "^(a+)+$")) }',
    "regex-redos-classic": f'SELECT (COUNT(*) AS ?n) WHERE {{ FILTER(REGEX("{"a" * 64}!", "^(a+)+$")) }}',
    "regex-redos-nested": f'SELECT (COUNT(*) AS ?n) WHERE {{ FILTER(REGEX("{"x" * 20000}", "(x+x+)+y")) }}',
    "regex-invalid": 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(REGEX(STR(?o), "(")) }',
    "regex-huge-repetition": 'SELECT (COUNT(*) AS ?n) WHERE { FILTER(REGEX("aaaa", "((a{1000}){1000}){1000}")) }',
}


def expensive() -> list[Hostile]:
    """Whole-store products and closures stop at the time limit (503); regexes run in linear time (right answer)."""
    out = [Hostile(name, "expensive query", "GET", get_query(text), 503, TIME_LIMIT) for name, text in EXPENSIVE.items()]
    return out + [Hostile(name, "regex", "GET", get_query(text), 200, ZERO, headers={"Accept": JSON})
                  for name, text in REGEXES.items()]


DEEP = 10_000


def nesting() -> list[Hostile]:
    """10,000 levels of groups, parentheses, paths and blank-node brackets: 400 before any parser runs."""
    groups = "SELECT * WHERE { " + "{ " * DEEP + "?s ?p ?o" + " }" * DEEP + " }"
    parens = "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * DEEP + "true" + ")" * DEEP + ") }"
    path = "SELECT * WHERE { ?s " + "(" * DEEP + "<urn:x:p>" + ")" * DEEP + " ?o }"
    brackets = "SELECT * WHERE { ?s <urn:x:p> " + "[ <urn:x:p> " * DEEP + "1" + " ]" * DEEP + " }"
    out = [Hostile("nested-groups-get", "deep nesting", "GET", get_query(groups), 400, TOO_DEEP)]
    for name, text, channel in (("nested-groups-post", groups, "post-direct-query"), ("nested-parens", parens, "post-form-query"),
                                ("nested-path", path, "post-direct-query"), ("nested-brackets", brackets, "post-direct-query")):
        method, target, body, headers = sparql_request(channel, text)
        out.append(Hostile(name, "deep nesting", method, target, 400, TOO_DEEP, body, headers))
    return out + flat_chains()


FLAT = 60_000


def flat_chains() -> list[Hostile]:
    """60,000-term flat chains of ||, +, UNION and path steps (a segfault in Oxigraph's parser): 400 before it runs."""
    chains = {"chain-or": "ASK { FILTER(" + " || ".join(["false"] * FLAT) + ") }",
              "chain-plus": "SELECT (1" + " + 1" * FLAT + " AS ?n) WHERE {}",
              "chain-union": "SELECT * WHERE {" + " {} UNION" * FLAT + " {} }",
              "chain-path": "SELECT * WHERE { ?s <urn:x:p>" + "/<urn:x:p>" * FLAT + " ?o }"}
    out = []
    for name, text in chains.items():
        method, target, body, headers = sparql_request("post-direct-query", text)
        out.append(Hostile(name, "flat operator chain", method, target, 400, TOO_LONG, body, headers))
    return out


def oversized() -> list[Hostile]:
    """A 5 MB query by body (413: larger than MAX_CONTENT_LENGTH) and by URL or header (431 from waitress)."""
    query = "SELECT * WHERE { ?s ?p ?o } # " + "x" * MB5
    return [
        Hostile("size-5mb-post-direct", "5 MB query", "POST", "/sparql", 413, TOO_LARGE, query.encode(), {"Content-Type": QUERY}),
        Hostile("size-5mb-post-form", "5 MB query", "POST", "/sparql", 413, TOO_LARGE,
                urlencode({"query": query}).encode(), {"Content-Type": FORM}),
        Hostile("size-5mb-get", "5 MB query", "GET", get_query(query), 431, HEADERS_TOO_LARGE),
        Hostile("size-5mb-accept-header", "huge Accept header", "GET", get_query("ASK {}"), 431, HEADERS_TOO_LARGE,
                headers={"Accept": "text/x-" + "a" * MB5}),
    ]


def encoding() -> list[Hostile]:
    """Bytes that are not UTF-8 (400) and NUL bytes where no IRI or token may hold one (400/404)."""
    direct = {"Content-Type": QUERY}
    return [
        Hostile("utf8-percent-get", "invalid UTF-8", "GET", "/sparql?query=SELECT%20*%20%7B%3Fs%20%3Fp%20%22%FF%FE%22%7D", 400, NOT_UTF8),
        Hostile("utf8-raw-request-line", "invalid UTF-8", "GET", b"/sparql?query=ASK%20%7B%22\xff\xfe%22%7D", 400, "Bad URI"),
        Hostile("utf8-percent-form", "invalid UTF-8", "POST", "/sparql", 400, NOT_UTF8, b"query=ASK+%7B+%22%C3%28%22+%7D", {"Content-Type": FORM}),
        Hostile("utf8-direct-body", "invalid UTF-8", "POST", "/sparql", 400, NOT_UTF8, b'ASK { "\xc3\x28" }', direct),
        Hostile("utf8-overlong-slash", "invalid UTF-8", "POST", "/sparql", 400, NOT_UTF8, b'ASK { "\xc0\xaf" }', direct),
        Hostile("utf8-surrogate", "invalid UTF-8", "POST", "/sparql", 400, NOT_UTF8, b'ASK { "\xed\xa0\x80" }', direct),
        Hostile("utf8-latin1-charset", "invalid UTF-8", "POST", "/sparql", 400, "must be UTF-8", b"ASK {}",
                {"Content-Type": QUERY + "; charset=iso-8859-1"}),
        Hostile("nul-in-keyword", "NUL bytes", "GET", get_query("SELECT\x00* WHERE { ?s ?p ?o }"), 400, "Query syntax error"),
        Hostile("nul-in-iri", "NUL bytes", "POST", "/sparql", 400, "Query syntax error", b"SELECT * WHERE { <http://x/\x00> ?p ?o }", direct),
        Hostile("nul-in-entity-path", "NUL bytes", "GET", "/id/council/bury%00", 404, "not an IRI"),
        Hostile("nul-in-explore-focus", "NUL bytes", "GET", "/explore?focus=https://w3id.org/sendkg/id/council/bury%00", 400, "not an IRI"),
        Hostile("nul-in-search-type", "NUL bytes", "GET", "/search.json?type=%00", 400, "not an IRI"),
        Hostile("nul-in-store-graph", "NUL bytes", "GET", "/store?graph=%00", 400, "not an absolute IRI"),
        Hostile("nul-in-string-literal", "NUL bytes", "GET", get_query('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p "a\x00b" }'), 200, ZERO,
                headers={"Accept": JSON}),
    ]


LONG = "a" * 200_000


def overlong() -> list[Hostile]:
    """IRIs of 200 kB (nothing is known about them: 404) and 1 MB (431); a long IRI inside a query is legal."""
    return [
        Hostile("overlong-entity-path", "overlong IRI", "GET", f"/id/council/{LONG}", 404, NOTHING),
        Hostile("overlong-explore-focus", "overlong IRI", "GET", f"/explore?focus=https://w3id.org/sendkg/id/council/{LONG}", 404, NOTHING),
        Hostile("overlong-store-graph", "overlong IRI", "GET", f"/store?graph=http://x/{LONG}", 404, "no graph named"),
        Hostile("overlong-entity-path-1mb", "overlong IRI", "GET", "/id/council/" + "a" * 1024 * 1024, 431, HEADERS_TOO_LARGE),
        Hostile("overlong-iri-in-query", "overlong IRI", "POST", "/sparql", 200, ZERO,
                f"SELECT (COUNT(*) AS ?n) WHERE {{ <http://x/{'a' * 500_000}> ?p ?o }}".encode(), {"Content-Type": QUERY, "Accept": JSON}),
    ]


JUNK_ACCEPT = ", ".join(f"text/x-{i};q=0.{i % 9 + 1}" for i in range(8000))


def media_types() -> list[Hostile]:
    """Bodies of unknown media types (415) and Accept headers naming no format we write (406), however long."""
    ask = get_query("ASK {}")
    return [
        Hostile("media-unknown-content-type", "unknown media type", "POST", "/sparql", 415, "POST a query as", b"query=ASK%7B%7D",
                {"Content-Type": "application/x-evil"}),
        Hostile("media-no-content-type", "unknown media type", "POST", "/sparql", 415, "POST a query as", b"ASK {}"),
        Hostile("media-multipart", "unknown media type", "POST", "/sparql", 415, "POST a query as", b"--x--\r\n",
                {"Content-Type": "multipart/form-data; boundary=x"}),
        Hostile("accept-unknown-select", "unknown media type", "GET", ask, 406, "names no format", headers={"Accept": "application/x-evil"}),
        Hostile("accept-csv-for-construct", "unknown media type", "GET", get_query("CONSTRUCT WHERE { ?s ?p ?o }"), 406,
                "names no format", headers={"Accept": "text/csv"}),
        Hostile("accept-unknown-entity", "unknown media type", "GET", "/id/council/bury", 406, "Not acceptable",
                headers={"Accept": "application/x-evil"}),
        Hostile("accept-unknown-store", "unknown media type", "GET", "/store?default", 406, "names no format", headers={"Accept": "image/png"}),
        Hostile("accept-8000-types", "huge Accept header", "GET", ask, 406, "names no format", headers={"Accept": JUNK_ACCEPT}),
        Hostile("accept-8000-types-then-json", "huge Accept header", "GET", ask, 200, '"boolean":true',
                headers={"Accept": JUNK_ACCEPT + ", " + JSON + ";q=0.01"}),
    ]


LEAKS = "[build-system]"  # pyproject.toml's first table: must never be served


def traversal() -> list[Hostile]:
    """Entity and file URLs with ../ and encoded slashes never reach outside the graph or the static folders."""
    paths = ["/id/../../../pyproject.toml", "/id/council/..%2F..%2F..%2Fpyproject.toml", "/id/%2e%2e/%2e%2e/pyproject.toml",
             "/static/..%2F..%2F..%2Fpyproject.toml", "/static/../../../pyproject.toml",
             "/vendor/vis-network/..%2F..%2F..%2F..%2Fpyproject.toml", "/dump/sendkg.nt%2F..%2F..%2F..%2Fpyproject.toml",
             "/id/council/bury%2F..%2F..%2Fcouncil%2Fbexley"]
    out = [Hostile(f"path-{i + 1}", "path traversal", "GET", path, 404, "", absent=LEAKS) for i, path in enumerate(paths)]
    return out + [Hostile("path-encoded-slash-same-entity", "path traversal", "GET", "/id/council%2Fbury", 200, "<h1>Bury</h1>", absent=LEAKS)]


SEARCHES = {
    "search-regex": ".* (a+)+$ [^]",
    "search-sql": "' OR '1'='1' --",
    "search-sparql": '"; } DROP ALL ; #',
    "search-html": "<script>alert(1)</script>",
    "search-backslash": "\\ \\\\ \\u0022",
    "search-template": "{{7*7}} ${7*7} %s%n",
}


def searches() -> list[Hostile]:
    """Search strings full of regex, SQL, SPARQL, HTML and template metacharacters: found nowhere, echoed as text."""
    out = [Hostile(name, "search metacharacters", "GET", "/search.json?" + urlencode({"q": q}), 200, '"results":[]')
           for name, q in SEARCHES.items()]
    out.append(Hostile("search-html-page", "search metacharacters", "GET", "/search?" + urlencode({"q": SEARCHES["search-html"]}),
                       200, "&lt;script&gt;alert(1)&lt;/script&gt;", absent="<script>alert(1)"))
    out.append(Hostile("search-too-many-words", "search metacharacters", "GET", "/search.json?" + urlencode({"q": " ".join(f"w{i}" for i in range(50))}),
                       400, "at most 8 words"))
    out.append(Hostile("search-long-word", "search metacharacters", "GET", "/search.json?q=" + "a" * 5000, 400, "at most 100 characters"))
    return out


def corpus() -> list[Hostile]:
    """Every hostile request, in the order the suite sends them."""
    return updates() + federation() + expensive() + nesting() + oversized() + encoding() + overlong() + media_types() \
        + traversal() + searches()
