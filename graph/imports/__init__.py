"""Imports: regenerate the project's tidy data files under ``data/`` from the read-only material in ``../shared/``.

The build reads only ``data/``; these steps are how ``data/`` is brought up to date with the shared material,
reproducibly (running one twice gives identical files). ``sendkg import`` runs each step in turn.

- ``facts``: ``shared/data/safety_valve_facts.csv`` -> ``data/facts/safety_valve_facts.csv``, keeping each
  row's stable ``id`` (old rows matched to new ones, new rows given readable ids).
- ``stats``: ``shared/data/dfe/`` and ``shared/data/local_authorities.csv`` -> ``data/stats/`` (the 152 councils,
  and each DfE statistics file's figures in tidy form with its metadata), read by ``councils``, ``dfe_tables``
  and ``sheets`` (.xlsx through openpyxl, .ods through odfpy).
- ``inspections`` (with ``ods``, an odfpy sheet reader): Ofsted's area SEND inspection files in
  ``shared/data/dfe/`` -> ``data/inspections/`` (2016-framework inspections and revisits, 2023-framework
  inspections, and ``sources.yaml`` describing the two files).
"""
