"""Page models: pure ``get_*(..., store) -> model`` functions (pyLODE's pattern) that run the page queries of
``graph/queries/pages/`` through the store protocol and shape the answers for templates and JSON twins."""
