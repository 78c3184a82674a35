"""What each ``sendkg`` subcommand does; ``cli.py`` only parses arguments."""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox

from graph import build as build_module
from graph.exports.formats import GRAPH_FORMATS, by_name, serialize_graph
from graph.terms import PREFIXES
from graph.queries import canned_query, report_query
from graph.store import Store, StoreMissing, current_build

QUERY_FORMATS = ("table", "csv", "tsv", "json", "turtle")
EXPORT_FORMATS = tuple(f.name for f in GRAPH_FORMATS if f.name != "nquads")


def _error(message: str) -> int:
    print(f"sendkg: error: {message}", file=sys.stderr)
    return 2


def _open_store() -> Store:
    return Store.open_build()


def build(args) -> int:
    """Build and publish a new store; on failure print every problem and keep the old store."""
    try:
        target = build_module.build(data_dir=args.data)
    except build_module.BuildFailed as exc:
        print(f"sendkg: build failed at {exc.stage}; the previous store is unchanged.", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    return _load_into(args.to, target) if getattr(args, "to", None) else 0


def load(args) -> int:
    """Put the current build's graph into a SPARQL server's default graph (Graph Store Protocol PUT)."""
    try:
        return _load_into(args.url, current_build())
    except StoreMissing as exc:
        return _error(str(exc))


def _load_into(url: str, build: Path) -> int:
    from graph.store.remote import RemoteStoreError, load as put_graph
    try:
        target = put_graph(url, build / "graph.nt")
    except (RemoteStoreError, SyntaxError, ValueError) as exc:
        return _error(f"loading {build.name} into {url} failed: {exc}")
    print(f"loaded {build / 'graph.nt'} into {target}", file=sys.stderr)
    return 0


def validate(args) -> int:
    """Run every check without writing anything; exit 1 if any fails."""
    try:
        graph = build_module.compile_graph(args.data)
    except build_module.BuildFailed as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    problems = build_module.check_graph(graph)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(graph)} triples, {len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


def _query_text(arg: str) -> str:
    named = canned_query(arg)
    if named:
        return named.text
    path = Path(arg)
    if arg.endswith(".rq") or (len(arg) < 4096 and "\n" not in arg and path.is_file()):
        if not path.is_file():
            raise FileNotFoundError(f"no query file {arg}")
        return path.read_text(encoding="utf-8")
    return arg


def query(args) -> int:
    """Run a query and print its results in the chosen format."""
    try:
        text = _query_text(args.query)
        store = _open_store()
        result = store.query(text)
    except (StoreMissing, FileNotFoundError) as exc:
        return _error(str(exc))
    except SyntaxError as exc:
        return _error(f"invalid SPARQL: {exc}")
    out = sys.stdout.buffer
    if isinstance(result, ox.QueryTriples):
        if args.format not in ("turtle",):
            return _error(f"a CONSTRUCT/DESCRIBE query gives a graph: use --format turtle, not {args.format}")
        out.write(serialize_graph(result, by_name("turtle", GRAPH_FORMATS)))
        return 0
    if args.format == "turtle":
        return _error("--format turtle is for CONSTRUCT/DESCRIBE queries; use table, csv, tsv or json")
    if args.format == "table":
        sys.stdout.write(_table(result))
        return 0
    fmt = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV, "json": ox.QueryResultsFormat.JSON}[args.format]
    out.write(result.serialize(format=fmt))
    return 0


def _table(result) -> str:
    if isinstance(result, ox.QueryBoolean):
        return f"{bool(result)}\n"
    names = [v.value for v in result.variables]
    rows = [[_short(row[n]) for n in names] for row in result]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    lines = [" | ".join(n.ljust(w) for n, w in zip(names, widths)), "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(c.ljust(w) for c, w in zip(r, widths)) for r in rows]
    return "\n".join(lines) + f"\n({len(rows)} row{'s' if len(rows) != 1 else ''})\n"


def _short(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, ns in PREFIXES.items():
            if term.value.startswith(ns):
                return f"{prefix}:{term.value[len(ns):]}"
        return f"<{term.value}>"
    return term.value


def export(args) -> int:
    """Write the whole graph, or one entity's neighbourhood, in the chosen RDF format."""
    fmt = by_name(args.format, GRAPH_FORMATS)
    try:
        store = _open_store()
    except StoreMissing as exc:
        return _error(str(exc))
    if args.entity:
        from graph.queries.neighbourhood import neighbourhood_query
        if not any(True for _ in store.inner.quads_for_pattern(ox.NamedNode(args.entity), None, None)):
            return _error(f"unknown entity {args.entity}: no triples have it as subject")
        triples = store.triples(neighbourhood_query(args.entity, args.depth))
    else:
        triples = [q.triple for q in store.inner.quads_for_pattern(None, None, None)]
    data = serialize_graph(triples, fmt)
    if args.output == "-":
        sys.stdout.buffer.write(data)
    else:
        Path(args.output).write_bytes(data)
        print(f"wrote {len(triples)} triples to {args.output} ({fmt.label})", file=sys.stderr)
    return 0




def stats(args) -> int:
    """Print triples, entities by class and the number of source documents."""
    try:
        store = _open_store()
    except StoreMissing as exc:
        return _error(str(exc))
    print(f"triples: {len(store)}")
    print(f"built: {store.build_info.get('built_at', '?')}")
    print("entities by class:")
    for row in store.select(report_query("stats-entities-by-class").text):
        print(f"  {row['n'].value:>5}  {row.get('label', row['class']).value}")
    return 0


def serve(args) -> int:
    """Serve the web app under waitress (imported here so the CLI works without the web extras)."""
    from web.serve import run
    return run(args)
