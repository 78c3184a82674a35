"""The build: records -> RDF -> validation -> a published store."""

from graph.build.pipeline import BuildFailed, build, check_graph, compile_graph

__all__ = ["BuildFailed", "build", "check_graph", "compile_graph"]
