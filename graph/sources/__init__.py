"""Sources: data files -> records."""
