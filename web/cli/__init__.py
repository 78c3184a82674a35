"""The ``sendkg`` command line: import, build, validate, query, export, stats, serve, load.

It sits in ``web/`` because ``serve`` starts the web app; nothing in ``graph/`` imports it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from graph.paths import DATA_DIR, default_shared_dir, default_var_dir
from graph.terms import entity_iri
from web.cli import commands, ingest


def make_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand (each has its own --help)."""
    parser = argparse.ArgumentParser(prog="sendkg", description="The sendkg knowledge graph of England's SEND safety valve programme.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    var = argparse.ArgumentParser(add_help=False)
    var.add_argument("--var", type=Path, default=None,
                     help="the folder holding builds (default: $SENDKG_VAR, else var/ in the project)")

    p = sub.add_parser("build", parents=[var], help="data files -> RDF -> validation -> a new store (the old one stays if anything fails)")
    p.add_argument("--data", type=Path, default=DATA_DIR, help=f"the data folder to build (default: {DATA_DIR})")
    p.add_argument("--to", metavar="URL", help="then also put the validated graph into a SPARQL server's Graph Store URL (e.g. http://host:7878/store)")
    p.set_defaults(func=commands.build)

    p = sub.add_parser("import", help="regenerate data/ from the read-only shared material (the fact table, keeping row ids; the DfE statistics; Ofsted's inspection files)")
    p.add_argument("--shared", type=Path, default=None,
                   help="the shared material's folder, holding data/safety_valve_facts.csv and data/dfe/ (default: $SENDKG_SHARED, else shared/ beside the project)")
    p.add_argument("--data", type=Path, default=DATA_DIR, help=f"the data folder to write (default: {DATA_DIR})")
    p.set_defaults(func=commands.import_data)

    p = sub.add_parser("load", parents=[var], help="put the current build's graph into a SPARQL server (Graph Store Protocol PUT, replacing its default graph)")
    p.add_argument("url", help="the server's Graph Store URL, e.g. http://127.0.0.1:7878/store (?default is added)")
    p.set_defaults(func=commands.load)

    p = sub.add_parser("validate", help="run every check (SHACL shapes, violation queries) without writing a store; exit 1 on any problem")
    p.add_argument("--data", type=Path, default=DATA_DIR, help=f"the data folder to check (default: {DATA_DIR})")
    p.set_defaults(func=commands.validate)

    p = sub.add_parser("query", parents=[var], help="run a SPARQL query (a file, a canned query name, or the text itself) on the store")
    p.add_argument("query", help="a .rq file, the name of a canned query, or SPARQL text")
    p.add_argument("--format", choices=commands.QUERY_FORMATS, default="table", help="output format (default: table)")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help=f"a canned query's parameter (e.g. --param entity={entity_iri('council', 'bexley')})")
    p.set_defaults(func=commands.query)

    p = sub.add_parser("export", parents=[var], help="write the whole graph, or one entity's neighbourhood, in an RDF format")
    p.add_argument("--format", choices=commands.EXPORT_FORMATS, default="turtle", help="RDF format (default: turtle)")
    p.add_argument("--output", "-o", default="-", help="file to write (default: standard output)")
    p.add_argument("--entity", help="an entity IRI: export only its neighbourhood")
    p.add_argument("--depth", type=int, default=1, choices=range(1, 4), metavar="N", help="neighbourhood depth with --entity, 1-3 (default 1)")
    p.set_defaults(func=commands.export)

    p = sub.add_parser("stats", parents=[var], help="triples, entities by class, where the store is")
    p.set_defaults(func=commands.stats)

    p = sub.add_parser("ingest", help="a plain-text document -> a draft source file of candidate claims in data/drafts/")
    p.add_argument("file", help="the document, UTF-8 plain text (page furniture may be present)")
    p.add_argument("--data", type=Path, default=DATA_DIR, help=f"the data folder (gazetteer, drafts/) (default: {DATA_DIR})")
    p.add_argument("--url", help="the document's URL")
    p.add_argument("--title", help="its title (also gives the source id)")
    p.add_argument("--publisher", help="its publisher's entity id, e.g. organisation/schools-week")
    p.add_argument("--published", metavar="DATE", help="publication date: YYYY-MM-DD, YYYY-MM or YYYY")
    p.add_argument("--kind", default="news", choices=("news", "government", "secondary"), help="source kind (default news)")
    p.add_argument("--format", choices=("yaml", "json"), default="yaml", help="yaml: write the draft; json: print the candidates")
    p.set_defaults(func=ingest.ingest)

    p = sub.add_parser("review", help="go through a draft's candidates (accept/edit/reject), write the source file, validate it")
    p.add_argument("draft", help="a draft written by sendkg ingest (data/drafts/*.yaml)")
    p.add_argument("--data", type=Path, default=DATA_DIR, help=f"the data folder to write sources/ into (default: {DATA_DIR})")
    p.set_defaults(func=ingest.review)

    p = sub.add_parser("serve", parents=[var], help="serve the web app and SPARQL endpoint with a production WSGI server")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--config", help="a Python config file (see README: Configuration)")
    p.set_defaults(func=commands.serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``sendkg`` console script."""
    args = make_parser().parse_args(argv)
    if hasattr(args, "var") and args.var is None and args.command != "serve":  # serve: settings decide (VAR)
        args.var = default_var_dir()
    if getattr(args, "shared", False) is None:
        args.shared = default_shared_dir()
    return args.func(args) or 0


if __name__ == "__main__":
    sys.exit(main())
