"""SPARQL as files: the loader, safe SPARQL text, the lexical scan of untrusted queries, and the ``.rq`` files by role.

- ``loader``: ``NamedQuery`` (title, description, parameters) for every ``.rq`` under ``canned/``,
  ``checks/``, ``pages/``, ``exports/`` and ``reports/``; ``bind`` is the only way a value enters a query.
- ``text``: writing values as SPARQL terms, and the lexer (comments, strings, IRIs) scans share.
- ``scan``: what an untrusted query text is (its form, SERVICE, nesting depth) before anything runs it.
"""

from graph.queries.loader import (
    NamedQuery, Param, ParameterError, QueryFileError, all_query_files, canned_queries, canned_query, derivations, query_file,
    read_query, violation_checks,
)

__all__ = ["NamedQuery", "Param", "ParameterError", "QueryFileError", "all_query_files", "canned_queries", "derivations",
           "canned_query", "query_file", "read_query", "violation_checks"]
