"""The sendkg command line: help everywhere, clear errors on bad input, real output formats."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from rdflib import Graph

from web.cli import main, make_parser
from graph.paths import ROOT

SUBCOMMANDS = ("import", "build", "validate", "query", "export", "stats", "serve", "load", "ingest", "review")
BURY = "https://w3id.org/sendkg/id/council/bury"


VAR_COMMANDS = ("build", "load", "query", "export", "stats", "serve")


@pytest.fixture
def run(built, capsysbinary):
    """Run ``sendkg ARGS`` in-process on the session build (``--var`` given); returns (exit code, stdout, stderr text)."""

    def _run(*args):
        if args and args[0] in VAR_COMMANDS and "--help" not in args:
            args = (args[0], "--var", str(built.parent.parent), *args[1:])
        try:
            code = main(list(args))
        except SystemExit as exc:
            code = exc.code
        out, err = capsysbinary.readouterr()
        return code, out, err.decode()
    return _run


def test_console_script_is_installed():
    result = subprocess.run([sys.executable, "-m", "web.cli", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0 and "build" in result.stdout


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_subcommand_has_help(run, command):
    code, out, _ = run(command, "--help")
    assert code == 0 and b"usage: sendkg " + command.encode() in out


def test_parser_knows_exactly_the_documented_subcommands():
    sub = next(a for a in make_parser()._actions if a.dest == "command")
    assert set(sub.choices) == set(SUBCOMMANDS)


def test_query_table_lists_councils(run):
    code, out, _ = run("query", "SELECT ?l WHERE { ?c a <https://w3id.org/sendkg/ontology#Council> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?l")
    assert code == 0 and b"Bury" in out and b"rows)" in out


def test_query_csv_parses_as_csv(run):
    code, out, _ = run("query", f"SELECT ?p ?o WHERE {{ <{BURY}> ?p ?o }}", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out.decode())))
    assert code == 0 and rows and set(rows[0]) == {"p", "o"}


def test_query_json_is_sparql_results_json(run):
    code, out, _ = run("query", f"ASK {{ <{BURY}> ?p ?o }}", "--format", "json")
    assert code == 0 and json.loads(out)["boolean"] is True


def test_construct_query_gives_turtle(run):
    code, out, _ = run("query", f"CONSTRUCT {{ <{BURY}> ?p ?o }} WHERE {{ <{BURY}> ?p ?o }}", "--format", "turtle")
    assert code == 0 and len(Graph().parse(data=out, format="turtle")) > 0


def test_a_format_that_does_not_fit_the_result_is_said_so(run):
    code, out, err = run("query", f"CONSTRUCT {{ <{BURY}> ?p ?o }} WHERE {{ <{BURY}> ?p ?o }}", "--format", "csv")
    assert code == 2 and not out and "--format csv is for SELECT/ASK" in err and "use --format turtle" in err
    code, out, err = run("query", f"ASK {{ <{BURY}> ?p ?o }}", "--format", "turtle")
    assert code == 2 and not out and "--format turtle is for CONSTRUCT/DESCRIBE" in err


def test_query_runs_a_canned_query_by_name(run):
    from graph.queries import canned_queries
    name = canned_queries()[0].name
    code, out, _ = run("query", name, "--format", "json")
    assert code == 0 and "results" in json.loads(out)


def test_an_unknown_canned_name_is_said_so_with_the_list(run):
    code, _, err = run("query", "10-no-such-name")
    assert code == 2 and "no canned query called '10-no-such-name'" in err and "01-agreements" in err


def test_query_binds_a_canned_querys_parameter(run):
    bexley = "https://w3id.org/sendkg/id/inspection/bexley-2024"
    code, out, _ = run("query", "07-provenance", "--param", f"entity={bexley}", "--format", "csv")
    claims = {row["claim"] for row in csv.DictReader(io.StringIO(out.decode()))}
    assert code == 0 and bexley in claims and BURY not in claims
    code, _, err = run("query", "07-provenance", "--param", "nope=1")
    assert code == 2 and "has no parameter nope" in err
    code, _, err = run("query", "07-provenance", "--param", "entity")
    assert code == 2 and "write it as NAME=VALUE" in err


def test_query_syntax_error_is_reported_with_position(run):
    code, _, err = run("query", "SELECT ?x WHERE { ?x ?y }")
    assert code == 2 and "invalid SPARQL" in err and "1:" in err


def test_query_missing_file_is_an_error(run):
    code, _, err = run("query", "no-such-file.rq")
    assert code == 2 and "no-such-file.rq" in err


def test_export_unknown_entity_is_an_error(run):
    code, _, err = run("export", "--entity", "https://w3id.org/sendkg/id/council/atlantis")
    assert code == 2 and "unknown entity" in err


def test_export_bad_format_is_rejected(run):
    code, _, err = run("export", "--format", "docx")
    assert code == 2 and "invalid choice" in err


def test_export_entity_neighbourhood(run):
    code, out, _ = run("export", "--entity", BURY, "--depth", "1", "--format", "ntriples")
    graph = Graph().parse(data=out, format="nt")
    assert code == 0 and len(graph) > 0
    assert all(BURY in (str(s), str(o)) for s, _, o in graph)


def test_validate_reports_a_malformed_file(run, tmp_path):
    import shutil
    from graph.paths import DATA_DIR
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    bad = sorted((data / "sources").glob("*.yaml"))[0]
    bad.write_text(bad.read_text() + "\n  - id: council/x\n    type: Council\n    label: [unclosed\n")
    code, _, err = run("validate", "--data", str(data))
    assert code == 1 and f"{bad.name}:" in err and "YAML syntax error" in err


def test_validate_passes_on_the_real_data(run):
    code, _, err = run("validate")
    assert code == 0, err


def test_stats_counts_councils(run):
    code, out, _ = run("stats")
    assert code == 0 and b"triples:" in out and b"council" in out


def test_commands_without_a_store_say_how_to_get_one(tmp_path, capsys):
    assert main(["stats", "--var", str(tmp_path / "empty")]) == 2
    assert "sendkg build" in capsys.readouterr().err
