"""Exports: formats and serialisation."""
