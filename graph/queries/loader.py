"""SPARQL files as first-class objects: every ``.rq`` under ``graph/queries/`` opens with a header.

Header lines are ``# title: ...`` and ``# description: ...`` (required) and one ``# param:`` line per
parameter: ``# param: NAME TYPE [(default VALUE)] [what it is]``, TYPE one of ``iri``, ``string``,
``integer``, ``iris``, ``strings`` (a default IRI may be a CURIE of the project's prefixes). The text uses
a parameter as ``$NAME``; ``NamedQuery.bind`` writes the values in through ``graph.queries.text`` and nowhere
else. Roles come from the folder: ``canned/`` are shown in the UI and served by name, ``checks/*-violation.rq``
must return no rows (the build fails otherwise), ``derive/`` are the build's own steps (every triple they
construct is added to the graph before it is checked), ``pages/`` are what the web pages run, ``exports/``
what dumps and descriptions run, ``reports/`` what the CLI and the stores run; ``construct-*`` files build graphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from graph.paths import QUERIES_DIR
from graph.queries import text as sparql
from graph.terms import PREFIXES

HEADER = re.compile(r"^#\s*(title|description|param):\s*(.+?)\s*$")
PARAM = re.compile(r"^(?P<name>[A-Za-z_]\w*)\s+(?P<type>\w+)(?:\s+\(default\s+(?P<default>[^)]*)\))?(?:\s+(?P<doc>.+))?$")
ROLES = {"canned": "canned", "checks": "violation", "pages": "page", "exports": "export", "reports": "report",
         "derive": "derive"}


class QueryFileError(ValueError):
    """A query file whose header or parameters are wrong; the message names the file."""


class ParameterError(ValueError):
    """A value given for a query's parameter is missing, unknown or not of its type."""


@dataclass(frozen=True)
class Param:
    """A query parameter: name, type, default (None: required) and what it is."""

    name: str
    type: str
    default: str | None = None
    doc: str = ""


@dataclass(frozen=True)
class NamedQuery:
    """A SPARQL query file: its name (file stem), title, description, text, role, path and parameters."""

    name: str
    title: str
    description: str
    text: str
    role: str
    path: Path
    params: tuple[Param, ...] = ()

    def bind(self, **values) -> str:
        """The text with every parameter written in (``values``, else its default); ``ParameterError`` if wrong."""
        unknown = sorted(set(values) - {p.name for p in self.params})
        if unknown:
            raise ParameterError(f"{self.name} has no parameter {', '.join(unknown)}; it takes {self.param_names()}")
        written = {}
        for param in self.params:
            value = values.get(param.name, param.default)
            if value is None:
                raise ParameterError(f"{self.name} needs a value for {param.name} ({param.type})")
            try:
                written[param.name] = sparql.term(param.type, value)
            except ValueError as error:
                raise ParameterError(f"{param.name}: {error}") from None
        return sparql.bind(self.text, written)

    @property
    def body(self) -> str:
        """The text without its header comment lines (what an editor shows)."""
        lines = self.text.splitlines(keepends=True)
        return "".join(lines[next((i for i, line in enumerate(lines) if not HEADER.match(line)), len(lines)):])

    def param_names(self) -> str:
        """The parameter names, for messages ('nothing' if none)."""
        return ", ".join(p.name for p in self.params) or "nothing"


def expand(value: str, kind: str) -> str:
    """A default as written in a header: a CURIE of the project's prefixes expands to its IRI."""
    prefix, colon, local = value.partition(":")
    if kind in ("iri", "iris") and colon and prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return value


def parse_param(line: str, path: Path) -> Param:
    """One ``# param:`` header value."""
    match = PARAM.match(line)
    if not match or match["type"] not in sparql.TYPES:
        raise QueryFileError(f"{path}: bad '# param: {line}': expected NAME TYPE [(default VALUE)] [doc], "
                             f"TYPE one of {', '.join(sparql.TYPES)}")
    default = expand(match["default"], match["type"]) if match["default"] is not None else None
    return Param(match["name"], match["type"], default, match["doc"] or "")


def read_query(path: Path, role: str) -> NamedQuery:
    """Parse one ``.rq`` file and its header; ``QueryFileError`` names the file if the header is wrong."""
    text = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    params: list[Param] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = HEADER.match(line)
        if match and match[1] == "param":
            params.append(parse_param(match[2], path))
        elif match:
            key, value = match.groups()
            header[key] = (header[key] + " " + value) if key in header else value
    missing = [k for k in ("title", "description") if k not in header]
    if missing:
        raise QueryFileError(f"{path}: missing header line(s) {', '.join('# ' + m + ':' for m in missing)}")
    used, declared = sparql.parameters_in(text), {p.name for p in params}
    if used != declared:
        raise QueryFileError(f"{path}: the text uses parameters {sorted(used)} but the header declares {sorted(declared)}")
    return NamedQuery(path.stem, header["title"], header["description"], text, role, path, tuple(params))


@lru_cache(maxsize=None)
def _load(folder: Path, role: str, pattern: str) -> tuple[NamedQuery, ...]:
    return tuple(read_query(p, role) for p in sorted(folder.glob(pattern)))


def canned_queries(folder: Path = QUERIES_DIR) -> tuple[NamedQuery, ...]:
    """The canned queries shown to users, in file-name order."""
    return _load(folder / "canned", "canned", "*.rq")


def derivations(folder: Path = QUERIES_DIR) -> tuple[NamedQuery, ...]:
    """The build's own ``derive/construct-*.rq`` steps, in file-name order."""
    return _load(folder / "derive", "derive", "construct-*.rq")


def violation_checks(folder: Path = QUERIES_DIR) -> tuple[NamedQuery, ...]:
    """The ``*-violation.rq`` checks: each must return no rows on valid data."""
    return _load(folder / "checks", "violation", "*-violation.rq")


def canned_query(name: str, folder: Path = QUERIES_DIR) -> NamedQuery | None:
    """The canned query called ``name``, or None."""
    return next((q for q in canned_queries(folder) if q.name == name), None)


def query_file(role_folder: str, name: str, folder: Path = QUERIES_DIR) -> NamedQuery:
    """The query ``graph/queries/<role_folder>/<name>.rq`` (pages, exports, reports) the code itself runs."""
    if role_folder not in ROLES:
        raise QueryFileError(f"no query folder {role_folder!r}; folders are {', '.join(ROLES)}")
    found = next((q for q in _load(folder / role_folder, ROLES[role_folder], "*.rq") if q.name == name), None)
    if found is None:
        raise QueryFileError(f"no query {role_folder}/{name}.rq under {folder}")
    return found


def all_query_files(folder: Path = QUERIES_DIR) -> tuple[NamedQuery, ...]:
    """Every query file of every role folder."""
    return tuple(q for role_folder, role in ROLES.items() for q in _load(folder / role_folder, role, "*.rq"))
