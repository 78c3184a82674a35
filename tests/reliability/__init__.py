"""Reliability under hostile input, load and faults (issue 6); docs/reliability.md maps every row to a test here."""
