"""Alembic environment of the central database: runs on the connection ``init`` opened.

The version table lives in the ``motcua`` schema with everything else, so the
central database's ``public`` schema is left alone.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from db.central.schema import SCHEMA

connection = context.config.attributes["connection"]
connection.execute(text(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}"))
context.configure(
    connection=connection,
    target_metadata=None,
    version_table_schema=SCHEMA,
    transactional_ddl=True,
)
with context.begin_transaction():
    context.run_migrations()
