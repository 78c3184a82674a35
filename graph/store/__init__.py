"""The store every reader queries."""

from graph.store.embedded import (
    HELD_BY, NotAcceptable, SparqlReads, Store, StoreMissing, current_build, hold_build, is_held, publish_build,
    release_build, reopen,
)

__all__ = ["HELD_BY", "NotAcceptable", "SparqlReads", "Store", "StoreMissing", "current_build", "hold_build",
           "is_held", "publish_build", "release_build", "reopen"]
