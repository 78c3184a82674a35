"""The namespace module and the ontology agree term for term, and every own term is documented."""

import ast

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from graph.terms import SKG
from graph.paths import ONTOLOGY_FILE, ROOT

NS = str(SKG._NS)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE)


def _ontology_terms(ontology: Graph) -> set[str]:
    return {str(s)[len(NS):] for s in ontology.subjects() if isinstance(s, URIRef) and str(s).startswith(NS)}


def _module_terms() -> set[str]:
    return set(SKG.__annotations__)


def test_module_and_ontology_define_the_same_terms(ontology):
    in_ontology, in_module = _ontology_terms(ontology), _module_terms()
    assert in_ontology - in_module == set(), "terms in the ontology missing from graph/terms.py"
    assert in_module - in_ontology == set(), "terms in graph/terms.py the ontology does not define"


def test_misspelt_term_raises_instead_of_minting_an_iri():
    with pytest.raises(AttributeError):
        SKG.Councill  # noqa: B018


def test_every_own_term_has_label_and_comment(ontology):
    for term in _ontology_terms(ontology):
        iri = SKG[term]
        assert ontology.value(iri, RDFS.label) is not None, f"{term} has no rdfs:label"
        assert ontology.value(iri, RDFS.comment) is not None, f"{term} has no rdfs:comment"


OPEN_PROPERTIES = {SKG.about}  # deliberately unconstrained: a claim may be about anything


def test_every_object_property_has_a_domain_or_range(ontology):
    for prop in set(ontology.subjects(RDF.type, OWL.ObjectProperty)) - OPEN_PROPERTIES:
        assert (prop, RDFS.range, None) in ontology or (prop, RDFS.domain, None) in ontology, prop


def test_ontology_header_names_title_version_licence_creator(ontology):
    from graph.terms import ONTOLOGY_IRI
    from rdflib.namespace import DCTERMS
    for prop in (DCTERMS.title, DCTERMS.description, OWL.versionIRI, DCTERMS.license, DCTERMS.creator):
        assert ontology.value(ONTOLOGY_IRI, prop) is not None, prop


def test_no_sendkg_iri_is_spelt_by_hand_in_code():
    """Only graph/terms.py may contain the ontology or data base IRIs as string literals in Python (graph/, web/, bench/)."""
    offenders = []
    for path in [p for part in ("graph", "web", "bench") for p in (ROOT / part).rglob("*.py")]:
        if path.relative_to(ROOT).as_posix() == "graph/terms.py":
            continue
        tree = ast.parse(path.read_text())
        docstrings = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)}
        for node in ast.walk(tree):
            if id(node) not in docstrings and isinstance(node, ast.Constant) and isinstance(node.value, str) and "w3id.org/sendkg" in node.value:
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []
