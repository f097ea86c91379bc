"""Persistence: the counter's local SQLite store and the central PostgreSQL database. No Qt.

The rule (enforced by tests/test_architecture.py):

- All SQL and ORM work lives here. Only ``db/`` imports sqlalchemy, alembic or a
  database driver, defines tables (``db.models``, ``db.sync.local_models``) or opens
  a session (``Store.transaction`` / ``Store.reading``).
- ``db/`` exposes a ``Store`` (``db.store``) and *named* queries and commands that
  take it and plain values and return frozen records (``db.records``), never ORM
  rows or sessions: ``db.dossiers`` (receive, find, list, reschedule),
  ``db.corrections`` (a stored dossier's corrections), ``db.papers`` (slip prints,
  the register), ``db.photos``, ``db.sync.local``
  (sync status and configuration), ``db.sync.round`` / ``db.sync.worker`` (a sync
  round and its thread) and ``db.central`` (setting up the centre). Their failures
  are their own exceptions (``SerialsExhausted``, ``DossierMissing``,
  ``CentralSchemaError``, ``PointError``, ``SyncError``), not the driver's.
- ``db/`` knows nothing of ``app/``, ``ui/``, ``printing/`` or ``camera/``: it stores
  the strings it is given (statuses, verdicts, slip kinds; what they mean is
  ``app.verdicts``), and where a rule of the domain must run inside a transaction
  the caller passes it in (``ReceptionWrite.check``, ``reschedule``'s and
  ``store_correction``'s ``decide``).
- ``app/`` use cases call these entry points; ``ui/`` reaches the store only through
  ``app/`` (e.g. ``app.counter.CounterSession.open``).
"""
