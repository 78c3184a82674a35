"""What each ``sendkg`` subcommand does; ``web/cli/__init__.py`` only parses arguments.

The CLI is the one part allowed to import everything: the build, the store, the queries, the exports and
the web app (``serve``). Builds live under ``--var`` (default ``SENDKG_VAR``, else ``var/``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox

from graph.build import BuildFailed, build as build_graph, check_graph, compile_graph
from graph.exports import dumps
from graph.imports.facts import ImportFailed, import_facts
from graph.imports.inspections import import_inspections
from graph.imports.stats import import_stats
from graph.exports.formats import GRAPH_FORMATS, RESULT_FORMATS, by_name, write_graph, write_results
from graph.queries import ParameterError, canned_queries, canned_query, query_file
from graph.store import Store, StoreMissing, builds, open_store
from graph.store.builds import current_build
from graph.store.errors import QuerySyntaxError, StoreError
from graph.store.remote import load as put_graph
from graph.terms import PREFIXES

QUERY_FORMATS = ("table", "csv", "tsv", "json", "turtle")
EXPORT_FORMATS = tuple(f.name for f in GRAPH_FORMATS if f.name != "nquads")


def error(message: str) -> int:
    """Print ``message`` as the CLI's error line; the exit status for a usage or input error."""
    print(f"sendkg: error: {message}", file=sys.stderr)
    return 2


def open_current(var: Path) -> Store:
    """The current build under ``var``, on disk (through the one door, ``open_store``)."""
    return open_store({"VAR": var, "STORE_IN_MEMORY": False})


def build(args) -> int:
    """Build and publish a new store; on failure print every problem and keep the old store."""
    try:
        target = build_graph(args.data, args.var)
    except BuildFailed as exc:
        print(f"sendkg: build failed at {exc.stage}; the previous store is unchanged.", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    return load_into(args.to, target) if args.to else 0


IMPORT_STEPS = (import_facts, import_stats, import_inspections)  # each step(shared_dir, data_dir) -> a report with .lines()


def import_data(args) -> int:
    """Regenerate ``data/`` from the shared material, one import step after another, printing what each did."""
    for step in IMPORT_STEPS:
        try:
            report = step(args.shared, args.data)
        except ImportFailed as exc:
            return error(str(exc))
        print("\n".join(report.lines()))
    return 0


def load(args) -> int:
    """Put the current build's graph into a SPARQL server's default graph (Graph Store Protocol PUT)."""
    try:
        return load_into(args.url, current_build(args.var))
    except StoreMissing as exc:
        return error(str(exc))


def load_into(url: str, build_folder: Path) -> int:
    """PUT ``build_folder``'s dump to the Graph Store ``url``."""
    dump = build_folder / builds.DUMP
    try:
        target = put_graph(url, dump)
    except (StoreError, ValueError) as exc:
        return error(f"loading {build_folder.name} into {url} failed: {exc}")
    print(f"loaded {dump} into {target}", file=sys.stderr)
    return 0


def validate(args) -> int:
    """Run every check without writing anything; exit 1 if any fails."""
    try:
        graph = compile_graph(args.data)
    except BuildFailed as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    problems = check_graph(graph)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(graph)} triples, {len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


def resolve_query(arg: str, params: list[str]) -> str:
    """The SPARQL ``arg`` names: a canned query (with ``--param name=value``), a ``.rq`` file, or the text itself."""
    named = canned_query(arg)
    if named:
        malformed = [p for p in params if "=" not in p]
        if malformed:
            raise ParameterError(f"--param {malformed[0]!r}: write it as NAME=VALUE")
        return named.bind(**dict(p.split("=", 1) for p in params))
    if params:
        raise ParameterError("--param is only for canned queries")
    path = Path(arg)
    if arg.endswith(".rq") or (len(arg) < 4096 and "\n" not in arg and path.is_file()):
        if not path.is_file():
            raise FileNotFoundError(f"no query file {arg}")
        return path.read_text(encoding="utf-8")
    if not any(c in arg for c in " \n{") and arg[:2].isdigit():
        names = ", ".join(q.name for q in canned_queries())
        raise FileNotFoundError(f"no canned query called {arg!r}; the canned queries are {names}")
    return arg


def query(args) -> int:
    """Run a query and print its results in the chosen format."""
    try:
        text = resolve_query(args.query, args.param)
        result = open_current(args.var).query(text)
        return print_result(result, args.format)
    except (StoreMissing, FileNotFoundError, ParameterError) as exc:
        return error(str(exc))
    except QuerySyntaxError as exc:
        return error(f"invalid SPARQL: {exc}")


def print_result(result, fmt: str) -> int:
    """Write ``result`` to standard output in ``fmt`` (table, csv, tsv, json, or turtle for graphs)."""
    if isinstance(result, ox.QueryTriples):
        if fmt != "turtle":
            return error(f"--format {fmt} is for SELECT/ASK; a CONSTRUCT/DESCRIBE query gives a graph: use --format turtle")
        sys.stdout.buffer.write(write_graph(result, by_name("turtle", GRAPH_FORMATS)))
    elif fmt == "turtle":
        return error("--format turtle is for CONSTRUCT/DESCRIBE queries; use table, csv, tsv or json")
    elif fmt == "table":
        sys.stdout.write(table(result))
    else:
        sys.stdout.buffer.write(write_results(result, by_name(fmt, RESULT_FORMATS)))
    return 0


def table(result) -> str:
    """SELECT rows (or an ASK answer) as an aligned text table, IRIs shortened to CURIEs."""
    if isinstance(result, ox.QueryBoolean):
        return f"{bool(result)}\n"
    names = [v.value for v in result.variables]
    rows = [[short(row[n]) for n in names] for row in result]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    lines = [" | ".join(n.ljust(w) for n, w in zip(names, widths)), "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(c.ljust(w) for c, w in zip(r, widths)) for r in rows]
    return "\n".join(lines) + f"\n({len(rows)} row{'s' if len(rows) != 1 else ''})\n"


def short(term) -> str:
    """A cell: a CURIE for an IRI of the project's prefixes, else ``<iri>``; a literal's value; empty if unbound."""
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
        store = open_current(args.var)
        triples = entity_export(store, args.entity, args.depth) if args.entity else dumps.default_graph(store)
    except (StoreMissing, ValueError) as exc:
        return error(str(exc))
    data = write_graph(triples, fmt)
    if args.output == "-":
        sys.stdout.buffer.write(data)
    else:
        Path(args.output).write_bytes(data)
        print(f"wrote {len(triples)} triples to {args.output} ({fmt.label})", file=sys.stderr)
    return 0


def entity_export(store: Store, iri: str, depth: int) -> list:
    """The whole neighbourhood of ``iri`` (no cap: an export is complete); ``ValueError`` if no triple has it as subject."""
    if not dumps.is_entity(store, iri):
        raise ValueError(f"unknown entity {iri}: no triples have it as subject")
    return dumps.neighbourhood(store, iri, depth, limit=dumps.NO_LIMIT)


def stats(args) -> int:
    """Print triples, entities by class and where the store is."""
    try:
        store = open_current(args.var)
    except StoreMissing as exc:
        return error(str(exc))
    print(f"triples: {len(store)}")
    print(f"built: {store.build_info.get('built_at', '?')}")
    print(f"store: {store.description}")
    print("entities by class:")
    for row in store.select(query_file("reports", "stats-entities-by-class").text):
        print(f"  {row['n'].value:>5}  {row.get('label', row['class']).value}")
    return 0


def serve(args) -> int:
    """Serve the web app under waitress."""
    from web.serve import run
    return run(args)
