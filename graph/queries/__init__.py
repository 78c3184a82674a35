"""SPARQL as files."""

from graph.queries.loader import NamedQuery, canned_queries, canned_query, read_query, report_query, violation_checks

__all__ = ["NamedQuery", "canned_queries", "canned_query", "read_query", "report_query", "violation_checks"]
