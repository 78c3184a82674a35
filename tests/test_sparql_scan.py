"""The lexical scan finds SERVICE and the operation only where a SPARQL parser would see them."""

from __future__ import annotations

import pytest

from graph.queries.scan import scan

SERVICE_USED = [
    "SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "select * { service silent <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * { ?s ?p ?o .SERVICE<http://x/>{?a ?b ?c} }",
    "SELECT * { VALUES ?e { <http://x/> } SERVICE ?e { ?s ?p ?o } }",
    "SELECT * { SERVICE?e{ ?s ?p ?o } }",
    "PREFIX : <http://x/>\nSELECT * {\n  # a comment\n  SERVICE :endpoint { ?s ?p ?o }\n}",
    'SELECT * { ?s ?p "a \\" quote" SERVICE <http://x/> { } }',
    "SELECT * { FILTER(?a<?b)#>\nSERVICE <http://x/> { } }",
    "SELECT * { \\u0053ERVICE <http://x/> { ?s ?p ?o } }",
    'SELECT * { ?s ?p "a\\u0022" SERVICE <http://evil/> { } FILTER(?o = "x") }',
    "SELECT * WHERE { { SELECT * { SERVICE <http://x/> { ?s ?p ?o } } } }",
    "ASK { SERVICE <http://x/> {} }",
]

SERVICE_NOT_USED = [
    'SELECT * { ?s ?p "SERVICE <http://x/> { }" }',
    "SELECT * { ?s ?p '''multi\nline SERVICE''' }",
    'SELECT * { ?s ?p """SERVICE"""  }',
    "SELECT * { ?s <http://example.org/SERVICE> ?o }",
    "SELECT * { ?s ?p ?o } # SERVICE <http://x/> { }",
    "SELECT ?service { ?service ?p ?o }",
    "SELECT $service { $service ?p ?o }",
    "PREFIX skg: <https://w3id.org/sendkg/ontology#>\nSELECT * { ?s skg:service ?o }",
    "PREFIX service: <http://x/>\nSELECT * { ?s service:p ?o }",
    "SELECT * { _:service ?p ?o }",
    "SELECT * { ?s ?p ?o FILTER(?o = 'SERVICE') }",
    "SELECT * { ?s ?p ?servicex }",
]


@pytest.mark.parametrize("query", SERVICE_USED)
def test_service_is_found(query):
    assert scan(query).service


@pytest.mark.parametrize("query", SERVICE_NOT_USED)
def test_service_word_elsewhere_is_not_a_keyword(query):
    assert not scan(query).service


@pytest.mark.parametrize(("query", "form"), [
    ("SELECT * { ?s ?p ?o }", "SELECT"),
    ("PREFIX select: <http://x/>\nASK { ?s select:p ?o }", "ASK"),
    ("BASE <http://x/construct/>\nCONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
    ("# SELECT in a comment\nDESCRIBE <http://x/>", "DESCRIBE"),
    ("describe ?s where { ?s ?p ?o }", "DESCRIBE"),
    ("INSERT DATA { <http://a> <http://b> <http://c> }", "UPDATE"),
    ("PREFIX ex: <http://x/>\nDELETE WHERE { ?s ?p ?o }", "UPDATE"),
    ("LOAD <http://x/>", "UPDATE"),
    ("CLEAR ALL", "UPDATE"),
    ("WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "UPDATE"),
    ("DROP SILENT GRAPH <http://g>", "UPDATE"),
    ("{ ?s ?p ?o }", None),
    ("", None),
])
def test_form_is_the_first_keyword(query, form):
    assert scan(query).form == form
