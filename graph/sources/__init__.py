"""Sources: the data files of ``data/`` read into ``Record``s, the one shape the build turns into RDF.

- ``yaml_files``: one curated YAML file per source document (``data/sources/*.yaml``).
- ``fact_table``: the shared fact table (``data/facts/safety_valve_facts.csv``), row by row, with ``events``
  (``data/facts/events.yaml``: the events no rule names, and preferred claims),
  ``fact_types`` (one table: each fact type's label, class, broader kind and derivation rules),
  ``rules`` (the rules), ``derivation`` (the entities rules declare) and ``fact_values`` (value parsers).
- ``inspection_files``: Ofsted's inspection data as the import keeps it (``data/inspections/``): one event per
  inspection and revisit, shared with the fact table's rows about it, and the file's claim about it.
- ``stats``: the tidy statistics (``data/stats/``): every council's codes and region as records, and each
  dataset's figures for ``graph/build/cube.py``.
- ``themes``: the curated mapping of mandated improvement areas to improvement themes
  (``data/themes/mapping.yaml``), each link a claim with the curator's confidence and reason.
- ``records``: ``Record`` and the data errors, each naming its file and line.
"""

from __future__ import annotations

from pathlib import Path

from graph.sources.events import read_events
from graph.sources.fact_table import read_facts, source_urls
from graph.sources.inspection_files import read_inspection_files
from graph.sources.records import Record
from graph.sources.stats import council_records
from graph.sources.themes import read_themes
from graph.sources.yaml_files import read_sources

FACT_TABLE = Path("facts") / "safety_valve_facts.csv"
EVENTS = Path("facts") / "events.yaml"
INSPECTIONS = Path("inspections")
STATS = Path("stats")
THEMES = Path("themes") / "mapping.yaml"


def read_records(data_dir: Path) -> list[Record]:
    """Every record of ``data_dir``: its YAML sources, then the fact table (joined to those sources by URL).

    Error locations read ``data/sources/x.yaml:12``: paths are shown from the data folder's parent.
    """
    data_dir = data_dir.resolve()
    shown_from = data_dir.parent
    records = read_sources(data_dir / "sources", shown_from)
    events = data_dir / EVENTS
    plan = read_events(events, str(events.relative_to(shown_from)))
    records += read_facts(data_dir / FACT_TABLE, shown_from, source_urls(records), plan)
    themes = data_dir / THEMES
    records += read_inspection_files(data_dir / INSPECTIONS, shown_from)
    records += read_themes(themes, str(themes.relative_to(shown_from)), records)
    labelled = {record.id: record for record in records if record.props.get("label")}
    return records + council_records(data_dir / STATS, shown_from, labelled)
