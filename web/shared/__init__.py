"""What every view shares: the app's store and executor (``context``), responses (``responses``), content
negotiation (``conneg``), the SPARQL Protocol request reader (``protocol``), CORS (``cors``), links between
IRIs and pages (``links``) and how literals read (``formatting``). Nothing here imports a view or a model."""
