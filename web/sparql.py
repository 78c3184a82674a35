"""The SPARQL 1.1 Protocol endpoint (placeholder blueprint; the endpoint issue fills it in)."""

from flask import Blueprint

bp = Blueprint("sparql", __name__)
