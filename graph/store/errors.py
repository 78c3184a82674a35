"""The one family of errors the store package raises; the web layer maps each class to one HTTP status.

A remote server's own answers keep their meaning: its 400 is a ``QuerySyntaxError``, its 406 a
``NotAcceptable``, its 502/503/504 or silence a ``StoreUnavailable``.
"""

from __future__ import annotations


class StoreError(Exception):
    """Something the store could not do; the subclass says what."""


class StoreMissing(StoreError, FileNotFoundError):
    """No validated build exists yet (run ``sendkg build``)."""


class QueryError(StoreError):
    """A query that could not be answered; subclasses say why."""


class QuerySyntaxError(QueryError):
    """The parser rejected the query (the message gives line and column)."""


class QueryTooDeep(QueryError):
    """The query nests brackets deeper than the executor allows; refused before any parser sees it."""


class QueryRefused(QueryError):
    """The query asks for something this endpoint never does (update, SERVICE)."""


class QueryUnsupported(QueryError):
    """A well-formed request this store cannot honour (the protocol dataset on a remote store)."""


class NotAcceptable(QueryError):
    """No format the client accepts can carry this kind of result."""


class QueryTimeout(QueryError):
    """The query ran past the time limit and was stopped."""


class ServerBusy(QueryError):
    """Every worker stayed busy for the whole time limit."""


class TooManyRequests(QueryError):
    """The client is over its share (queries in flight, or query time in the window): refused before queueing."""

    def __init__(self, message: str, retry_after: int = 1):
        super().__init__(message)
        self.retry_after = retry_after

    def __reduce__(self):
        return (type(self), (str(self), self.retry_after))


class QueryFailed(QueryError):
    """The query parsed but its evaluation failed (or its worker died)."""


class RemoteStoreError(StoreError):
    """The remote SPARQL server did not give a usable answer."""


class StoreUnavailable(RemoteStoreError):
    """The remote server could not be reached, or did not answer within the time allowed."""

    def __init__(self, url: str, cause: object):
        super().__init__(f"SPARQL server {url} unavailable: {cause}")
        self.url = url
        self.cause = cause

    def __reduce__(self):
        return (type(self), (self.url, self.cause))
